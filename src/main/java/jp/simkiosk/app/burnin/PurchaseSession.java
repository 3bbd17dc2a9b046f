package jp.simkiosk.app.burnin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;

/**
 * A customer buying a new data SIM or a new eSIM, scripted: picks a plan, pays by card or QR wallet (trying
 * again once after a wallet decline or an expired code, or giving up), has the SIM handed out or the eSIM code
 * issued and takes the paper — the calls the purchase screens make, in their order — while the simulators'
 * fault switches play the faults of {@link Faults}. When the simulated stacker is empty, the operator refills it
 * first (with demo ICCIDs of the range {@value #REFILL_PREFIX}…), as staff would.
 */
public final class PurchaseSession implements ScriptedSession {

    /** The end of a new SIM handed over while upstream was down (paid; its activation is queued). */
    public static final String ACTIVATED_LATER = "ACTIVATED_LATER";
    /** The first 10 digits of the ICCIDs the burn-in's operator refills the simulated stacker with. */
    public static final String REFILL_PREFIX = "8981109950";

    private static final int REFILL_BATCH = 20;

    /**
     * The faults one purchase meets.
     *
     * @param wallet         the customer pays by QR wallet instead of card
     * @param walletDeclined the wallet declines the first QR code; the customer tries again
     * @param walletExpired  the first QR code expires unpaid; the customer tries again
     * @param giveUp         … or gives up after the first QR code failed
     * @param jam            the dispenser jams as it moves the SIM to the IC station (new SIM only)
     * @param notTaken       the customer leaves the SIM at the gate (new SIM only)
     * @param upstreamDown   the back office cannot be reached as the SIM is activated or the eSIM issued
     * @param printerOut     the printer is out of paper when the paper is printed
     */
    public record Faults(boolean wallet, boolean walletDeclined, boolean walletExpired, boolean giveUp, boolean jam,
                         boolean notTaken, boolean upstreamDown, boolean printerOut) {

        public static final Faults NONE = new Faults(false, false, false, false, false, false, false, false);

        public Faults {
            if ((walletDeclined || walletExpired) && !wallet) throw new IllegalArgumentException("no wallet to fail");
            if (walletDeclined && walletExpired) throw new IllegalArgumentException("one first QR code only");
            if (giveUp && !(walletDeclined || walletExpired)) throw new IllegalArgumentException("nothing to give up after");
            if (jam && (notTaken || upstreamDown)) throw new IllegalArgumentException("a jammed SIM goes no further");
            if (notTaken && upstreamDown) throw new IllegalArgumentException("not activated, or not taken, not both");
        }

        /** A seeded mix: most sessions clean, the rest with one or two faults. */
        public static Faults draw(Random r, PlanKind kind) {
            boolean wallet = r.nextInt(100) < 35;
            int first = wallet ? r.nextInt(100) : 100;
            boolean declined = first < 8;
            boolean expired = first >= 8 && first < 14;
            boolean giveUp = (declined || expired) && r.nextInt(100) < 40;
            int device = r.nextInt(100);
            boolean sim = kind == PlanKind.NEW_SIM;
            boolean jam = sim && device < 5;
            boolean notTaken = sim && device >= 5 && device < 11;
            boolean upstreamDown = device >= 11 && device < 17;
            boolean printerOut = r.nextInt(100) < 6;
            return new Faults(wallet, declined, expired, giveUp, jam, notTaken, upstreamDown, printerOut);
        }

        public List<String> names() {
            List<String> n = new ArrayList<>();
            if (wallet) n.add("wallet");
            if (walletDeclined) n.add(giveUp ? "wallet-declined-gave-up" : "wallet-declined-once");
            if (walletExpired) n.add(giveUp ? "qr-expired-gave-up" : "qr-expired-once");
            if (jam) n.add("dispenser-jam");
            if (notTaken) n.add("sim-not-taken");
            if (upstreamDown) n.add("upstream-down");
            if (printerOut) n.add("paper-out");
            return n;
        }
    }

    private final PlanKind kind;
    private final PurchaseService purchases;
    private final Checkout checkout;
    private final SaleJournal journal;
    private final Optional<SimulatedPaymentProvider> wallet;
    private final SimulatedReceiptPrinter printer;
    private final SimulatedSimDispenser dispenser;
    private final SimulatedUpstream upstream;
    private final List<Language> languages;
    private int refills;
    private int loaded;

    /**
     * @param kind   {@link PlanKind#NEW_SIM} or {@link PlanKind#NEW_ESIM}
     * @param wallet the simulated QR wallet provider; empty when the kiosk takes no QR wallets (card only)
     */
    public PurchaseSession(PlanKind kind, PurchaseService purchases, Checkout checkout, SaleJournal journal,
                           Optional<SimulatedPaymentProvider> wallet, SimulatedReceiptPrinter printer,
                           SimulatedSimDispenser dispenser, SimulatedUpstream upstream, List<Language> languages) {
        if (kind != PlanKind.NEW_SIM && kind != PlanKind.NEW_ESIM) throw new IllegalArgumentException("not a purchase: " + kind);
        this.kind = kind;
        this.purchases = Objects.requireNonNull(purchases);
        this.checkout = Objects.requireNonNull(checkout);
        this.journal = Objects.requireNonNull(journal);
        this.wallet = Objects.requireNonNull(wallet);
        this.printer = Objects.requireNonNull(printer);
        this.dispenser = Objects.requireNonNull(dispenser);
        this.upstream = Objects.requireNonNull(upstream);
        this.languages = List.copyOf(languages);
        if (this.languages.isEmpty()) throw new IllegalArgumentException("no language");
    }

