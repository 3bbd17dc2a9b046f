package jp.simkiosk.adapter.device.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import jp.simkiosk.adapter.device.serial.escpos.EscPosJob;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.HealthTracker;
import jp.simkiosk.application.device.TrackedDevice;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt printer without hardware, what the kiosk runs on out of the box. It "prints" into a folder:
 * {@code <reference>.pdf}, the document as given, and {@code <reference>.png}, the exact 1-bit raster the
 * ESC/POS driver would send; it reports the bytes that job would put on the wire, counted by the driver's
 * own {@link EscPosJob}. Deterministic; paper near end, paper out, cover open, offline and a one-off fault
 * can be set, and take effect at once. An optional delay per operation makes a demo feel like hardware.
 */
public final class SimulatedReceiptPrinter implements ReceiptPrinter, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(SimulatedReceiptPrinter.class);
    private static final Set<MediaCondition> PRINTER_MEDIA =
            EnumSet.of(MediaCondition.PAPER_NEAR_END, MediaCondition.PAPER_OUT, MediaCondition.COVER_OPEN);

    private final Path receiptsDir;
    private final Duration delay;
    private final HealthTracker health;
    private final ReceiptRasterizer rasterizer = new ReceiptRasterizer();

    // guarded by this
    private Set<MediaCondition> media = Set.of();
    private boolean offline;
    private DeviceFault nextFault;

    /**
     * @param receiptsDir where receipts are written (made when the first one is)
     * @param delay       artificial time each print and poll takes; zero in tests
     */
    public SimulatedReceiptPrinter(Path receiptsDir, Clock clock, Duration delay) {
        this.receiptsDir = Objects.requireNonNull(receiptsDir);
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        this.delay = delay;
        this.health = new HealthTracker(DeviceRole.RECEIPT_PRINTER, clock);
    }

    /** Sets the paper and cover conditions: any of PAPER_NEAR_END, PAPER_OUT, COVER_OPEN. */
    public synchronized void setMedia(Set<MediaCondition> conditions) {
        if (!PRINTER_MEDIA.containsAll(conditions)) {
            throw new IllegalArgumentException("a receipt printer has only " + PRINTER_MEDIA + ", not " + conditions);
        }
        media = conditions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(conditions));
        refresh();
    }

    /** Unplugs (true) or plugs back (false) the printer. */
    public synchronized void setOffline(boolean offline) {
        this.offline = offline;
        refresh();
    }

    /** The next print fails with this fault without printing; the next poll after it finds the printer ready again. */
    public synchronized void failNext(DeviceFault fault) {
        nextFault = Objects.requireNonNull(fault);
    }

    @Override
    public HealthTracker healthTracker() {
        return health;
    }



    @Override
    public synchronized DeviceHealth poll() {
        pause();
        return refresh();
    }

    /** @throws IllegalArgumentException when the document is not a readable PDF with something on it */
    @Override
    public PrintResult print(ReceiptDocument document) {
        EscPosJob job = EscPosJob.of(rasterizer.rasterize(document.pdf()));
        synchronized (this) {
            pause();
            if (offline) {
                health.offline();
                return new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE);
            }
            if (nextFault != null) {
                DeviceFault fault = nextFault;
                nextFault = null;
                if (fault == DeviceFault.PORT_UNAVAILABLE) health.offline();
                else health.error(fault, media);
                return new PrintResult.Failed(fault);
            }
            if (media.stream().anyMatch(MediaCondition::blocksUse)) {
                health.error(DeviceFault.MEDIA, media);
                return new PrintResult.Failed(DeviceFault.MEDIA);
            }
            try {
                write(document, job.raster());
            } catch (IOException e) {
                log.error("receipt {} could not be written to {}", document.reference(), receiptsDir, e);
                health.error(DeviceFault.HARDWARE_ERROR, media);
                return new PrintResult.Failed(DeviceFault.HARDWARE_ERROR);
            }
            health.ready(media);
            log.info("receipt {} printed (simulated): {} rows, {} bytes", document.reference(),
                    job.raster().heightDots(), job.wireBytes());
            return new PrintResult.Printed(job.wireBytes());
        }
    }

    @Override
    public void close() {
        // nothing is held open between receipts
    }

    /** The PDF a receipt with this reference is written to. */
    public Path pdfFile(String reference) {
        return receiptsDir.resolve(fileName(reference) + ".pdf");
    }

    /** The PNG of the raster a receipt with this reference is written to. */
    public Path pngFile(String reference) {
        return receiptsDir.resolve(fileName(reference) + ".png");
    }

    private void write(ReceiptDocument document, RasterImage raster) throws IOException {
        Files.createDirectories(receiptsDir);
        Files.write(pdfFile(document.reference()), document.pdf());
        raster.toPng(pngFile(document.reference()));
    }

    /** The reference with anything that could leave the folder or upset a file system replaced by '_'. */
    private static String fileName(String reference) {
        String safe = reference.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private DeviceHealth refresh() {
        if (offline) return health.offline();
        if (media.stream().anyMatch(MediaCondition::blocksUse)) return health.error(DeviceFault.MEDIA, media);
        return health.ready(media);
    }

    private void pause() {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
