package jp.simkiosk.adapter.device.serial.crt591;

import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ETX;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.STX;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.StackerLevel;
import jp.simkiosk.adapter.device.serial.crt591.Crt591ProtocolException.CorruptFrame;

/**
 * Builds, reads and decodes CRT-591 frames: {@code F2 ADDR LENH LENL TEXT 03 BCC}, where LEN counts the
 * text bytes and BCC is the XOR of every byte from {@code F2} through {@code 03}.
 */
final class Crt591Frames {

    /** Bytes before the text: STX, ADDR, LENH, LENL. */
    static final int HEADER = 4;
    /** The longest text accepted; anything longer is taken for line noise. */
    static final int MAX_TEXT = 512;

    private Crt591Frames() {}

    /** The command frame {@code F2 ADDR LENH LENL 'C' CM PM data 03 BCC}. */
    static byte[] command(int address, Command command, byte[] data) {
        int textLength = 3 + data.length;
        byte[] frame = new byte[HEADER + textLength + 2];
        frame[0] = STX;
        frame[1] = (byte) address;
        frame[2] = (byte) (textLength >>> 8);
        frame[3] = (byte) textLength;
        frame[4] = Crt591Commands.COMMAND;
        frame[5] = command.cm();
        frame[6] = command.pm();
        System.arraycopy(data, 0, frame, 7, data.length);
        frame[HEADER + textLength] = ETX;
        frame[HEADER + textLength + 1] = bcc(frame, HEADER + textLength + 1);
        return frame;
    }

    /** XOR of the first {@code length} bytes of {@code frame}. */
    static byte bcc(byte[] frame, int length) {
        byte x = 0;
        for (int i = 0; i < length; i++) x ^= frame[i];
        return x;
    }

    /**
     * Reads one whole frame within {@code timeout} and checks its framing and BCC.
     *
     * @throws CorruptFrame when the bytes are not a sound frame (the caller NAKs it)
     * @throws SerialLinkException TIMEOUT when the frame does not arrive in time, IO_ERROR when the port fails
     */
    static byte[] read(SerialLink link, Duration timeout) throws SerialLinkException, CorruptFrame {
        long deadline = System.nanoTime() + timeout.toNanos();
        int first = link.readByte(left(deadline));
        if ((byte) first != STX) throw new CorruptFrame(String.format("frame starts with %02X, not F2", first));
        byte[] head = link.read(HEADER - 1, left(deadline));
        int textLength = (head[1] & 0xFF) << 8 | (head[2] & 0xFF);
        if (textLength < 1 || textLength > MAX_TEXT) throw new CorruptFrame("frame length " + textLength);
        byte[] rest = link.read(textLength + 2, left(deadline));
        byte[] frame = new byte[HEADER + textLength + 2];
        frame[0] = STX;
        System.arraycopy(head, 0, frame, 1, head.length);
        System.arraycopy(rest, 0, frame, HEADER, rest.length);
        if (frame[HEADER + textLength] != ETX) {
            throw new CorruptFrame(String.format("frame ends with %02X, not 03", frame[HEADER + textLength]));
        }
        byte expected = bcc(frame, HEADER + textLength + 1);
        if (frame[frame.length - 1] != expected) {
            throw new CorruptFrame(String.format("BCC %02X, expected %02X", frame[frame.length - 1], expected));
        }
        return frame;
    }

    /**
     * Decodes a sound frame (as returned by {@link #read}) that answers {@code sent} from the device at
     * {@code address}.
     */
    static Crt591Reply decode(byte[] frame, int address, Command sent) throws Crt591ProtocolException {
        if ((frame[1] & 0xFF) != address) {
            throw new Crt591ProtocolException(String.format("answer from address %02X, expected %02X", frame[1], address));
        }
        int textLength = frame.length - HEADER - 2;
        byte type = frame[HEADER];
        if (textLength < 3) throw new Crt591ProtocolException("answer text of " + textLength + " bytes");
        Command answered = Command.of(frame[5], frame[6]).orElse(null);
        if (answered != sent) {
            throw new Crt591ProtocolException(String.format("answer to %c%c, expected %s",
                    (char) frame[5], (char) frame[6], sent));
        }
        if (type == Crt591Commands.POSITIVE && textLength >= 6) {
            CardPosition position = CardPosition.of(frame[7])
                    .orElseThrow(() -> new Crt591ProtocolException(String.format("unknown st0 %02X", frame[7])));
            StackerLevel stacker = StackerLevel.of(frame[8])
                    .orElseThrow(() -> new Crt591ProtocolException(String.format("unknown st1 %02X", frame[8])));
            if (frame[9] != Crt591Commands.REJECT_BIN_FULL && frame[9] != Crt591Commands.REJECT_BIN_OK) {
                throw new Crt591ProtocolException(String.format("unknown st2 %02X", frame[9]));
            }
            return new Crt591Reply.Positive(sent, position, stacker, frame[9] == Crt591Commands.REJECT_BIN_FULL,
                    Arrays.copyOfRange(frame, 10, HEADER + textLength));
        }
        if (type == Crt591Commands.NEGATIVE && textLength >= 5) {
            return new Crt591Reply.Negative(sent, new String(frame, 7, 2, StandardCharsets.US_ASCII));
        }
        throw new Crt591ProtocolException(String.format("answer of type %02X with %d text bytes", type, textLength));
    }

    private static Duration left(long deadline) throws SerialLinkException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new SerialLinkException(SerialLinkException.Kind.TIMEOUT, "frame incomplete at its deadline");
        return Duration.ofNanos(left);
    }
}
