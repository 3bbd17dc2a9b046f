package jp.simkiosk.adapter.device.serial.crt591;

/**
 * The dispenser answered with something the driver cannot accept: a frame that stays corrupt after the
 * allowed resends, a reply to another command, an unknown status byte. Maps to
 * {@link jp.simkiosk.application.device.DeviceFault#PROTOCOL_ERROR}.
 */
class Crt591ProtocolException extends Exception {

    Crt591ProtocolException(String message) {
        super(message);
    }

    /** A frame damaged on the line (bad start byte, length, end byte or BCC): worth a NAK and a resend. */
    static final class CorruptFrame extends Crt591ProtocolException {
        CorruptFrame(String message) {
            super(message);
        }
    }
}
