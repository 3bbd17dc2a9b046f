package jp.simkiosk.backoffice;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the reference back office plays the QR wallet provider.
 *
 * @param approveAfter when "the customer's wallet" pays by itself after a payment is created; empty: only the
 *                     demo endpoint (or a test) pays
 * @param qrValidity   how long a QR code can be paid
 * @param walletName   the wallet reported as having paid ("PayPay")
 * @param payloadBase  what a QR code's payload starts with; the payment id and amount follow
 */
public record WalletSettings(Optional<Duration> approveAfter, Duration qrValidity, String walletName, String payloadBase) {

    public WalletSettings {
        Objects.requireNonNull(approveAfter);
        approveAfter.ifPresent(d -> {
            if (d.isNegative()) throw new IllegalArgumentException("approve-after must not be negative");
        });
        if (qrValidity.isNegative() || qrValidity.isZero()) throw new IllegalArgumentException("QR validity must be positive");
        Objects.requireNonNull(walletName);
        Objects.requireNonNull(payloadBase);
    }

    /** The demo's: paid 8 s after it is shown, a code valid for 120 s, "PayPay", {@code https://pay.example/qr/}. */
    public static WalletSettings demo() {
        return new WalletSettings(Optional.of(Duration.ofSeconds(8)), Duration.ofSeconds(120), "PayPay",
                "https://pay.example/qr/");
    }
}
