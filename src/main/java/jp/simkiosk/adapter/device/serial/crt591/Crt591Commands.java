package jp.simkiosk.adapter.device.serial.crt591;

import java.util.Optional;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.MediaCondition;

/**
 * The one table of every code the CRT-591 driver sends or understands: control bytes, command codes
 * (CM PM), status bytes (st0 st1 st2), error codes (e1 e0) and the SIM APDUs used to read the ICCID.
 * Kept apart from the logic so that it can be checked line by line against the vendor manual
 * (source of the values: /work/shared/docs/device-protocols.md).
 */
public final class Crt591Commands {

    private Crt591Commands() {}

    // ------------------------------------------------------------------ control bytes

    /** Start of every frame. */
    public static final byte STX = (byte) 0xF2;
    /** End of the text of every frame; the BCC follows it. */
    public static final byte ETX = 0x03;
    /** Frame received and understood. */
    public static final byte ACK = 0x06;
    /** Frame not understood: send it again. */
    public static final byte NAK = 0x15;
    /** Give up the exchange. */
    public static final byte EOT = 0x04;
    /** First byte of a frame's text: a command from the host. */
    public static final byte COMMAND = 'C';
    /** First byte of a reply's text: the command succeeded. */
    public static final byte POSITIVE = 'P';
    /** First byte of a reply's text: the command failed, an error code follows. */
    public static final byte NEGATIVE = 'N';
    /** The device address used unless configured otherwise. */
    public static final int DEFAULT_ADDRESS = 0x00;

    // ------------------------------------------------------------------ commands

    /** The commands the driver sends, with their CM PM bytes (ASCII). */
    public enum Command {
        /** Initialize; a card in the channel is not moved. */
        INITIALIZE('0', '3'),
        /** Status: answered with st0 st1 st2. */
        STATUS('1', '0'),
        /** Move the card in the IC station to the gate, where the customer takes it. */
        DISPENSE_TO_GATE('2', '0'),
        /** Move the next card from the stacker to the IC contact position. */
        MOVE_TO_IC('2', '1'),
        /** Pull the card in the channel (IC station or gate) into the reject bin. */
        CAPTURE('2', '3'),
        /**
         * Power the contact CPU card (the SIM at the IC station) and read its ATR. Inferred from the
         * confirmed SAM commands, not confirmed from a public manual.
         */
        IC_ACTIVATE('Q', '0'),
        /** Send one APDU (the frame's data) to the powered card; the reply's data is the card's answer. */
        IC_APDU('Q', '9'),
        /** Power the card off. */
        IC_DEACTIVATE('Q', '1');

        private final byte cm;
        private final byte pm;

        Command(char cm, char pm) {
            this.cm = (byte) cm;
            this.pm = (byte) pm;
        }

        public byte cm() {
            return cm;
        }

        public byte pm() {
            return pm;
        }

