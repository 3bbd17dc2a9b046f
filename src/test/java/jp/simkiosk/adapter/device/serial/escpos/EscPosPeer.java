package jp.simkiosk.adapter.device.serial.escpos;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;

/**
 * The printer's side of ESC/POS, byte for byte, on the device end of a pty pair: answers {@code DLE EOT n}
 * from a settable state, takes {@code ESC @}, reassembles the raster from the {@code GS v 0} bands it
 * receives and notes the cut. It writes its answers from the protocol notes itself (hex literals), not
 * from the driver's table, so a wrong bit in the driver does not pass both sides.
 *
 * <p>What it received is logged as events: {@code INIT}, {@code STATUS n}, {@code BAND rows},
 * {@code CUT 42 n}, or {@code UNEXPECTED xx} for anything else.
 */
final class EscPosPeer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration REST_OF_COMMAND = Duration.ofSeconds(5);

    private final SerialLink link;
    private final Thread thread;
    private volatile boolean running = true;

    // state the printer reports
    volatile boolean coverOpen;
    volatile boolean paperOut;
    volatile boolean nearEnd;
    volatile boolean cutterError;
    /** Offline with no cause of its own (e.g. waiting for online recovery). */
    volatile boolean offline;
    /** Takes every byte but answers nothing. */
    volatile boolean silent;
    /** When not negative, every DLE EOT is answered with this byte instead. */
    volatile int answerWith = -1;
    /** The cutter fails when the cut command arrives. */
    volatile boolean cutterFailsOnCut;
    /** After this many bands (counted from the last ESC @), the paper runs out. */
    volatile int paperOutAfterBands = -1;
    /** After this many bands (counted from the last ESC @), the printer goes silent. */
    volatile int silentAfterBands = -1;
    /** After this many bands (counted from the last ESC @), this runs (e.g. pull the cable) instead of going on. */
    private volatile int unplugAfterBands = -1;
    private volatile Runnable unplug;

    // what it received; guarded by this
    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream rows = new ByteArrayOutputStream();
    private int widthBytes;
    private int bandsSinceInit;
    private long received;

    private EscPosPeer(SerialLink link) {
        this.link = link;
        this.thread = new Thread(this::run, "escpos-peer");
        this.thread.setDaemon(true);
    }

    static EscPosPeer start(String devicePort) throws SerialLinkException {
        EscPosPeer peer = new EscPosPeer(JsscSerialLink.open(devicePort, 115_200));
        peer.thread.start();
        return peer;
    }

    void unplugAfterBands(int bands, Runnable pullCable) {
        unplug = pullCable;
        unplugAfterBands = bands;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized long bytesReceived() {
        return received;
    }

    /** The raster reassembled from the bands received since the last ESC @. */
    synchronized RasterImage raster() {
        if (widthBytes == 0) throw new IllegalStateException("no band received");
        return new RasterImage(widthBytes * 8, rows.size() / widthBytes, rows.toByteArray());
    }

    synchronized long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    private void run() {
        while (running) {
            int b;
            try {
                b = next(POLL);
            } catch (SerialLinkException e) {
                if (e.kind() == SerialLinkException.Kind.TIMEOUT) continue;
                return;   // the cable is gone
            }
            try {
                switch (b) {
                    case 0x10 -> realtime();
                    case 0x1B -> escape();
                    case 0x1D -> groupSeparator();
                    default -> event(String.format("UNEXPECTED %02X", b), 1);
                }
            } catch (SerialLinkException e) {
                if (e.kind() != SerialLinkException.Kind.TIMEOUT) return;
                event(String.format("UNEXPECTED incomplete command %02X", b), 1);
            }
        }
    }

    private void realtime() throws SerialLinkException {
        int eot = next(REST_OF_COMMAND);
        int n = next(REST_OF_COMMAND);
        if (eot != 0x04 || n < 1 || n > 4) {
            event(String.format("UNEXPECTED 10 %02X %02X", eot, n), 3);
            return;
        }
        event("STATUS " + n, 3);
        if (silent) return;
        link.write(new byte[] {(byte) (answerWith >= 0 ? answerWith : answer(n))});
    }

    private int answer(int n) {
        boolean isOffline = offline || coverOpen || paperOut || cutterError;
        return switch (n) {
            case 1 -> 0x12 | (isOffline ? 0x08 : 0);
            case 2 -> 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (cutterError ? 0x40 : 0);
            case 3 -> 0x12 | (cutterError ? 0x08 : 0);
            default -> 0x12 | (nearEnd || paperOut ? 0x0C : 0) | (paperOut ? 0x60 : 0);
        };
    }

    private void escape() throws SerialLinkException {
        int c = next(REST_OF_COMMAND);
        if (c != 0x40) {
            event(String.format("UNEXPECTED 1B %02X", c), 2);
            return;
        }
        synchronized (this) {
            rows.reset();
            bandsSinceInit = 0;
        }
        event("INIT", 2);
    }

    private void groupSeparator() throws SerialLinkException {
        int c = next(REST_OF_COMMAND);
        if (c == 0x76) {
            band();
        } else if (c == 0x56) {
            int m = next(REST_OF_COMMAND);
            int n = next(REST_OF_COMMAND);
            event(String.format("CUT %02X %02X", m, n), 4);
            if (cutterFailsOnCut) cutterError = true;
        } else {
            event(String.format("UNEXPECTED 1D %02X", c), 2);
        }
    }

    private void band() throws SerialLinkException {
        int zero = next(REST_OF_COMMAND);
        int m = next(REST_OF_COMMAND);
        int x = next(REST_OF_COMMAND) | next(REST_OF_COMMAND) << 8;
        int y = next(REST_OF_COMMAND) | next(REST_OF_COMMAND) << 8;
        if (zero != 0x30 || m != 0 || x == 0 || y == 0 || y > 2303) {
            event(String.format("UNEXPECTED GS v %02X %02X x=%d y=%d", zero, m, x, y), 8);
            return;
        }
        byte[] data = link.read(x * y, REST_OF_COMMAND);
        int bands;
        synchronized (this) {
            if (widthBytes != 0 && widthBytes != x) events.add("UNEXPECTED width change");
            widthBytes = x;
            rows.writeBytes(data);
            bands = ++bandsSinceInit;
        }
        event("BAND " + y, 8 + data.length);
        if (bands == paperOutAfterBands) paperOut = true;
        if (bands == silentAfterBands) silent = true;
        if (bands == unplugAfterBands) {
            running = false;
            unplug.run();
        }
    }

    private synchronized void event(String event, int bytes) {
        events.add(event);
        received += bytes;
    }

    private int next(Duration timeout) throws SerialLinkException {
        return link.readByte(timeout);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
