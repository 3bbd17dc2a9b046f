package jp.simkiosk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the kiosk from its validated configuration, by constructor
 * injection, and closes them again. Nothing here is static; tests build as many kiosks as they like, each
 * on its own data folder.
 */
public final class KioskAssembly implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KioskAssembly.class);

    private final KioskConfig config;
    private final SqliteSaleJournal journal;
    private final KioskDevices devices;
    private final Upstream upstream;
    private final RenewalService renewals;
    private final ServiceMonitor serviceMonitor;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;

    private KioskAssembly(KioskConfig config, SqliteSaleJournal journal, KioskDevices devices, Upstream upstream,
                          RenewalService renewals, ServiceMonitor serviceMonitor, ExecutorService background,
                          ScheduledExecutorService scheduler) {
        this.config = config;
        this.journal = journal;
        this.devices = devices;
        this.upstream = upstream;
        this.renewals = renewals;
        this.serviceMonitor = serviceMonitor;
        this.background = background;
        this.scheduler = scheduler;
    }

    /** Builds and starts the kiosk: data folder, log file, journal, devices, use cases, service monitor. */
    public static KioskAssembly build(KioskConfig cfg, Clock clock) throws StartupException {
        Path data = cfg.dataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StartupException("cannot create the data folder " + data + ": " + e.getMessage(), e);
        }
        LogFiles.writeTo(data.resolve("logs"));
        log.info("kiosk {} starting with {} (data folder {})", cfg.kioskId(), cfg.source(), data);

        SqliteSaleJournal journal = SqliteSaleJournal.open(data.resolve("journal").resolve("sales.db"), clock);
        KioskDevices devices;
        try {
            devices = KioskDevices.open(cfg.devices(), data, clock);
        } catch (StartupException e) {
            journal.close();
            throw e;
        }
        List<Plan> plans = cfg.plans();
        PlanCatalog catalog = () -> plans;
        Upstream upstream = upstream(cfg, catalog, clock);
        PdfReceiptRenderer renderer = new PdfReceiptRenderer(ReceiptFonts.loadFromClasspath());

        RenewalService renewals = new RenewalService(catalog, upstream, journal, devices.cardReader(), renderer,
                devices.receiptPrinter(), clock,
                new SaleSettings(cfg.kioskId(), cfg.zone(), cfg.issuer(), cfg.supportContact()));

        ExecutorService background = Executors.newFixedThreadPool(2, daemonThreads("kiosk-worker"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("kiosk-poll"));
        ServiceMonitor monitor = new ServiceMonitor(devices.slots(), scheduler, Duration.ofSeconds(5));
        monitor.pollAll();
        monitor.start();
        return new KioskAssembly(cfg, journal, devices, upstream, renewals, monitor, background, scheduler);
    }

    private static Upstream upstream(KioskConfig cfg, PlanCatalog catalog, Clock clock) throws StartupException {
        if (cfg.upstream() instanceof KioskConfig.Upstream.Simulated sim) {
            return new SimulatedUpstream(sim.lines(), catalog, clock, Duration.ofMillis(300));
        }
        throw new StartupException(cfg.source() + ": upstream.mode: http is not available in this version yet; "
                + "use mode: simulator", null);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public KioskConfig config() { return config; }
    public SqliteSaleJournal journal() { return journal; }
    public RenewalService renewals() { return renewals; }
    public ServiceMonitor serviceMonitor() { return serviceMonitor; }
    public ExecutorService background() { return background; }
    public Upstream upstream() { return upstream; }
    public PaymentTerminal cardReader() { return devices.cardReader(); }
    public ReceiptPrinter receiptPrinter() { return devices.receiptPrinter(); }
    public SimDispenser simDispenser() { return devices.simDispenser(); }

    @Override
    public void close() {
        serviceMonitor.close();
        scheduler.shutdownNow();
        background.shutdownNow();
        devices.close();
        journal.close();
        log.info("kiosk {} stopped", config.kioskId());
    }
}
