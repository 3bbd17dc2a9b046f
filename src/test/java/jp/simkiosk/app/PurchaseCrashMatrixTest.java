package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.app.CrashMatrix.Case;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.StepTrace.Point;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.RecoveryService;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash matrix of purchases: a new SIM (taken, left at the gate, sold while the back office is down, jammed on
 * its way to the gate), a new eSIM and a QR wallet payment are
 * played in a child JVM on the simulators ({@link PurchaseCrashScenario}) and the child is killed (SIGKILL) after
 * every journaled step and before every step that records what a device, upstream or the wallet did. The kiosk
 * is restarted on the same data folder — the card reader's ledger, the dispenser's state and the wallet's state
 * are files there — and the invariants are checked: the sale ended, or is the back office's (refund pending);
 * money taken (a card capture, a wallet payment not refunded) only for goods delivered, and every delivered sale
 * charged once; nothing left held at the reader or the wallet for a settled sale; SIMs in the stacker, in the
 * reject bin and handed out add up to the stock, and a SIM handed out only for a charged sale or one refund
 * pending; once the outbox has drained, no line left at the back office for a sale whose money went back, and one
 * for every completed sale; the customer's paper printed or kept for reprint; a new eSIM's activation code gone from the journal
 * unless its receipt waits for reprint; the journal sound; a second restart changes nothing. For two points of
 * the new SIM and one of the wallet, recovery itself is killed at each of its steps too.
 */
class PurchaseCrashMatrixTest {

    /** Steps that record what a device, upstream or the wallet just did: a kill just before them is a crash point. */
    private static final Set<SaleStep> OUTCOMES = outcomes();

    /** Sale crash points after which recovery itself is killed at each of its steps. */
    private static final List<String> KILL_RECOVERY_TOO = List.of("SIM_TAKEN AFTER:ACTIVATED:1",
            "SIM_TAKEN BEFORE:SIM_TAKEN:1", "ESIM_BY_WALLET AFTER:PAYMENT_APPROVED:1");

    @TempDir
    Path tmp;

    private final Clock clock = Clock.systemUTC();

    @Test
    void aPurchaseKilledAtAnyJournaledStepIsRecoveredOnRestart() throws Exception {
        CrashMatrix crashes = new CrashMatrix(tmp, clock, TestKiosks::purchases);
        Map<String, Case<PurchaseCrashScenario>> saleCases = new LinkedHashMap<>();
        for (PurchaseCrashScenario scenario : PurchaseCrashScenario.values()) {
            List<SaleStep> steps = crashes.traceSale(scenario::play);
            for (Map.Entry<String, Point> p : CrashMatrix.points(steps, scenario.coverUpTo, OUTCOMES).entrySet()) {
                String journey = scenario.kind + (scenario.faults.wallet() ? " by wallet" : " by card");
                saleCases.putIfAbsent(journey + " " + p.getKey(), new Case<>(scenario, p.getValue(), Optional.empty()));
            }
        }

        CrashMatrix.Result r = crashes.play(saleCases.values(), KILL_RECOVERY_TOO, OUTCOMES, this::restartAndCheck);

        System.out.println("purchase crash matrix (case -> state after restart, recovery action/paper):");
        r.matrix().forEach(m -> System.out.println("  " + m));
        System.out.printf("purchase crash matrix: %d crash points (%d in the sale, %d in recovery after a crash), "
                        + "%d recovered with every invariant holding%n", saleCases.size() + r.recoveryCases(),
                saleCases.size(), r.recoveryCases(), saleCases.size() + r.recoveryCases() - r.broken());
        assertThat(saleCases.size()).isGreaterThanOrEqualTo(50);
        assertThat(r.problems()).isEmpty();
    }

    private static Set<SaleStep> outcomes() {
        EnumSet<SaleStep> s = EnumSet.copyOf(KioskCrashMatrixTest.OUTCOMES);
        s.addAll(EnumSet.of(SaleStep.WALLET_QR_SHOWN, SaleStep.PAYMENT_UNAVAILABLE, SaleStep.PAYMENT_EXPIRED,
                SaleStep.REFUNDED, SaleStep.REFUND_FAILED, SaleStep.SIM_READ, SaleStep.SIM_READ_FAILED,
                SaleStep.ACTIVATED, SaleStep.ACTIVATION_REJECTED, SaleStep.ACTIVATION_UNAVAILABLE,
                SaleStep.ACTIVATION_DEFERRED, SaleStep.SIM_DISPENSED, SaleStep.SIM_DISPENSE_FAILED, SaleStep.SIM_TAKEN,
                SaleStep.SIM_NOT_TAKEN, SaleStep.SIM_CAPTURED, SaleStep.SIM_CAPTURE_FAILED, SaleStep.ACTIVATION_CANCELLED,
                SaleStep.ACTIVATION_CANCEL_FAILED, SaleStep.ESIM_CODE_ISSUED, SaleStep.ESIM_CODE_REJECTED,
                SaleStep.ESIM_CODE_UNAVAILABLE, SaleStep.ESIM_CODE_MASKED));
        return s;
    }

    // ---------------------------------------------------------------- restart and invariants

