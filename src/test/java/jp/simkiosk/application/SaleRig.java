package jp.simkiosk.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.LocalizedText;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.DataAllowance;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.plan.RenewalRule;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.testutil.MutableClock;

/**
 * The use cases on real parts: a SQLite journal in a temporary folder, the device simulators (no delays), the
 * simulated back office and QR wallet provider, the PDF renderer with the shipped fonts. Time is a
 * {@link MutableClock}. {@link #restarted()} stands for a kiosk restarted on the same data folder: journal,
 * dispenser and use cases are built anew from their files, while what lives outside the kiosk — the back
 * office, the wallet provider, the card network behind the reader — and the clock go on.
 */
final class SaleRig implements AutoCloseable {

    static final String[] STOCK = {"8981109900000010003", "8981109900000010011", "8981109900000010029",
        "8981109900000010037", "8981109900000010045", "8981109900000010052", "8981109900000010060"};
    static final ApnSettings APN = new ApnSettings("sample.jp", "sample@sample", "sample", ApnSettings.Authentication.CHAP);
    static final Duration TAKE = Duration.ofMillis(300);
    static final Duration APPROVE_AFTER = Duration.ofSeconds(8);
    static final Duration QR_VALIDITY = Duration.ofSeconds(120);

    static final Plan NEW_SIM = plan("new-sim-5gb", PlanKind.NEW_SIM, 2480, false, false);
    static final Plan NEW_SIM_OFFLINE = plan("new-sim-1gb-offline", PlanKind.NEW_SIM, 980, false, true);
    static final Plan NEW_SIM_ID_CHECK = plan("new-sim-voice", PlanKind.NEW_SIM, 4980, true, false);
    static final Plan NEW_ESIM = plan("new-esim-3gb", PlanKind.NEW_ESIM, 1980, false, false);
    static final Plan RENEWAL = new Plan("renew-1gb", PlanKind.RENEW_SIM, DataAllowance.gigabytes(1), 3, OptionalInt.empty(),
            OptionalInt.empty(), Yen.of(300), TaxRate.STANDARD_10, RenewalRule.STACK, false, true,
            LocalizedText.same("Top-up 1 GB"), LocalizedText.same("1 GB for 3 days"));

    private static ReceiptFonts fonts;

    final MutableClock clock;
    final Path data;
    final SqliteSaleJournal journal;
    final SimulatedPaymentTerminal terminal;
    final SimulatedPaymentProvider wallet;
    final SimulatedReceiptPrinter printer;
    final SimulatedSimDispenser dispenser;
    final SimulatedUpstream upstream;
    /** Runs inside the next SIM activation, before the back office answers: a fault that strikes meanwhile. */
    Runnable duringActivation = () -> { };
    final PlanCatalog catalog = () -> List.of(RENEWAL, NEW_SIM, NEW_SIM_OFFLINE, NEW_SIM_ID_CHECK, NEW_ESIM);
    final Checkout checkout;
    final PurchaseService purchases;
    final RenewalService renewals;

    SaleRig(Path data, List<LineStatus> lines) throws IOException {
        this(data, new MutableClock(), null, null, null, lines);
    }

    /** The parts outside the kiosk are the given ones when not null (a restart), new ones otherwise. */
    private SaleRig(Path data, MutableClock clock, SimulatedPaymentTerminal keptTerminal, SimulatedPaymentProvider keptWallet,
                    SimulatedUpstream keptUpstream, List<LineStatus> lines) throws IOException {
        this.data = data;
        this.clock = clock;
        this.terminal = keptTerminal != null ? keptTerminal : new SimulatedPaymentTerminal(clock);
        this.wallet = keptWallet != null ? keptWallet : new SimulatedPaymentProvider(clock, APPROVE_AFTER, QR_VALIDITY);
        Path stock = Files.writeString(data.resolve("stock.txt"), String.join("\n", STOCK) + "\n");
        journal = SqliteSaleJournal.open(data.resolve("sales.db"), clock);
        printer = new SimulatedReceiptPrinter(data.resolve("receipts"), clock, Duration.ZERO);
        dispenser = new SimulatedSimDispenser(stock, data, clock, Duration.ZERO);
        this.upstream = keptUpstream != null ? keptUpstream : new SimulatedUpstream(lines, catalog, clock, Duration.ZERO);
        checkout = new Checkout(journal, terminal, Optional.of(wallet), new PdfReceiptRenderer(fonts()), printer, catalog,
                APN, clock,
                new SaleSettings("TEST-01", ZoneId.of("Asia/Tokyo"), new Receipt.Issuer("Test Mobile K.K.",
                        new RegistrationNumber("T7123456789012"), "Test hall"), "0120-000-000"),
                Duration.ofMillis(5));
        purchases = new PurchaseService(catalog, new ActivationHook(), journal, checkout, dispenser, clock,
                new PurchaseSettings(TAKE));
        renewals = new RenewalService(catalog, upstream, journal, checkout, clock);
    }

