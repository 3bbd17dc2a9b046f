package jp.simkiosk.app;

import java.util.ArrayList;
import java.util.List;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.burnin.RenewalSession;
import jp.simkiosk.app.burnin.RenewalSession.Faults;
import jp.simkiosk.app.burnin.SessionResult;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;

/**
 * The renewals the crash matrix kills: the happy path and each live failure, played by the burn-in's
 * {@link RenewalSession} on the demo line 090-1234-5678 (renewable, any SIM plan).
 */
enum CrashScenario {
    HAPPY(Faults.NONE, null),
    RENEWAL_REJECTED(new Faults(false, false, false, true, false, false, false, false), null),
    REJECTED_AND_VOID_FAILS(new Faults(false, false, false, true, false, true, false, false), null),
    // every demo plan this line may take sells offline: the renewal is deferred, the outbox applies it later
    UPSTREAM_DOWN_SOLD_OFFLINE(new Faults(false, false, false, false, true, false, false, false), null),
    CAPTURE_FAILS(new Faults(false, false, false, false, false, false, true, false), null),
    PAPER_OUT(new Faults(false, false, false, false, false, false, false, true), null),
    DECLINED_THEN_CANCELLED(new Faults(true, true, false, false, false, false, false, false), null),
    // the second card's steps are the happy path's after the first attempt: points up to its approval
    DECLINED_THEN_PAID(new Faults(true, false, false, false, false, false, false, false), SaleStep.PAYMENT_APPROVED),
    READER_ERROR_THEN_PAID(new Faults(false, false, true, false, false, false, false, false), SaleStep.PAYMENT_APPROVED);

    static final String LINE = "09012345678";

    final Faults faults;
    /** The last step whose crash points are worth covering (null: all). */
    final SaleStep coverUpTo;

    CrashScenario(Faults faults, SaleStep coverUpTo) {
        this.faults = faults;
        this.coverUpTo = coverUpTo;
    }

    SessionResult play(KioskAssembly kiosk) {
        List<LineId> lines = new ArrayList<>();
        for (LineStatus l : ((jp.simkiosk.app.config.KioskConfig.Upstream.Simulated) kiosk.config().upstream()).lines()) {
            lines.add(l.lineId());
        }
        RenewalSession session = new RenewalSession(kiosk.renewals(), kiosk.checkout(), kiosk.journal(),
                (SimulatedPaymentTerminal) kiosk.cardReader(), (SimulatedReceiptPrinter) kiosk.receiptPrinter(),
                (SimulatedUpstream) kiosk.upstream(), List.of(Language.KO), lines, List.of());
        return session.play(Language.KO, LineId.parseNormalized(LINE), 0, faults);
    }
}
