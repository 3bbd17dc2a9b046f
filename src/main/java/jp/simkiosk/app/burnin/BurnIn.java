package jp.simkiosk.app.burnin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal.LedgerEntry;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.KioskAssembly;
import jp.simkiosk.app.StartupException;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;

/**
 * Burn-in mode ({@code sim-kiosk --config … --burn-in N --seed S}): N scripted customer sessions against the
 * simulators, headless, through the use cases the screens call, in random languages with a seeded mix of
 * device faults and declines. The kiosk is assembled as for customers (journal checked, start-up recovery),
 * with the simulators' artificial delays set to zero (a SIM waits {@value #TAKE_MILLIS} ms at the gate, the
 * simulated wallet customer pays at once, a QR code expires after {@value #QR_VALIDITY_MILLIS} ms). Sessions are
 * renewals ({@link RenewalSession}), new SIMs and new eSIMs ({@link PurchaseSession}, by card or QR wallet).
 * Prints one line per session and a summary — sales by end state, time per session, heap in use — then checks the
 * invariants: no session failed, the journal is sound, the card reader's and the wallet's ledgers agree with the
 * journal (nothing charged twice, money taken only for a delivered sale and for every delivered sale, nothing
 * held for a settled one), and the SIMs add up (in the stacker, the reject bin and handed out: the start plus the
 * refills; one handed out per SIM sold, one in the reject bin per SIM taken back). Exit code 0 when they hold, 1
 * when not, 2 when the configuration is not all simulators.
 */
public final class BurnIn {

    /** A line no demo back office knows: some customers mistype. */
    static final String UNKNOWN_LINE = "08098765432";

    /** How long the burn-in waits at the end for the outbox to reach the simulated back office. */
    private static final Duration OUTBOX_DRAIN_LIMIT = Duration.ofSeconds(30);
    /** How long a dispensed SIM waits at the gate in the burn-in. */
    static final long TAKE_MILLIS = 20;
    /** How long a QR code can be paid in the burn-in. */
    static final long QR_VALIDITY_MILLIS = 30;

    private final KioskAssembly kiosk;
    private final PrintStream out;

    private BurnIn(KioskAssembly kiosk, PrintStream out) {
        this.kiosk = kiosk;
        this.out = out;
    }

    /** Runs the burn-in on the configuration's simulators, in the configuration's data folder. */
    public static int run(KioskConfig cfg, Clock clock, int sessions, long seed, PrintStream out) throws StartupException {
        if (sessions < 1) throw new IllegalArgumentException("at least one session, got " + sessions);
        if (!onSimulators(cfg)) {
            out.println("sim-kiosk: burn-in runs on the simulators only: " + cfg.source()
                    + " names a serial device or an HTTP back office (use e.g. kiosk-config/kiosk-demo.yaml)");
            return 2;
        }
        KioskConfig fast = withoutDelays(cfg);
        out.printf(Locale.ROOT, "burn-in: %d sessions, seed %d, kiosk %s, data folder %s%n", sessions, seed,
                cfg.kioskId(), cfg.dataDir());
        try (KioskAssembly kiosk = KioskAssembly.build(fast, clock)) {
            out.printf(Locale.ROOT, "start-up recovery: %d sale(s) seen to, %d need attention%n",
                    kiosk.recovery().sales().size(), kiosk.recovery().needingAttention().size());
            return new BurnIn(kiosk, out).sessions(sessions, new Random(seed), sessionKinds(kiosk, fast));
        }
    }

    /** The SIMs the dispenser holds or has let go of: in the stacker, in the reject bin, handed out. */
    private record SimCount(int remaining, int captured, int dispensed) {
        static SimCount of(SimulatedSimDispenser d) {
            return new SimCount(d.remaining(), d.captured(), d.dispensed());
        }

        int total() {
            return remaining + captured + dispensed;
        }
    }

