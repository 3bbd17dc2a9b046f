package jp.simkiosk.application;

import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.domain.sale.Sale;

/**
 * How taking the payment for a sale went, by card reader or QR wallet. Anything but {@link Paid} leaves the
 * sale open and uncharged, for a retry, another payment method or a cancel.
 */
public sealed interface PaymentOutcome {
    record Paid(Sale sale) implements PaymentOutcome {}

    record Declined(PaymentTerminal.DeclineReason reason) implements PaymentOutcome {}

    record CancelledByCustomer() implements PaymentOutcome {}

    /** No card was presented in time, or the QR code expired before the wallet paid. */
    record TimedOut() implements PaymentOutcome {}

    /** The card reader failed, or the QR wallet provider could not be reached. */
    record DeviceFailed(DeviceFault fault) implements PaymentOutcome {}
}
