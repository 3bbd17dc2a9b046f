package jp.simkiosk.application;

import jp.simkiosk.application.device.DeviceFault;

/** Whether a sale's receipt came out of the printer. */
public sealed interface ReceiptOutcome {
    record Printed() implements ReceiptOutcome {}

    record NotPrinted(DeviceFault fault) implements ReceiptOutcome {}
}
