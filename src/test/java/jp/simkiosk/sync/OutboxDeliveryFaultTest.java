package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.simkiosk.application.sync.DeferredFulfilments;
import jp.simkiosk.application.sync.OutboxSender.Round;
import jp.simkiosk.backoffice.BackOfficeStore.StoredEvent;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox drained through real HTTP to the reference back office on loopback while it fails in every
 * way the contract must survive; after it recovers every event is there exactly once, in order, and the
 * kiosk's queue is empty.
 */
class OutboxDeliveryFaultTest {

    /** No deferred renewals in these tests: any call is a failure. */
    private static final DeferredFulfilments NONE = new DeferredFulfilments() {
        @Override
        public void applied(SaleId sale, Instant newExpiry) {
            throw new AssertionError("no deferred renewal here");
        }

        @Override
        public void rejected(SaleId sale, String reason) {
            throw new AssertionError("no deferred renewal here");
        }
    };

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), java.time.ZoneId.of("Asia/Tokyo"));
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(1), NONE);
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    /** Upstream holds exactly these events, once each, in this order, and the kiosk has none pending. */
    private void assertDeliveredExactlyOnceInOrder(List<String> eventIds) {
        List<StoredEvent> stored = backOffice.store.events();
        assertThat(stored).extracting(StoredEvent::eventId).containsExactlyElementsOf(eventIds);
        assertThat(stored).extracting(StoredEvent::sequence).isSorted();
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(kiosk.outbox.statusesInOrder()).hasSize(eventIds.size()).doesNotContain("PENDING");
    }

    @Test
    void upstreamDownForTheWholeRunKeepsEverythingQueuedWithGrowingBackOffThenDrains() throws Exception {
        List<String> ids = kiosk.sellCompleted(5);
        backOffice.down();
        List<Round> rounds = kiosk.drain(6);

        assertThat(rounds).hasSize(6).allMatch(r -> r instanceof Round.Failed);
        assertThat(rounds).extracting(r -> ((Round.Failed) r).failuresInARow()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(((Round.Failed) rounds.get(5)).retryIn()).isGreaterThan(((Round.Failed) rounds.get(0)).retryIn());
        assertThat(kiosk.outbox.status().pending()).isEqualTo(ids.size());
        // while backing off nothing is sent
        assertThat(kiosk.sender.sendOnce()).isInstanceOf(Round.Failed.class);
        assertThat(kiosk.sender.sendOnce()).isInstanceOf(Round.NotDue.class);

        backOffice.up();
        kiosk.drain(20);
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void syncNowCutsTheBackOffShortButAFurtherFailureWaitsLonger() throws Exception {
        List<String> ids = kiosk.sellCompleted(2);
        backOffice.down();
        Round.Failed first = (Round.Failed) kiosk.sender.sendOnce();
        assertThat(kiosk.sender.sendOnce()).as("backing off, the clock has not moved").isInstanceOf(Round.NotDue.class);

        kiosk.sender.retryNow();
        Round again = kiosk.sender.sendOnce();
        assertThat(again).as("tried at once").isInstanceOfSatisfying(Round.Failed.class, f -> {
            assertThat(f.failuresInARow()).isEqualTo(2);
            assertThat(f.retryIn()).as("a longer wait").isGreaterThanOrEqualTo(first.retryIn());
        });

        backOffice.up();
        kiosk.sender.retryNow();
        assertThat(kiosk.sender.sendOnce()).as("sent at once, back-off or not").isInstanceOf(Round.Sent.class);
        kiosk.drain(20);
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void answers500ThenRecovers() {
        List<String> ids = kiosk.sellCompleted(3);
        backOffice.faults.set(Faults.Mode.ERROR_500);
        assertThat(kiosk.drain(3)).allMatch(r -> r instanceof Round.Failed f && f.reason().contains("500"));
        assertThat(backOffice.store.events()).isEmpty();

        backOffice.faults.clear();
        kiosk.drain(20);
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void answersTooSlowlySoTheKioskTimesOutThenRecovers() {
        List<String> ids = kiosk.sellCompleted(2);
        backOffice.faults.slowDelay(Duration.ofMillis(1_600));
        backOffice.faults.set(Faults.Mode.SLOW);
        List<Round> rounds = kiosk.drain(2);
        assertThat(rounds).allMatch(r -> r instanceof Round.Failed f && f.reason().contains("no answer within"));

        backOffice.faults.clear();
        kiosk.drain(20);
        // the slow server did store what it got before the kiosk gave up: those came back as duplicates
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void dropsTheConnectionAfterStoringTheBatchSoTheKioskResendsWhatUpstreamHasAlready() {
        List<String> ids = kiosk.sellCompleted(3);
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE);
        assertThat(kiosk.drain(3)).allMatch(r -> r instanceof Round.Failed);
        // the first batch was stored the first time; its copies were recognised by event id
        assertThat(backOffice.store.events()).hasSize(4);
        assertThat(kiosk.outbox.status().pending()).isEqualTo(ids.size());

        backOffice.faults.clear();
        List<Round> recovery = kiosk.drain(20);
        assertThat(recovery.get(0)).isEqualTo(new Round.Sent(0, 4, 0, 0));
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void returnsMalformedJsonThenRecovers() {
        List<String> ids = kiosk.sellCompleted(2);
        backOffice.faults.set(Faults.Mode.MALFORMED_JSON);
        assertThat(kiosk.drain(2)).allMatch(r -> r instanceof Round.Failed f && f.reason().contains("malformed"));

        backOffice.faults.clear();
        kiosk.drain(20);
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void answersWithoutItsSignatureSoTheAnswerIsNotBelieved() {
        List<String> ids = kiosk.sellCompleted(1);
        backOffice.faults.unsigned(true);
        assertThat(kiosk.drain(1)).allMatch(r -> r instanceof Round.Failed f && f.reason().contains("signature"));
        assertThat(kiosk.outbox.status().pending()).isEqualTo(3);

        backOffice.faults.clear();
        kiosk.drain(20);
        assertDeliveredExactlyOnceInOrder(ids);
    }

    @Test
    void aPerEventRejectionIsKeptWithItsReasonAndNeverRetriedWhileTheRestGoesThrough() {
        List<String> ids = kiosk.sellCompleted(3);
        long rejectedSequence = kiosk.outbox.pending(100).get(4).sequence();
        backOffice.faults.rejectSequences(Set.of(rejectedSequence));
        List<Round> rounds = kiosk.drain(20);

        assertThat(rounds).contains(new Round.Sent(3, 0, 1, 0));
        assertDeliveredExactlyOnceInOrder(ids);
        assertThat(kiosk.outbox.statusesInOrder().get(4)).isEqualTo("REJECTED");
        assertThat(kiosk.outbox.rejected(10)).singleElement().satisfies(r -> {
            assertThat(r.event().sequence()).isEqualTo(rejectedSequence);
            assertThat(r.reason()).startsWith("INJECTED");
        });
        assertThat(backOffice.store.events().get(4).outcome()).isEqualTo("REJECTED");
        // never sent again
        int before = backOffice.store.events().size();
        assertThat(kiosk.drain(3)).containsExactly(new Round.Idle());
        assertThat(backOffice.store.events()).hasSize(before);
    }

    @Test
    void aKioskRestartInTheMiddleOfDrainingLosesAndDoublesNothing() {
        List<String> ids = kiosk.sellCompleted(4);  // 12 events, 3 batches
        assertThat(kiosk.sender.sendOnce()).isEqualTo(new Round.Sent(4, 0, 0, 0));
        // the second batch reaches upstream, the answer never reaches the kiosk, and the kiosk goes down
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE);
        assertThat(kiosk.sender.sendOnce()).isInstanceOf(Round.Failed.class);
        kiosk.close();
        backOffice.faults.clear();

        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(1), NONE);
        assertThat(kiosk.outbox.status().pending()).isEqualTo(8);
        List<String> more = kiosk.sellCompleted(1);  // sales go on after the restart
        List<Round> rounds = kiosk.drain(20);

        assertThat(rounds.get(0)).isEqualTo(new Round.Sent(0, 4, 0, 0));
        assertThat(more).hasSize(8 + 3);
        assertThat(backOffice.store.events()).hasSize(ids.size() + 3);
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(backOffice.store.events()).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(backOffice.store.events().subList(0, ids.size())).extracting(StoredEvent::eventId)
                .containsExactlyElementsOf(ids);
    }

    @Test
    void theBackgroundSenderDrainsNewSalesByItselfWhenWoken() throws Exception {
        // sold before the thread starts, so that the ids read from the queue are all there (a running sender may
        // already have taken the first sale's events off it)
        List<String> ids = kiosk.sellCompleted(3);
        kiosk.sender.start();
        kiosk.sender.wake();
        // the real server needs real time: wait (at most 10 s) for the sender's thread to empty the queue
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kiosk.outbox.status().pending() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        kiosk.sender.close();
        assertDeliveredExactlyOnceInOrder(ids);
    }
}
