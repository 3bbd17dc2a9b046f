package jp.simkiosk.application.device;

import java.util.function.Consumer;

/**
 * A device whose health is kept by a {@link HealthTracker}: role, health and listeners come from the
 * tracker, so each simulator and driver only says which tracker is its own.
 */
public interface TrackedDevice extends Device {

    HealthTracker healthTracker();

    @Override
    default DeviceRole role() {
        return healthTracker().role();
    }

    @Override
    default DeviceHealth health() {
        return healthTracker().current();
    }

    @Override
    default void addHealthListener(Consumer<DeviceHealth> listener) {
        healthTracker().addListener(listener);
    }
}
