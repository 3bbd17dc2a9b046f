package jp.simkiosk.adapter.device.serial.crt591;

import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ACK;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.EOT;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.NAK;

import java.time.Duration;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.adapter.device.serial.crt591.Crt591ProtocolException.CorruptFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command exchange with the dispenser: send the 'C' frame until it is acknowledged ({@code 06};
 * a {@code 15} asks for a resend), read the answer frame, acknowledge it or NAK a corrupt one so that
 * the device sends it again. After {@value #MAX_RESENDS} resends either way the exchange gives up
 * (sending {@code 04} when it was the answer that stayed corrupt).
 */
final class Crt591Protocol {

    private static final Logger log = LoggerFactory.getLogger(Crt591Protocol.class);

    /** Resends after the first send, for a NAKed command or a corrupt answer. */
    static final int MAX_RESENDS = 3;
    /** A line silent this long after a corrupt frame is taken to have finished sending it. */
    private static final Duration QUIET = Duration.ofMillis(30);
    /** At most this many stray bytes are thrown away after a corrupt frame. */
    private static final int MAX_DISCARD = 4096;

    private final SerialLink link;
    private final int address;
    private final Duration ackTimeout;

    Crt591Protocol(SerialLink link, int address, Duration ackTimeout) {
        this.link = link;
        this.address = address;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends {@code command} with {@code data} and returns the device's decoded answer.
     *
     * @throws SerialLinkException TIMEOUT when the device stays silent, IO_ERROR when the port fails
     * @throws Crt591ProtocolException when frames stay corrupt or the answer does not fit the command
     */
    Crt591Reply exchange(Command command, byte[] data, Duration replyTimeout)
            throws SerialLinkException, Crt591ProtocolException {
        link.drainInput();
        sendUntilAcknowledged(Crt591Frames.command(address, command, data), command);
        for (int attempt = 0; ; attempt++) {
            try {
                byte[] frame = Crt591Frames.read(link, replyTimeout);
                link.write(new byte[] {ACK});
                return Crt591Frames.decode(frame, address, command);
            } catch (CorruptFrame e) {
                discardUntilQuiet();
                if (attempt == MAX_RESENDS) {
                    link.write(new byte[] {EOT});
                    throw new Crt591ProtocolException("answer to " + command + " still corrupt after "
                            + MAX_RESENDS + " resends: " + e.getMessage());
                }
                log.debug("corrupt answer to {} ({}): NAK", command, e.getMessage());
                link.write(new byte[] {NAK});
            }
        }
    }

    private void sendUntilAcknowledged(byte[] frame, Command command)
            throws SerialLinkException, Crt591ProtocolException {
        for (int attempt = 0; attempt <= MAX_RESENDS; attempt++) {
            link.write(frame);
            int answer = link.readByte(ackTimeout);
            if (answer == ACK) return;
            if (answer != (NAK & 0xFF)) {
                log.debug("{}: {} instead of ACK/NAK", command, String.format("%02X", answer));
                discardUntilQuiet();
            } else {
                log.debug("{} NAKed: resend", command);
            }
        }
        throw new Crt591ProtocolException(command + " not acknowledged after " + MAX_RESENDS + " resends");
    }

    /** Throws away what the device is still sending, until the line has been quiet for a moment. */
    private void discardUntilQuiet() throws SerialLinkException {
        for (int i = 0; i < MAX_DISCARD; i++) {
            try {
                link.read(1, QUIET);
            } catch (SerialLinkException e) {
                if (e.kind() == SerialLinkException.Kind.TIMEOUT) return;
                throw e;
            }
        }
    }
}
