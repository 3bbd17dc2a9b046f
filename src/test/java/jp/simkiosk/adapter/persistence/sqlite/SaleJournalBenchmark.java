package jp.simkiosk.adapter.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.ReceiptRenderer;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.LocalizedText;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.DataAllowance;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.plan.RenewalRule;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RefundSlip;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.tax.TaxRate;
import org.slf4j.LoggerFactory;

/**
 * Harness (not a test; run it by hand): how many durable commits one happy-path renewal makes through
 * {@link RenewalService} into a real {@link SqliteSaleJournal}, what they cost, and what a bare single-row
 * insert-and-commit costs on the same disk with the same settings (and, for comparison only, with
 * {@code synchronous=NORMAL}, which is not durable against a power cut).
 *
 * <p>The card reader, upstream, renderer and printer are instant stand-ins, so the time of a sale is the
 * journal's. Arguments: number of measured sales (default 200), folder for the database files (default a
 * new folder under {@code target/}). Run from the project folder:
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     jp.simkiosk.adapter.persistence.sqlite.SaleJournalBenchmark 500
 * </pre>
 */
public final class SaleJournalBenchmark {

    private static final List<SaleStep> HAPPY_PATH = List.of(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED,
            SaleStep.PAYMENT_APPROVED, SaleStep.FULFILMENT_REQUESTED, SaleStep.FULFILLED, SaleStep.CAPTURE_REQUESTED,
            SaleStep.CAPTURED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
    private static final List<SaleStep> NEW_SIM_PATH = List.of(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED,
            SaleStep.PAYMENT_APPROVED, SaleStep.SIM_PRESENT_REQUESTED, SaleStep.SIM_READ, SaleStep.ACTIVATION_REQUESTED,
            SaleStep.ACTIVATED, SaleStep.SIM_DISPENSE_REQUESTED, SaleStep.SIM_DISPENSED, SaleStep.SIM_TAKEN,
            SaleStep.CAPTURE_REQUESTED, SaleStep.CAPTURED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
    private static final int WARM_UP_SALES = 20;
    /** The APN printed on a new SIM's receipt (a stand-in renderer: not printed at all). */
    private static final ApnSettings NO_APN = new ApnSettings("bench.example", "", "", ApnSettings.Authentication.NONE);

    private SaleJournalBenchmark() {}

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory(Files.createDirectories(Path.of("target")), "journal-benchmark-");
        System.out.printf(Locale.ROOT, "journal benchmark: %d sales (after %d warm-up) in %s%n",
                sales, WARM_UP_SALES, dir.toAbsolutePath());

        long commitsPerSale = renewals(dir.resolve("journal.db"), sales);
        newSims(dir.resolve("new-sim"), sales);
        int bareCommits = (int) (sales * commitsPerSale);
        bareInserts(dir.resolve("bare-full.db"), "FULL", bareCommits);
        bareInserts(dir.resolve("bare-normal.db"), "NORMAL", bareCommits);
    }

    /** Runs happy-path renewals and prints their commits and timings; returns the commits per sale. */
    private static long renewals(Path file, int sales) {
        Clock clock = Clock.systemUTC();
        try (SqliteSaleJournal sqlite = SqliteSaleJournal.open(file, clock)) {
            TimedJournal journal = new TimedJournal(sqlite);
            Plan plan = plan();
            LineStatus line = new LineStatus(LineId.parseNormalized("09012345678"), LineForm.PHYSICAL_SIM,
                    Optional.of(plan.id()), Optional.of(clock.instant().plus(Duration.ofDays(3))), true, Set.of());
            PlanCatalog catalog = () -> List.of(plan);
            Checkout checkout = new Checkout(journal, new ApprovingTerminal(clock), Optional.empty(), new BlankRenderer(),
                    new PrintingPrinter(clock), catalog, NO_APN, clock, settings(), Duration.ofSeconds(1));
            RenewalService service = new RenewalService(catalog,
                    new SimulatedUpstream(List.of(line), catalog, clock, Duration.ZERO), journal, checkout, clock);
            return measure("renewal happy path", HAPPY_PATH, sqlite, journal, sales, () -> {
                Sale sale = service.open(service.quote(line, plan), Language.JA);
                pay(checkout, sale);
                if (!(service.fulfil(sale.id()) instanceof RenewalService.FulfilmentOutcome.Renewed)) {
                    throw new IllegalStateException("not renewed");
                }
                if (!(service.printReceipt(sale.id(), sale.language()) instanceof ReceiptOutcome.Printed)) {
                    throw new IllegalStateException("not printed");
                }
                return sale;
            });
        }
    }

    /**
     * Runs happy-path new-SIM sales (read, activated, handed out, taken) with the simulated dispenser and back
     * office, no delays, and prints their commits and journal time.
     */
    private static void newSims(Path folder, int sales) throws IOException {
        Clock clock = Clock.systemUTC();
        Files.createDirectories(folder);
        StringBuilder stock = new StringBuilder();
        for (int i = 0; i < WARM_UP_SALES + sales; i++) {
            String payload = String.format(Locale.ROOT, "898110990077%06d", i);
            stock.append(payload).append(Luhn.checkDigit(payload)).append('\n');
        }
        Path stockFile = Files.writeString(folder.resolve("stock.txt"), stock);
        Plan plan = newSimPlan();
        PlanCatalog catalog = () -> List.of(plan);
        try (SqliteSaleJournal sqlite = SqliteSaleJournal.open(folder.resolve("journal.db"), clock);
             SimulatedSimDispenser dispenser = new SimulatedSimDispenser(stockFile, folder, clock, Duration.ZERO)) {
            TimedJournal journal = new TimedJournal(sqlite);
            Checkout checkout = new Checkout(journal, new ApprovingTerminal(clock), Optional.empty(), new BlankRenderer(),
                    new PrintingPrinter(clock), catalog, NO_APN, clock, settings(), Duration.ofSeconds(1));
            PurchaseService service = new PurchaseService(catalog,
                    new SimulatedUpstream(List.of(), catalog, clock, Duration.ZERO), journal, checkout, dispenser, clock,
                    new PurchaseSettings(Duration.ofSeconds(30)));
            measure("new SIM happy path", NEW_SIM_PATH, sqlite, journal, sales, () -> {
                Sale sale = service.open(service.quote(plan), Language.EN);
                pay(checkout, sale);
                if (!(service.deliverSim(sale.id(), (iccid, within) -> { }) instanceof PurchaseService.SimOutcome.Delivered)) {
                    throw new IllegalStateException("not delivered");
                }
                if (!(service.printReceipt(sale.id(), sale.language()) instanceof ReceiptOutcome.Printed)) {
                    throw new IllegalStateException("not printed");
                }
                return sale;
            });
        }
    }

    private static void pay(Checkout checkout, Sale sale) {
        if (!(checkout.payByCard(sale.id(), PaymentMethod.CARD) instanceof PaymentOutcome.Paid)) {
            throw new IllegalStateException("not paid");
        }
    }

    /**
     * Sells {@link #WARM_UP_SALES}, then {@code sales} measured ones with {@code sellOne}, each checked to have
     * journaled exactly {@code path}, and prints the durable commits and the journal's time per sale, per write
     * and per read (only the journal's calls are timed: devices and back office are stand-ins or simulators).
     *
     * @return the durable commits per sale
     */
    private static long measure(String what, List<SaleStep> path, SqliteSaleJournal sqlite, TimedJournal journal,
                                int sales, Supplier<Sale> sellOne) {
        for (int i = 0; i < WARM_UP_SALES; i++) check(sqlite, sellOne.get(), path);
        journal.reset();
        long commitsBefore = sqlite.status().commitsSinceOpen();
        long[] saleNanos = new long[sales];
        for (int i = 0; i < sales; i++) {
            long before = journal.totalNanos();
            check(sqlite, sellOne.get(), path);
            saleNanos[i] = journal.totalNanos() - before;
        }
        long commits = sqlite.status().commitsSinceOpen() - commitsBefore;
        if (commits % sales != 0) throw new IllegalStateException(commits + " commits for " + sales + " sales");
        long perSale = commits / sales;

        System.out.printf(Locale.ROOT, "%s: %d journal writes per sale (nextReference + %d steps: %s)%n",
                what, journal.writes.size() / sales, path.size(), path);
        System.out.printf(Locale.ROOT, "  durable commits per sale: %d; journal reads per sale: %d%n",
                perSale, journal.reads.size() / sales);
        print("  journal time per sale            ", saleNanos);
        print("  time per journal write (1 commit)", journal.writes.stream().mapToLong(Long::longValue).toArray());
        print("  time per journal read            ", journal.reads.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "  integrity check: %s%n", sqlite.integrityCheck() ? "ok" : "FAILED");
        return perSale;
    }

    private static void check(SqliteSaleJournal journal, Sale sale, List<SaleStep> path) {
        List<SaleStep> steps = journal.entries(sale.id()).stream().map(JournalEntry::step).toList();
        if (!steps.equals(path)) throw new IllegalStateException("unexpected steps " + steps);
    }

    /** Single-row insert-and-commit on a bare connection, WAL, the given synchronous setting. */
    private static void bareInserts(Path file, String synchronous, int commits) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, v TEXT NOT NULL)");
            long[] nanos = new long[commits];
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (at, v) VALUES (?, ?)")) {
                for (int i = -WARM_UP_SALES * 10; i < commits; i++) {
                    long start = System.nanoTime();
                    s.execute("BEGIN IMMEDIATE");
                    insert.setString(1, Instant.now().toString());
                    insert.setString(2, "step " + i);
                    insert.executeUpdate();
                    s.execute("COMMIT");
                    if (i >= 0) nanos[i] = System.nanoTime() - start;
                }
            }
            print(String.format(Locale.ROOT, "bare 1-row insert+commit, WAL, synchronous=%-6s", synchronous), nanos);
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "%s n=%5d  mean %7.3f ms  p50 %7.3f  p95 %7.3f  p99 %7.3f  max %7.3f ms%n",
                what, sorted.length, mean, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    // ---------------------------------------------------------------- stand-ins

    /** Times every call to the real journal, writes and reads apart. */
    private static final class TimedJournal implements SaleJournal {
        private final SaleJournal journal;
        private final List<Long> writes = new ArrayList<>();
        private final List<Long> reads = new ArrayList<>();

        TimedJournal(SaleJournal journal) {
            this.journal = journal;
        }

        void reset() {
            writes.clear();
            reads.clear();
        }

        long totalNanos() {
            long total = 0;
            for (long n : writes) total += n;
            for (long n : reads) total += n;
            return total;
        }

        private <T> T timed(List<Long> into, Supplier<T> call) {
            long start = System.nanoTime();
            T result = call.get();
            into.add(System.nanoTime() - start);
            return result;
        }

        @Override
        public String nextReference(String kioskId) {
            return timed(writes, () -> journal.nextReference(kioskId));
        }

        @Override
        public void record(Sale sale, SaleStep step, String detail) {
            timed(writes, () -> {
                journal.record(sale, step, detail);
                return null;
            });
        }

        @Override
        public void step(Sale sale, SaleStep step, String detail) {
            timed(writes, () -> {
                journal.step(sale, step, detail);
                return null;
            });
        }

        @Override
        public void recordActivationCode(Sale sale, SaleStep step, ActivationCode code) {
            timed(writes, () -> {
                journal.recordActivationCode(sale, step, code);
                return null;
            });
        }

        @Override
        public Optional<ActivationCode> activationCode(SaleId id) {
            return timed(reads, () -> journal.activationCode(id));
        }

        @Override
        public void maskActivationCode(Sale sale, SaleStep step, String detail) {
            timed(writes, () -> {
                journal.maskActivationCode(sale, step, detail);
                return null;
            });
        }

        @Override
        public Optional<Sale> find(SaleId id) {
            return timed(reads, () -> journal.find(id));
        }

        @Override
        public Optional<Sale> findByReference(String reference) {
            return timed(reads, () -> journal.findByReference(reference));
        }

        @Override
        public List<JournalEntry> entries(SaleId id) {
            return timed(reads, () -> journal.entries(id));
        }

        @Override
        public List<Sale> unresolved() {
            return timed(reads, journal::unresolved);
        }

        @Override
        public List<Sale> recent(int limit) {
            return timed(reads, () -> journal.recent(limit));
        }
    }

    private static Plan plan() {
        return new Plan("RENEW-3GB-30D", PlanKind.RENEW_SIM, DataAllowance.gigabytes(3), 30, OptionalInt.empty(),
                OptionalInt.empty(), Yen.of(1_430), TaxRate.STANDARD_10, RenewalRule.STACK, false, false,
                LocalizedText.same("3GB 30 days"), LocalizedText.same("3 GB of data for 30 days"));
    }

    private static Plan newSimPlan() {
        return new Plan("NEW-SIM-5GB-8D", PlanKind.NEW_SIM, DataAllowance.gigabytes(5), 8, OptionalInt.empty(),
                OptionalInt.empty(), Yen.of(2_480), TaxRate.STANDARD_10, RenewalRule.START_NOW, false, false,
                LocalizedText.same("5GB 8 days"), LocalizedText.same("A new data SIM, 5 GB for 8 days"));
    }

    private static SaleSettings settings() {
        String twelve = "123456789012";
        RegistrationNumber number = new RegistrationNumber("T" + RegistrationNumber.checkDigit(twelve) + twelve);
        return new SaleSettings("BENCH1", ZoneId.of("Asia/Tokyo"),
                new Receipt.Issuer("SIM Kiosk KK", number, "Tokyo Station"), "support@example.jp");
    }

    /** A 2 KB stand-in document for every receipt or slip: the benchmark measures the journal, not PDFBox. */
    private static final class BlankRenderer implements ReceiptRenderer {
        @Override
        public ReceiptDocument render(Receipt receipt) {
            return new ReceiptDocument(receipt.reference(), new byte[2048]);
        }

        @Override
        public ReceiptDocument renderRefundSlip(RefundSlip slip) {
            return new ReceiptDocument(slip.reference(), new byte[2048]);
        }
    }

    /** What the two stand-in devices share: always ready. */
    private abstract static class ReadyDevice {
        private final Clock clock;
        private final DeviceRole role;

        ReadyDevice(Clock clock, DeviceRole role) {
            this.clock = clock;
            this.role = role;
        }

        public DeviceRole role() {
            return role;
        }

        public DeviceHealth health() {
            return DeviceHealth.ready(role, Set.of(), clock.instant());
        }

        public DeviceHealth poll() {
            return health();
        }

        public void addHealthListener(Consumer<DeviceHealth> listener) {
            // a device that never changes has nothing to tell
        }

        public void close() {
            // nothing is open
        }
    }

    private static final class ApprovingTerminal extends ReadyDevice implements PaymentTerminal {
        ApprovingTerminal(Clock clock) {
            super(clock, DeviceRole.CARD_READER);
        }

        @Override
        public AuthorizationResult authorize(SaleId sale, Yen amount) {
            return new AuthorizationResult.Approved(new CardApproval("VISA", "**** **** **** 4242", "A1B2C3"));
        }

        @Override
        public DeviceOutcome complete(SaleId sale) {
            return DeviceOutcome.DONE;
        }

        @Override
        public DeviceOutcome voidAuthorization(SaleId sale) {
            return DeviceOutcome.DONE;
        }

        @Override
        public void cancelPending() {
            // nothing is pending
        }
    }

    private static final class PrintingPrinter extends ReadyDevice implements ReceiptPrinter {
        PrintingPrinter(Clock clock) {
            super(clock, DeviceRole.RECEIPT_PRINTER);
        }

        @Override
        public PrintResult print(ReceiptDocument document) {
            return new PrintResult.Printed(document.pdf().length);
        }
    }
}
