package jp.simkiosk.adapter.device.serial.crt591;

import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ACK;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ETX;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.NAK;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.STX;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;

/**
 * The device side of the CRT-591 protocol, byte for byte, for tests: a dispenser with a stacker of SIMs
 * (each with an ICCID in its EF_ICCID), a channel with an IC station and a gate, and a reject bin. It runs
 * on its own thread on the device end of a socat pty pair, checks every frame's BCC (NAKing bad ones),
 * acknowledges commands, answers 'P' or 'N' frames and resends an answer the host NAKs.
 *
 * <p>Faults are set by the test: error answers, a jam that lasts until cleared, NAKs, corrupt or replaced
 * answers, silence, an answer held back (to pull the cable meanwhile), a customer who never takes the card.
 */
final class Crt591Peer implements AutoCloseable {

    private static final Duration IDLE_READ = Duration.ofMillis(50);
    private static final Duration FRAME_READ = Duration.ofSeconds(2);
    private static final Duration HOST_ANSWER = Duration.ofSeconds(2);
    private static final byte[] ATR = {0x3B, 0x02, 0x14, 0x50};
    private static final byte[] FILE_INFO = new byte[15];
    private static final int LOW_THRESHOLD = 3;

    private final SerialLink link;
    private final Thread thread;
    private volatile boolean stopped;
    /** True from the first byte of a command frame until its exchange is over. */
    private volatile boolean inExchange;

    // the machine, guarded by this
    private final Deque<String> stacker;
    private CardPosition position = CardPosition.EMPTY;
    private String cardIccid;
    private int rejectBin;
    private int taken;
    private boolean rejectBinFull;
    private boolean jammed;
    private boolean jamNextMove;
    private boolean powered;
    private int selectedFile;
    private byte[] pendingResponse;
    private int takeAfterPolls = 0;
    private int pollsAtGate;
    private boolean readBinaryViaGetResponse;

    // faults, guarded by this
    private final Map<Command, Deque<String>> failures = new EnumMap<>(Command.class);
    private final Deque<Integer> apduFailures = new ArrayDeque<>();
    private int nakCommands;
    private int corruptReplies;
    private int ignoreCommands;
    private byte[] replacementReply;
    private Command holdReplyTo;
    private final CountDownLatch held = new CountDownLatch(1);

    // what the host sent, guarded by this
    private final List<Command> received = new ArrayList<>();
    private final List<byte[]> receivedFrames = new ArrayList<>();
    private final List<Integer> hostControlBytes = new ArrayList<>();
    private int corruptFramesReceived;

    private Crt591Peer(SerialLink link, List<String> iccids) {
        this.link = link;
        this.stacker = new ArrayDeque<>(iccids);
        this.thread = new Thread(this::run, "crt591-peer");
        this.thread.setDaemon(true);
    }

    /** Opens the device end of the pty pair and starts answering, with {@code iccids} in the stacker. */
    static Crt591Peer start(String devicePort, List<String> iccids) throws SerialLinkException {
        Crt591Peer peer = new Crt591Peer(JsscSerialLink.open(devicePort, 38400), iccids);
        peer.thread.start();
        return peer;
    }

    // ------------------------------------------------------------------ faults

    /** The next {@code command} is answered with 'N' and {@code errorCode}. */
    synchronized void failNext(Command command, String errorCode) {
        failures.computeIfAbsent(command, c -> new ArrayDeque<>()).add(errorCode);
    }

    /** The next card movement jams: it and every movement or initialization after it fail with 10. */
    synchronized void jamNextMove() {
        jamNextMove = true;
    }

    /** Staff cleared the jam. */
    synchronized void clearJam() {
        jammed = false;
    }

    synchronized void setRejectBinFull(boolean full) {
        rejectBinFull = full;
    }

    /** The next {@code n} command frames are NAKed although sound. */
    synchronized void nakNextCommands(int n) {
        nakCommands = n;
    }

