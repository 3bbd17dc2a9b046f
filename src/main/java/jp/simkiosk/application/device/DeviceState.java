package jp.simkiosk.application.device;

/** Lifecycle and health of a device, the same shape for every device. */
public enum DeviceState {
    /** Being opened or re-initialized. */
    OPENING,
    READY,
    /** Working on a command. */
    BUSY,
    /** Answered, but in a fault (see {@link DeviceFault}). */
    ERROR,
    /** Not answering at all (port gone, cable unplugged, power off). */
    OFFLINE
}
