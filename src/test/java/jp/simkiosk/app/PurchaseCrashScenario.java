package jp.simkiosk.app;

import java.util.Arrays;
import java.util.Optional;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.burnin.PurchaseSession;
import jp.simkiosk.app.burnin.PurchaseSession.Faults;
import jp.simkiosk.app.burnin.SessionResult;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.plan.PlanKind;

/**
 * The purchases the crash matrix kills, played by the burn-in's {@link PurchaseSession} on the kiosk of
 * {@link TestKiosks#purchases}: a new SIM paid by card (taken, left at the gate, handed over while the back office
 * is down so that its activation is deferred, and jammed on its way to the gate after payment), a new eSIM paid by
 * card, and a new eSIM paid by QR wallet (its points up to the approval: the rest is the card eSIM's journey).
 */
enum PurchaseCrashScenario {
    SIM_TAKEN(PlanKind.NEW_SIM, Faults.NONE, null, false),
    SIM_NOT_TAKEN(PlanKind.NEW_SIM, new Faults(false, false, false, false, false, true, false, false), null, false),
    // the first plan offered (new-sim-5gb-8d) sells offline: ACTIVATION_DEFERRED, taken, charged, PAID for the outbox
    SIM_SOLD_OFFLINE(PlanKind.NEW_SIM, new Faults(false, false, false, false, false, false, true, false), null, false),
    // read and activated, then the card jams between the IC station and the gate: captured, activation cancelled, voided
    SIM_JAMMED_TO_GATE(PlanKind.NEW_SIM, Faults.NONE, null, true),
    ESIM_BY_CARD(PlanKind.NEW_ESIM, Faults.NONE, null, false),
    ESIM_BY_WALLET(PlanKind.NEW_ESIM, new Faults(true, false, false, false, false, false, false, false),
            SaleStep.PAYMENT_APPROVED, false);

    final PlanKind kind;
    final Faults faults;
    /** The last step whose crash points are worth covering (null: all). */
    final SaleStep coverUpTo;
    /** The dispenser jams as it moves the card to the gate. */
    final boolean jamToGate;

    PurchaseCrashScenario(PlanKind kind, Faults faults, SaleStep coverUpTo, boolean jamToGate) {
        this.kind = kind;
        this.faults = faults;
        this.coverUpTo = coverUpTo;
        this.jamToGate = jamToGate;
    }

    /** The scenario of this name, if it is a purchase's. */
    static Optional<PurchaseCrashScenario> named(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }

    SessionResult play(KioskAssembly kiosk) {
        if (jamToGate) ((SimulatedSimDispenser) kiosk.simDispenser()).jamNextMoveToGate();
        PurchaseSession session = new PurchaseSession(kind, kiosk.purchases(), kiosk.checkout(), kiosk.journal(),
                kiosk.wallet().map(SimulatedPaymentProvider.class::cast),
                (SimulatedReceiptPrinter) kiosk.receiptPrinter(), (SimulatedSimDispenser) kiosk.simDispenser(),
                (SimulatedUpstream) kiosk.upstream(), kiosk.config().languages());
        return session.play(Language.ZH_HANS, 0, faults);
    }
}
