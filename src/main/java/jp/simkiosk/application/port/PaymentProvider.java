package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Objects;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;

/**
 * A QR wallet payment service (PayPay and the Alipay+ wallets it accepts, WeChat Pay): the kiosk shows a
 * merchant-presented dynamic QR code for the amount, the customer's wallet app scans and pays it, and the
 * kiosk polls until it is paid, declined, expired or cancelled. Money is taken when the wallet pays, so
 * giving it back is a {@link #refund}, not a void.
 *
 * <p>The sale id is the idempotency key of every call: creating a payment for a sale that has one open
 * answers the same QR code; cancelling or refunding twice moves no money twice. Calls block (network);
 * callers keep them off the JavaFX thread.
 */
public interface PaymentProvider {

    /**
     * Creates the payment of {@code amount} for the sale, or returns the one still open for it. A sale whose
     * earlier payment expired, was declined or cancelled gets a new one (a new QR code).
     */
    CreateResult create(SaleId sale, Yen amount);

    /** How the sale's current payment stands. */
    WalletStatus status(SaleId sale);

    /**
     * Cancels the sale's payment unless it has been paid already; answers how it stands after, so a payment
     * the wallet completed at the same moment comes back {@link WalletStatus.Paid}.
     */
    WalletStatus cancel(SaleId sale);

    /** Gives the whole amount of the sale's paid payment back to the wallet. Repeating it is harmless. */
    RefundResult refund(SaleId sale, Yen amount);

    sealed interface CreateResult {
        /**
         * @param qrPayload what the QR code on the screen encodes (the provider's payment URL)
         * @param expiresAt after this the code can no longer be paid
         */
        record Created(String qrPayload, Instant expiresAt) implements CreateResult {
            public Created {
                Objects.requireNonNull(qrPayload);
                Objects.requireNonNull(expiresAt);
            }
        }

        /** The provider could not be reached or refused to create a payment. */
        record Unavailable(String reason) implements CreateResult {}
    }

    sealed interface WalletStatus {
        /** Shown, not paid yet. */
        record Pending() implements WalletStatus {}

        /**
         * Paid: {@code approval} holds the wallet's name as brand, no card number, and the provider's payment
         * reference as approval code.
         */
        record Paid(CardApproval approval) implements WalletStatus {}

        record Declined(String reason) implements WalletStatus {}

        record Expired() implements WalletStatus {}

        record Cancelled() implements WalletStatus {}

        /** The provider did not answer; the payment may still be paid. */
        record Unavailable(String reason) implements WalletStatus {}
    }

    sealed interface RefundResult {
        record Refunded() implements RefundResult {}

        record Failed(String reason) implements RefundResult {}
    }
}
