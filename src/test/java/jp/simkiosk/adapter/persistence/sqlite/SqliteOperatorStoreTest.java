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
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.testutil.ZReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's tables in a real journal file: the audit log refuses UPDATE and DELETE even from a second
 * connection (the SQLite triggers of V5), a day closes once, stock movements by period, sales by period and
 * by search.
 */
class SqliteOperatorStoreTest {

    @TempDir
    Path dir;

    @Test
    void theAuditLogIsAppendOnlyEvenForSomeoneWithTheFile() throws SQLException {
        Path file = dir.resolve("sales.db");
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, new SteppingClock(Sales.T0, Duration.ofSeconds(1)))) {
            SqliteOperatorStore store = journal.operatorStore();
            AuditLog.Entry first = store.append("Sato", "pin.ok", "", "OPERATOR");
            store.append("Sato", "stock.refill", "EMPTY", "ENOUGH +20");
            assertThat(store.recent(10)).extracting(AuditLog.Entry::action).containsExactly("stock.refill", "pin.ok");
            assertThat(store.recent(10).get(1)).isEqualTo(first);
            assertThatThrownBy(() -> store.append("Sato", "x", "", "card 4111111111111111"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET who = 'someone else'"))
                    .hasMessageContaining("audit_log is append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                    .hasMessageContaining("audit_log is append-only");
            try (var rs = s.executeQuery("SELECT COUNT(*), MIN(who) FROM audit_log")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("Sato");
            }
        }
    }

    @Test
    void aDayClosesOnceAndStaysClosed() throws SQLException {
        Path file = dir.resolve("sales.db");
        LocalDate day = LocalDate.of(2025, 4, 1);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, new SteppingClock(Sales.T0, Duration.ofSeconds(1)))) {
            SqliteOperatorStore store = journal.operatorStore();
            assertThat(store.find(day)).isEmpty();
            ZReport first = ZReports.of("TYO01", day, Sales.T0, "Sato", 3);
            store.close(first);
            assertThatThrownBy(() -> store.close(ZReports.of("TYO01", day, Sales.T0.plusSeconds(5), "Tanaka", 4)))
                    .isInstanceOf(DayCloses.AlreadyClosed.class);
            assertThat(store.find(day)).contains(new DayCloses.Closed(day, Sales.T0, "Sato", first.summary()));
            assertThat(store.owed()).extracting(o -> o.report()).as("the first report stays the one owed")
                    .containsExactly(first);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM day_close")).hasMessageContaining("a closed day stays closed");
        }
    }

    @Test
    void stockMovementsAndSalesByPeriodAndSearch() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("sales.db"),
                new SteppingClock(Sales.T0, Duration.ofSeconds(1)))) {
            SqliteOperatorStore store = journal.operatorStore();
            store.record(new StockLedger.Movement(Sales.T0, StockLedger.Kind.SIM_REFILL, 20, "a-b", "Sato"));
            store.record(new StockLedger.Movement(Sales.T0.plusSeconds(7200), StockLedger.Kind.PAPER_REPLACED, 0, "", "Sato"));
            assertThat(store.between(Sales.T0, Sales.T0.plusSeconds(3600))).extracting(StockLedger.Movement::kind)
                    .containsExactly(StockLedger.Kind.SIM_REFILL);

            Sale a = Sales.renewal(1, Sales.MOBILE, Sales.T0);
            Sale b = Sales.renewal(2, Sales.ICCID_19, Sales.T0.plusSeconds(3600));
            Sale c = Sales.newSim(3, Sales.T0.plus(Duration.ofDays(1)));
            for (Sale s : new Sale[] {a, b, c}) journal.record(s, SaleStep.OPENED, "");
            assertThat(store.createdBetween(Sales.T0, Sales.T0.plus(Duration.ofDays(1)))).extracting(Sale::id)
                    .containsExactly(a.id(), b.id());
            assertThat(store.search("090-1234-5678", 10)).extracting(Sale::id).containsExactly(a.id());
            assertThat(store.search(Sales.ICCID_19.display(), 10)).extracting(Sale::id).containsExactly(b.id());
            assertThat(store.search("000003", 10)).extracting(Sale::id).containsExactly(c.id());
            assertThat(store.search("TYO01", 10)).extracting(Sale::id).containsExactly(c.id(), b.id(), a.id());
            assertThat(store.search("%", 10)).isEmpty();
            assertThat(store.lastSettledAt()).isEmpty();
            String first = journal.outbox().pending(1).get(0).eventId();
            journal.outbox().settle(java.util.List.of(new jp.simkiosk.application.port.Outbox.Settlement(first,
                    jp.simkiosk.application.port.Outbox.Outcome.ACCEPTED, "")), Instant.parse("2025-04-02T00:00:00Z"));
            assertThat(store.lastSettledAt()).contains(Instant.parse("2025-04-02T00:00:00Z"));
        }
    }

    @Test
    void theReportIsComputedInsideTheClosesTransactionSoNoStepFallsBetweenItsFiguresAndTheClose() throws Exception {
        LocalDate day = LocalDate.of(2025, 4, 1);
        SteppingClock clock = new SteppingClock(Sales.T0, Duration.ofSeconds(1));
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("sales.db"), clock)) {
            SqliteOperatorStore store = journal.operatorStore();
            Sale sale = Sales.renewal(1, Sales.MOBILE, Sales.T0);
            java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
            ZReport closed = store.close(day, () -> {
                // a background writer (the outbox settling a sale) tries to journal a step meanwhile
                Thread writer = new Thread(() -> {
                    journal.record(sale, SaleStep.OPENED, "");
                    written.complete(null);
                });
                writer.start();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(written).as("the step waits for the close").isNotDone();
                assertThat(store.withStepsBetween(java.util.EnumSet.allOf(SaleStep.class), Instant.EPOCH,
                        Instant.parse("9999-01-01T00:00:00Z"))).isEmpty();
                return ZReports.of("TYO01", day, clock.instant(), "Sato", 3);
            });
            written.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(store.latest()).contains(new DayCloses.Closed(day, closed.closedAt(), "Sato", closed.summary()));
            assertThat(journal.entries(sale.id())).singleElement().satisfies(e ->
                    assertThat(e.at()).as("stamped after the close").isAfter(closed.closedAt()));
        }
    }

    @Test
    void aReportStoredBeforePaymentMethodsAndSimFiguresIsReadBackAndStillOwed() throws SQLException {
        Path file = dir.resolve("sales.db");
        SqliteSaleJournal.open(file, new SteppingClock(Sales.T0, Duration.ofSeconds(1))).close();
        String old = "{\"kioskId\":\"TYO01\",\"day\":\"2025-03-31\",\"zone\":\"Asia/Tokyo\","
                + "\"from\":\"2025-03-30T15:00:00Z\",\"to\":\"2025-03-31T15:00:00Z\",\"closedAt\":\"2025-03-31T12:00:00Z\","
                + "\"closedBy\":\"Sato\",\"sold\":{\"label\":\"sold\",\"count\":2,\"totalYen\":1730},"
                + "\"byPlan\":[{\"label\":\"renew-sim-1gb-3d\",\"count\":1,\"totalYen\":300},"
                + "{\"label\":\"renew-sim-10gb-7d\",\"count\":1,\"totalYen\":1430}],"
                + "\"byPayment\":[{\"label\":\"JCB\",\"count\":1,\"totalYen\":300},{\"label\":\"VISA\",\"count\":1,\"totalYen\":1430}],"
                + "\"byTaxRate\":[{\"rate\":\"STANDARD_10\",\"count\":2,\"totalIncludingTaxYen\":1730,\"taxYen\":157}],"
                + "\"refunded\":{\"label\":\"REFUNDED\",\"count\":0,\"totalYen\":0},"
                + "\"refundPending\":{\"label\":\"REFUND_PENDING\",\"count\":0,\"totalYen\":0},"
                + "\"voided\":{\"label\":\"VOIDED\",\"count\":0,\"totalYen\":0},"
                + "\"cancelled\":{\"label\":\"CANCELLED\",\"count\":0,\"totalYen\":0},\"stock\":[]}";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO day_close (day, at, who, summary) VALUES ('2025-03-31',"
                    + " '2025-03-31T12:00:00.000000000Z', 'Sato', 'sold 2 1730 yen')");
            s.executeUpdate("INSERT INTO day_close_upstream (day, status, closed_at, report) VALUES ('2025-03-31',"
                    + " 'PENDING', '2025-03-31T12:00:00.000000000Z', '" + old + "')");
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, new SteppingClock(Sales.T0, Duration.ofSeconds(1)))) {
            ZReport r = journal.operatorStore().owed().get(0).report();
            assertThat(r.byPayment()).containsExactly(
                    new ZReport.PaymentLine("JCB", 1, jp.simkiosk.domain.money.Yen.of(300), java.util.List.of()),
                    new ZReport.PaymentLine("VISA", 1, jp.simkiosk.domain.money.Yen.of(1430), java.util.List.of()));
            assertThat(r.sims()).isEqualTo(ZReport.Sims.NONE);
            assertThat(r.sold().total().amount()).isEqualTo(1730);
            assertThat(journal.operatorStore().latest()).map(DayCloses.Closed::day).contains(LocalDate.of(2025, 3, 31));
        }
    }
}
