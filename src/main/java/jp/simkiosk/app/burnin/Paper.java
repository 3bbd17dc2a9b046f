package jp.simkiosk.app.burnin;

import java.util.Set;
import java.util.function.Supplier;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.domain.sale.Sale;

/** The last step every scripted session shares: the paper is printed, and the customer takes it (or not). */
final class Paper {

    private Paper() {}

    /** Prints with {@code print}, the simulated printer out of paper for it when {@code paperOut}. */
    static ReceiptOutcome print(SimulatedReceiptPrinter printer, boolean paperOut, Supplier<ReceiptOutcome> print) {
        if (paperOut) printer.setMedia(Set.of(MediaCondition.PAPER_OUT));
        try {
            return print.get();
        } finally {
            printer.setMedia(Set.of());
        }
    }

    /** What the customer got on paper: RECEIPT, SLIP (the money went back) or NONE. */
    static String taken(ReceiptOutcome printed, Sale after) {
        return !(printed instanceof ReceiptOutcome.Printed) ? "NONE"
                : Checkout.needsRefundSlip(after) ? "SLIP" : "RECEIPT";
    }
}
