package jp.simkiosk.adapter.device.serial;

/** A failure of a serial link, with a kind a driver can act on. */
public final class SerialLinkException extends Exception {

    public enum Kind {
        /** The port does not exist or cannot be opened. */
        CANNOT_OPEN,
        /** Reads or writes failed: the device or cable went away. */
        IO_ERROR,
        /** The bytes did not arrive in time. */
        TIMEOUT
    }

    private final Kind kind;

    public SerialLinkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public SerialLinkException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
