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
import java.util.function.UnaryOperator;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOperatorStore;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.receipt.pdf.PdfZReportRenderer;
import jp.simkiosk.adapter.export.FolderExport;
import jp.simkiosk.application.operator.DataExport;
import jp.simkiosk.application.operator.DayClose;
import jp.simkiosk.application.operator.DeviceSettings;
import jp.simkiosk.application.device.DeviceRole;
import java.util.Optional;
import java.util.OptionalInt;
import jp.simkiosk.application.operator.Maintenance;
import jp.simkiosk.application.operator.OperatorAccess;
import jp.simkiosk.application.operator.SalesAdmin;
import jp.simkiosk.application.operator.SimStock;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.RecoveryService;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.PaymentProvider;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.adapter.upstream.http.HttpUpstream;
import jp.simkiosk.adapter.upstream.http.HttpPaymentProvider;
import jp.simkiosk.adapter.upstream.http.KioskSecret;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.port.CatalogSource;
import jp.simkiosk.application.port.DayCloseSink;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.sync.BackOfficeReach;
import jp.simkiosk.application.sync.Backoff;
import jp.simkiosk.application.sync.CatalogService;
import jp.simkiosk.application.sync.DayCloseSender;
import jp.simkiosk.application.sync.HeartbeatService;
import jp.simkiosk.application.sync.OutboxSender;
import jp.simkiosk.application.sync.UpstreamSync;
import java.util.SplittableRandom;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the kiosk from its validated configuration, by constructor
 * injection, and closes them again. Nothing here is static; tests build as many kiosks as they like, each
 * on its own data folder.
 *
 * <p>Start-up order: the journal is opened and checked (a file failing its integrity check is set aside and the
 * kiosk starts out of service with an alarm), devices are opened and polled, then {@link RecoveryService}
 * settles every sale a crash left in flight — all before the first customer is accepted.
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
    private final UpstreamSync sync;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;
    private final RecoveryService.Report recovery;
    private final Operations operations;
    /** The parsed receipt fonts (a few tens of MB), released when the kiosk closes. */
    private final ReceiptFonts fonts;

    /** The version shown on the operator's Status screen and by {@code --version}. */
    public static final String VERSION = "0.1.0";

    /** The maintenance-mode use cases and the restart switch they pull. */
    record Operations(OperatorAccess access, Maintenance maintenance, SalesAdmin sales, DayClose dayClose,
                      DataExport export, DeviceSettings deviceSettings, RestartSwitch restart) {}

    private KioskAssembly(KioskConfig config, SqliteSaleJournal journal, KioskDevices devices, Upstream upstream,
                          Optional<PaymentProvider> wallet, Checkout checkout, RenewalService renewals,
                          PurchaseService purchases, ServiceMonitor serviceMonitor, UpstreamSync sync,
                          ExecutorService background, ScheduledExecutorService scheduler,
                          RecoveryService.Report recovery, Operations operations, ReceiptFonts fonts) {
        this.operations = operations;
        this.fonts = fonts;
        this.config = config;
        this.journal = journal;
        this.devices = devices;
        this.upstream = upstream;
        this.wallet = wallet;
        this.checkout = checkout;
        this.renewals = renewals;
        this.purchases = purchases;
        this.serviceMonitor = serviceMonitor;
        this.sync = sync;
        this.background = background;
        this.scheduler = scheduler;
        this.recovery = recovery;
    }

    /**
     * Builds and starts the kiosk: data folder, log file, journal (integrity-checked), devices, QR wallet
     * provider, use cases ({@link Checkout} shared by {@link RenewalService} and {@link PurchaseService}), service
     * monitor, then start-up recovery.
     */
    public static KioskAssembly build(KioskConfig cfg, Clock clock) throws StartupException {
        return build(cfg, clock, UnaryOperator.identity());
    }

    /**
     * As {@link #build(KioskConfig, Clock)}, with the journal the use cases write through wrapped by
     * {@code journalView} (the crash tests stop the process at a chosen step with it).
     */
    static KioskAssembly build(KioskConfig cfg, Clock clock, UnaryOperator<SaleJournal> journalView)
            throws StartupException {
        Path data = cfg.dataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new StartupException("cannot create the data folder " + data + ": " + e.getMessage(), e);
        }
        LogFiles.writeTo(data.resolve("logs"));
        log.info("kiosk {} starting with {} (data folder {})", cfg.kioskId(), cfg.source(), data);

        SqliteSaleJournal.Opening opening =
                SqliteSaleJournal.openCheckingIntegrity(data.resolve("journal").resolve("sales.db"), clock);
        SqliteSaleJournal journal = opening.journal();
        KioskDevices devices;
        try {
            devices = KioskDevices.open(cfg.devices(), data, clock);
        } catch (StartupException e) {
            journal.close();
            throw e;
        }
        Links links;
        Optional<PaymentProvider> wallet;
        try {
            links = links(cfg, clock);
            wallet = wallet(cfg, clock);
        } catch (StartupException e) {
            devices.close();
            journal.close();
            throw e;
        }
        // the catalog the kiosk sells from: upstream's last good one, cached in the journal; the shipped file until then
        CatalogService catalog = new CatalogService(links.catalog(), journal.catalogCache(), ConfigLoader.catalogValidator(),
                cfg.plans(), clock);
        ReceiptFonts fonts = ReceiptFonts.loadFromClasspath();
        PdfReceiptRenderer renderer = new PdfReceiptRenderer(fonts);
        SaleSettings saleSettings = new SaleSettings(cfg.kioskId(), cfg.zone(), cfg.issuer(), cfg.supportContact());
        Duration walletPoll = cfg.payment().qrWallet().map(KioskConfig.QrWallet::pollInterval).orElse(Duration.ofSeconds(1));

        ExecutorService background = Executors.newFixedThreadPool(2, daemonThreads("kiosk-worker"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("kiosk-poll"));
        ServiceMonitor monitor = new ServiceMonitor(devices.slots(),
                List.of(new DataFolderCheck(data, cfg.storage().minFreeBytes())), scheduler, Duration.ofSeconds(5));
        opening.setAside().ifPresent(folder -> monitor.raise(new Alarm(Alarm.Kind.JOURNAL_SET_ASIDE, folder.toString())));
        SaleJournal sales = journalView.apply(new MonitoredJournal(journal, monitor));

        Checkout checkout = new Checkout(sales, devices.cardReader(), wallet, renderer, devices.receiptPrinter(), catalog,
                cfg.newSim().apn(), clock, saleSettings, walletPoll);
        // every exchange with the back office tells whether it answers: new lines not sold offline wait for it
        BackOfficeReach reach = new BackOfficeReach();
        Upstream upstream = reach.trackingUpstream(links.upstream());
        RenewalService renewals = new RenewalService(catalog, upstream, sales, checkout, clock);
        PurchaseService purchases = new PurchaseService(catalog, upstream, sales, checkout, devices.simDispenser(),
                clock, new PurchaseSettings(cfg.newSim().takeTimeout()), reach);

        OutboxSender sender = new OutboxSender(journal.outbox(), reach.trackingEvents(links.events()), renewals, clock,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom()),
                OutboxSender.Settings.defaults());
        HeartbeatService heartbeat = new HeartbeatService(
                List.of(devices.cardReader(), devices.receiptPrinter(), devices.simDispenser()),
                journal.outbox(), catalog::etag, reach.trackingHeartbeats(links.heartbeats()), clock);
        DayCloseSender closeSender = new DayCloseSender(journal.operatorStore(), journal.outbox(), links.dayCloses(), clock,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom()));
        UpstreamSync sync = new UpstreamSync(sender, closeSender, catalog, heartbeat, journal.outbox(), clock,
                UpstreamSync.Settings.withKeepDays(cfg.upstream().keepAcknowledgedDays()));

        monitor.pollAll();
        RecoveryService.Report recovered = new RecoveryService(sales, renewals, purchases, checkout, devices.cardReader()).recoverAll();
        monitor.start();
        sync.start();

        SqliteOperatorStore store = journal.operatorStore();
        RestartSwitch restart = new RestartSwitch();
        Operations operations = new Operations(
                new OperatorAccess(cfg.operators(), store, clock),
                new Maintenance(devices.cardReader(), devices.receiptPrinter(), devices.simDispenser(), monitor,
                        journal.outbox(), store, sync::wake, new DeviceConsumables(devices.simDispenser(),
                        devices.receiptPrinter()), store, new SimStock(store, store), store, renderer, saleSettings, data,
                        VERSION, restart, clock),
                new SalesAdmin(journal, store, journal, checkout, store, SalesAdmin.defaultResolutions()),
                new DayClose(store, store, store, store, sync::wake, new PdfZReportRenderer(fonts),
                        devices.receiptPrinter(), store, data.resolve("reports"), cfg.kioskId(), cfg.zone(), clock),
                new DataExport(store, journal, store, new FolderExport(cfg.storage().exportDir()), data.resolve("reports"),
                        data.resolve("logs"), cfg.kioskId(), cfg.zone(), clock),
                deviceSettings(cfg),
                restart);
        return new KioskAssembly(cfg, journal, devices, links.upstream(), wallet, checkout, renewals, purchases, monitor,
                sync, background, scheduler, recovered, operations, fonts);
    }

    /** The QR wallet provider the configuration names, if the kiosk takes QR wallets. */
    private static Optional<PaymentProvider> wallet(KioskConfig cfg, Clock clock) throws StartupException {
        Optional<KioskConfig.QrWallet> setup = cfg.payment().qrWallet();
        if (setup.isEmpty()) return Optional.empty();
        if (setup.get() instanceof KioskConfig.QrWallet.Simulated sim) {
            return Optional.of(new SimulatedPaymentProvider(clock, sim.approveAfter(), sim.qrValidity(),
                    cfg.dataDir().resolve(SimulatedPaymentProvider.STATE_FILE)));
        }
        if (!(cfg.upstream() instanceof KioskConfig.Upstream.Http h)) {
            throw new StartupException(cfg.source() + ": payment.qrWallet.provider: backoffice needs the back office"
                    + " over HTTP (upstream.mode: http)", null);
        }
        try {
            return Optional.of(new HttpPaymentProvider(h.baseUrl(), cfg.kioskId(), KioskSecret.read(h.secretFile()),
                    h.lookupTimeout(), h.requestTimeout(), clock));
        } catch (RuntimeException e) {
            throw new StartupException(cfg.source() + ": upstream.secretFile: " + e.getMessage(), e);
        }
    }

    /** The devices' configuration for the technician's Device settings page. */
    private static DeviceSettings deviceSettings(KioskConfig cfg) {
        KioskConfig.Devices d = cfg.devices();
        return new DeviceSettings(cfg.source(), List.of(
                setting(DeviceRole.CARD_READER, d.cardReader(), "MDB cashless reader (serial bridge)"),
                setting(DeviceRole.RECEIPT_PRINTER, d.receiptPrinter(), "ESC/POS thermal printer"),
                setting(DeviceRole.SIM_DISPENSER, d.simDispenser(), "CRT-591 card dispenser")));
    }

    private static DeviceSettings.Setting setting(DeviceRole role, KioskConfig.DeviceSetup setup, String serialModel) {
        if (setup instanceof KioskConfig.DeviceSetup.Serial s) {
            return new DeviceSettings.Setting(role, DeviceSettings.Driver.SERIAL, serialModel, s.required(),
                    Optional.of(s.port()), OptionalInt.of(s.baud()), Optional.of(s.timeout()), Optional.empty());
        }
        KioskConfig.DeviceSetup.Simulated sim = (KioskConfig.DeviceSetup.Simulated) setup;
        return new DeviceSettings.Setting(role, DeviceSettings.Driver.SIMULATOR, serialModel, sim.required(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.of(sim.delay()));
    }

    /** The back office's five roles, all served by one object: the simulated one or the HTTP client. */
    private record Links(Upstream upstream, EventSink events, DayCloseSink dayCloses, CatalogSource catalog,
                         HeartbeatSink heartbeats) {}

    private static Links links(KioskConfig cfg, Clock clock) throws StartupException {
        if (cfg.upstream() instanceof KioskConfig.Upstream.Http h) {
            byte[] secret;
            try {
                secret = KioskSecret.read(h.secretFile());
            } catch (RuntimeException e) {
                throw new StartupException(cfg.source() + ": upstream.secretFile: " + e.getMessage(), e);
            }
            HttpUpstream http = new HttpUpstream(h.baseUrl(), cfg.kioskId(), secret, h.lookupTimeout(),
                    h.requestTimeout(), clock);
            return new Links(http, http, http, http, http);
        }
        KioskConfig.Upstream.Simulated sim = (KioskConfig.Upstream.Simulated) cfg.upstream();
        List<Plan> plans = cfg.plans();
        SimulatedUpstream upstream = new SimulatedUpstream(sim.lines(), () -> plans, clock, sim.delay(),
                cfg.dataDir().resolve(SimulatedUpstream.STATE_FILE));
        return new Links(upstream, upstream, upstream, upstream, upstream);
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
    public UpstreamSync sync() { return sync; }
    public PaymentTerminal cardReader() { return devices.cardReader(); }
    public ReceiptPrinter receiptPrinter() { return devices.receiptPrinter(); }
    public SimDispenser simDispenser() { return devices.simDispenser(); }
    /** What start-up recovery did. */
    public RecoveryService.Report recovery() { return recovery; }
    Operations operations() { return operations; }

    @Override
    public void close() {
        sync.close();
        serviceMonitor.close();
        scheduler.shutdownNow();
        background.shutdownNow();
        try {
            // a receipt being rendered finishes before its fonts go
            background.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices.close();
        journal.close();
        fonts.close();
        log.info("kiosk {} stopped", config.kioskId());
        LogFiles.stopWritingTo(config.dataDir().resolve("logs"));
    }
}
