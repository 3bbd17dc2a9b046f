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
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal.LedgerEntry;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.CrashMatrix.Case;
import jp.simkiosk.app.StepTrace.Point;
import jp.simkiosk.application.RecoveryService;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash matrix: a renewal is played in a child JVM on the simulators and the child is killed
 * ({@code destroyForcibly}, SIGKILL) at every journaled step — right after the step is committed, and, for
 * every step that records what a device or upstream did, right before (the device acted, the journal does not
 * know yet) — for the happy path and each live failure. The kiosk is then restarted on the same data folder
 * (start-up recovery runs) and the invariants are checked: every sale ended (or is the back office's to
 * refund), nothing charged twice, a charge only for a renewal applied upstream and every applied renewal
 * charged, the card reader holds no authorization of a settled sale, the SIM stock is untouched, every
 * customer paper printed or kept for reprint, the journal sound, and a second restart changes nothing.
 * Some crash points of the sale are then combined with a second kill at every step recovery itself writes.
 */
class KioskCrashMatrixTest {

    /** Steps that record what a device or upstream just did: a kill just before them is a crash point too. */
    static final Set<SaleStep> OUTCOMES = EnumSet.of(SaleStep.PAYMENT_APPROVED, SaleStep.PAYMENT_DECLINED,
            SaleStep.PAYMENT_CANCELLED, SaleStep.PAYMENT_TIMED_OUT, SaleStep.PAYMENT_DEVICE_ERROR, SaleStep.FULFILLED,
            SaleStep.FULFILMENT_REJECTED, SaleStep.FULFILMENT_UNAVAILABLE, SaleStep.CAPTURED, SaleStep.CAPTURE_FAILED,
            SaleStep.VOIDED, SaleStep.VOID_FAILED, SaleStep.REFUND_PENDING, SaleStep.RECEIPT_PRINTED,
            SaleStep.RECEIPT_FAILED);

    /** Sale crash points after which recovery itself is killed at each of its steps. */
    private static final List<String> KILL_RECOVERY_TOO = List.of(
            "HAPPY BEFORE:PAYMENT_APPROVED:1", "HAPPY AFTER:FULFILMENT_REQUESTED:1",
            "RENEWAL_REJECTED AFTER:FULFILMENT_REJECTED:1", "CAPTURE_FAILS AFTER:CAPTURE_FAILED:1");

    @TempDir
    Path tmp;

    private final Clock clock = Clock.systemUTC();

    @Test
    void aRenewalKilledAtAnyJournaledStepIsRecoveredOnRestart() throws Exception {
        CrashMatrix crashes = new CrashMatrix(tmp, clock, TestKiosks::demo);
        Map<String, Case<CrashScenario>> saleCases = new LinkedHashMap<>();
        for (CrashScenario scenario : CrashScenario.values()) {
            List<SaleStep> steps = crashes.traceSale(scenario::play);
            for (Map.Entry<String, Point> p : CrashMatrix.points(steps, scenario.coverUpTo, OUTCOMES).entrySet()) {
                saleCases.putIfAbsent(p.getKey(), new Case<>(scenario, p.getValue(), Optional.empty()));
            }
        }

        CrashMatrix.Result r = crashes.play(saleCases.values(), KILL_RECOVERY_TOO, OUTCOMES, this::restartAndCheck);

        System.out.println("crash matrix (case -> state after restart, recovery action, paper):");
        r.matrix().forEach(m -> System.out.println("  " + m));
        System.out.printf("crash matrix: %d crash points (%d in the sale, %d in recovery after a crash), %d recovered "
                        + "with every invariant holding%n", saleCases.size() + r.recoveryCases(), saleCases.size(),
                r.recoveryCases(), saleCases.size() + r.recoveryCases() - r.broken());
        assertThat(saleCases.size()).isGreaterThanOrEqualTo(40);
        assertThat(r.problems()).isEmpty();
    }

    // ---------------------------------------------------------------- restart and invariants

