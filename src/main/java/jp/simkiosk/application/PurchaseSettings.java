package jp.simkiosk.application;

import java.time.Duration;
import java.util.Objects;

/**
 * What the purchase journeys need to know of the kiosk (the APN settings printed for a new SIM are
 * {@link Checkout}'s, which prints every receipt).
 *
 * @param takeTimeout how long a dispensed SIM waits at the gate for the customer before it is captured
 */
public record PurchaseSettings(Duration takeTimeout) {
    public PurchaseSettings {
        Objects.requireNonNull(takeTimeout);
        if (takeTimeout.isNegative() || takeTimeout.isZero()) throw new IllegalArgumentException("take timeout must be positive");
    }
}
