package jp.simkiosk.adapter.persistence.sqlite;

import static jp.simkiosk.adapter.persistence.sqlite.Sales.ICCID_19;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.ICCID_20;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.JCB;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.MOBILE;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.T0;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.VISA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.IllegalSaleTransition;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSaleJournalTest {

    private static final Duration TICK = Duration.ofMillis(1_500).plusNanos(123);

    @TempDir
    Path dir;

    private Path file;
    private SteppingClock clock;
    private SqliteSaleJournal journal;

    @BeforeEach
    void open() {
        file = dir.resolve("data/journal/sales.db");
        clock = new SteppingClock(T0.plusSeconds(3_600), TICK);
        journal = SqliteSaleJournal.open(file, clock);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private void reopen() {
        journal.close();
        journal = SqliteSaleJournal.open(file, clock);
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void everyFieldOfASaleComesBackWithEveryOptionalPresent() {
        Sale opened = Sales.renewal(1, ICCID_19, T0);
        Sale paid = opened.paid(VISA);
        Sale pending = paid.refundPending(FailureReason.VOID_FAILED);
        journal.record(opened, SaleStep.OPENED, "RENEW-3GB-30D");
        journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
        journal.record(pending, SaleStep.REFUND_PENDING, "TIMEOUT");

        assertThat(pending.lineId()).isPresent();
        assertThat(pending.payment()).isPresent();
        assertThat(pending.currentExpiry()).isPresent();
        assertThat(pending.newExpiry()).isPresent();
        assertThat(pending.failure()).isPresent();
        assertThat(journal.find(pending.id())).contains(pending);
        assertThat(journal.findByReference("TYO01-000001")).contains(pending);

        reopen();
        assertThat(journal.find(pending.id())).contains(pending);
    }

    @Test
    void everyFieldOfASaleComesBackWithEveryOptionalEmpty() {
        Sale sale = Sales.newSim(2, T0);
        journal.record(sale, SaleStep.OPENED, "");

        assertThat(sale.lineId()).isEmpty();
        assertThat(sale.payment()).isEmpty();
        assertThat(sale.currentExpiry()).isEmpty();
        assertThat(sale.newExpiry()).isEmpty();
        assertThat(sale.failure()).isEmpty();
        assertThat(journal.find(sale.id())).contains(sale);
    }

    @Test
    void bothKindsOfLineIdComeBackAsTheirOwnKind() {
        Sale byNumber = Sales.renewal(3, MOBILE, T0).paid(JCB).fulfilled(T0.plusSeconds(90 * 86_400L));
        Sale byIccid = Sales.renewal(4, ICCID_20, T0).paid(VISA).fulfilled(T0.plusSeconds(60 * 86_400L)).completed();
        journal.record(byNumber, SaleStep.FULFILLED, "");
        journal.record(byIccid, SaleStep.CAPTURED, "");

        assertThat(journal.find(byNumber.id()).orElseThrow().lineId()).contains(MOBILE);
        assertThat(journal.find(byIccid.id()).orElseThrow().lineId()).contains(ICCID_20);
        assertThat(journal.find(byNumber.id())).contains(byNumber);
        assertThat(journal.find(byIccid.id())).contains(byIccid);
    }

    @Test
    void everyLanguageKindAndTaxRateComesBack() {
        List<Sale> written = new ArrayList<>();
        int n = 10;
        for (Language language : Language.values()) {
            for (SaleKind kind : SaleKind.values()) {
                for (TaxRate rate : TaxRate.values()) {
                    n++;
                    Sale sale = Sale.open(Sales.id(n), "K9-" + n, kind,
                            kind == SaleKind.RENEWAL ? Optional.of(MOBILE) : Optional.empty(), "P" + n,
                            "プラン " + language.nativeName(), Yen.of(49_999), rate, language,
                            T0.plusNanos(n), Optional.empty(), Optional.of(T0.plusSeconds(n)));
                    journal.record(sale, SaleStep.OPENED, "");
                    written.add(sale);
                }
            }
        }
        for (Sale sale : written) {
            assertThat(journal.find(sale.id())).contains(sale);
        }
    }

    @Test
    void anUnknownSaleIsNotFound() {
        assertThat(journal.find(Sales.id(99))).isEmpty();
        assertThat(journal.findByReference("TYO01-000099")).isEmpty();
        assertThat(journal.entries(Sales.id(99))).isEmpty();
    }

    // ---------------------------------------------------------------- steps

    @Test
    void stepsComeBackInOrderNumberedPerSale() {
        Sale a = Sales.renewal(1, MOBILE, T0);
        Sale b = Sales.newSim(2, T0);
        Instant start = clock.instant();
        journal.record(a, SaleStep.OPENED, "RENEW-3GB-30D");
        journal.record(b, SaleStep.OPENED, "NEW-SIM-10GB");
        journal.step(a, SaleStep.PAYMENT_REQUESTED, "¥1,430");
        journal.record(b.cancelled(FailureReason.IDLE_TIMEOUT), SaleStep.CANCELLED, "IDLE_TIMEOUT");
        journal.record(a.paid(VISA), SaleStep.PAYMENT_APPROVED, "");

        // the clock was read once by this test, then once per step
        assertThat(journal.entries(a.id())).containsExactly(
                new JournalEntry(a.id(), 1, start.plus(TICK), SaleStep.OPENED, "RENEW-3GB-30D"),
                new JournalEntry(a.id(), 2, start.plus(TICK.multipliedBy(3)), SaleStep.PAYMENT_REQUESTED, "¥1,430"),
                new JournalEntry(a.id(), 3, start.plus(TICK.multipliedBy(5)), SaleStep.PAYMENT_APPROVED, ""));
        assertThat(journal.entries(b.id())).containsExactly(
                new JournalEntry(b.id(), 1, start.plus(TICK.multipliedBy(2)), SaleStep.OPENED, "NEW-SIM-10GB"),
                new JournalEntry(b.id(), 2, start.plus(TICK.multipliedBy(4)), SaleStep.CANCELLED, "IDLE_TIMEOUT"));
        assertThat(journal.find(a.id()).orElseThrow().state()).isEqualTo(SaleState.PAID);
        assertThat(journal.find(b.id()).orElseThrow().state()).isEqualTo(SaleState.CANCELLED);
    }

    // ---------------------------------------------------------------- unresolved and recent

    @Test
    void unresolvedAreTheSalesNotInAFinalStateOldestFirstAndRecentAreNewestFirst() {
        // written in an order that is not the order they were created in
        Sale created = Sales.renewal(1, MOBILE, T0.plusSeconds(10));
        Sale paid = Sales.renewal(2, MOBILE, T0.plusSeconds(9)).paid(VISA);
        Sale completed = Sales.renewal(3, MOBILE, T0.plusSeconds(11)).paid(VISA).fulfilled(T0).completed();
        Sale cancelled = Sales.newSim(4, T0.plusSeconds(8)).cancelled(FailureReason.CUSTOMER_CANCELLED);
        Sale refundPending = Sales.renewal(5, MOBILE, T0.plusSeconds(12)).paid(JCB)
                .refundPending(FailureReason.VOID_FAILED);
        Sale fulfilled = Sales.renewal(6, ICCID_19, T0.plusSeconds(7)).paid(VISA).fulfilled(T0);
        Sale voided = Sales.renewal(7, MOBILE, T0.plusSeconds(13)).paid(VISA).voided(FailureReason.RENEWAL_REJECTED);
        Sale refunded = Sales.renewal(8, MOBILE, T0.plusSeconds(6)).paid(VISA)
                .refundPending(FailureReason.VOID_FAILED).refunded();
        for (Sale s : List.of(created, paid, completed, cancelled, refundPending, fulfilled, voided, refunded)) {
            journal.record(s, SaleStep.OPENED, "");
        }

        assertThat(journal.unresolved()).containsExactly(fulfilled, paid, created, refundPending);
        assertThat(journal.recent(3)).containsExactly(voided, refundPending, completed);
        assertThat(journal.recent(100)).containsExactly(
                voided, refundPending, completed, created, paid, cancelled, fulfilled, refunded);
        assertThat(journal.recent(0)).isEmpty();
        assertThatThrownBy(() -> journal.recent(-1)).isInstanceOf(IllegalArgumentException.class);

        journal.record(refundPending.refunded(), SaleStep.REFUNDED, "");
        assertThat(journal.unresolved()).containsExactly(fulfilled, paid, created);
    }

    // ---------------------------------------------------------------- references

    @Test
    void referencesCountUpPerKioskAndAreNeverHandedOutAgainAfterAReopen() {
        assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000001");
        assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000002");
        assertThat(journal.nextReference("NRT-T2")).isEqualTo("NRT-T2-000001");
        assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000003");

        reopen();
        assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000004");
        assertThat(journal.nextReference("NRT-T2")).isEqualTo("NRT-T2-000002");
        assertThatThrownBy(() -> journal.nextReference(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void anIllegalStateChangeIsRefusedByTheDomainBeforeAnythingIsWritten() {
        Sale opened = Sales.renewal(1, MOBILE, T0);
        journal.record(opened, SaleStep.OPENED, "");

        assertThatThrownBy(() -> journal.record(opened.completed(), SaleStep.CAPTURED, ""))
                .isInstanceOf(IllegalSaleTransition.class);

        assertThat(journal.find(opened.id())).contains(opened);
        assertThat(journal.entries(opened.id())).extracting(JournalEntry::step).containsExactly(SaleStep.OPENED);
    }

    @Test
    void aStaleCopyOfASaleCannotMoveTheStoredSaleBackwards() {
        Sale opened = Sales.renewal(1, MOBILE, T0);
        Sale paid = opened.paid(VISA);
        journal.record(opened, SaleStep.OPENED, "");
        journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
        long commits = journal.status().commitsSinceOpen();

        // CREATED → CANCELLED is legal for the stale copy, but the journal holds the sale PAID
        assertThatThrownBy(() -> journal.record(opened.cancelled(FailureReason.IDLE_TIMEOUT), SaleStep.CANCELLED, ""))
                .isInstanceOf(IllegalSaleTransition.class)
                .hasMessageContaining("PAID").hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> journal.step(opened, SaleStep.PAYMENT_DECLINED, "DECLINED"))
                .isInstanceOf(IllegalSaleTransition.class);

        assertThat(journal.find(paid.id())).contains(paid);
        assertThat(journal.entries(paid.id())).extracting(JournalEntry::step)
                .containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_APPROVED);
        assertThat(journal.status().commitsSinceOpen()).isEqualTo(commits);
    }

    @Test
    void aStepDetailThatLooksLikeACardNumberIsRefusedAndNotRepeated() {
        String pan = testCardNumber();
        String grouped = pan.substring(0, 4) + " " + pan.substring(4, 8) + " " + pan.substring(8, 12) + " "
                + pan.substring(12);
        Sale opened = Sales.renewal(1, MOBILE, T0);
        journal.record(opened, SaleStep.OPENED, "");

        for (String detail : List.of(pan, "card=" + pan + ";", grouped)) {
            assertThatThrownBy(() -> journal.step(opened, SaleStep.PAYMENT_DECLINED, detail))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(pan.substring(4, 12));
        }
        // a 19-digit ICCID passes Luhn too; a failing check digit is no card number
        String notLuhn = pan.substring(0, 15) + (char) ('0' + (pan.charAt(15) - '0' + 1) % 10);
        journal.step(opened, SaleStep.PAYMENT_DECLINED, notLuhn);
        assertThat(journal.entries(opened.id())).extracting(JournalEntry::detail).containsExactly("", notLuhn);
    }

    /** A 16-digit number that passes Luhn, made at run time so no such string is in the sources. */
    static String testCardNumber() {
        String payload = "4" + "0".repeat(5) + "12345678" + "9";
        return payload + Luhn.checkDigit(payload);
    }

    // ---------------------------------------------------------------- settings, migrations, other connections

    @Test
    void theJournalRunsInWalModeWithFullSyncAndForeignKeys() throws SQLException {
        SqliteSaleJournal.Status status = journal.status();
        assertThat(status.journalMode()).isEqualTo("wal");
        assertThat(status.synchronous()).isEqualTo("FULL");
        assertThat(status.foreignKeys()).isTrue();
        assertThat(journal.status().secureDelete()).as("a masked activation code's bytes are zeroed, not freed").isTrue();

        journal.record(Sales.renewal(1, MOBILE, T0), SaleStep.OPENED, "");
        assertThat(file.resolveSibling("sales.db-wal")).exists();
        try (Connection other = connect()) {
            // the journal mode is a property of the file: every connection sees it
            assertThat(query(other, "PRAGMA journal_mode")).containsExactly("wal");
        }
    }

    @Test
    void migrationsAreRecordedAndNotRunAgain() throws SQLException {
        assertThat(journal.status().schemaVersion()).isEqualTo("9");
        journal.record(Sales.renewal(1, MOBILE, T0), SaleStep.OPENED, "");
        reopen();
        try (Connection other = connect()) {
            assertThat(query(other, "SELECT version || ' ' || description || ' ' || success "
                    + "FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                    .containsExactly("1 sales 1", "2 outbox and catalog 1", "4 receipt to reprint 1", "5 audit 1",
                            "6 esim activation code 1", "7 day close upstream 1", "8 steps by kind and time 1",
                            "9 esim oid and confirmation code 1");
            assertThat(query(other, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'flyway%' "
                    + "ORDER BY name")).containsExactly("audit_log", "catalog_cache", "day_close", "day_close_upstream",
                            "esim_activation", "outbox_event", "receipt_to_reprint", "reference_counter", "sale",
                            "sale_step", "sqlite_sequence", "stock_movement");
        }
        assertThat(journal.find(Sales.id(1))).isPresent();
    }

    @Test
    void anotherConnectionSeesWhatWasCommitted() throws SQLException {
        try (SqliteSaleJournal second = SqliteSaleJournal.open(file, clock)) {
            Sale sale = Sales.renewal(1, ICCID_19, T0);
            journal.record(sale, SaleStep.OPENED, "RENEW-3GB-30D");
            journal.record(sale.paid(VISA), SaleStep.PAYMENT_APPROVED, "");

            assertThat(second.find(sale.id())).contains(sale.paid(VISA));
            assertThat(second.entries(sale.id())).extracting(JournalEntry::step)
                    .containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_APPROVED);
            try (Connection plain = connect()) {
                assertThat(query(plain, "SELECT state || ' ' || card_brand FROM sale")).containsExactly("PAID VISA");
            }

            // both hand out references from the one counter
            assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000001");
            assertThat(second.nextReference("TYO01")).isEqualTo("TYO01-000002");
            assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000003");
        }
    }

    // ---------------------------------------------------------------- integrity

    @Test
    void aSoundFilePassesTheIntegrityCheck() {
        journal.record(Sales.renewal(1, MOBILE, T0), SaleStep.OPENED, "");
        assertThat(journal.integrityCheck()).isTrue();
    }

    @Test
    void aDamagedIndexFailsTheIntegrityCheck() throws SQLException, IOException {
        for (int n = 1; n <= 50; n++) journal.record(Sales.renewal(n, MOBILE, T0.plusSeconds(n)), SaleStep.OPENED, "");
        journal.close();
        long pageSize;
        long rootPage;
        try (Connection plain = connect()) {
            pageSize = Long.parseLong(query(plain, "PRAGMA page_size").get(0));
            rootPage = Long.parseLong(query(plain,
                    "SELECT rootpage FROM sqlite_schema WHERE name = 'sale_by_created'").get(0));
        }
        assertThat(file.resolveSibling("sales.db-wal")).doesNotExist();
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek((rootPage - 1) * pageSize);
            raw.write(new byte[(int) pageSize]);
        }

        journal = SqliteSaleJournal.open(file, clock);
        assertThat(journal.integrityCheck()).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) rows.add(rs.getString(1));
        }
        return rows;
    }

}