    SaleRig(Path data) throws IOException {
        this(data, List.of());
    }

    /**
     * The kiosk stopped dead and started again on the same folder: this rig's journal and dispenser are closed
     * (nothing more is written by it), a new rig reads them back; back office, wallet, card reader and clock
     * carry over. Start-up recovery is {@link #recovery()}'s to run.
     */
    SaleRig restarted() throws IOException {
        journal.close();
        dispenser.close();
        return new SaleRig(data, clock, terminal, wallet, upstream, List.of());
    }

    /**
     * As {@link #restarted()}, but the card reader comes back reset, as an MDB reader does when the kiosk restarts
     * (a reset ends every vend session): a new simulator that holds no session of the earlier sales, so completing
     * or voiding one answers SESSION_LOST. The reader before (its ledger: what the card network holds) is
     * {@link #terminal} of this rig.
     */
    SaleRig restartedWithTheReaderReset() throws IOException {
        journal.close();
        dispenser.close();
        return new SaleRig(data, clock, null, wallet, upstream, List.of());
    }

    /** Start-up recovery as the composition root builds it. */
    RecoveryService recovery() {
        return new RecoveryService(journal, renewals, purchases, checkout, terminal);
    }

    /** The simulated back office, with {@link #duringActivation} run while it activates a SIM. */
    private final class ActivationHook implements Upstream {
        @Override
        public LookupResult lookUp(LineId line) {
            return upstream.lookUp(line);
        }

        @Override
        public RenewalResult applyRenewal(SaleId sale, LineId line, String planId) {
            return upstream.applyRenewal(sale, line, planId);
        }

        @Override
        public ActivationResult activateSim(SaleId sale, Iccid iccid, String planId) {
            Runnable fault = duringActivation;
            duringActivation = () -> { };
            fault.run();
            return upstream.activateSim(sale, iccid, planId);
        }

        @Override
        public EsimResult issueEsim(SaleId sale, String planId) {
            return upstream.issueEsim(sale, planId);
        }

        @Override
        public CancelResult cancelActivation(SaleId sale) {
            return upstream.cancelActivation(sale);
        }
    }

    private static synchronized ReceiptFonts fonts() {
        if (fonts == null) fonts = ReceiptFonts.loadFromClasspath();
        return fonts;
    }

    private static Plan plan(String id, PlanKind kind, long yen, boolean idCheck, boolean offline) {
        return new Plan(id, kind, DataAllowance.gigabytes(5), 8, idCheck ? OptionalInt.of(0) : OptionalInt.empty(),
                OptionalInt.empty(), Yen.of(yen), TaxRate.STANDARD_10, RenewalRule.START_NOW, idCheck, offline,
                new LocalizedText(Map.of(Language.JA, "データ " + id, Language.EN, "Data " + id,
                        Language.ZH_HANS, "数据 " + id, Language.ZH_HANT, "數據 " + id, Language.KO, "데이터 " + id)),
                LocalizedText.same("A new line"));
    }

    /** Opens a purchase of {@code plan} in English and pays it on the card reader. */
    Sale paidByCard(Plan plan) {
        Sale sale = purchases.open(purchases.quote(plan), Language.EN);
        PaymentOutcome paid = checkout.payByCard(sale.id(), jp.simkiosk.domain.sale.PaymentMethod.CARD);
        if (!(paid instanceof PaymentOutcome.Paid p)) throw new AssertionError("not paid: " + paid);
        return p.sale();
    }

    /** Opens a purchase of {@code plan} and pays it by QR wallet: the simulated customer pays after 8 s. */
    Sale paidByWallet(Plan plan) {
        Sale sale = purchases.open(purchases.quote(plan), Language.EN);
        return payByWallet(sale);
    }

    Sale payByWallet(Sale sale) {
        Checkout.WalletStart start = checkout.startWallet(sale.id());
        if (!(start instanceof Checkout.WalletStart.Shown shown)) throw new AssertionError("no QR code: " + start);
        clock.advance(APPROVE_AFTER);
        PaymentOutcome paid = checkout.awaitWallet(sale.id(), shown.expiresAt());
        if (!(paid instanceof PaymentOutcome.Paid p)) throw new AssertionError("not paid: " + paid);
        return p.sale();
    }

    List<SaleStep> steps(SaleId id) {
        return journal.entries(id).stream().map(JournalEntry::step).toList();
    }

    List<JournalEntry> entries(SaleId id) {
        return journal.entries(id);
    }

    Sale load(SaleId id) {
        return journal.find(id).orElseThrow();
    }

    byte[] receiptPdf(Sale sale) throws IOException {
        return Files.readAllBytes(data.resolve("receipts").resolve(sale.reference() + ".pdf"));
    }

    /** Closes the kiosk's parts; the card reader too (it outlives a {@link #restarted()} rig, so close the last). */
    @Override
    public void close() {
        dispenser.close();
        terminal.close();
        journal.close();
    }
}
