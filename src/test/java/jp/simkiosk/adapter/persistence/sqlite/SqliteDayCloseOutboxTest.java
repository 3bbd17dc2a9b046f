package jp.simkiosk.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.testutil.ZReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed days owed upstream in a real journal file: the close and its queue entry commit together (a failing
 * queue write leaves the day open), a journal opened anew on the file after a crash still owes the close with the
 * very report closed, and an answer settles it once.
 */
class SqliteDayCloseOutboxTest {

    static final LocalDate DAY = LocalDate.of(2025, 4, 1);
    static final Instant CLOSED_AT = Instant.parse("2025-04-01T13:05:00.123456789Z");

    @TempDir
    Path dir;

    private SqliteSaleJournal open(Path file) {
        return SqliteSaleJournal.open(file, new SteppingClock(Sales.T0, Duration.ofSeconds(1)));
    }

    @Test
    void theCloseAndItsQueueEntryAreWrittenTogetherWithTheWholeReport() {
        ZReport report = ZReports.of("TYO01", DAY, CLOSED_AT, "佐藤", 5);
        try (SqliteSaleJournal journal = open(dir.resolve("sales.db"))) {
            SqliteOperatorStore store = journal.operatorStore();
            assertThat(store.owed()).isEmpty();
            store.close(report);
            assertThat(store.find(DAY)).isPresent();
            assertThat(store.owed()).containsExactly(new DayCloseOutbox.Owed(report, 0));
            assertThat(store.waiting()).isEqualTo(1);
            assertThat(store.latest(10)).singleElement().satisfies(s -> {
                assertThat(s.day()).isEqualTo(DAY);
                assertThat(s.closedAt()).isEqualTo(CLOSED_AT);
                assertThat(s.waiting()).isTrue();
            });
        }
    }

    @Test
    void aQueueWriteThatFailsLeavesTheDayOpen() throws SQLException {
        Path file = dir.resolve("sales.db");
        try (SqliteSaleJournal journal = open(file)) {
            SqliteOperatorStore store = journal.operatorStore();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER queue_full BEFORE INSERT ON day_close_upstream"
                        + " BEGIN SELECT RAISE(ABORT, 'queue write failed'); END");
            }
            assertThatThrownBy(() -> store.close(ZReports.of("TYO01", DAY, CLOSED_AT, "佐藤", 5)))
                    .isInstanceOf(SaleJournalException.class);
            assertThat(store.find(DAY)).as("no close without its queue entry").isEmpty();
            assertThat(store.owed()).isEmpty();

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER queue_full");
            }
            store.close(ZReports.of("TYO01", DAY, CLOSED_AT, "佐藤", 5));
            assertThat(store.find(DAY)).isPresent();
            assertThat(store.waiting()).isEqualTo(1);
        }
    }

    @Test
    void afterACrashTheCloseIsStillOwedAndAnAnswerSettlesItOnce() throws SQLException {
        Path file = dir.resolve("sales.db");
        ZReport report = ZReports.of("TYO01", DAY, CLOSED_AT, "佐藤", 4);
        SqliteSaleJournal crashed = open(file);
        crashed.operatorStore().close(report);
        // the process dies: its connection is never closed; the next start opens the file anew
        try (SqliteSaleJournal restarted = open(file)) {
            SqliteOperatorStore store = restarted.operatorStore();
            assertThat(store.owed()).containsExactly(new DayCloseOutbox.Owed(report, 0));

            store.countAttempt(DAY, "unreachable");
            store.countAttempt(DAY, "no answer within 10000 ms");
            assertThat(store.owed()).containsExactly(new DayCloseOutbox.Owed(report, 2));
            assertThat(store.latest(1).get(0).lastFailure()).contains("no answer within 10000 ms");

            Instant answered = CLOSED_AT.plus(Duration.ofHours(30));
            store.settle(DAY, Outbox.Outcome.ACCEPTED, "", answered);
            store.settle(DAY, Outbox.Outcome.REJECTED, "a later answer", answered.plusSeconds(60));
            store.countAttempt(DAY, "late failure");
            assertThat(store.owed()).isEmpty();
            assertThat(store.waiting()).isZero();
            assertThat(store.latest(5)).singleElement().isEqualTo(new DayCloseOutbox.Sending(DAY, CLOSED_AT,
                    Optional.of(Outbox.Outcome.ACCEPTED), "", 2, Optional.of("no answer within 10000 ms"),
                    Optional.of(answered)));
        } finally {
            crashed.close();
        }
        try (SqliteSaleJournal again = open(file)) {
            assertThat(again.operatorStore().owed()).as("settled for good").isEmpty();
            assertThat(again.operatorStore().latest(5).get(0).answer()).contains(Outbox.Outcome.ACCEPTED);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE day_close_upstream SET report = '{}'"))
                    .hasMessageContaining("does not change");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM day_close_upstream"))
                    .hasMessageContaining("stays owed or answered");
        }
    }

    @Test
    void aRejectionIsKeptWithItsReasonAndClosesAreOwedOldestDayFirst() {
        try (SqliteSaleJournal journal = open(dir.resolve("sales.db"))) {
            SqliteOperatorStore store = journal.operatorStore();
            store.close(ZReports.of("TYO01", DAY.plusDays(1), CLOSED_AT.plus(Duration.ofDays(1)), "佐藤", 3));
            store.close(ZReports.of("TYO01", DAY, CLOSED_AT, "佐藤", 3));
            assertThat(store.owed()).extracting(o -> o.report().day()).containsExactly(DAY, DAY.plusDays(1));
            assertThatThrownBy(() -> store.settle(DAY, Outbox.Outcome.REJECTED, " ", CLOSED_AT))
                    .isInstanceOf(IllegalArgumentException.class);
            store.settle(DAY, Outbox.Outcome.REJECTED, "DIFFERENT_REPORT: another report is on record", CLOSED_AT);
            assertThat(store.owed()).extracting(o -> o.report().day()).containsExactly(DAY.plusDays(1));
            assertThat(store.latest(5)).extracting(DayCloseOutbox.Sending::day).containsExactly(DAY.plusDays(1), DAY);
            DayCloseOutbox.Sending rejected = store.latest(5).get(1);
            assertThat(rejected.rejected()).isTrue();
            assertThat(rejected.reason()).isEqualTo("DIFFERENT_REPORT: another report is on record");
        }
    }
}
