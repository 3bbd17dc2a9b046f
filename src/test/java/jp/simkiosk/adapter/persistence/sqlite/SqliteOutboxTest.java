package jp.simkiosk.adapter.persistence.sqlite;

import static jp.simkiosk.adapter.persistence.sqlite.Sales.MOBILE;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.T0;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.VISA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.application.port.CatalogCache;
import jp.simkiosk.application.port.Outbox.Outcome;
import jp.simkiosk.application.port.Outbox.Settlement;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.IllegalSaleTransition;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox in the journal file: filled with each step, settled by upstream's answers, pruned by age. */
class SqliteOutboxTest {

    @TempDir
    Path dir;

    private SteppingClock clock;
    private SqliteSaleJournal journal;
    private SqliteOutbox outbox;

    @BeforeEach
    void open() {
        clock = new SteppingClock(T0, Duration.ofSeconds(1));
        journal = SqliteSaleJournal.open(dir.resolve("sales.db"), clock);
        outbox = journal.outbox();
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void everyStepBecomesOnePendingEventCarryingTheSaleAsItWasThen() {
        Sale open = Sales.renewal(1, MOBILE, T0);
        journal.record(open, SaleStep.OPENED, "RENEW-3GB-30D");
        journal.step(open, SaleStep.PAYMENT_REQUESTED, "¥1,430");
        Sale paid = open.paid(VISA);
        journal.record(paid, SaleStep.PAYMENT_APPROVED, "");

        List<SaleEvent> events = outbox.pending(10);
        assertThat(events).extracting(SaleEvent::step)
                .containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_APPROVED);
        assertThat(events).extracting(SaleEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(SaleEvent::eventId).doesNotHaveDuplicates();
        assertThat(events.get(0).sale()).isEqualTo(open);
        assertThat(events.get(0).detail()).isEqualTo("RENEW-3GB-30D");
        assertThat(events.get(2).sale()).isEqualTo(paid);
        assertThat(events.get(2).sale().payment()).contains(VISA);
        assertThat(journal.entries(open.id())).extracting(e -> e.at())
                .containsExactlyElementsOf(events.stream().map(SaleEvent::at).toList());
        assertThat(outbox.status().pending()).isEqualTo(3);
        assertThat(outbox.status().oldestPendingAt()).contains(events.get(0).at());
    }

    @Test
    void aStepTheJournalRefusesWritesNoEvent() {
        Sale open = Sales.renewal(1, MOBILE, T0);
        journal.record(open.cancelled(FailureReason.CUSTOMER_CANCELLED), SaleStep.CANCELLED, "");
        assertThatThrownBy(() -> journal.record(open.paid(VISA), SaleStep.PAYMENT_APPROVED, ""))
                .isInstanceOf(IllegalSaleTransition.class);
        assertThat(outbox.pending(10)).extracting(SaleEvent::step).containsExactly(SaleStep.CANCELLED);
        assertThat(outbox.pending(10).get(0).sale().state()).isEqualTo(SaleState.CANCELLED);
    }

    @Test
    void settledEventsLeaveTheQueueRejectedOnesAreKeptWithTheirReasonAndPruningSparesThem() {
        Sale open = Sales.renewal(1, MOBILE, T0);
        for (int i = 0; i < 3; i++) journal.step(open, SaleStep.OPENED, "x" + i);
        List<SaleEvent> e = outbox.pending(10);
        Instant settledAt = T0.plus(Duration.ofDays(1));
        outbox.settle(List.of(new Settlement(e.get(0).eventId(), Outcome.ACCEPTED, ""),
                new Settlement(e.get(1).eventId(), Outcome.REJECTED, "PLAN_NOT_ALLOWED: no such plan")), settledAt);
        // an answer for an event already settled changes nothing
        outbox.settle(List.of(new Settlement(e.get(0).eventId(), Outcome.REJECTED, "late")), settledAt.plusSeconds(9));

        assertThat(outbox.pending(10)).extracting(SaleEvent::eventId).containsExactly(e.get(2).eventId());
        assertThat(outbox.statusesInOrder()).containsExactly("ACCEPTED", "REJECTED", "PENDING");
        assertThat(outbox.rejected(10)).singleElement().satisfies(r -> {
            assertThat(r.event().eventId()).isEqualTo(e.get(1).eventId());
            assertThat(r.reason()).isEqualTo("PLAN_NOT_ALLOWED: no such plan");
            assertThat(r.rejectedAt()).isEqualTo(settledAt);
        });
        assertThat(outbox.status().rejected()).isEqualTo(1);

        assertThat(outbox.pruneSettledBefore(settledAt)).isZero();
        assertThat(outbox.pruneSettledBefore(settledAt.plusNanos(1))).isEqualTo(1);
        assertThat(outbox.statusesInOrder()).containsExactly("REJECTED", "PENDING");
    }

    @Test
    void sequenceNumbersAreNeverReusedAfterPruning() {
        Sale open = Sales.renewal(1, MOBILE, T0);
        journal.step(open, SaleStep.OPENED, "");
        SaleEvent first = outbox.pending(1).get(0);
        outbox.settle(List.of(new Settlement(first.eventId(), Outcome.DUPLICATE, "")), T0);
        outbox.pruneSettledBefore(T0.plusSeconds(1));
        journal.step(open, SaleStep.PAYMENT_REQUESTED, "");
        assertThat(outbox.pending(1).get(0).sequence()).isGreaterThan(first.sequence());
    }

    @Test
    void eventsAndTheCachedCatalogSurviveReopening() {
        journal.step(Sales.renewal(1, MOBILE, T0), SaleStep.OPENED, "");
        journal.catalogCache().save(new CatalogCache.Cached("\"abc\"", T0, "{\"plans\":[]}"));
        List<SaleEvent> before = outbox.pending(10);
        journal.close();
        journal = SqliteSaleJournal.open(dir.resolve("sales.db"), clock);
        assertThat(journal.outbox().pending(10)).isEqualTo(before);
        assertThat(journal.catalogCache().load()).contains(new CatalogCache.Cached("\"abc\"", T0, "{\"plans\":[]}"));
        assertThat(journal.status().schemaVersion()).isEqualTo("9");
    }

    @Test
    void anEmptyCacheLoadsNothing() {
        assertThat(journal.catalogCache().load()).isEqualTo(Optional.empty());
    }
}
