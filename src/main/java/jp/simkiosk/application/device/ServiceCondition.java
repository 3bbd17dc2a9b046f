package jp.simkiosk.application.device;

import java.util.Optional;

/**
 * Something besides the devices without which the kiosk must not sell (free space in the data folder),
 * checked by the {@link ServiceMonitor} at each poll. Implementations may do I/O; they answer quickly.
 */
@FunctionalInterface
public interface ServiceCondition {

    /** The alarm if the condition does not hold now, else empty. */
    Optional<Alarm> check();
}
