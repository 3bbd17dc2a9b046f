package jp.simkiosk.adapter.persistence.sqlite;

import static jp.simkiosk.adapter.persistence.sqlite.Sales.MOBILE;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.T0;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.VISA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jp.simkiosk.application.port.ReprintQueue;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reprint list follows the paper steps in the same transaction: a failed paper puts the sale on it (once),
 * a printed one takes it off, and the list survives a restart.
 */
class SqliteReprintQueueTest {

    @TempDir
    Path dir;

    @Test
    void failedPaperIsListedUntilItIsPrinted() {
        Path file = dir.resolve("sales.db");
        SteppingClock clock = new SteppingClock(T0, Duration.ofSeconds(1));
        Sale completed = Sales.renewal(1, MOBILE, T0).paid(VISA).fulfilled(T0.plus(Duration.ofDays(30))).completed();
        Sale voided = Sales.renewal(2, MOBILE, T0).paid(VISA).voided(FailureReason.RENEWAL_REJECTED);
        Sale printed = Sales.renewal(3, MOBILE, T0).paid(VISA).fulfilled(T0.plus(Duration.ofDays(30))).completed();
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, clock)) {
            journal.record(completed, SaleStep.CAPTURED, "");
            journal.step(completed, SaleStep.RECEIPT_REQUESTED, "RECEIPT");
            journal.step(completed, SaleStep.RECEIPT_FAILED, "MEDIA");
            journal.record(voided, SaleStep.VOIDED, "RENEWAL_REJECTED");
            journal.step(voided, SaleStep.RECEIPT_FAILED, "NOT_PRINTED");
            journal.step(voided, SaleStep.RECEIPT_FAILED, "MEDIA");
            journal.record(printed, SaleStep.CAPTURED, "");
            journal.step(printed, SaleStep.RECEIPT_PRINTED, "18000");
            assertThat(journal.toReprint()).extracting(Sale::id).containsExactly(completed.id(), voided.id());
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, clock)) {
            assertThat(journal.toReprint()).extracting(Sale::id).containsExactly(completed.id(), voided.id());
            journal.step(completed, SaleStep.RECEIPT_REQUESTED, "RECEIPT");
            journal.step(completed, SaleStep.RECEIPT_PRINTED, "18000");
            assertThat(journal.toReprint()).extracting(Sale::id).containsExactly(voided.id());
        }
    }

    @Test
    void eachWaitingSaleSaysSinceWhenAndWhyFromItsFirstFailure() {
        SteppingClock clock = new SteppingClock(T0, Duration.ofSeconds(1));
        Sale completed = Sales.renewal(1, MOBILE, T0).paid(VISA).fulfilled(T0.plus(Duration.ofDays(30))).completed();
        Sale voided = Sales.renewal(2, MOBILE, T0).paid(VISA).voided(FailureReason.RENEWAL_REJECTED);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("sales.db"), clock)) {
            journal.record(completed, SaleStep.CAPTURED, "");
            journal.step(completed, SaleStep.RECEIPT_FAILED, "MEDIA");
            Instant firstFailure = journal.entries(completed.id()).get(1).at();
            journal.record(voided, SaleStep.VOIDED, "RENEWAL_REJECTED");
            journal.step(voided, SaleStep.RECEIPT_FAILED, "INTERRUPTED");
            journal.step(completed, SaleStep.RECEIPT_FAILED, "JAM"); // a second failure keeps the first reason

            assertThat(journal.waiting()).extracting(w -> w.sale().reference(), ReprintQueue.Waiting::reason)
                    .containsExactly(tuple(completed.reference(), "MEDIA"), tuple(voided.reference(), "INTERRUPTED"));
            assertThat(journal.waiting().get(0).since()).isEqualTo(firstFailure);
            assertThat(journal.waiting().get(1).sale().state()).isEqualTo(voided.state());
            assertThat(journal.waiting()).extracting(w -> w.sale().id())
                    .containsExactlyElementsOf(journal.toReprint().stream().map(Sale::id).toList());
        }
    }
}