        /** The command with these CM PM bytes, if the driver knows it. */
        public static Optional<Command> of(byte cm, byte pm) {
            for (Command c : values()) {
                if (c.cm == cm && c.pm == pm) return Optional.of(c);
            }
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ status st0 st1 st2

    /** st0: where the card in the channel is. */
    public enum CardPosition {
        EMPTY('0'), AT_GATE('1'), AT_IC('2');

        private final byte code;

        CardPosition(char code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        public static Optional<CardPosition> of(byte code) {
            for (CardPosition p : values()) {
                if (p.code == code) return Optional.of(p);
            }
            return Optional.empty();
        }
    }

    /** st1: how many cards are left in the stacker. */
    public enum StackerLevel {
        EMPTY('0'), LOW('1'), ENOUGH('2');

        private final byte code;

        StackerLevel(char code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        public static Optional<StackerLevel> of(byte code) {
            for (StackerLevel l : values()) {
                if (l.code == code) return Optional.of(l);
            }
            return Optional.empty();
        }
    }

    /** st2 when the reject bin is full. */
    public static final byte REJECT_BIN_FULL = '1';
    /** st2 when the reject bin has room. */
    public static final byte REJECT_BIN_OK = '0';

    // ------------------------------------------------------------------ error codes e1 e0

    /** What an error code means to the kiosk: whose problem it is. */
    public enum Scope {
        /** The device cannot go on until it is re-initialized (and maybe serviced). */
        DEVICE,
        /** A consumable: the device works but cannot serve (stacker empty, reject bin full). */
        MEDIA,
        /** This card could not be read; the device is fine, the card should be captured. */
        CARD
    }

    /**
     * Error codes, as ranges of two ASCII characters (e1 e0), each mapped to the fault the kiosk reports
     * and, for consumables, the media condition it implies.
     */
    public enum ErrorCode {
        UNDEFINED_COMMAND("00", "00", DeviceFault.PROTOCOL_ERROR, null, Scope.DEVICE),
        PARAMETER_ERROR("01", "01", DeviceFault.PROTOCOL_ERROR, null, Scope.DEVICE),
        WRONG_COMMAND_ORDER("02", "02", DeviceFault.NOT_READY, null, Scope.DEVICE),
        NOT_SUPPORTED("03", "03", DeviceFault.PROTOCOL_ERROR, null, Scope.DEVICE),
        DATA_ERROR("04", "04", DeviceFault.PROTOCOL_ERROR, null, Scope.DEVICE),
        CARD_JAM("10", "10", DeviceFault.JAM, null, Scope.DEVICE),
        SENSOR_ERROR("12", "12", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE),
        CARD_TOO_LONG_OR_SHORT("13", "14", DeviceFault.JAM, null, Scope.DEVICE),
        CARD_PULLED_OUT_DURING_CAPTURE("40", "40", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE),
        CARD_CANNOT_LEAVE_IC("41", "44", DeviceFault.JAM, null, Scope.DEVICE),
        CARD_MOVED_BY_HAND("45", "49", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE),
        MOTOR_ERROR("51", "59", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE),
        IC_POWER_SHORT("60", "60", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE),
        IC_ACTIVATION_FAILED("61", "61", DeviceFault.PROTOCOL_ERROR, null, Scope.CARD),
        IC_CARD_NOT_SUPPORTED("62", "66", DeviceFault.PROTOCOL_ERROR, null, Scope.CARD),
        IC_DATA_ERROR_OR_TIMEOUT("67", "68", DeviceFault.PROTOCOL_ERROR, null, Scope.CARD),
        STACKER_EMPTY("A0", "A0", DeviceFault.MEDIA, MediaCondition.STACKER_EMPTY, Scope.MEDIA),
        REJECT_BIN_FULL("A1", "A9", DeviceFault.MEDIA, MediaCondition.REJECT_BIN_FULL, Scope.MEDIA),
        NOT_RESET("B0", "B0", DeviceFault.NOT_READY, null, Scope.DEVICE),
        /** Any code not in this table. */
        UNKNOWN("", "", DeviceFault.HARDWARE_ERROR, null, Scope.DEVICE);

        private final String first;
        private final String last;
        private final DeviceFault fault;
        private final MediaCondition media;
        private final Scope scope;

        ErrorCode(String first, String last, DeviceFault fault, MediaCondition media, Scope scope) {
            this.first = first;
            this.last = last;
            this.fault = fault;
            this.media = media;
            this.scope = scope;
        }

        public DeviceFault fault() {
            return fault;
        }

        public Optional<MediaCondition> media() {
            return Optional.ofNullable(media);
        }

        public Scope scope() {
            return scope;
        }

        /** The entry for the two ASCII characters e1 e0 (e.g. "A1"); UNKNOWN when none matches. */
        public static ErrorCode of(String e1e0) {
            if (e1e0.length() == 2) {
                for (ErrorCode c : values()) {
                    if (c != UNKNOWN && e1e0.compareTo(c.first) >= 0 && e1e0.compareTo(c.last) <= 0) return c;
                }
            }
            return UNKNOWN;
        }
    }

    // ------------------------------------------------------------------ SIM APDUs (GSM 11.11, class A0)

    /** The APDUs sent to the SIM at the IC station to read its ICCID. */
    public enum Apdu {
        /** SELECT the master file 3F00. */
        SELECT_MF(0xA0, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00),
        /** SELECT EF_ICCID 2FE2. */
        SELECT_EF_ICCID(0xA0, 0xA4, 0x00, 0x00, 0x02, 0x2F, 0xE2),
        /** READ BINARY of the 10 bytes of EF_ICCID. */
        READ_ICCID(0xA0, 0xB0, 0x00, 0x00, ICCID_FILE_LENGTH);

        private final byte[] bytes;

        Apdu(int... bytes) {
            this.bytes = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) this.bytes[i] = (byte) bytes[i];
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        /** GET RESPONSE for the {@code length} bytes announced by a {@code 9F xx} status word. */
        public static byte[] getResponse(int length) {
            return new byte[] {(byte) 0xA0, (byte) 0xC0, 0x00, 0x00, (byte) length};
        }
    }

    /** Length of EF_ICCID in bytes. */
    public static final int ICCID_FILE_LENGTH = 10;
    /** SW1 SW2 of success. */
    public static final int SW_OK = 0x9000;
    /** SW1 saying that a response of SW2 bytes waits for a GET RESPONSE. */
    public static final int SW1_RESPONSE_WAITING = 0x9F;
}
