package jp.simkiosk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.PaymentProvider;
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
    private final Optional<PaymentProvider> wallet;
    private final Checkout checkout;
    private final RenewalService renewals;
    private final PurchaseService purchases;
    private final ServiceMonitor serviceMonitor;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;

    private KioskAssembly(KioskConfig config, SqliteSaleJournal journal, KioskDevices devices, Upstream upstream,
                          Optional<PaymentProvider> wallet, Checkout checkout, RenewalService renewals,
                          PurchaseService purchases, ServiceMonitor serviceMonitor, ExecutorService background,
                          ScheduledExecutorService scheduler) {
        this.config = config;
        this.journal = journal;
        this.devices = devices;
        this.upstream = upstream;
        this.wallet = wallet;
        this.checkout = checkout;
        this.renewals = renewals;
        this.purchases = purchases;
        this.serviceMonitor = serviceMonitor;
        this.background = background;
        this.scheduler = scheduler;
    }

    /**
     * Builds and starts the kiosk: data folder, log file, journal, devices, QR wallet provider, use cases
     * ({@link Checkout} shared by {@link RenewalService} and {@link PurchaseService}), service monitor.
     */
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

        Optional<PaymentProvider> wallet;
        try {
            wallet = wallet(cfg, clock);
        } catch (StartupException e) {
            devices.close();
            journal.close();
            throw e;
        }
        Duration walletPoll = cfg.payment().qrWallet().map(KioskConfig.QrWallet::pollInterval).orElse(Duration.ofSeconds(1));
        Checkout checkout = new Checkout(journal, devices.cardReader(), wallet, renderer, devices.receiptPrinter(), clock,
                new SaleSettings(cfg.kioskId(), cfg.zone(), cfg.issuer(), cfg.supportContact()), walletPoll);
        RenewalService renewals = new RenewalService(catalog, upstream, journal, checkout, clock);
        PurchaseService purchases = new PurchaseService(catalog, upstream, journal, checkout, devices.simDispenser(), clock,
                new PurchaseSettings(cfg.newSim().takeTimeout(), cfg.newSim().apn()));

        ExecutorService background = Executors.newFixedThreadPool(2, daemonThreads("kiosk-worker"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("kiosk-poll"));
        ServiceMonitor monitor = new ServiceMonitor(devices.slots(), scheduler, Duration.ofSeconds(5));
        monitor.pollAll();
        monitor.start();
        return new KioskAssembly(cfg, journal, devices, upstream, wallet, checkout, renewals, purchases, monitor,
                background, scheduler);
    }

    /** The QR wallet provider the configuration names, if the kiosk takes QR wallets. */
    private static Optional<PaymentProvider> wallet(KioskConfig cfg, Clock clock) throws StartupException {
        Optional<KioskConfig.QrWallet> setup = cfg.payment().qrWallet();
        if (setup.isEmpty()) return Optional.empty();
        if (setup.get() instanceof KioskConfig.QrWallet.Simulated sim) {
            return Optional.of(new SimulatedPaymentProvider(clock, sim.approveAfter(), sim.qrValidity()));
        }
        throw new StartupException(cfg.source() + ": payment.qrWallet.provider: backoffice is not available in this "
                + "version yet; use provider: simulator", null);
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
    public Checkout checkout() { return checkout; }
    public RenewalService renewals() { return renewals; }
    public PurchaseService purchases() { return purchases; }
    /** The QR wallet provider, when the kiosk takes QR wallets. */
    public Optional<PaymentProvider> wallet() { return wallet; }
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