    /** The kinds of session played, each as likely as the others: renewals, new SIMs, new eSIMs (those with plans). */
    static List<ScriptedSession> sessionKinds(KioskAssembly kiosk, KioskConfig cfg) {
        List<LineId> lines = new ArrayList<>();
        List<LineId> wrong = new ArrayList<>(List.of(LineId.parseNormalized(UNKNOWN_LINE)));
        for (LineStatus l : ((KioskConfig.Upstream.Simulated) cfg.upstream()).lines()) {
            (l.renewable() ? lines : wrong).add(l.lineId());
        }
        List<ScriptedSession> kinds = new ArrayList<>();
        kinds.add(new RenewalSession(kiosk.renewals(), kiosk.checkout(), kiosk.journal(),
                (SimulatedPaymentTerminal) kiosk.cardReader(), (SimulatedReceiptPrinter) kiosk.receiptPrinter(),
                (SimulatedUpstream) kiosk.upstream(), cfg.languages(), lines, wrong));
        for (PlanKind kind : List.of(PlanKind.NEW_SIM, PlanKind.NEW_ESIM)) {
            if (kiosk.purchases().offers(kind).stream().noneMatch(PlanOffer::sellable)) continue;
            kinds.add(new PurchaseSession(kind, kiosk.purchases(), kiosk.checkout(), kiosk.journal(),
                    kiosk.wallet().map(SimulatedPaymentProvider.class::cast),
                    (SimulatedReceiptPrinter) kiosk.receiptPrinter(), (SimulatedSimDispenser) kiosk.simDispenser(),
                    (SimulatedUpstream) kiosk.upstream(), cfg.languages()));
        }
        return List.copyOf(kinds);
    }

