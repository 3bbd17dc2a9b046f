package jp.simkiosk.application.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.ExportTarget;
import jp.simkiosk.application.port.ExportTarget.ExportFailed;
import jp.simkiosk.application.port.ExportTarget.ExportedFile;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technician's data export: for a range of days, the sales (one row each: what the journal holds of them,
 * card data only as brand, masked number and approval code), their journal steps and the audit log as CSV
 * files, the Z-report PDFs of those days and the log files, with a manifest of sizes and SHA-256 hashes, into a
 * new folder of the export target. Technicians only; every export, done or failed, is audited.
 */
public final class DataExport {

    private static final Logger log = LoggerFactory.getLogger(DataExport.class);

    /** Days before today the default range starts: today and the previous 30 days. */
    public static final int DEFAULT_DAYS_BACK = 30;

    public static final String SALES_CSV = "sales.csv";
    public static final String STEPS_CSV = "journal-steps.csv";
    public static final String AUDIT_CSV = "audit-log.csv";

    public static final List<String> SALES_HEADER = List.of("reference", "created", "state", "kind", "plan_id",
            "plan_name", "price_yen", "tax_rate", "tax_yen", "payment_brand", "payment_masked_number",
            "payment_approval", "line", "failure_reason");
    public static final List<String> STEPS_HEADER = List.of("reference", "seq", "at", "step", "detail");
    public static final List<String> AUDIT_HEADER = List.of("seq", "at", "who", "action", "before", "after");

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'-'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final SalesQuery sales;
    private final SaleJournal journal;
    private final AuditLog audit;
    private final ExportTarget target;
    private final Path reportsDir;
    private final Path logsDir;
    private final String kioskId;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param reportsDir where {@link DayClose} saves the Z-report PDFs
     * @param logsDir    the application's log files
     */
    public DataExport(SalesQuery sales, SaleJournal journal, AuditLog audit, ExportTarget target, Path reportsDir,
                      Path logsDir, String kioskId, ZoneId zone, Clock clock) {
        this.sales = sales;
        this.journal = journal;
        this.audit = audit;
        this.target = target;
        this.reportsDir = reportsDir;
        this.logsDir = logsDir;
        this.kioskId = kioskId;
        this.zone = zone;
        this.clock = clock;
    }

    /** The configured export folder, if any. */
    public Optional<Path> folder() {
        return target.folder();
    }

    /** Today and the previous {@value #DEFAULT_DAYS_BACK} days, in the kiosk's zone. */
    public Range defaultRange() {
        return lastDays(DEFAULT_DAYS_BACK);
    }

    /** Today and the {@code daysBack} days before it. */
    public Range lastDays(int daysBack) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return new Range(today.minusDays(daysBack), today);
    }

    /** Business days {@code from} to {@code to}, both included. */
    public record Range(LocalDate from, LocalDate to) {
        public Range {
            if (from.isAfter(to)) throw new IllegalArgumentException("the range starts after it ends: " + from + " > " + to);
        }
    }

    /** What an export wrote: its folder and each file (name, rows, bytes, hash). */
    public record Result(Path folder, List<ExportedFile> files) {
        public Result {
            files = List.copyOf(files);
        }

        public long totalBytes() {
            return files.stream().mapToLong(ExportedFile::bytes).sum();
        }
    }

    /**
     * Exports the days of {@code range}.
     *
     * @throws SecurityException for an operator (technicians only)
     * @throws ExportFailed      when the folder is not configured, missing or not writable, or the disk is full
     */
    public Result export(OperatorSession who, Range range) {
        who.require(OperatorRole.TECHNICIAN);
        Instant now = clock.instant();
        Instant from = range.from().atStartOfDay(zone).toInstant();
        Instant to = range.to().plusDays(1).atStartOfDay(zone).toInstant();
        String name = "export-" + kioskId + "-" + FOLDER_TIME.format(now.atZone(zone));
        String what = range.from() + ".." + range.to();
        try (ExportTarget.Draft draft = target.begin(name)) {
            List<ExportedFile> files = new ArrayList<>();
            List<Sale> sold = sales.createdBetween(from, to);
            files.add(draft.writeCsv(SALES_CSV, SALES_HEADER, sold.stream().map(this::saleRow).toList()));
            List<List<String>> steps = new ArrayList<>();
            for (Sale s : sold) {
                for (JournalEntry e : journal.entries(s.id())) {
                    steps.add(List.of(s.reference(), Long.toString(e.seq()), time(e.at()), e.step().name(), e.detail()));
                }
            }
            files.add(draft.writeCsv(STEPS_CSV, STEPS_HEADER, steps));
            files.add(draft.writeCsv(AUDIT_CSV, AUDIT_HEADER, audit.writtenBetween(from, to).stream()
                    .map(e -> List.of(Long.toString(e.seq()), time(e.at()), e.who(), e.action(), e.before(), e.after()))
                    .toList()));
            for (Path z : zReports(range)) files.add(draft.copy(z, "z-reports/" + z.getFileName()));
            for (Path l : logFiles(from)) files.add(draft.copy(l, "logs/" + l.getFileName()));
            Path folder = draft.complete(new ExportTarget.Manifest(kioskId, who.who(), now, range.from(), range.to(),
                    zone.getId(), files));
            Result result = new Result(folder, files);
            audit.append(who.who(), "data.export", what, folder.getFileName() + ": " + files.size() + " files, "
                    + result.totalBytes() + " bytes, " + sold.size() + " sales");
            log.info("data export {} by {} to {}: {} files, {} bytes", what, who.who(), folder, files.size(),
                    result.totalBytes());
            return result;
        } catch (ExportFailed e) {
            audit.append(who.who(), "data.export", what, "FAILED " + e.reason());
            log.warn("data export {} by {} failed: {}", what, who.who(), e.getMessage());
            throw e;
        }
    }

    private List<String> saleRow(Sale s) {
        Optional<CardApproval> card = s.payment();
        return List.of(s.reference(), time(s.createdAt()), s.state().name(), s.kind().name(), s.planId(), s.planName(),
                Long.toString(s.price().amount()), s.taxRate().name(), Long.toString(s.tax().totalTax().amount()),
                card.map(CardApproval::brand).orElse(""), card.map(CardApproval::maskedNumber).orElse(""),
                card.map(CardApproval::approvalCode).orElse(""), s.lineId().map(LineId::display).orElse(""),
                s.failure().map(FailureReason::name).orElse(""));
    }

    private String time(Instant t) {
        return CSV_TIME.format(t.atZone(zone));
    }

    /** The Z reports of the range's days ({@code z-report-<kiosk>-<day>.pdf}), by day. */
    private List<Path> zReports(Range range) {
        String prefix = "z-report-" + kioskId + "-";
        return list(reportsDir).filter(p -> {
            String n = p.getFileName().toString();
            if (!n.startsWith(prefix) || !n.endsWith(".pdf")) return false;
            try {
                LocalDate day = LocalDate.parse(n.substring(prefix.length(), n.length() - ".pdf".length()));
                return !day.isBefore(range.from()) && !day.isAfter(range.to());
            } catch (DateTimeParseException e) {
                return false;
            }
        }).toList();
    }

    /** The log files written to since {@code from} (the current one and the rolled ones of those days). */
    private List<Path> logFiles(Instant from) {
        return list(logsDir).filter(p -> p.getFileName().toString().endsWith(".log")).filter(p -> {
            try {
                return !Files.getLastModifiedTime(p).toInstant().isBefore(from);
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    private static Stream<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return Stream.empty();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
