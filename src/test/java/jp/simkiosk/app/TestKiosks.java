package jp.simkiosk.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import jp.simkiosk.app.config.ConfigException;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;

/** The shipped demo configuration on a data folder of the test's, with every simulator delay at zero. */
final class TestKiosks {

    static final Path DEMO_CONFIG = Path.of("kiosk-config/kiosk-demo.yaml");

    private TestKiosks() {}

    static KioskConfig demo(Path dataDir, Clock clock) throws ConfigException {
        KioskConfig cfg = ConfigLoader.load(DEMO_CONFIG, clock).withDataDir(dataDir);
        KioskConfig.Devices d = cfg.devices();
        KioskConfig.Upstream.Simulated up = (KioskConfig.Upstream.Simulated) cfg.upstream();
        return cfg.withDevices(new KioskConfig.Devices(noDelay(d.cardReader()), noDelay(d.receiptPrinter()),
                        noDelay(d.simDispenser())))
                .withUpstream(new KioskConfig.Upstream.Simulated(up.lines(), up.keepAcknowledgedDays(), Duration.ZERO));
    }

    /**
     * The demo configuration for purchases without waiting: as {@link #demo}, with a SIM taken back after
     * {@value #TAKE_MILLIS} ms at the gate and a simulated QR wallet whose customer pays at once (a code expires
     * after {@value #QR_VALIDITY_MILLIS} ms, asked every 5 ms).
     */
    static KioskConfig purchases(Path dataDir, Clock clock) throws ConfigException {
        KioskConfig cfg = demo(dataDir, clock);
        return cfg.withNewSim(new KioskConfig.NewSim(Duration.ofMillis(TAKE_MILLIS), cfg.newSim().apn()))
                .withPayment(new KioskConfig.Payment(cfg.payment().methods(), java.util.Optional.of(
                        new KioskConfig.QrWallet.Simulated(Duration.ofMillis(5), Duration.ofMillis(QR_VALIDITY_MILLIS),
                                Duration.ZERO))));
    }

    static final long TAKE_MILLIS = 150;
    static final long QR_VALIDITY_MILLIS = 60_000;

    /**
     * Wakes the upstream sync and waits until the outbox is empty (the simulated back office answers at once):
     * renewals sold offline are then applied and their sales settled.
     */
    static void drainOutbox(KioskAssembly kiosk) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kiosk.journal().outbox().status().pending() > 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("the outbox did not drain: " + kiosk.journal().outbox().status());
            kiosk.sync().wake();
            Thread.sleep(20);
        }
    }

    private static DeviceSetup noDelay(DeviceSetup d) {
        DeviceSetup.Simulated s = (DeviceSetup.Simulated) d;
        return new DeviceSetup.Simulated(s.required(), Duration.ZERO, s.stockFile());
    }
}
