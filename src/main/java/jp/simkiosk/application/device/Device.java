package jp.simkiosk.application.device;

import java.util.function.Consumer;

/**
 * What every device port shares: its role, its last known health, a poll that asks the device again,
 * and listeners told of every change of health. Implementations do their I/O on the caller's thread
 * with a time-out on every call; callers keep that off the JavaFX thread.
 */
public interface Device extends AutoCloseable {

    DeviceRole role();

    /** The last known health, without talking to the device. */
    DeviceHealth health();

    /** Asks the device for its status now (a poll) and returns the new health. */
    DeviceHealth poll();

    /** Registers a listener told (on the thread that noticed it) of each change of health. */
    void addHealthListener(Consumer<DeviceHealth> listener);

    @Override
    void close();
}