    /** The next {@code n} answer frames go out with a wrong BCC. */
    synchronized void corruptNextReplies(int n) {
        corruptReplies = n;
    }

    /** The next answer goes out as these bytes instead; a resend after a NAK is the right answer. */
    synchronized void replaceNextReply(byte[] bytes) {
        replacementReply = bytes.clone();
    }

    /** The next {@code n} command frames get no answer at all, not even an ACK. */
    synchronized void ignoreNextCommands(int n) {
        ignoreCommands = n;
    }

    /** The next {@code command} is acknowledged but never answered; {@link #awaitHeld} tells when. */
    synchronized void holdReplyTo(Command command) {
        holdReplyTo = command;
    }

    boolean awaitHeld(Duration within) throws InterruptedException {
        return held.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The customer takes a card at the gate at the {@code n}-th status poll after it got there; -1: never. */
    synchronized void customerTakesAfterPolls(int n) {
        takeAfterPolls = n;
    }

    /** A customer takes the card waiting at the gate now (the kiosk may not be asking: it is down); whether there was one. */
    synchronized boolean customerTakesTheCardNow() {
        if (position != CardPosition.AT_GATE) return false;
        position = CardPosition.EMPTY;
        cardIccid = null;
        taken++;
        return true;
    }

    /** READ BINARY answers {@code 9F 0A}, the content following on GET RESPONSE. */
    synchronized void readBinaryViaGetResponse(boolean on) {
        readBinaryViaGetResponse = on;
    }

    /** The next APDU is answered with only this status word. */
    synchronized void failNextApdu(int statusWord) {
        apduFailures.add(statusWord);
    }

    // ------------------------------------------------------------------ what happened

    /** Every sound command frame received, in order (resends included). */
    synchronized List<Command> received() {
        return List.copyOf(received);
    }

    synchronized long count(Command command) {
        return received.stream().filter(c -> c == command).count();
    }

    synchronized List<byte[]> receivedFrames() {
        return List.copyOf(receivedFrames);
    }

    /**
     * ACK / NAK / EOT bytes the host sent after answers, once the exchange under way (if any) is over: the
     * host's last ACK may still be on the line when its call returns.
     */
    List<Integer> hostControlBytes() throws InterruptedException {
        long deadline = System.nanoTime() + HOST_ANSWER.toNanos();
        while (inExchange && System.nanoTime() < deadline) Thread.sleep(1);
        synchronized (this) {
            return List.copyOf(hostControlBytes);
        }
    }

    synchronized int corruptFramesReceived() {
        return corruptFramesReceived;
    }

    synchronized int cardsInStacker() {
        return stacker.size();
    }

    synchronized int cardsInRejectBin() {
        return rejectBin;
    }

    synchronized int cardsTaken() {
        return taken;
    }

    synchronized CardPosition position() {
        return position;
    }

    // ------------------------------------------------------------------ the line

    private void run() {
        try {
            while (!stopped) {
                int first;
                try {
                    first = link.readByte(IDLE_READ);
                } catch (SerialLinkException e) {
                    if (e.kind() == SerialLinkException.Kind.TIMEOUT) continue;
                    return;
                }
                if ((byte) first != STX) continue;
                inExchange = true;
                try {
                    frame();
                } catch (SerialLinkException e) {
                    if (e.kind() != SerialLinkException.Kind.TIMEOUT) return;
                    synchronized (this) {
                        corruptFramesReceived++;
                    }
                    link.write(new byte[] {NAK});
                } finally {
                    inExchange = false;
                }
            }
        } catch (SerialLinkException e) {
            // the pty went away (unplugged) or the peer was closed
        }
    }

    private void frame() throws SerialLinkException {
        byte[] head = link.read(3, FRAME_READ);
        int length = (head[1] & 0xFF) << 8 | (head[2] & 0xFF);
        byte[] rest = link.read(length + 2, FRAME_READ);
        byte[] frame = new byte[4 + length + 2];
        frame[0] = STX;
        System.arraycopy(head, 0, frame, 1, 3);
        System.arraycopy(rest, 0, frame, 4, rest.length);
        if (length < 3 || frame[4 + length] != ETX || frame[frame.length - 1] != Crt591Frames.bcc(frame, frame.length - 1)
                || frame[4] != Crt591Commands.COMMAND) {
            synchronized (this) {
                corruptFramesReceived++;
            }
            link.write(new byte[] {NAK});
            return;
        }
        Command command = Command.of(frame[5], frame[6]).orElse(null);
        byte[] data = Arrays.copyOfRange(frame, 7, 4 + length);
        byte[] answer;
        synchronized (this) {
            if (command != null) received.add(command);
            receivedFrames.add(frame);
            if (ignoreCommands > 0) {
                ignoreCommands--;
                return;
            }
            if (nakCommands > 0) {
                nakCommands--;
                link.write(new byte[] {NAK});
                return;
            }
            link.write(new byte[] {ACK});
            if (command != null && command == holdReplyTo) {
                holdReplyTo = null;
                held.countDown();
                return;
            }
            answer = command == null ? negative(frame[5], frame[6], "00") : answer(command, data);
        }
        sendAnswer(answer);
    }

    /** Sends an answer, again for each NAK, until the host acknowledges it or gives up. */
    private void sendAnswer(byte[] answer) throws SerialLinkException {
        while (true) {
            byte[] out;
            synchronized (this) {
                if (replacementReply != null) {
                    out = replacementReply;
                    replacementReply = null;
                } else if (corruptReplies > 0) {
                    corruptReplies--;
                    out = answer.clone();
                    out[out.length - 1] ^= (byte) 0xFF;
                } else {
                    out = answer;
                }
            }
            link.write(out);
            int reply;
            try {
                reply = link.readByte(HOST_ANSWER);
            } catch (SerialLinkException e) {
                if (e.kind() == SerialLinkException.Kind.TIMEOUT) return;
                throw e;
            }
            synchronized (this) {
                hostControlBytes.add(reply);
            }
            if (reply != NAK) return;
        }
    }

    // ------------------------------------------------------------------ the machine (called holding the lock)

    private byte[] answer(Command command, byte[] data) {
        Deque<String> planned = failures.get(command);
        if (planned != null && !planned.isEmpty()) return negative(command, planned.poll());
        boolean movement = command == Command.MOVE_TO_IC || command == Command.DISPENSE_TO_GATE
                || command == Command.CAPTURE;
        if (movement && jamNextMove) {
            jamNextMove = false;
            jammed = true;
        }
        if (jammed && (movement || command == Command.INITIALIZE)) return negative(command, "10");
        switch (command) {
            case INITIALIZE -> powered = false;
            case STATUS -> customerMaybeTakes();
            case MOVE_TO_IC -> {
                if (position != CardPosition.EMPTY) return negative(command, "02");
                if (stacker.isEmpty()) return negative(command, "A0");
                cardIccid = stacker.poll();
                position = CardPosition.AT_IC;
            }
            case DISPENSE_TO_GATE -> {
                if (position == CardPosition.AT_GATE) return negative(command, "02");
                if (position == CardPosition.EMPTY) {
                    // like the real machine: with an empty channel it dispenses straight from the stacker
                    if (stacker.isEmpty()) return negative(command, "A0");
                    cardIccid = stacker.poll();
                }
                powered = false;
                position = CardPosition.AT_GATE;
                pollsAtGate = 0;
            }
            case CAPTURE -> {
                if (position == CardPosition.EMPTY) return negative(command, "02");
                if (rejectBinFull) return negative(command, "A1");
                rejectBin++;
                powered = false;
                position = CardPosition.EMPTY;
                cardIccid = null;
            }
            case IC_ACTIVATE -> {
                if (position != CardPosition.AT_IC) return negative(command, "64");
                powered = true;
                selectedFile = 0x3F00;
                return positive(command, ATR);
            }
            case IC_APDU -> {
                if (!powered) return negative(command, "65");
                return positive(command, apdu(data));
            }
            case IC_DEACTIVATE -> powered = false;
        }
        return positive(command, new byte[0]);
    }

    private void customerMaybeTakes() {
        if (position != CardPosition.AT_GATE || takeAfterPolls < 0) return;
        if (pollsAtGate >= takeAfterPolls) {
            position = CardPosition.EMPTY;
            cardIccid = null;
            taken++;
        } else {
            pollsAtGate++;
        }
    }

    /** A GSM SIM's answer to a C-APDU. */
    private byte[] apdu(byte[] c) {
        if (!apduFailures.isEmpty()) return sw(apduFailures.poll());
        if (c.length < 5) return sw(0x6700);
        int ins = c[1] & 0xFF;
        int p3 = c[4] & 0xFF;
        switch (ins) {
            case 0xA4 -> {
                if (c.length != 7 || p3 != 2) return sw(0x6700);
                int fid = (c[5] & 0xFF) << 8 | (c[6] & 0xFF);
                if (fid != 0x3F00 && fid != 0x2FE2) return sw(0x9404);
                selectedFile = fid;
                pendingResponse = FILE_INFO;
                return sw(0x9F00 | FILE_INFO.length);
            }
            case 0xB0 -> {
                if (selectedFile != 0x2FE2) return sw(0x9400);
                byte[] content = encodeIccid(cardIccid);
                if (p3 != content.length) return sw(0x6700 | content.length);
                if (readBinaryViaGetResponse) {
                    pendingResponse = content;
                    return sw(0x9F00 | content.length);
                }
                return concat(content, sw(0x9000));
            }
            case 0xC0 -> {
                if (pendingResponse == null || p3 != pendingResponse.length) return sw(0x6700);
                byte[] r = pendingResponse;
                pendingResponse = null;
                return concat(r, sw(0x9000));
            }
            default -> {
                return sw(0x6D00);
            }
        }
    }

    /** EF_ICCID content: BCD digits, nibbles swapped, F padding to 10 bytes. */
    static byte[] encodeIccid(String digits) {
        byte[] out = new byte[10];
        for (int i = 0; i < 10; i++) {
            int lo = 2 * i < digits.length() ? digits.charAt(2 * i) - '0' : 0xF;
            int hi = 2 * i + 1 < digits.length() ? digits.charAt(2 * i + 1) - '0' : 0xF;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private byte[] positive(Command command, byte[] data) {
        byte st1 = (byte) (stacker.isEmpty() ? '0' : stacker.size() <= LOW_THRESHOLD ? '1' : '2');
        byte[] text = concat(new byte[] {Crt591Commands.POSITIVE, command.cm(), command.pm(), position.code(), st1,
                (byte) (rejectBinFull ? '1' : '0')}, data);
        return frameOf(text);
    }

    private static byte[] negative(Command command, String code) {
        return negative(command.cm(), command.pm(), code);
    }

    private static byte[] negative(byte cm, byte pm, String code) {
        return frameOf(new byte[] {Crt591Commands.NEGATIVE, cm, pm, (byte) code.charAt(0), (byte) code.charAt(1)});
    }

    /** {@code F2 00 LENH LENL text 03 BCC}. */
    static byte[] frameOf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(STX);
        out.write(0x00);
        out.write(text.length >>> 8);
        out.write(text.length & 0xFF);
        out.writeBytes(text);
        out.write(ETX);
        byte[] f = out.toByteArray();
        byte[] all = Arrays.copyOf(f, f.length + 1);
        all[f.length] = Crt591Frames.bcc(f, f.length);
        return all;
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >>> 8), (byte) sw};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
