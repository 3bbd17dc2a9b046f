package jp.simkiosk.application.port;

import jp.simkiosk.application.device.DeviceFault;

/** The result of a device command that returns nothing but success or a fault. */
public sealed interface DeviceOutcome {
    record Done() implements DeviceOutcome {}
    record Failed(DeviceFault fault) implements DeviceOutcome {}

    DeviceOutcome DONE = new Done();

    default boolean ok() {
        return this instanceof Done;
    }
}
