package jp.simkiosk.app.config;

import jp.simkiosk.application.operator.Operator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.input.KeyCombination;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.sale.PaymentMethod;

/**
 * The whole configuration of one kiosk, read and validated once at start by {@link ConfigLoader} and
 * immutable after. Paths are absolute (resolved against the folder of the file that named them).
 *
 * @param source          the kiosk file this was read from
 * @param languages       the languages offered, in the order of the language buttons
 * @param idleTimeout     time without a touch after which a session ends and its data is wiped
 * @param idleWarning     how long before that end the warning shows (the time given to extend, at least
 *                        20 s per WCAG 2.2.1; always at least 10 s shorter than {@code idleTimeout})
 * @param dataDir         the folder for the journal and other state; the loader does not create it
 * @param storage         how much free space the data folder's disk must have for a sale to start
 * @param issuer          the seller on receipts; its location is the kiosk's location ({@code kiosk.location})
 * @param plans           the catalog, in file order (the display order)
 * @param operators       the staff who may enter maintenance mode, with their PIN hashes ({@code operators:})
 * @param payment         the payment methods offered and the QR wallet provider
 * @param newSim          how new SIMs are handed over and set up
 * @param maintenanceEntryKey the key combination that opens the PIN keypad like the hidden corner does
 *                        ({@code maintenance.entryKey}); empty when none is configured
 */