    private String restartAndCheck(Case<PurchaseCrashScenario> c, Path data, List<String> problems) throws Exception {
        List<String> found = new ArrayList<>();
        String summary;
        long stepsAfterRecovery;
        try (KioskAssembly kiosk = KioskAssembly.build(TestKiosks.purchases(data, clock), clock)) {
            RecoveryService.Report report = kiosk.recovery();
            // a SIM sold offline is settled by the back office's answer to its queued activation
            TestKiosks.drainOutbox(kiosk);
            found.addAll(invariants(kiosk));
            List<Sale> sales = kiosk.journal().recent(10);
            stepsAfterRecovery = CrashMatrix.steps(kiosk.journal(), sales);
            summary = c.name() + " -> " + sales.stream().map(s -> s.state().name()).collect(Collectors.joining(","))
                    + " " + report.sales().stream().map(r -> r.action().map(Enum::name).orElse("paper") + "/" + r.paper())
                    .collect(Collectors.joining(","));
        }
        try (KioskAssembly again = KioskAssembly.build(TestKiosks.purchases(data, clock), clock)) {
            TestKiosks.drainOutbox(again);
            if (!again.recovery().sales().isEmpty()) found.add("a second restart recovered again: " + again.recovery().sales());
            long steps = CrashMatrix.steps(again.journal(), again.journal().recent(10));
            if (steps != stepsAfterRecovery) found.add("a second restart wrote " + (steps - stepsAfterRecovery) + " step(s)");
            found.addAll(invariants(again));
        }
        found.forEach(p -> problems.add(c.name() + ": " + p));
        return summary + (found.isEmpty() ? "" : "  BROKEN " + found);
    }

    private static List<String> invariants(KioskAssembly kiosk) throws IOException {
        List<String> p = new ArrayList<>();
        SqliteSaleJournal journal = kiosk.journal();
        if (!journal.integrityCheck()) p.add("the journal fails its integrity check");
        List<Sale> sales = journal.recent(10);
        if (sales.size() != 1) p.add("expected the one sale, found " + sales.size());
        Map<SaleId, SimulatedPaymentTerminal.LedgerEntry> cards = ((SimulatedPaymentTerminal) kiosk.cardReader()).ledger();
        Map<SaleId, SimulatedPaymentProvider.LedgerEntry> wallet =
                ((SimulatedPaymentProvider) kiosk.wallet().orElseThrow()).ledger();
        SimulatedSimDispenser dispenser = (SimulatedSimDispenser) kiosk.simDispenser();
        SimulatedUpstream backOffice = (SimulatedUpstream) kiosk.upstream();
        Set<SaleId> toReprint = journal.toReprint().stream().map(Sale::id).collect(Collectors.toSet());
        for (Sale s : sales) {
            SimulatedPaymentTerminal.LedgerEntry card = cards.get(s.id());
            SimulatedPaymentProvider.LedgerEntry paid = wallet.get(s.id());
            boolean cardCharged = card != null && card.captured().amount() > 0;
            boolean cardHeld = card != null && card.open();
            boolean walletTaken = paid != null && paid.refunded().amount() == 0;
            if (cardCharged && card.voided().amount() > 0) p.add("card charged and voided");
            if (cardCharged && !card.captured().equals(s.price())) p.add("card charged " + card.captured() + " for " + s.price());
            if (paid != null && !paid.paid().equals(s.price())) p.add("wallet paid " + paid.paid() + " for " + s.price());
            if (cardCharged && paid != null) p.add("paid by card and by wallet");
            boolean charged = cardCharged || walletTaken;
            List<SaleStep> steps = journal.entries(s.id()).stream().map(JournalEntry::step).toList();
            boolean delivered = s.kind() == SaleKind.NEW_SIM ? dispenser.dispensed() == 1
                    : steps.contains(SaleStep.ESIM_CODE_ISSUED);
            // after the outbox drained: a line the customer never got is cancelled, a delivered one is live
            Optional<String> line = backOffice.activeNewLine(s.id());
            boolean ended = s.state() == SaleState.VOIDED || s.state() == SaleState.REFUNDED
                    || s.state() == SaleState.CANCELLED;
            if (ended && line.isPresent()) p.add(s.state() + " but its new line is active at the back office");
            if (s.state() == SaleState.COMPLETED && line.isEmpty()) p.add("COMPLETED but no active line at the back office");
            switch (s.state()) {
                case COMPLETED -> {
                    if (!charged || !delivered || cardHeld) {
                        p.add("COMPLETED but charged=" + charged + " delivered=" + delivered + " held=" + cardHeld);
                    }
                }
                case VOIDED, REFUNDED, CANCELLED -> {
                    if (charged || cardHeld || delivered) {
                        p.add(s.state() + " but charged=" + charged + " held=" + cardHeld + " delivered=" + delivered);
                    }
                }
                // the back office's: nothing charged by the kiosk (an authorization may still be held for it)
                case REFUND_PENDING -> {
                    if (cardCharged) p.add("REFUND_PENDING but the card was charged");
                }
                default -> p.add("left " + s.state() + " (paid and unresolved, or never settled)");
            }
            boolean paperDue = s.state() != SaleState.CANCELLED;
            Optional<SaleStep> lastPaper = steps.stream()
                    .filter(st -> st == SaleStep.RECEIPT_REQUESTED || st == SaleStep.RECEIPT_PRINTED
                            || st == SaleStep.RECEIPT_FAILED)
                    .reduce((a, b) -> b);
            if (paperDue && !(lastPaper.equals(Optional.of(SaleStep.RECEIPT_PRINTED)) || toReprint.contains(s.id()))) {
                p.add(s.state() + " without its paper printed or kept for reprint (last paper step " + lastPaper + ")");
            }
            if (journal.activationCode(s.id()).isPresent() && !toReprint.contains(s.id())) {
                p.add("the eSIM activation code is still in the journal, its receipt not waiting for reprint");
            }
        }
        long stock = CrashMatrix.stock(((KioskConfig.DeviceSetup.Simulated) kiosk.config().devices().simDispenser())
                .stockFile());
        if (dispenser.remaining() + dispenser.captured() + dispenser.dispensed() != stock) {
            p.add("SIMs do not add up: remaining " + dispenser.remaining() + " + captured " + dispenser.captured()
                    + " + dispensed " + dispenser.dispensed() + " != stock " + stock);
        }
        return p;
    }
}
