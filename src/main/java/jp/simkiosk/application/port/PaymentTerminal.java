package jp.simkiosk.application.port;

import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The card reader. A sale's money moves in two steps: {@link #authorize} holds the amount, then
 * {@link #complete} lets the charge stand or {@link #voidAuthorization} reverses it. Every call carries
 * the sale id, so a retried call for the same sale never charges twice.
 */
public interface PaymentTerminal extends Device {

    AuthorizationResult authorize(SaleId sale, Yen amount);

    /** The goods were delivered: the charge stands. Repeating it for the same sale is harmless. */
    DeviceOutcome complete(SaleId sale);

    /** The sale failed after authorization: reverse the charge. Repeating it is harmless. */
    DeviceOutcome voidAuthorization(SaleId sale);

    /** Cancels an authorization that is still waiting for the customer's card. */
    void cancelPending();

    sealed interface AuthorizationResult {
        record Approved(CardApproval approval) implements AuthorizationResult {}
        record Declined(DeclineReason reason) implements AuthorizationResult {}
        record CancelledByCustomer() implements AuthorizationResult {}
        record TimedOut() implements AuthorizationResult {}
        record DeviceError(DeviceFault fault) implements AuthorizationResult {}
    }

    /** Why a card was declined, as far as the reader tells; each has a localized text. */
    enum DeclineReason { DECLINED, INSUFFICIENT_FUNDS, CARD_EXPIRED, CARD_NOT_SUPPORTED, PIN_REQUIRED }
}