public record KioskConfig(
        Path source,
        String kioskId,
        ZoneId zone,
        Language defaultLanguage,
        List<Language> languages,
        Duration idleTimeout,
        Duration idleWarning,
        Display display,
        Devices devices,
        Path dataDir,
        Storage storage,
        Upstream upstream,
        Receipt.Issuer issuer,
        String supportContact,
        List<Plan> plans,
        List<Operator> operators,
        Payment payment,
        NewSim newSim,
        Optional<KeyCombination> maintenanceEntryKey) {

    public KioskConfig {
        Objects.requireNonNull(source);
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(defaultLanguage);
        languages = List.copyOf(languages);
        Objects.requireNonNull(idleTimeout);
        Objects.requireNonNull(idleWarning);
        Objects.requireNonNull(display);
        Objects.requireNonNull(devices);
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(storage);
        Objects.requireNonNull(upstream);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(supportContact);
        plans = List.copyOf(plans);
        operators = List.copyOf(operators);
        Objects.requireNonNull(payment);
        Objects.requireNonNull(newSim);
        Objects.requireNonNull(maintenanceEntryKey);
    }

    /** A copy with another data folder (tests, burn-in). */
    public KioskConfig withDataDir(Path dir) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dir, storage, upstream, issuer, supportContact, plans, operators, payment, newSim,
                maintenanceEntryKey);
    }

    public KioskConfig withDevices(Devices d) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                d, dataDir, storage, upstream, issuer, supportContact, plans, operators, payment, newSim,
                maintenanceEntryKey);
    }

    public KioskConfig withDisplay(Display d) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, d,
                devices, dataDir, storage, upstream, issuer, supportContact, plans, operators, payment, newSim,
                maintenanceEntryKey);
    }

    /** A copy with another free-space threshold (tests of a full disk). */
    public KioskConfig withStorage(Storage s) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dataDir, s, upstream, issuer, supportContact, plans, operators, payment, newSim,
                maintenanceEntryKey);
    }

    /** A copy with another maintenance entry key, or none (tests). */
    public KioskConfig withMaintenanceEntryKey(Optional<KeyCombination> key) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dataDir, storage, upstream, issuer, supportContact, plans, operators, payment, newSim, key);
    }

    /** A copy with another back office (burn-in: the simulated one without its artificial delay). */
    public KioskConfig withUpstream(Upstream u) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dataDir, storage, u, issuer, supportContact, plans, operators, payment, newSim,
                maintenanceEntryKey);
    }

    /** A copy with other payment settings (tests). */
    public KioskConfig withPayment(Payment p) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dataDir, storage, upstream, issuer, supportContact, plans, operators, p, newSim,
                maintenanceEntryKey);
    }

    /** A copy with other new-SIM settings (tests). */
    public KioskConfig withNewSim(NewSim n) {
        return new KioskConfig(source, kioskId, zone, defaultLanguage, languages, idleTimeout, idleWarning, display,
                devices, dataDir, storage, upstream, issuer, supportContact, plans, operators, payment, n,
                maintenanceEntryKey);
    }

    /**
     * The data folder's disk: below {@code minFreeBytes} free, no new sale starts and the kiosk shows itself out
     * of service (a sale in flight still finishes: it needs a few kilobytes). {@code exportDir} is where a
     * technician's data export goes (a USB stick's mount; {@code storage.exportDir}), if configured; it need not
     * exist at start.
     */
    public record Storage(long minFreeBytes, Optional<Path> exportDir) {
        public Storage {
            if (minFreeBytes < 0) throw new IllegalArgumentException("negative free space: " + minFreeBytes);
            Objects.requireNonNull(exportDir);
        }

        /** Without an export folder. */
        public Storage(long minFreeBytes) {
            this(minFreeBytes, Optional.empty());
        }
    }

    /**
     * How the kiosk's window is shown.
     *
     * @param width  the window's width in window mode; the screen's expected width in full-screen mode
     * @param height likewise; portrait means height greater than width
     */
    public record Display(Mode mode, int width, int height, Orientation orientation, boolean exitKeyEnabled) {
        public enum Mode { WINDOW, FULL_SCREEN }
        public enum Orientation { PORTRAIT, LANDSCAPE }
    }

    /** Which implementation drives each device. */
    public record Devices(DeviceSetup cardReader, DeviceSetup receiptPrinter, DeviceSetup simDispenser) {}

    /** One device's setup: a simulator or a serial driver, and whether the kiosk may sell without it. */
    public sealed interface DeviceSetup {
        boolean required();

        /**
         * @param delay     artificial delay per operation, so that a demo looks like real hardware
         * @param stockFile the SIM dispenser simulator's stack of ICCIDs (null for the other devices)
         */
        record Simulated(boolean required, Duration delay, Path stockFile) implements DeviceSetup {}

        record Serial(boolean required, String port, int baud, Duration timeout) implements DeviceSetup {}
    }

    /**
     * The back office: simulated from a file of demo lines, or reached over HTTP. Either way the sale events
     * sent to it are kept {@link #keepAcknowledgedDays()} days after it acknowledged them, then pruned
     * (key {@code upstream.keepAcknowledgedDays}, optional, {@value #DEFAULT_KEEP_ACKNOWLEDGED_DAYS} by default).
     */
    public sealed interface Upstream {
        int DEFAULT_KEEP_ACKNOWLEDGED_DAYS = 30;

        int keepAcknowledgedDays();

        /**
         * @param lines the demo lines the simulated back office knows
         * @param delay how long each request takes, so that a demo feels like a network
         */
        record Simulated(List<LineStatus> lines, int keepAcknowledgedDays, Duration delay) implements Upstream {
            /** The delay of a demo. */
            public static final Duration DEMO_DELAY = Duration.ofMillis(300);

            public Simulated {
                lines = List.copyOf(lines);
                Objects.requireNonNull(delay);
            }

            public Simulated(List<LineStatus> lines, int keepAcknowledgedDays) {
                this(lines, keepAcknowledgedDays, DEMO_DELAY);
            }
        }

        record Http(java.net.URI baseUrl, Path secretFile, Duration lookupTimeout, Duration requestTimeout,
                    int keepAcknowledgedDays) implements Upstream {}
    }

    /**
     * The payment methods on the payment choice screen, in this order, and the QR wallet provider when the
     * methods include {@link PaymentMethod#QR_WALLET}.
     */
    public record Payment(List<PaymentMethod> methods, Optional<QrWallet> qrWallet) {
        public Payment {
            methods = List.copyOf(methods);
            Objects.requireNonNull(qrWallet);
            if (methods.isEmpty()) throw new IllegalArgumentException("no payment method");
            if (methods.contains(PaymentMethod.QR_WALLET) != qrWallet.isPresent()) {
                throw new IllegalArgumentException("a QR wallet provider goes with, and only with, the qr-wallet method");
            }
        }
    }

    /** The QR wallet provider: simulated, or the back office's payment endpoint. */
    public sealed interface QrWallet {
        /** How often a waiting payment is asked for its status. */
        Duration pollInterval();

        /**
         * @param qrValidity   how long a QR code can be paid
         * @param approveAfter how long the simulated customer takes to pay
         */
        record Simulated(Duration pollInterval, Duration qrValidity, Duration approveAfter) implements QrWallet {}

        record BackOffice(Duration pollInterval) implements QrWallet {}
    }

    /**
     * @param takeTimeout how long a dispensed SIM waits at the gate before it is captured to the reject bin
     * @param apn         the APN settings printed on every new SIM's receipt (the kiosk's SIMs are one operator's)
     */
    public record NewSim(Duration takeTimeout, ApnSettings apn) {
        public NewSim {
            Objects.requireNonNull(takeTimeout);
            Objects.requireNonNull(apn);
        }
    }
}
