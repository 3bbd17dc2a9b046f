package jp.simkiosk.application;

import java.time.Duration;
import java.util.Objects;
import jp.simkiosk.domain.line.ApnSettings;

/**
 * What the purchase journeys need to know of the kiosk.
 *
 * @param takeTimeout how long a dispensed SIM waits at the gate for the customer before it is captured
 * @param apn         the APN settings printed on the receipt of every new SIM (one operator's stock per kiosk)
 */
public record PurchaseSettings(Duration takeTimeout, ApnSettings apn) {
    public PurchaseSettings {
        Objects.requireNonNull(takeTimeout);
        Objects.requireNonNull(apn);
        if (takeTimeout.isNegative() || takeTimeout.isZero()) throw new IllegalArgumentException("take timeout must be positive");
    }
}