    @Override
    public String kind() {
        return kind == PlanKind.NEW_SIM ? "new-sim" : "new-esim";
    }

    @Override
    public SessionResult play(Random random) {
        Language language = languages.get(random.nextInt(languages.size()));
        Faults faults = Faults.draw(random, kind);
        if (wallet.isEmpty() && faults.wallet()) faults = Faults.NONE;
        return play(language, random.nextInt(1_000), faults);
    }

    /**
     * Plays one purchase.
     *
     * @param planChoice which of the sellable plans the customer picks (modulo their number)
     */
    public SessionResult play(Language language, int planChoice, Faults faults) {
        long start = System.nanoTime();
        String what = kind();
        Optional<String> reference = Optional.empty();
        try {
            List<PlanOffer> sellable = purchases.offers(kind).stream().filter(PlanOffer::sellable).toList();
            if (sellable.isEmpty()) return end(language, reference, what + ": no plan", faults, SessionResult.NO_SALE, "NONE", start);
            if (kind == PlanKind.NEW_SIM && dispenser.remaining() == 0) refill();
            PlanOffer offer = sellable.get(planChoice % sellable.size());
            what = offer.plan().id() + " " + offer.plan().price();
            Sale sale = purchases.open(purchases.quote(offer.plan()), language);
            reference = Optional.of(sale.reference());

            PaymentOutcome paid = faults.wallet() ? payByWallet(sale, faults) : checkout.payByCard(sale.id(), PaymentMethod.CARD);
            if (!(paid instanceof PaymentOutcome.Paid)) {
                checkout.cancel(sale.id(), FailureReason.CUSTOMER_CANCELLED);
                return end(language, reference, what, faults, state(sale), "NONE", start);
            }

            boolean later;
            if (faults.upstreamDown()) upstream.setReachable(false);
            try {
                if (kind == PlanKind.NEW_SIM) {
                    if (faults.jam()) dispenser.jamNextMove();
                    if (faults.notTaken()) dispenser.setCardNotTaken(true);
                    later = purchases.deliverSim(sale.id(), (iccid, within) -> { })
                            instanceof PurchaseService.SimOutcome.DeliveredActivationPending;
                } else {
                    purchases.deliverEsim(sale.id());
                    later = false;
                }
            } finally {
                upstream.setReachable(true);
                dispenser.setCardNotTaken(false);
            }

            ReceiptOutcome printed = Paper.print(printer, faults.printerOut(),
                    () -> purchases.printReceipt(sale.id(), language));
            Sale after = journal.find(sale.id()).orElseThrow();
            String paper = Paper.taken(printed, after);
            return end(language, reference, what, faults, later ? ACTIVATED_LATER : after.state().name(), paper, start);
        } catch (RuntimeException e) {
            return end(language, reference, what + " " + e, faults, SessionResult.ERROR, "NONE", start);
        }
    }

    /** Pays by QR wallet: the first code as the faults say, a second one unless the customer gives up. */
    private PaymentOutcome payByWallet(Sale sale, Faults faults) {
        SimulatedPaymentProvider provider = wallet.orElseThrow();
        if (faults.walletDeclined()) provider.script(SimulatedPaymentProvider.Behaviour.DECLINE);
        if (faults.walletExpired()) provider.script(SimulatedPaymentProvider.Behaviour.NEVER_PAY);
        PaymentOutcome paid = walletOnce(sale);
        if (!(paid instanceof PaymentOutcome.Paid) && !faults.giveUp()) paid = walletOnce(sale);
        return paid;
    }

    private PaymentOutcome walletOnce(Sale sale) {
        Checkout.WalletStart shown = checkout.startWallet(sale.id());
        if (!(shown instanceof Checkout.WalletStart.Shown s)) return new PaymentOutcome.DeviceFailed(DeviceFault.NOT_READY);
        return checkout.awaitWallet(sale.id(), s.expiresAt());
    }

    /** The operator loads a batch of demo SIMs the stacker has not had before. */
    private void refill() {
        while (dispenser.remaining() == 0) {
            List<Iccid> batch = new ArrayList<>();
            for (int i = 0; i < REFILL_BATCH; i++) {
                String payload = REFILL_PREFIX + String.format(Locale.ROOT, "%08d", refills * REFILL_BATCH + i);
                batch.add(new Iccid(payload + Luhn.checkDigit(payload)));
            }
            refills++;
            loaded += dispenser.load(batch);
        }
    }

    /** How many SIMs the operator loaded into the stacker during the sessions. */
    public int loaded() {
        return loaded;
    }

    private String state(Sale sale) {
        return journal.find(sale.id()).orElseThrow().state().name();
    }

    private SessionResult end(Language language, Optional<String> reference, String what, Faults faults, String end,
                              String paper, long start) {
        return new SessionResult(kind(), language, reference, what, faults.names(), end, paper, System.nanoTime() - start);
    }
}
