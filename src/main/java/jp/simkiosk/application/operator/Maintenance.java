package jp.simkiosk.application.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.Consumables;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.ReceiptRenderer;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.SyncHistory;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's daily work on the terminal itself: the status overview, device tests, consumables
 * (SIM refill, reject bin, paper), the sync queue, taking the kiosk out of service and back, and restarting
 * the application. Every action is audited with its before and after.
 */
public final class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    /** The exit code that asks the service manager to start the application again (see the README, Maintenance mode). */
    public static final int RESTART_EXIT_CODE = 75;

    private final PaymentTerminal cardReader;
    private final ReceiptPrinter printer;
    private final SimDispenser dispenser;
    private final ServiceMonitor service;
    private final Outbox outbox;
    private final SyncHistory syncHistory;
    private final Runnable syncNow;
    private final Consumables consumables;
    private final StockLedger stock;
    private final SimStock sims;
    private final AuditLog audit;
    private final ReceiptRenderer renderer;
    private final SaleSettings settings;
    private final Path dataDir;
    private final String version;
    private final Runnable restart;
    private final Clock clock;

    /**
     * @param syncNow what "sync now" does ({@code UpstreamSync::wake})
     * @param restart ends the application with {@link #RESTART_EXIT_CODE} (the composition root's exit)
     */
    public Maintenance(PaymentTerminal cardReader, ReceiptPrinter printer, SimDispenser dispenser, ServiceMonitor service,
                       Outbox outbox, SyncHistory syncHistory, Runnable syncNow, Consumables consumables,
                       StockLedger stock, SimStock sims, AuditLog audit, ReceiptRenderer renderer,
                       SaleSettings settings, Path dataDir, String version, Runnable restart, Clock clock) {
        this.cardReader = cardReader;
        this.printer = printer;
        this.dispenser = dispenser;
        this.service = service;
        this.outbox = outbox;
        this.syncHistory = syncHistory;
        this.syncNow = syncNow;
        this.consumables = consumables;
        this.stock = stock;
        this.sims = sims;
        this.audit = audit;
        this.renderer = renderer;
        this.settings = settings;
        this.dataDir = dataDir;
        this.version = version;
        this.restart = restart;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- status

    /**
     * Everything the Status screen shows. When the kiosk is not {@code inService}, the reasons are the operator's
     * hold ({@code heldByOperator}), the required devices that are not usable ({@code blocking}) and the
     * {@code alarms} (journal set aside or failing, disk space low, data folder not writable); any mix of them.
     *
     * @param simStock the stacker's level as the dispenser reports it
     * @param simCount the kiosk's own count of the SIMs in the stacker and the cards in the reject bin
     */
    public record Status(List<DeviceHealth> devices, SimDispenser.StockLevel simStock, SimStock.Count simCount,
                         boolean inService, boolean heldByOperator, Outbox.Status queue, Optional<Instant> lastSync,
                         long freeDiskBytes, String version, String kioskId, List<DeviceHealth> blocking,
                         List<Alarm> alarms) {
        public Status {
            devices = List.copyOf(devices);
            blocking = List.copyOf(blocking);
            alarms = List.copyOf(alarms);
        }
    }

    /** Polls every device (on the calling thread) and gathers the status. */
    public Status status() {
        service.pollAll();
        ServiceMonitor.ServiceStatus s = service.current();
        return new Status(s.all(), dispenser.stock(), sims.countNow(), s.inService(), s.heldByOperator(), outbox.status(),
                syncHistory.lastSettledAt(), freeDisk(), version, settings.kioskId(), s.blocking(), s.alarms());
    }

    private long freeDisk() {
        try {
            return Files.getFileStore(Files.createDirectories(dataDir)).getUsableSpace();
        } catch (IOException e) {
            log.warn("cannot read the free space of {}", dataDir, e);
            return -1;
        }
    }

    // ---------------------------------------------------------------- device tests

    /**
     * The result of a device test: what happened, as data; the screen words it in the operator's language, the
     * audit log keeps {@link #auditText()}.
     */
    public sealed interface TestResult {
        boolean ok();

        /** The language-neutral detail for the audit log (after "OK " or "FAILED "). */
        String auditText();

        /** The test receipt printed. */
        record Printed(long bytesSent) implements TestResult {
            public boolean ok() { return true; }
            public String auditText() { return bytesSent + " bytes"; }
        }

        record NotPrinted(DeviceFault fault) implements TestResult {
            public boolean ok() { return false; }
            public String auditText() { return fault.name(); }
        }

        /** A SIM was read ({@code iccid} masked) and went to the reject bin. */
        record SimCaptured(String iccid) implements TestResult {
            public boolean ok() { return true; }
            public String auditText() { return "read " + iccid + ", captured"; }
        }

        /** A SIM was read, but did not go to the reject bin. */
        record SimNotCaptured(String iccid, DeviceFault fault) implements TestResult {
            public boolean ok() { return false; }
            public String auditText() { return "read " + iccid + ", capture failed: " + fault; }
        }

        /** No SIM could be read; {@code captureFault} when it could not go to the reject bin either. */
        record SimNotRead(DeviceFault fault, Optional<DeviceFault> captureFault) implements TestResult {
            public boolean ok() { return false; }
            public String auditText() {
                return "read failed: " + fault + captureFault.map(f -> ", capture failed").orElse("");
            }
        }

        /** What the card reader answered to a status poll. */
        record ReaderStatus(DeviceState state, Optional<DeviceFault> fault, boolean ok) implements TestResult {
            public String auditText() { return state + fault.map(f -> " " + f).orElse(""); }
        }
    }

    /** Prints a test receipt (a sample sale of ¥0 is not allowed on receipts: ¥1, marked TEST). */
    public TestResult printTestReceipt(OperatorSession who) {
        Receipt receipt = new Receipt(Language.JA, settings.issuer(), settings.kioskId(), "TEST", clock.instant(),
                settings.zone(), List.of(new Receipt.Item("TEST / テスト印刷", Yen.of(1), TaxRate.STANDARD_10)),
                TaxSummary.single(Yen.of(1), TaxRate.STANDARD_10), Optional.empty(), Optional.empty(), Optional.empty(),
                settings.supportContact(), Optional.empty());
        ReceiptPrinter.PrintResult r = printer.print(renderer.render(receipt));
        TestResult result = r instanceof ReceiptPrinter.PrintResult.Printed p
                ? new TestResult.Printed(p.bytesSent())
                : new TestResult.NotPrinted(((ReceiptPrinter.PrintResult.Failed) r).fault());
        return audited(who, "test.print", result);
    }

    /**
     * Moves a card to the IC station, reads it and captures it to the reject bin. The card is a stock movement
     * ({@link StockLedger.Kind#TEST_CARD}), journaled before the dispenser moves it.
     */
    public TestResult dispenseTestCard(OperatorSession who) {
        SaleId test = SaleId.random();
        stock.record(new StockLedger.Movement(clock.instant(), StockLedger.Kind.TEST_CARD, 1, "", who.who()));
        TestResult result;
        SimDispenser.ReadResult read = dispenser.presentAndRead(test);
        DeviceOutcome captured = dispenser.captureToRejectBin(test);
        Optional<DeviceFault> captureFault = captured instanceof DeviceOutcome.Failed f ? Optional.of(f.fault())
                : Optional.empty();
        if (read instanceof SimDispenser.ReadResult.Read ok) {
            result = captureFault.<TestResult>map(f -> new TestResult.SimNotCaptured(ok.iccid().masked(), f))
                    .orElseGet(() -> new TestResult.SimCaptured(ok.iccid().masked()));
        } else {
            result = new TestResult.SimNotRead(((SimDispenser.ReadResult.Failed) read).fault(), captureFault);
        }
        return audited(who, "test.dispense", result);
    }

    /** Asks the card reader for its status: the self-test the reader offers through its port. */
    public TestResult cardReaderSelfTest(OperatorSession who) {
        DeviceHealth h = cardReader.poll();
        return audited(who, "test.cardReader", new TestResult.ReaderStatus(h.state(), h.fault(), h.usable()));
    }

    private TestResult audited(OperatorSession who, String action, TestResult result) {
        audit.append(who.who(), action, "", (result.ok() ? "OK " : "FAILED ") + result.auditText());
        return result;
    }

    // ---------------------------------------------------------------- stock

    /**
     * Records SIMs loaded into the stacker, given as ICCIDs (a scanned list, or a range expanded by
     * {@link IccidRange}); the dispenser learns of them and its health is polled again. The journal keeps the
     * count and the first and last ICCID masked (a 19-digit ICCID passes the Luhn check like a card number, and
     * the journal keeps nothing that looks like one).
     */
    public void recordSimRefill(OperatorSession who, List<Iccid> iccids) {
        if (iccids.isEmpty()) throw new IllegalArgumentException("no SIMs to record");
        String description = iccids.get(0).masked() + " … " + iccids.get(iccids.size() - 1).masked();
        refill(who, iccids.size(), description, () -> consumables.simsLoaded(iccids));
    }

    /**
     * Records SIMs loaded into the stacker by their count alone (a box of 50 loaded without scanning), 1 to
     * {@value IccidRange#MAX_CARDS}.
     */
    public void recordSimRefill(OperatorSession who, int count) {
        if (count < 1 || count > IccidRange.MAX_CARDS) {
            throw new IllegalArgumentException("a refill is 1 to " + IccidRange.MAX_CARDS + " SIMs, not " + count);
        }
        refill(who, count, BY_COUNT, () -> consumables.simsLoaded(count));
    }

    /** The detail of a refill recorded by its count. */
    public static final String BY_COUNT = "by count";

    private void refill(OperatorSession who, int count, String description, Runnable load) {
        SimDispenser.StockLevel before = dispenser.stock();
        load.run();
        stock.record(new StockLedger.Movement(clock.instant(), StockLedger.Kind.SIM_REFILL, count, description, who.who()));
        dispenser.poll();
        service.pollAll();
        audit.append(who.who(), "stock.refill", before.name(), dispenser.stock().name() + " +" + count + " " + description);
    }

    /**
     * Records the SIMs the operator counted in the stacker (0 to {@value IccidRange#MAX_CARDS}): the kiosk's own
     * count starts again from it.
     */
    public void recordSimCount(OperatorSession who, int counted) {
        if (counted < 0 || counted > IccidRange.MAX_CARDS) {
            throw new IllegalArgumentException("a count is 0 to " + IccidRange.MAX_CARDS + " SIMs, not " + counted);
        }
        String before = countText();
        stock.record(new StockLedger.Movement(clock.instant(), StockLedger.Kind.SIM_COUNTED, counted, "", who.who()));
        audit.append(who.who(), "stock.count", before, Integer.toString(counted));
    }

    private String countText() {
        SimStock.Count c = sims.countNow();
        return (c.inStacker().isPresent() ? Integer.toString(c.inStacker().getAsInt()) : "?") + " in stacker, "
                + c.inRejectBin() + " in bin";
    }

    /**
     * Records the reject bin emptied. The cards taken out are what the dispenser says was in it, or — for the
     * CRT-591, which cannot count it — the kiosk's own count from the journal.
     */
    public void recordRejectBinEmptied(OperatorSession who) {
        String before = mediaOf(dispenser.health());
        int kioskCount = sims.countNow().inRejectBin();
        int cards = consumables.rejectBinEmptied();
        stock.record(new StockLedger.Movement(clock.instant(), StockLedger.Kind.REJECT_BIN_EMPTIED,
                cards >= 0 ? cards : kioskCount, "", who.who()));
        dispenser.poll();
        service.pollAll();
        audit.append(who.who(), "stock.rejectBin", before, mediaOf(dispenser.health())
                + (cards >= 0 ? " " + cards + " card(s)" : " " + kioskCount + " card(s) by the kiosk's count"));
    }

    public void recordPaperReplaced(OperatorSession who) {
        String before = mediaOf(printer.health());
        consumables.paperReplaced();
        stock.record(new StockLedger.Movement(clock.instant(), StockLedger.Kind.PAPER_REPLACED, 0, "", who.who()));
        printer.poll();
        service.pollAll();
        audit.append(who.who(), "stock.paper", before, mediaOf(printer.health()));
    }

    private static String mediaOf(DeviceHealth h) {
        return h.state() + " " + h.media();
    }

    // ---------------------------------------------------------------- sync

    /** The rejected events with their reasons, newest first. */
    public List<Outbox.Rejected> rejectedEvents(int limit) {
        return outbox.rejected(limit);
    }

    public void syncNow(OperatorSession who) {
        Outbox.Status before = outbox.status();
        syncNow.run();
        audit.append(who.who(), "sync.now", before.pending() + " pending", "sender woken");
    }

    // ---------------------------------------------------------------- service

    /** Takes the kiosk out of service (true) or puts it back (false). */
    public void setOutOfService(OperatorSession who, boolean out) {
        boolean before = service.current().heldByOperator();
        service.holdByOperator(out);
        audit.append(who.who(), out ? "service.out" : "service.back", before ? "held" : "not held",
                out ? "held" : "not held");
    }

    /**
     * Audits and restarts the application (the service manager starts it again). Technicians only.
     *
     * @throws SecurityException for an operator
     */
    public void restart(OperatorSession who) {
        who.require(OperatorRole.TECHNICIAN);
        audit.append(who.who(), "service.restart", version, "exit " + RESTART_EXIT_CODE);
        log.warn("application restart asked by {}", who.who());
        restart.run();
    }
}
