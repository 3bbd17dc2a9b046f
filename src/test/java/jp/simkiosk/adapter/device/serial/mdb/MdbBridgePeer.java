package jp.simkiosk.adapter.device.serial.mdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;

/**
 * The bridge's side of the MDB ASCII protocol, line by line, on the device end of a socat pty pair: what
 * {@link MdbCardReader} talks to in the tests. It answers as a Qibixx-style bridge with a cashless reader
 * would ({@code D,2} → RESET, INIT,1; {@code D,READER,1} → IDLE; {@code D,REQ,a,i} → VEND then, by default,
 * RESULT,1,a; {@code D,END}, {@code D,END,-1}, {@code D,REQ,-1} → IDLE) and can be told to do otherwise. It
 * records every byte it receives.
 *
 * <p>In the lines given to {@link #nextVend} and {@link #answerNext}, {@code {amount}} stands for the
 * amount of the last vend request. A line is recorded before it is answered.
 */
final class MdbBridgePeer implements AutoCloseable {

    private final SerialLink link;
    private final Thread thread;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final Deque<List<String>> vendReplies = new ArrayDeque<>();
    private final Map<String, Deque<List<String>>> oneShot = new HashMap<>();
    private boolean silent;
    private String lineEnd = "\n";
    private String lastAmount = "";
    private volatile boolean running = true;

    private MdbBridgePeer(SerialLink link) {
        this.link = link;
        this.thread = new Thread(this::run, "mdb-bridge-peer");
        this.thread.setDaemon(true);
    }

    static MdbBridgePeer start(String devicePort) throws SerialLinkException {
        MdbBridgePeer peer = new MdbBridgePeer(JsscSerialLink.open(devicePort, 115_200));
        peer.thread.start();
        return peer;
    }

    /** What the bridge sends after {@code d,STATUS,VEND} for the next vend request; none: the customer never pays. */
    synchronized void nextVend(String... linesAfterVend) {
        vendReplies.addLast(List.of(linesAfterVend));
    }

    /** What the bridge answers, once, the next time it receives {@code command}, instead of its usual answer. */
    synchronized void answerNext(String command, String... reply) {
        oneShot.computeIfAbsent(command, c -> new ArrayDeque<>()).addLast(List.of(reply));
    }

    /** A silent bridge records what it receives and answers nothing. */
    synchronized void silent(boolean silent) {
        this.silent = silent;
    }

    /** Ends lines with "\r\n" instead of "\n". */
    synchronized void crlf(boolean crlf) {
        lineEnd = crlf ? "\r\n" : "\n";
    }

    /** Sends bytes as they are, unasked. */
    void sendRaw(String text) throws SerialLinkException {
        link.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    synchronized byte[] receivedBytes() {
        return received.toByteArray();
    }

    synchronized List<String> receivedLines() {
        return List.copyOf(lines);
    }

    synchronized long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** Waits until {@code line} has been received {@code times} times; false if it did not happen in time. */
    boolean awaitReceived(String line, int times, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(line) >= times) return true;
            Thread.sleep(5);
        }
        return false;
    }

    private void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (running) {
            int b;
            try {
                b = link.readByte(Duration.ofMillis(1));
            } catch (SerialLinkException e) {
                if (e.kind() != SerialLinkException.Kind.TIMEOUT) return; // the pty went away
                pause();
                continue;
            }
            synchronized (this) {
                received.write(b);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                line.reset();
                try {
                    answer(text);
                } catch (SerialLinkException e) {
                    return;
                }
            } else {
                line.write(b);
            }
        }
    }

    private void answer(String command) throws SerialLinkException {
        List<String> reply;
        synchronized (this) {
            lines.add(command);
            if (silent) return;
            reply = replyTo(command);
        }
        StringBuilder out = new StringBuilder();
        for (String r : reply) out.append(r.replace("{amount}", lastAmount)).append(lineEnd);
        if (out.length() > 0) link.write(out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private List<String> replyTo(String command) {
        Deque<List<String>> special = oneShot.get(command);
        if (special != null && !special.isEmpty()) return special.removeFirst();
        if (command.equals(MdbCommands.RESET)) return List.of(MdbCommands.STATUS_RESET, MdbCommands.STATUS_INIT_DONE);
        if (command.equals(MdbCommands.READER_ENABLE)) return List.of(MdbCommands.STATUS_IDLE);
        if (command.equals(MdbCommands.VEND_CANCEL) || command.equals(MdbCommands.VEND_SUCCESS)
                || command.equals(MdbCommands.VEND_FAILURE)) {
            return List.of(MdbCommands.STATUS_IDLE);
        }
        if (command.startsWith("D,REQ,")) {
            lastAmount = command.split(",")[2];
            List<String> after = vendReplies.isEmpty()
                    ? List.of("d,STATUS,RESULT,1,{amount}")
                    : vendReplies.removeFirst();
            List<String> all = new ArrayList<>();
            all.add(MdbCommands.STATUS_VEND);
            all.addAll(after);
            return all;
        }
        return List.of();
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
        link.close();
    }

    @Override
    public String toString() {
        return "peer received " + Arrays.toString(receivedLines().toArray());
    }
}
