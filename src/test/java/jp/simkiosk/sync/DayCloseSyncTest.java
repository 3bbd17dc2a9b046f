package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloseSink.CloseDelivery;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.sync.CatalogService;
import jp.simkiosk.application.sync.DayCloseSender.Round;
import jp.simkiosk.application.sync.HeartbeatService;
import jp.simkiosk.application.sync.UpstreamSync;
import jp.simkiosk.backoffice.BackOfficeStore.StoredEvent;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.testutil.MutableClock;
import jp.simkiosk.testutil.ZReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UpstreamSync} sending closed days to the reference back office over loopback from a real journal
 * file: a close waits until no sale event written before it is pending and goes right after them; offline for
 * days and restarted in between, it is sent once when the back office is back; a rejection is kept with its
 * reason and not sent again.
 */
class DayCloseSyncTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final List<String> closeArrivals = Collections.synchronizedList(new ArrayList<>());
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;
    private UpstreamSync sync;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        startKiosk();
    }

    /** The kiosk (again) on the same journal file, as after a restart. */
    private void startKiosk() throws Exception {
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new UpstreamContractTest.RecordingDeferredFulfilments());
        CatalogService catalog = new CatalogService(kiosk.upstream, kiosk.journal.catalogCache(),
                ConfigLoader.catalogValidator(), ConfigLoader.readPlans(BackOfficeFixture.PLANS), clock);
        sync = new UpstreamSync(kiosk.sender, kiosk.closeSender, catalog,
                new HeartbeatService(List.of(), kiosk.outbox, catalog::etag, kiosk.upstream, clock), kiosk.outbox,
                clock, UpstreamSync.Settings.withKeepDays(30));
    }

    @AfterEach
    void stop() {
        sync.close();
        kiosk.close();
        backOffice.close();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZReports.TOKYO);
    }

    private ZReport closeToday(int sold) {
        ZReport report = ZReports.of(BackOfficeFixture.KIOSK, today(), clock.instant(), "佐藤", sold);
        kiosk.closes.close(report);
        return report;
    }

    private Set<String> eventIdsAtTheBackOffice() {
        Set<String> ids = new HashSet<>();
        for (StoredEvent e : backOffice.store.events()) ids.add(e.eventId());
        return ids;
    }

    @Test
    void aCloseWaitsForTheEventsWrittenBeforeItAndGoesRightAfterThem() {
        backOffice.server().addRequestListener(r -> {
            if (r.path().endsWith("/day-closes")) closeArrivals.add(String.join(",", eventIdsAtTheBackOffice()));
        });
        List<String> beforeClose = kiosk.sellCompleted(2);
        clock.advance(Duration.ofMinutes(1));
        closeToday(3);
        clock.advance(Duration.ofSeconds(1));
        kiosk.sellCompleted(1); // a sale after the close: its events do not hold the close back

        Round waiting = sync.sendDayCloses();
        assertThat(waiting).isInstanceOf(Round.WaitingForEvents.class);
        assertThat(((Round.WaitingForEvents) waiting).day()).isEqualTo(today());
        kiosk.sender.sendOnce(); // 4 of the 6 events written before the close
        assertThat(sync.sendDayCloses()).isInstanceOf(Round.WaitingForEvents.class);
        assertThat(backOffice.store.dayCloses()).isEmpty();

        kiosk.sender.sendOnce(); // the last 2 of them, and 2 of the later sale's
        assertThat(kiosk.outbox.status().pending()).as("an event of the later sale still pending").isEqualTo(1);
        assertThat(sync.sendDayCloses()).isEqualTo(new Round.Sent(1, 0, 0));
        assertThat(closeArrivals).singleElement().satisfies(held ->
                assertThat(Set.of(held.split(","))).containsAll(beforeClose));
        assertThat(backOffice.store.dayCloses()).hasSize(1);
        assertThat(kiosk.closes.latest(1).get(0).answer()).contains(Outbox.Outcome.ACCEPTED);
        assertThat(sync.sendDayCloses()).isEqualTo(new Round.Idle());
    }

    @Test
    void offlineForDaysAndRestartedTheCloseIsSentOnceWhenTheBackOfficeIsBack() throws Exception {
        kiosk.sellCompleted(1);
        kiosk.drain(5);
        ZReport report = closeToday(3);
        backOffice.down();

        int failures = 0;
        for (int i = 0; i < 12; i++) {
            Round r = sync.sendDayCloses();
            if (r instanceof Round.Failed f) {
                failures++;
                assertThat(f.failuresInARow()).isEqualTo(failures);
                clock.advance(f.retryIn());
            } else {
                assertThat(r).isInstanceOf(Round.NotDue.class);
            }
            clock.advance(Duration.ofHours(4)); // two days pass
        }
        assertThat(failures).isEqualTo(12);
        assertThat(kiosk.closes.owed()).containsExactly(new DayCloseOutbox.Owed(report, 12));
        assertThat(kiosk.closes.latest(1).get(0).lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("unreachable"));

        sync.close();
        kiosk.close();
        startKiosk();
        assertThat(kiosk.closes.waiting()).as("still owed after the restart").isEqualTo(1);

        backOffice.up();
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE); // stored upstream, answer lost
        assertThat(sync.sendDayCloses()).isInstanceOf(Round.Failed.class);
        backOffice.faults.clear();
        Round r;
        do {
            r = sync.sendDayCloses();
            if (r instanceof Round.NotDue n) clock.advance(Duration.between(clock.instant(), n.until()));
        } while (r instanceof Round.NotDue);
        assertThat(r).isEqualTo(new Round.Sent(0, 1, 0));
        assertThat(sync.sendDayCloses()).isEqualTo(new Round.Idle());
        assertThat(backOffice.store.dayCloses()).as("applied once upstream").singleElement()
                .satisfies(c -> assertThat(c.closedAt()).isEqualTo(report.closedAt()));
        assertThat(kiosk.closes.latest(1).get(0).answer()).contains(Outbox.Outcome.DUPLICATE);
    }

    @Test
    void aRejectedCloseIsKeptWithItsReasonAndNotSentAgain() {
        ZReport elsewhere = ZReports.of(BackOfficeFixture.KIOSK, today(), clock.instant(), "別の端末", 5);
        assertThat(kiosk.upstream.deliver(elsewhere)).isEqualTo(new CloseDelivery.Accepted());
        clock.advance(Duration.ofMinutes(5));
        closeToday(3);
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        backOffice.server().addRequestListener(rq -> requests.add(rq.path()));

        assertThat(sync.sendDayCloses()).isEqualTo(new Round.Sent(0, 0, 1));
        assertThat(sync.sendDayCloses()).isEqualTo(new Round.Idle());
        assertThat(requests).hasSize(1);
        DayCloseOutbox.Sending s = kiosk.closes.latest(1).get(0);
        assertThat(s.rejected()).isTrue();
        assertThat(s.reason()).startsWith("DIFFERENT_REPORT");
        assertThat(kiosk.closes.waiting()).isZero();
    }
}
