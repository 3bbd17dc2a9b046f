package jp.simkiosk.adapter.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOperatorStore;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.application.operator.DataExport;
import jp.simkiosk.application.operator.Operator;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.OperatorSession;
import jp.simkiosk.application.operator.PinHash;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.ExportTarget.ExportFailed;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician's data export on a real SQLite journal in a temporary folder: the CSV files read back
 * (RFC 4180) hold exactly the journal's sales, steps and audit entries of the chosen days, the manifest's sizes
 * and SHA-256 hashes match the files, and the folder appears only complete.
 */
class DataExportTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Instant NOW = Instant.parse("2025-04-01T03:00:00Z"); // 12:00 in Tokyo
    static final PinHash HASH = PinHash.parse(
            "pbkdf2-sha256$210000$u9lV/QmRcmpm/EvWstmhcQ==$1a0KsAcpQCvMJLYtd/9E0pziM7bDlWCqnUZ43XvEmjU=");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(NOW, TOKYO);
    SqliteSaleJournal journal;
    SqliteOperatorStore store;
    Path usb;
    final OperatorSession technician = new OperatorSession(new Operator("田中 tech", OperatorRole.TECHNICIAN, HASH), NOW);
    final OperatorSession operator = new OperatorSession(new Operator("佐藤", OperatorRole.OPERATOR, HASH), NOW);

    @BeforeEach
    void open() throws Exception {
        journal = SqliteSaleJournal.open(dir.resolve("data/journal/sales.db"), clock);
        store = journal.operatorStore();
        usb = Files.createDirectories(dir.resolve("usb"));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    DataExport export(Path folder) {
        return new DataExport(store, journal, store, new FolderExport(Optional.ofNullable(folder)),
                dir.resolve("data/reports"), dir.resolve("data/logs"), "TEST-01", TOKYO, clock);
    }

    Sale sale(Instant created, String planName, boolean refund) {
        Sale s = Sale.open(SaleId.random(), journal.nextReference("TEST-01"), SaleKind.RENEWAL,
                Optional.of(new MobileNumber("09012345678")), "renew-1gb", planName, Yen.of(1430), TaxRate.STANDARD_10,
                Language.JA, created, Optional.empty(), Optional.empty());
        journal.record(s, SaleStep.OPENED, "");
        s = s.paid(new CardApproval("VISA", "**** 4242", "A1B2C3"));
        journal.record(s, SaleStep.PAYMENT_APPROVED, "");
        if (refund) {
            s = s.refundPending(FailureReason.RENEWAL_REJECTED);
            journal.record(s, SaleStep.REFUND_PENDING, "RENEWAL_REJECTED");
        } else {
            s = s.fulfilled(created.plus(Duration.ofDays(30)));
            journal.record(s, SaleStep.FULFILLED, "");
            s = s.completed();
            journal.record(s, SaleStep.CAPTURED, "");
        }
        return s;
    }

    @Test
    void theDefaultRangeIsTodayAndThePrevious30Days() {
        DataExport.Range r = export(usb).defaultRange();
        assertThat(r.to()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(r.from()).isEqualTo(LocalDate.of(2025, 3, 2));
    }

    @Test
    void exportsSalesStepsAuditReportsAndLogsWithAManifestWhoseHashesMatch() throws Exception {
        Sale old = sale(NOW.minus(Duration.ofDays(40)), "old", false);
        Sale a = sale(NOW.minus(Duration.ofDays(3)), "1GB 3日間, \"お得\"", false);
        Sale b = sale(NOW.minus(Duration.ofHours(1)), "10GB\n7 days", true);
        store.append("佐藤", "stock.paper", "READY [PAPER_OUT]", "READY []");
        Path reports = Files.createDirectories(dir.resolve("data/reports"));
        Files.write(reports.resolve("z-report-TEST-01-2025-03-31.pdf"), "%PDF-in range".getBytes(StandardCharsets.US_ASCII));
        Files.write(reports.resolve("z-report-TEST-01-2025-02-01.pdf"), "%PDF-too old".getBytes(StandardCharsets.US_ASCII));
        Path logs = Files.createDirectories(dir.resolve("data/logs"));
        Files.writeString(logs.resolve("kiosk.log"), "2025-04-01 INFO started\n");
        Path oldLog = Files.writeString(logs.resolve("kiosk.2025-01-01.0.log"), "old\n");
        Files.setLastModifiedTime(oldLog, FileTime.from(NOW.minus(Duration.ofDays(90))));

        DataExport.Result r = export(usb).export(technician, export(usb).defaultRange());

        assertThat(r.folder().getParent()).isEqualTo(usb);
        assertThat(r.folder().getFileName().toString()).isEqualTo("export-TEST-01-20250401-120000");
        try (Stream<Path> in = Files.list(usb)) {
            assertThat(in.map(p -> p.getFileName().toString())).as("no temporary folder left").containsExactly(
                    "export-TEST-01-20250401-120000");
        }
        assertThat(r.files()).extracting(f -> f.name()).containsExactly("sales.csv", "journal-steps.csv",
                "audit-log.csv", "z-reports/z-report-TEST-01-2025-03-31.pdf", "logs/kiosk.log");

        List<List<String>> sales = csv(r.folder().resolve("sales.csv"));
        assertThat(sales.get(0)).isEqualTo(DataExport.SALES_HEADER);
        assertThat(sales).hasSize(3);
        assertThat(sales.get(1)).containsExactly(a.reference(), "2025-03-29T12:00:00+09:00", "COMPLETED", "RENEWAL",
                "renew-1gb", "1GB 3日間, \"お得\"", "1430", "STANDARD_10", "130", "VISA", "**** 4242", "A1B2C3",
                a.lineId().orElseThrow().display(), "");
        assertThat(sales.get(2)).containsExactly(b.reference(), "2025-04-01T11:00:00+09:00", "REFUND_PENDING", "RENEWAL",
                "renew-1gb", "10GB\n7 days", "1430", "STANDARD_10", "130", "VISA", "**** 4242", "A1B2C3",
                b.lineId().orElseThrow().display(), "RENEWAL_REJECTED");
        assertThat(sales.stream().map(row -> row.get(0))).doesNotContain(old.reference());

        List<List<String>> steps = csv(r.folder().resolve("journal-steps.csv"));
        assertThat(steps.get(0)).isEqualTo(DataExport.STEPS_HEADER);
        assertThat(steps.subList(1, steps.size())).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(3))
                .containsExactly(a.reference() + " 1 OPENED", a.reference() + " 2 PAYMENT_APPROVED",
                        a.reference() + " 3 FULFILLED", a.reference() + " 4 CAPTURED", b.reference() + " 1 OPENED", b.reference() + " 2 PAYMENT_APPROVED",
                        b.reference() + " 3 REFUND_PENDING");

        List<List<String>> audit = csv(r.folder().resolve("audit-log.csv"));
        assertThat(audit.get(0)).isEqualTo(DataExport.AUDIT_HEADER);
        assertThat(audit.subList(1, audit.size())).singleElement()
                .satisfies(row -> assertThat(row.subList(2, 6)).containsExactly("佐藤", "stock.paper", "READY [PAPER_OUT]", "READY []"));

        JsonNode manifest = new ObjectMapper().readTree(r.folder().resolve("manifest.json").toFile());
        assertThat(manifest.get("kioskId").asText()).isEqualTo("TEST-01");
        assertThat(manifest.get("exportedBy").asText()).isEqualTo("田中 tech");
        assertThat(manifest.get("exportedAt").asText()).isEqualTo("2025-04-01T03:00:00Z");
        assertThat(manifest.get("range").get("from").asText()).isEqualTo("2025-03-02");
        assertThat(manifest.get("range").get("to").asText()).isEqualTo("2025-04-01");
        assertThat(manifest.get("range").get("zone").asText()).isEqualTo("Asia/Tokyo");
        List<String> listed = new ArrayList<>();
        for (JsonNode f : manifest.get("files")) {
            Path file = r.folder().resolve(f.get("name").asText());
            listed.add(f.get("name").asText());
            assertThat(f.get("bytes").asLong()).as(file.toString()).isEqualTo(Files.size(file));
            assertThat(f.get("sha256").asText()).as(file.toString()).isEqualTo(sha256(file));
        }
        assertThat(listed).containsExactlyElementsOf(r.files().stream().map(f -> f.name()).toList());
        assertThat(manifest.get("files").get(0).get("rows").asLong()).isEqualTo(2);
        assertThat(manifest.get("files").get(3).has("rows")).as("a copied file has no rows").isFalse();
        assertThat(Files.readString(r.folder().resolve("z-reports/z-report-TEST-01-2025-03-31.pdf"))).isEqualTo("%PDF-in range");

        AuditLog.Entry e = store.recent(1).get(0);
        assertThat(e.action()).isEqualTo("data.export");
        assertThat(e.who()).isEqualTo("田中 tech");
        assertThat(e.before()).isEqualTo("2025-03-02..2025-04-01");
        assertThat(e.after()).isEqualTo("export-TEST-01-20250401-120000: 5 files, " + r.totalBytes() + " bytes, 2 sales");
    }

    @Test
    void aSecondExportInTheSameSecondGetsItsOwnFolder() {
        Path first = export(usb).export(technician, export(usb).defaultRange()).folder();
        Path second = export(usb).export(technician, export(usb).lastDays(0)).folder();
        assertThat(second.getFileName().toString()).isEqualTo(first.getFileName() + "-2");
    }

    @Test
    void anOperatorCannotExport() throws Exception {
        assertThatThrownBy(() -> export(usb).export(operator, export(usb).defaultRange()))
                .isInstanceOf(SecurityException.class);
        try (Stream<Path> in = Files.list(usb)) {
            assertThat(in).isEmpty();
        }
        assertThat(store.recent(10)).isEmpty();
    }

    @Test
    void aMissingFolderOrNoneConfiguredIsReportedAndAudited() {
        Path unplugged = dir.resolve("media/usb-stick");
        assertThatThrownBy(() -> export(unplugged).export(technician, export(unplugged).defaultRange()))
                .isInstanceOfSatisfying(ExportFailed.class, f -> assertThat(f.reason()).isEqualTo(ExportFailed.Reason.FOLDER_MISSING));
        assertThat(store.recent(1).get(0).after()).isEqualTo("FAILED FOLDER_MISSING");
        assertThatThrownBy(() -> export(null).export(technician, export(null).defaultRange()))
                .isInstanceOfSatisfying(ExportFailed.class, f -> assertThat(f.reason()).isEqualTo(ExportFailed.Reason.NOT_CONFIGURED));
        assertThat(Files.exists(unplugged)).isFalse();
    }

    static List<List<String>> csv(Path file) throws Exception {
        return CsvReader.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