    private int sessions(int n, Random random, List<ScriptedSession> kinds) {
        SimCount simsBefore = SimCount.of((SimulatedSimDispenser) kiosk.simDispenser());
        Set<SaleId> salesBefore = new HashSet<>();
        kiosk.journal().recent(Integer.MAX_VALUE).forEach(s -> salesBefore.add(s.id()));
        long started = System.nanoTime();
        List<SessionResult> results = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            SessionResult r = kinds.get(random.nextInt(kinds.size())).play(random);
            results.add(r);
            out.printf(Locale.ROOT, "#%-5d %-8s %-7s %-14s %-26s %-15s %-7s %7.1f ms  %s%n", i, r.kind(),
                    r.language().tag(), r.reference().orElse("-"), r.what(), r.end(), r.paper(), r.nanos() / 1e6,
                    r.faults().isEmpty() ? "" : String.join(",", r.faults()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        drainOutbox();
        int refilled = kinds.stream().filter(PurchaseSession.class::isInstance)
                .mapToInt(k -> ((PurchaseSession) k).loaded()).sum();
        return summary(results, seconds, simsBefore, refilled, salesBefore);
    }

    /**
     * Lets the upstream sync deliver what the sessions left in the outbox, so that renewals sold while upstream
     * was down are applied and settled before the ledger is checked.
     */
    private void drainOutbox() {
        long deadline = System.nanoTime() + OUTBOX_DRAIN_LIMIT.toNanos();
        while (kiosk.journal().outbox().status().pending() > 0 && System.nanoTime() < deadline) {
            kiosk.sync().wake();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.printf(Locale.ROOT, "outbox: %s%n", kiosk.journal().outbox().status());
    }

    private int summary(List<SessionResult> results, double seconds, SimCount simsBefore, int refilled,
                        Set<SaleId> salesBefore) {
        Map<String, Integer> ends = new TreeMap<>();
        for (SessionResult r : results) ends.merge(r.end(), 1, Integer::sum);
        long[] nanos = results.stream().mapToLong(SessionResult::nanos).sorted().toArray();
        out.printf(Locale.ROOT, "burn-in done: %d sessions in %.1f s (%.1f sessions/s)%n", results.size(), seconds,
                results.size() / seconds);
        out.println("  end states: " + ends);
        out.printf(Locale.ROOT, "  time per session: mean %.1f ms, p50 %.1f, p95 %.1f, max %.1f ms%n",
                Arrays.stream(nanos).average().orElse(0) / 1e6, pct(nanos, 50), pct(nanos, 95),
                nanos[nanos.length - 1] / 1e6);
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.gc();
        long live = rt.totalMemory() - rt.freeMemory();
        out.printf(Locale.ROOT, "  heap in use: %d MB at the end, %d MB after a GC (max heap %d MB)%n",
                used >> 20, live >> 20, rt.maxMemory() >> 20);

        List<String> problems = new ArrayList<>();
        results.stream().filter(r -> r.end().equals(SessionResult.ERROR))
                .forEach(r -> problems.add("session failed: " + r.what()));
        problems.addAll(checkJournalAndLedgers());
        problems.addAll(checkSims(simsBefore, refilled, salesBefore));
        if (problems.isEmpty()) {
            out.println("  invariants: hold");
            return 0;
        }
        problems.forEach(p -> out.println("  INVARIANT BROKEN: " + p));
        return 1;
    }

    /** The journal is sound, and the card reader's and the wallet's ledgers agree with it sale by sale. */
    private List<String> checkJournalAndLedgers() {
        List<String> problems = new ArrayList<>();
        SqliteSaleJournal journal = kiosk.journal();
        boolean sound = journal.integrityCheck();
        if (!sound) problems.add("the journal fails its integrity check");
        List<Sale> sales = journal.recent(Integer.MAX_VALUE);
        Map<SaleId, LedgerEntry> ledger = ((SimulatedPaymentTerminal) kiosk.cardReader()).ledger();
        Map<SaleId, SimulatedPaymentProvider.LedgerEntry> wallet = kiosk.wallet()
                .map(w -> ((SimulatedPaymentProvider) w).ledger()).orElse(Map.of());
        Map<SaleState, Integer> states = new TreeMap<>();
        for (Sale s : sales) states.merge(s.state(), 1, Integer::sum);
        long captured = 0;
        long voided = 0;
        long open = 0;
        for (Map.Entry<SaleId, LedgerEntry> e : ledger.entrySet()) {
            LedgerEntry l = e.getValue();
            if (l.captured().amount() > 0 && l.voided().amount() > 0) problems.add("sale " + e.getKey() + " captured and voided");
            if (l.captured().amount() > 0) captured++;
            if (l.voided().amount() > 0) voided++;
            if (l.open()) open++;
        }
        long walletRefunded = wallet.values().stream().filter(w -> w.refunded().amount() > 0).count();
        for (Sale s : sales) {
            LedgerEntry l = ledger.get(s.id());
            SimulatedPaymentProvider.LedgerEntry w = wallet.get(s.id());
            boolean cardCharged = l != null && l.captured().amount() > 0;
            boolean walletTaken = w != null && w.refunded().amount() == 0;
            boolean charged = cardCharged || walletTaken;
            if (cardCharged && w != null) problems.add("sale " + s.reference() + " paid by card and by wallet");
            // a renewal sold offline is charged first; upstream's refusal later leaves it to the back office
            boolean refundOfCharge = s.state() == SaleState.REFUND_PENDING && soldOffline(journal, s);
            // a new SIM taken while upstream was down: charged, its activation to be applied later
            boolean activationLater = s.state() == SaleState.PAID && hasStep(journal, s, SaleStep.ACTIVATION_DEFERRED);
            boolean mayBeCharged = s.state() == SaleState.COMPLETED || refundOfCharge || activationLater;
            // a wallet refund refused or not got through: the back office refunds it
            boolean walletToRefund = s.state() == SaleState.REFUND_PENDING && w != null;
            if (charged != mayBeCharged && !refundOfCharge && !walletToRefund) {
                problems.add("sale " + s.reference() + " is " + s.state() + " but its money was "
                        + (charged ? "taken" : "not taken"));
            }
            if (cardCharged && !l.captured().equals(s.price())) problems.add("sale " + s.reference() + " charged " + l.captured());
            if (w != null && !w.paid().equals(s.price())) problems.add("sale " + s.reference() + " wallet paid " + w.paid());
            if (l != null && l.open() && s.state() != SaleState.FULFILLED && s.state() != SaleState.REFUND_PENDING) {
                problems.add("sale " + s.reference() + " is " + s.state() + " with its authorization still held");
            }
        }
        out.printf(Locale.ROOT, "  journal: integrity %s; %d sales %s; %d paper(s) to reprint%n", sound ? "ok" : "FAILED",
                sales.size(), states, journal.toReprint().size());
        out.printf(Locale.ROOT, "  card reader ledger: %d approved, %d captured, %d voided, %d held (refund pending "
                + "or charge to confirm at the next start)%n", ledger.size(), captured, voided, open);
        out.printf(Locale.ROOT, "  wallet ledger: %d paid, %d refunded%n", wallet.size(), walletRefunded);
        return problems;
    }

    /**
     * The SIMs add up: what the dispenser holds and let go of is what it held at the start plus the refills, and
     * the burn-in's sales account for every card that moved: one handed out per SIM sold (taken), one in the
     * reject bin per SIM read and not taken (a jam before the read moves no card).
     */
    private List<String> checkSims(SimCount before, int refilled, Set<SaleId> salesBefore) {
        List<String> problems = new ArrayList<>();
        SimCount after = SimCount.of((SimulatedSimDispenser) kiosk.simDispenser());
        if (after.total() != before.total() + refilled) {
            problems.add("SIMs do not add up: " + after + " at the end, " + before + " at the start, " + refilled + " loaded");
        }
        SqliteSaleJournal journal = kiosk.journal();
        long taken = 0;
        long takenBack = 0;
        for (Sale s : journal.recent(Integer.MAX_VALUE)) {
            if (salesBefore.contains(s.id()) || s.kind() != SaleKind.NEW_SIM) continue;
            if (hasStep(journal, s, SaleStep.SIM_TAKEN)) {
                taken++;
            } else if (hasStep(journal, s, SaleStep.SIM_READ)) {
                takenBack++;
            }
        }
        if (after.dispensed() - before.dispensed() != taken) {
            problems.add((after.dispensed() - before.dispensed()) + " SIM(s) handed out for " + taken + " sold");
        }
        if (after.captured() - before.captured() != takenBack) {
            problems.add((after.captured() - before.captured()) + " SIM(s) in the reject bin for " + takenBack + " read and not taken");
        }
        out.printf(Locale.ROOT, "  SIMs: %d handed out, %d to the reject bin, %d loaded, %d left%n",
                after.dispensed() - before.dispensed(), after.captured() - before.captured(), refilled, after.remaining());
        return problems;
    }

    private static boolean hasStep(SqliteSaleJournal journal, Sale s, SaleStep step) {
        return journal.entries(s.id()).stream().anyMatch(e -> e.step() == step);
    }

    private static boolean soldOffline(SqliteSaleJournal journal, Sale s) {
        return journal.entries(s.id()).stream().anyMatch(e -> e.step() == SaleStep.FULFILMENT_DEFERRED);
    }

    private static boolean onSimulators(KioskConfig cfg) {
        KioskConfig.Devices d = cfg.devices();
        return d.cardReader() instanceof DeviceSetup.Simulated && d.receiptPrinter() instanceof DeviceSetup.Simulated
                && d.simDispenser() instanceof DeviceSetup.Simulated
                && cfg.upstream() instanceof KioskConfig.Upstream.Simulated;
    }

    private static KioskConfig withoutDelays(KioskConfig cfg) {
        KioskConfig.Devices d = cfg.devices();
        KioskConfig.Upstream.Simulated up = (KioskConfig.Upstream.Simulated) cfg.upstream();
        KioskConfig fast = cfg.withDevices(new KioskConfig.Devices(noDelay(d.cardReader()), noDelay(d.receiptPrinter()),
                        noDelay(d.simDispenser())))
                .withUpstream(new KioskConfig.Upstream.Simulated(up.lines(), up.keepAcknowledgedDays(), Duration.ZERO))
                .withNewSim(new KioskConfig.NewSim(Duration.ofMillis(TAKE_MILLIS), cfg.newSim().apn()));
        if (cfg.payment().qrWallet().isEmpty()) return fast;
        return fast.withPayment(new KioskConfig.Payment(cfg.payment().methods(), Optional.of(new KioskConfig.QrWallet
                .Simulated(Duration.ofMillis(1), Duration.ofMillis(QR_VALIDITY_MILLIS), Duration.ZERO))));
    }

    private static DeviceSetup noDelay(DeviceSetup d) {
        DeviceSetup.Simulated s = (DeviceSetup.Simulated) d;
        return new DeviceSetup.Simulated(s.required(), Duration.ZERO, s.stockFile());
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
