package jp.simkiosk.adapter.device.serial.escpos;

import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.STATUS_ERROR_CAUSE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.STATUS_OFFLINE_CAUSE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.STATUS_PRINTER;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.STATUS_ROLL_PAPER;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.HealthTracker;
import jp.simkiosk.application.device.TrackedDevice;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt printer on a serial line, spoken to in ESC/POS (Epson TM-T88 / TM-T20 class, 80 mm,
 * 203 dpi). A receipt is printed as a 1-bit raster — the only way CJK text prints the same on every
 * printer — in the exchange {@link EscPosJob} describes: real-time status first (a printer with paper out,
 * cover open or in error is not sent the job), {@code ESC @}, the raster in {@code GS v 0} bands each
 * acknowledged by a status query, feed and partial cut, and status again to confirm the job ended well.
 *
 * <p>Every read has a time-out (answer time-out, plus the band's line time while a band is on the wire);
 * writes are bounded because at most one band is ever unacknowledged. A time-out or a malformed answer
 * leaves the printer in ERROR and the next call re-initializes it (clear input, {@code ESC @}); a port that
 * went away (cable pulled) leaves it OFFLINE and the next call opens the port again. One command at a time:
 * calls are serialized. Call from a worker thread, never the JavaFX thread.
 */
public final class EscPosPrinter implements ReceiptPrinter, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(EscPosPrinter.class);
    private static final int ACK_QUERY_BYTES = EscPosCommands.realtimeStatus(STATUS_PRINTER).length;

    /** Opens the printer's serial link; used again after the port went away. */
    @FunctionalInterface
    public interface LinkOpener {
        SerialLink open() throws SerialLinkException;
    }

    /**
     * How long the driver waits.
     *
     * @param baud          the line speed: a band's answer may come its line time (10 bits a byte) late
     * @param answerTimeout how long a DLE EOT answer may take once the query is on the wire
     * @param cutSettle     wait after the cut before the closing status, so that the printer has printed
     *                      the tail and cut, and a cutter error or paper end of this job shows in the status
     */
    public record Timing(int baud, Duration answerTimeout, Duration cutSettle) {

        /** The printer has the last band; printing its tail, feeding about 20 mm and cutting take this long. */
        public static final Duration DEFAULT_CUT_SETTLE = Duration.ofMillis(500);

        public Timing {
            if (baud <= 0) throw new IllegalArgumentException("baud must be positive: " + baud);
            if (answerTimeout.isNegative() || answerTimeout.isZero()) {
                throw new IllegalArgumentException("answer time-out must be positive: " + answerTimeout);
            }
            if (cutSettle.isNegative()) throw new IllegalArgumentException("cut settle must not be negative");
        }

        /** Time the bytes take on the line at {@link #baud}, 8N1 (10 bits a byte). */
        public Duration lineTime(long bytes) {
            return Duration.ofNanos(bytes * 10L * 1_000_000_000L / baud);
        }
    }

    private final LinkOpener opener;
    private final ReceiptRasterizer rasterizer;
    private final Timing timing;
    private final HealthTracker health;

    // guarded by this
    private SerialLink link;
    private boolean portGone;
    private boolean needsInit = true;
    private boolean closed;
    private long jobBytes;

    /**
     * @param link       the open link to the printer (a test passes one end of a pty pair)
     * @param opener     opens the link again after the port went away
     * @param rasterizer turns receipt PDFs into the raster sent
     */
    public EscPosPrinter(SerialLink link, LinkOpener opener, ReceiptRasterizer rasterizer, Clock clock, Timing timing) {
        this.link = Objects.requireNonNull(link);
        this.opener = Objects.requireNonNull(opener);
        this.rasterizer = Objects.requireNonNull(rasterizer);
        this.timing = Objects.requireNonNull(timing);
        this.health = new HealthTracker(DeviceRole.RECEIPT_PRINTER, clock);
    }

    /**
     * Opens the configured port (8N1, no flow control) and makes the driver on it; no byte is sent until
     * the first {@link #poll()} or {@link #print}.
     *
     * @throws SerialLinkException CANNOT_OPEN naming the device and the port
     */
    public static EscPosPrinter open(String port, int baud, Duration answerTimeout, Clock clock)
            throws SerialLinkException {
        LinkOpener opener = () -> JsscSerialLink.open(port, baud);
        SerialLink link;
        try {
            link = opener.open();
        } catch (SerialLinkException e) {
            throw new SerialLinkException(SerialLinkException.Kind.CANNOT_OPEN,
                    "receipt printer: cannot open serial port " + port + " at " + baud + " baud (" + e.getMessage() + ")", e);
        }
        return new EscPosPrinter(link, opener, new ReceiptRasterizer(), clock,
                new Timing(baud, answerTimeout, Timing.DEFAULT_CUT_SETTLE));
    }

    @Override
    public HealthTracker healthTracker() {
        return health;
    }



    /**
     * Prints the receipt. {@code Printed} carries every byte written for the job; {@code Failed} says why
     * not: MEDIA (paper out, cover open), CUTTER_ERROR, HARDWARE_ERROR, NOT_READY (offline, head too hot),
     * TIMEOUT, PROTOCOL_ERROR, PORT_UNAVAILABLE.
     *
     * @throws IllegalArgumentException when the document is not a readable PDF with something on it
     */
    @Override
    public PrintResult print(ReceiptDocument document) {
        EscPosJob job = EscPosJob.of(rasterizer.rasterize(document.pdf()));
        synchronized (this) {
            long started = System.nanoTime();
            try {
                prepare();
                jobBytes = 0;
                EscPosStatus before = status();
                if (before.fault().isPresent()) return refused(document, "before the job", before);
                health.update(DeviceState.BUSY, Optional.empty(), before.media());
                send(EscPosCommands.initialize());
                for (byte[] band : job.bands()) {
                    send(band);
                    // the answer comes once the printer has received the whole band: allow its line time
                    Duration onLine = timing.lineTime(band.length + (long) ACK_QUERY_BYTES);
                    int printer = query(STATUS_PRINTER, timing.answerTimeout().plus(onLine));
                    if (EscPosStatus.offline(printer)) return refused(document, "during the job", causes(printer));
                }
                send(EscPosCommands.feedAndPartialCut());
                settle();
                EscPosStatus after = status();
                if (after.fault().isPresent()) return refused(document, "after the job", after);
                health.ready(after.media());
                RasterImage raster = job.raster();
                log.info("receipt {} printed: {} rows in {} bands, {} bytes, {} ms", document.reference(),
                        raster.heightDots(), job.bandCount(), jobBytes, (System.nanoTime() - started) / 1_000_000);
                return new PrintResult.Printed(jobBytes);
            } catch (SerialLinkException e) {
                return new PrintResult.Failed(linkFailed(e));
            } catch (MalformedAnswer e) {
                return new PrintResult.Failed(protocolError(e));
            }
        }
    }

    /** Asks the printer for its status (re-initializing it first if the last exchange failed). */
    @Override
    public synchronized DeviceHealth poll() {
        try {
            prepare();
            EscPosStatus s = status();
            Optional<DeviceFault> fault = s.fault();
            return fault.isPresent() ? health.error(fault.get(), s.media()) : health.ready(s.media());
        } catch (SerialLinkException e) {
            linkFailed(e);
        } catch (MalformedAnswer e) {
            protocolError(e);
        }
        return health.current();
    }

    /** Releases the port for good: later calls fail with PORT_UNAVAILABLE instead of opening it again. */
    @Override
    public synchronized void close() {
        closed = true;
        link.close();
    }

    // ------------------------------------------------------------------ exchange

    /** Opens the port again if it went away, clears stale input, and re-initializes after a failure. */
    private void prepare() throws SerialLinkException {
        if (closed) throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "receipt printer closed");
        if (portGone) {
            link.close();
            link = opener.open();
            portGone = false;
            needsInit = true;
            log.info("receipt printer: port {} open again", link.portName());
        }
        link.drainInput();
        if (needsInit) {
            // health stays as it is (OPENING at first, else ERROR/OFFLINE) until the status after this says more
            link.write(EscPosCommands.initialize());
            needsInit = false;
        }
    }

    private EscPosStatus status() throws SerialLinkException, MalformedAnswer {
        return causes(query(STATUS_PRINTER, timing.answerTimeout()));
    }

    /** The full status, given the answer to n = 1. */
    private EscPosStatus causes(int printer) throws SerialLinkException, MalformedAnswer {
        int offlineCause = query(STATUS_OFFLINE_CAUSE, timing.answerTimeout());
        int errorCause = query(STATUS_ERROR_CAUSE, timing.answerTimeout());
        int rollPaper = query(STATUS_ROLL_PAPER, timing.answerTimeout());
        return new EscPosStatus(printer, offlineCause, errorCause, rollPaper);
    }

    private int query(int n, Duration timeout) throws SerialLinkException, MalformedAnswer {
        send(EscPosCommands.realtimeStatus(n));
        int answer = link.readByte(timeout);
        if (!EscPosStatus.wellFormed(n, answer)) throw new MalformedAnswer(n, answer);
        return answer;
    }

    private void send(byte[] bytes) throws SerialLinkException {
        link.write(bytes);
        jobBytes += bytes.length;
    }

    private void settle() {
        if (timing.cutSettle().isZero()) return;
        try {
            Thread.sleep(timing.cutSettle().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ outcomes

    private PrintResult refused(ReceiptDocument document, String when, EscPosStatus status) {
        DeviceFault fault = status.fault().orElseThrow();
        health.error(fault, status.media());
        log.warn("receipt {} not printed: {} {} {}", document.reference(), fault, status.media(), when);
        return new PrintResult.Failed(fault);
    }

    private DeviceFault linkFailed(SerialLinkException e) {
        DeviceHealth before = health.current();
        DeviceFault fault;
        if (e.kind() == SerialLinkException.Kind.TIMEOUT) {
            needsInit = true;
            fault = DeviceFault.TIMEOUT;
            health.error(fault, before.media());
        } else {
            portGone = true;
            fault = DeviceFault.PORT_UNAVAILABLE;
            health.offline();
        }
        logFailure(before, e.getMessage());
        return fault;
    }

    private DeviceFault protocolError(MalformedAnswer e) {
        DeviceHealth before = health.current();
        needsInit = true;
        health.error(DeviceFault.PROTOCOL_ERROR, before.media());
        logFailure(before, e.getMessage());
        return DeviceFault.PROTOCOL_ERROR;
    }

    /** A warning when the failure is news; the same failure again on every poll only at debug level. */
    private void logFailure(DeviceHealth before, String message) {
        if (health.current().sameAs(before)) log.debug("receipt printer: {}", message);
        else log.warn("receipt printer: {}", message);
    }

    /** An answer to DLE EOT that breaks the protocol. */
    private static final class MalformedAnswer extends Exception {
        MalformedAnswer(int n, int answer) {
            super(String.format("malformed answer 0x%02X to DLE EOT %d", answer, n));
        }
    }
}
