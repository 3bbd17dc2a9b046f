package jp.simkiosk.application.device;

/** Why a device is in error or a device call failed. The UI and operator screens localize each. */
public enum DeviceFault {
    /** The device did not answer within the call's time-out. */
    TIMEOUT,
    /** The serial port could not be opened, or reads/writes failed (cable unplugged). */
    PORT_UNAVAILABLE,
    /** The device answered with something the driver could not understand (bad frame, checksum). */
    PROTOCOL_ERROR,
    /** The device reported an error it could not recover from by itself. */
    HARDWARE_ERROR,
    /** A card or paper is stuck. */
    JAM,
    /** The printer's auto-cutter failed. */
    CUTTER_ERROR,
    /** A consumable condition prevents use (paper out, cover open, stacker empty, reject bin full). */
    MEDIA,
    /** The device was asked to do something it refuses in its current state. */
    NOT_READY,
    /**
     * The card reader holds no session for the sale, so it can neither complete nor void it: none was opened
     * there, or the reader has restarted since (an MDB cashless reader ends its vend sessions when it loses power
     * or is reset). What became of the authorization is for the back office to settle with the card network.
     */
    SESSION_LOST
}