    /** Restarts the kiosk on the folder (recovery runs), checks the invariants, restarts once more. */
    private String restartAndCheck(Case<CrashScenario> c, Path data, List<String> problems) throws Exception {
        List<String> found = new ArrayList<>();
        String summary;
        long stepsAfterRecovery;
        try (KioskAssembly kiosk = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            RecoveryService.Report report = kiosk.recovery();
            TestKiosks.drainOutbox(kiosk);
            found.addAll(invariants(kiosk, data));
            List<Sale> sales = kiosk.journal().recent(10);
            stepsAfterRecovery = CrashMatrix.steps(kiosk.journal(), sales);
            summary = c.name() + " -> " + sales.stream().map(s -> s.state().name()).collect(Collectors.joining(","))
                    + " " + report.sales().stream().map(r -> r.action().map(Enum::name).orElse("paper") + "/" + r.paper())
                    .collect(Collectors.joining(","));
        }
        try (KioskAssembly again = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            TestKiosks.drainOutbox(again);
            if (!again.recovery().sales().isEmpty()) found.add("a second restart recovered again: " + again.recovery().sales());
            long steps = CrashMatrix.steps(again.journal(), again.journal().recent(10));
            if (steps != stepsAfterRecovery) found.add("a second restart wrote " + (steps - stepsAfterRecovery) + " step(s)");
        }
        found.forEach(p -> problems.add(c.name() + ": " + p));
        return summary + (found.isEmpty() ? "" : "  BROKEN " + found);
    }

    private List<String> invariants(KioskAssembly kiosk, Path data) throws IOException {
        List<String> p = new ArrayList<>();
        SqliteSaleJournal journal = kiosk.journal();
        if (!journal.integrityCheck()) p.add("the journal fails its integrity check");
        List<Sale> sales = journal.recent(10);
        if (sales.size() != 1) p.add("expected the one sale, found " + sales.size());
        Map<SaleId, LedgerEntry> ledger = ((SimulatedPaymentTerminal) kiosk.cardReader()).ledger();
        Map<SaleId, RenewalResult> answers = ((SimulatedUpstream) kiosk.upstream()).answers();
        Set<SaleId> toReprint = journal.toReprint().stream().map(Sale::id).collect(Collectors.toSet());
        for (SaleId id : ledger.keySet()) {
            if (journal.find(id).isEmpty()) p.add("the card reader knows a sale the journal does not: " + id);
        }
        for (Sale s : sales) {
            LedgerEntry l = ledger.get(s.id());
            boolean charged = l != null && l.captured().amount() > 0;
            boolean held = l != null && l.open();
            boolean released = l != null && l.voided().amount() > 0;
            boolean renewed = answers.get(s.id()) instanceof RenewalResult.Applied;
            if (charged && released) p.add("charged and voided");
            if (charged && !l.captured().equals(s.price())) p.add("charged " + l.captured() + " for " + s.price());
            switch (s.state()) {
                case COMPLETED -> {
                    if (!charged || !renewed) p.add("COMPLETED but charged=" + charged + " renewed=" + renewed);
                }
                case VOIDED -> {
                    if (!released || renewed) p.add("VOIDED but released=" + released + " renewed=" + renewed);
                }
                case CANCELLED -> {
                    if (charged || held || renewed) p.add("CANCELLED but charged=" + charged + " held=" + held + " renewed=" + renewed);
                }
                case REFUND_PENDING -> {
                    if (charged || renewed) p.add("REFUND_PENDING but charged=" + charged + " renewed=" + renewed);
                }
                default -> p.add("left " + s.state() + " (paid and unresolved, or never settled)");
            }
            boolean paperDue = s.state() == SaleState.COMPLETED || s.state() == SaleState.VOIDED
                    || s.state() == SaleState.REFUND_PENDING;
            Optional<SaleStep> lastPaper = journal.entries(s.id()).stream().map(JournalEntry::step)
                    .filter(st -> st == SaleStep.RECEIPT_REQUESTED || st == SaleStep.RECEIPT_PRINTED
                            || st == SaleStep.RECEIPT_FAILED)
                    .reduce((a, b) -> b);
            if (paperDue && !(lastPaper.equals(Optional.of(SaleStep.RECEIPT_PRINTED)) || toReprint.contains(s.id()))) {
                p.add(s.state() + " without its paper printed or kept for reprint (last paper step " + lastPaper + ")");
            }
        }
        SimulatedSimDispenser dispenser = (SimulatedSimDispenser) kiosk.simDispenser();
        long stock = CrashMatrix.stock(kiosk.config().devices().simDispenser() instanceof
                jp.simkiosk.app.config.KioskConfig.DeviceSetup.Simulated sim ? sim.stockFile() : data);
        if (dispenser.dispensed() != 0 || dispenser.captured() != 0 || dispenser.remaining() != stock) {
            p.add("SIM stock moved: dispensed " + dispenser.dispensed() + ", captured " + dispenser.captured()
                    + ", remaining " + dispenser.remaining() + " of " + stock);
        }
        return p;
    }
}
