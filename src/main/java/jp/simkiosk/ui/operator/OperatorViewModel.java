package jp.simkiosk.ui.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.operator.DataExport;
import jp.simkiosk.application.operator.DayClose;
import jp.simkiosk.application.operator.DeviceSettings;
import jp.simkiosk.application.operator.IccidRange;
import jp.simkiosk.application.operator.Maintenance;
import jp.simkiosk.application.operator.OperatorAccess;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.OperatorSession;
import jp.simkiosk.application.operator.SalesAdmin;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.ExportTarget;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.ReprintQueue;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Message;
import jp.simkiosk.ui.UiTasks;

/**
 * Maintenance mode's state and actions: entry (the PIN keypad after the hidden gesture), the page shown, the
 * figures each page shows, and the operator's actions, each handed to a use case off the UI thread. Leaving,
 * or {@link #IDLE_LIMIT} without a touch or a key, closes it (audited); the customer side then shows attract, or
 * out of service when the operator set it (the service monitor decides, as for a device fault).
 */
public final class OperatorViewModel {

    /** Time without a touch after which maintenance mode closes by itself. */
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(2);
    /** How many sales the Sales page lists. */
    public static final int SALES_SHOWN = 30;

    /** How many rejected events the Sync page lists. */
    public static final int REJECTED_SHOWN = 50;

    /** How many closed days the End-of-day page lists with their state upstream. */
    public static final int CLOSES_SHOWN = 7;

    public enum Mode { CLOSED, PIN, OPEN }

    private record SyncView(Maintenance.Status status, List<Outbox.Rejected> rejected, long closesWaiting) {}

    private record SalesView(SaleRows recent, List<ReprintQueue.Waiting> toReprint) {}

    /** Sales to list, with those a person can resolve here (that takes the journal, so it is read with them). */
    private record SaleRows(List<Sale> sales, Set<SaleId> resolvable) {}

    private record DayView(ZReport preview, Optional<DayCloses.Closed> closed, List<DayCloseOutbox.Sending> upstream) {}

    /** The pages; {@link #technicianOnly()} ones are offered to technicians alone. */
    public enum Page {
        STATUS, TESTS, STOCK, SALES, SYNC, SERVICE, DAY, EXPORT, DEVICES;

        public boolean technicianOnly() {
            return this == EXPORT || this == DEVICES;
        }
    }

    /** The ranges offered for an export, in days before today (0: today only). */
    public static final List<Integer> EXPORT_DAYS_BACK = List.of(0, 6, DataExport.DEFAULT_DAYS_BACK, 89);

    private final OperatorAccess access;
    private final Maintenance maintenance;
    private final SalesAdmin sales;
    private final DayClose dayClose;
    private final DataExport export;
    private final DeviceSettings deviceSettings;
    private final UiTasks tasks;
    private final I18n i18n;
    private final Clock clock;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CLOSED);
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.STATUS);
    private final StringProperty pin = new SimpleStringProperty("");
    private final ObjectProperty<Message> pinMessage = new SimpleObjectProperty<>();
    private final BooleanProperty working = new SimpleBooleanProperty();
    private final ObjectProperty<OperatorSession> session = new SimpleObjectProperty<>();
    private final ObjectProperty<Maintenance.Status> status = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> result = new SimpleObjectProperty<>();
    private final StringProperty iccids = new SimpleStringProperty("");
    private final StringProperty stackerCount = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final ObservableList<Sale> saleList = FXCollections.observableArrayList();
    /** Of {@link #saleList} and the selected sale, those a person can resolve here; set before the list changes. */
    private Set<SaleId> resolvable = Set.of();
    private final ObjectProperty<Sale> selected = new SimpleObjectProperty<>();
    private final ObservableList<ReprintQueue.Waiting> toReprint = FXCollections.observableArrayList();
    private final ObservableList<Outbox.Rejected> rejected = FXCollections.observableArrayList();
    private final ObjectProperty<ZReport> dayPreview = new SimpleObjectProperty<>();
    private final ObjectProperty<DayCloses.Closed> dayClosed = new SimpleObjectProperty<>();
    private final ObjectProperty<DataExport.Range> exportRange = new SimpleObjectProperty<>();
    private final ObjectProperty<DataExport.Result> exported = new SimpleObjectProperty<>();
    private final ObservableList<DayCloseOutbox.Sending> dayUpstream = FXCollections.observableArrayList();
    private final ObjectProperty<Long> closesWaiting = new SimpleObjectProperty<>();
    private Instant lastTouch = Instant.MIN;

    public OperatorViewModel(OperatorAccess access, Maintenance maintenance, SalesAdmin sales, DayClose dayClose,
                             DataExport export, DeviceSettings deviceSettings, UiTasks tasks, Clock clock) {
        this.access = access;
        this.maintenance = maintenance;
        this.sales = sales;
        this.dayClose = dayClose;
        this.export = export;
        this.deviceSettings = deviceSettings;
        this.tasks = tasks;
        this.clock = clock;
        this.i18n = new I18n(Language.JA);
    }

    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<Page> pageProperty() { return page; }
    public StringProperty pinProperty() { return pin; }
    public ObjectProperty<Message> pinMessageProperty() { return pinMessage; }
    public BooleanProperty workingProperty() { return working; }
    public ObjectProperty<OperatorSession> sessionProperty() { return session; }
    public ObjectProperty<Maintenance.Status> statusProperty() { return status; }
    public ObjectProperty<Message> resultProperty() { return result; }
    /** The Stock page's refill field: ICCIDs, ranges, or a count of SIMs. */
    public StringProperty iccidsProperty() { return iccids; }
    /** The Stock page's field for the SIMs counted in the stacker. */
    public StringProperty stackerCountProperty() { return stackerCount; }
    public StringProperty searchProperty() { return search; }
    public StringProperty noteProperty() { return note; }
    public ObservableList<Sale> sales() { return saleList; }
    public ObjectProperty<Sale> selectedProperty() { return selected; }
    /** The receipts that did not print, oldest first (the Sales page's list with a reprint button each). */
    public ObservableList<ReprintQueue.Waiting> toReprint() { return toReprint; }
    public ObservableList<Outbox.Rejected> rejected() { return rejected; }
    public ObjectProperty<ZReport> dayPreviewProperty() { return dayPreview; }
    public ObjectProperty<DayCloses.Closed> dayClosedProperty() { return dayClosed; }
    /** The days the next export covers. */
    public ObjectProperty<DataExport.Range> exportRangeProperty() { return exportRange; }
    /** What the last export wrote (files, rows, bytes, folder); null until one completes. */
    public ObjectProperty<DataExport.Result> exportedProperty() { return exported; }
    /** How the devices are configured (the Device settings page, technicians only). */
    public DeviceSettings deviceSettings() { return deviceSettings; }
    /** The configured export folder, if any. */
    public Optional<java.nio.file.Path> exportFolder() { return export.folder(); }
    /** The latest closed days with how they stand with the back office, newest first. */
    public ObservableList<DayCloseOutbox.Sending> dayUpstream() { return dayUpstream; }
    /** How many closed days wait to be sent (the Sync page); null until loaded. */
    public ObjectProperty<Long> closesWaitingProperty() { return closesWaiting; }
    /** The operator screens' own texts and language (Japanese or English), apart from the customer's. */
    public I18n i18n() { return i18n; }

    public boolean isTechnician() {
        return session.get() != null && session.get().operator().role() == OperatorRole.TECHNICIAN;
    }

    /** Whether a person can resolve this listed sale here (worked out off the FX thread when it was loaded). */
    public boolean resolvable(Sale sale) {
        return resolvable.contains(sale.id());
    }

    // ---------------------------------------------------------------- entry, idle, leaving

    /** The hidden gesture was made: show the PIN keypad. */
    public void beginEntry() {
        if (mode.get() != Mode.CLOSED) return;
        pin.set("");
        pinMessage.set(access.lockedUntil().map(this::lockedMessage).orElse(null));
        i18n.setLanguage(Language.JA);
        touch();
        mode.set(Mode.PIN);
    }

    public void typeDigit(char c) {
        touch();
        if (Character.isDigit(c) && pin.get().length() < 8) pin.set(pin.get() + c);
    }

    public void deleteDigit() {
        touch();
        if (!pin.get().isEmpty()) pin.set(pin.get().substring(0, pin.get().length() - 1));
    }

    public void submitPin() {
        touch();
        String entered = pin.get();
        pin.set("");
        run(() -> access.enter(entered), attempt -> {
            if (attempt instanceof OperatorAccess.Attempt.Granted g) {
                session.set(g.session());
                pinMessage.set(null);
                page.set(Page.STATUS);
                mode.set(Mode.OPEN);
                refresh();
            } else if (attempt instanceof OperatorAccess.Attempt.Wrong w) {
                pinMessage.set(new Message("op.pin.wrong", w.attemptsLeft()));
            } else {
                pinMessage.set(lockedMessage(((OperatorAccess.Attempt.Locked) attempt).until()));
            }
        });
    }

    private Message lockedMessage(Instant until) {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        return new Message("op.pin.locked", seconds);
    }

    /** Leaves maintenance mode ("Leave", or cancel on the keypad): back to the customer side. */
    public void leave() {
        close(OperatorAccess.Leaving.MANUAL);
    }

    /** Closes maintenance mode; an operator's session (not the keypad alone) is audited as left, and how. */
    private void close(OperatorAccess.Leaving how) {
        OperatorSession was = session.get();
        if (was != null) tasks.run(() -> {
            access.leave(was, how);
            return Boolean.TRUE;
        }, r -> { }, e -> { }); // a failed audit is logged by the tasks; the mode closes all the same
        session.set(null);
        pin.set("");
        selected.set(null);
        resolvable = Set.of();
        saleList.clear();
        toReprint.clear();
        exportRange.set(null);
        exported.set(null);
        result.set(null);
        mode.set(Mode.CLOSED);
    }

    /** Every touch, and every key typed (a keyboard, a barcode scanner), while maintenance mode is shown. */
    public void touch() {
        lastTouch = clock.instant();
    }

    /** Called by the view's ticker: closes the mode after {@link #IDLE_LIMIT} without a touch or a key. */
    public void tick() {
        if (mode.get() != Mode.CLOSED && !working.get()
                && Duration.between(lastTouch, clock.instant()).compareTo(IDLE_LIMIT) >= 0) {
            close(OperatorAccess.Leaving.IDLE);
        }
    }

    public void setLanguage(Language l) {
        touch();
        i18n.setLanguage(l);
    }

    // ---------------------------------------------------------------- pages

    /** The pages this operator may open: technician-only pages for technicians alone. */
    public List<Page> pages() {
        return java.util.Arrays.stream(Page.values()).filter(p -> isTechnician() || !p.technicianOnly()).toList();
    }

    public void show(Page p) {
        touch();
        if (p.technicianOnly() && !isTechnician()) {
            result.set(new Message("op.role.technicianOnly"));
            return;
        }
        result.set(null);
        page.set(p);
        refresh();
    }

    /** Reloads what the current page shows. */
    public void refresh() {
        switch (page.get()) {
            case STATUS, STOCK, SERVICE, TESTS, DEVICES -> run(maintenance::status, status::set);
            case SALES -> run(() -> new SalesView(rows(sales.recent(SALES_SHOWN)), sales.toReprint()), v -> {
                showSales(v.recent());
                toReprint.setAll(v.toReprint());
            });
            case SYNC -> run(() -> new SyncView(maintenance.status(), maintenance.rejectedEvents(REJECTED_SHOWN),
                    dayClose.waitingUpstream()), r -> {
                status.set(r.status());
                rejected.setAll(r.rejected());
                closesWaiting.set(r.closesWaiting());
            });
            case EXPORT -> {
                if (exportRange.get() == null) exportRange.set(export.defaultRange());
            }
            case DAY -> run(() -> {
                LocalDate day = dayClose.today();
                return new DayView(dayClose.preview(day, who()), dayClose.closed(day),
                        dayClose.upstreamStates(CLOSES_SHOWN));
            }, r -> {
                dayPreview.set(r.preview());
                dayClosed.set(r.closed().orElse(null));
                dayUpstream.setAll(r.upstream());
            });
        }
    }

    // ---------------------------------------------------------------- device tests

    public void testPrint() {
        test(() -> maintenance.printTestReceipt(session.get()));
    }

    public void testDispense() {
        test(() -> maintenance.dispenseTestCard(session.get()));
    }

    public void testCardReader() {
        test(() -> maintenance.cardReaderSelfTest(session.get()));
    }

    private void test(Supplier<Maintenance.TestResult> t) {
        touch();
        run(t, r -> {
            result.set(new Message(r.ok() ? "op.test.ok" : "op.test.failed", testDetail(r)));
            refresh();
        });
    }

    /** A device test's result in the operator's words (faults and states from the bundle). */
    static Message testDetail(Maintenance.TestResult r) {
        if (r instanceof Maintenance.TestResult.Printed p) return new Message("op.test.result.printed", p.bytesSent());
        if (r instanceof Maintenance.TestResult.NotPrinted n) {
            return new Message("op.test.result.notPrinted", fault(n.fault()));
        }
        if (r instanceof Maintenance.TestResult.SimCaptured c) return new Message("op.test.result.captured", c.iccid());
        if (r instanceof Maintenance.TestResult.SimNotCaptured c) {
            return new Message("op.test.result.notCaptured", c.iccid(), fault(c.fault()));
        }
        if (r instanceof Maintenance.TestResult.SimNotRead n) {
            return n.captureFault().map(f -> new Message("op.test.result.notReadNotCaptured", fault(n.fault()), fault(f)))
                    .orElseGet(() -> new Message("op.test.result.notRead", fault(n.fault())));
        }
        Maintenance.TestResult.ReaderStatus s = (Maintenance.TestResult.ReaderStatus) r;
        Message state = new Message("op.state." + s.state().name());
        return s.fault().map(f -> new Message("op.test.result.readerFault", state, fault(f)))
                .orElseGet(() -> new Message("op.test.result.reader", state));
    }

    private static Message fault(jp.simkiosk.application.device.DeviceFault f) {
        return new Message("op.fault." + f.name());
    }

    // ---------------------------------------------------------------- stock

    public void recordRefill() {
        touch();
        IccidRange.Refill refill;
        try {
            refill = IccidRange.parseRefill(iccids.get());
        } catch (IccidRange.Invalid e) {
            result.set(new Message("op.stock.bad", new Message("op.stock.problem." + e.problem().name(), e.subject())));
            return;
        } catch (IllegalArgumentException e) {
            result.set(new Message("op.stock.bad", e.getMessage()));
            return;
        }
        run(() -> {
            if (refill.byCount()) maintenance.recordSimRefill(session.get(), refill.count());
            else maintenance.recordSimRefill(session.get(), refill.iccids());
            return maintenance.status();
        }, s -> {
            status.set(s);
            iccids.set("");
            result.set(new Message("op.stock.refilled", refill.count()));
        });
    }

    /** Records the SIMs the operator counted in the stacker: the kiosk's count starts again from it. */
    public void recordStackerCount() {
        touch();
        String text = stackerCount.get().strip();
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) > IccidRange.MAX_CARDS) {
            result.set(new Message("op.stock.badCount", IccidRange.MAX_CARDS));
            return;
        }
        int counted = Integer.parseInt(text);
        run(() -> {
            maintenance.recordSimCount(session.get(), counted);
            return maintenance.status();
        }, s -> {
            status.set(s);
            stackerCount.set("");
            result.set(new Message("op.stock.counted", counted));
        });
    }

    public void recordRejectBinEmptied() {
        touch();
        run(() -> {
            maintenance.recordRejectBinEmptied(session.get());
            return maintenance.status();
        }, s -> {
            status.set(s);
            result.set(new Message("op.stock.binEmptied"));
        });
    }

    public void recordPaperReplaced() {
        touch();
        run(() -> {
            maintenance.recordPaperReplaced(session.get());
            return maintenance.status();
        }, s -> {
            status.set(s);
            result.set(new Message("op.stock.paperReplaced"));
        });
    }

    // ---------------------------------------------------------------- sales

    public void searchSales() {
        touch();
        String text = search.get();
        loadSales(() -> text.isBlank() ? sales.recent(SALES_SHOWN) : sales.search(text, SALES_SHOWN));
    }

    public void todaysSales() {
        touch();
        LocalDate day = dayClose.today();
        loadSales(() -> sales.between(dayClose.startOf(day), dayClose.startOf(day.plusDays(1))));
    }

    private void loadSales(Supplier<List<Sale>> query) {
        run(() -> rows(query.get()), this::showSales);
    }

    /** Off the FX thread: the sales with those a person can resolve. */
    private SaleRows rows(List<Sale> list) {
        return new SaleRows(list, list.stream().filter(sales::resolvable).map(Sale::id).collect(Collectors.toUnmodifiableSet()));
    }

    private void showSales(SaleRows rows) {
        List<Sale> list = rows.sales();
        resolvable = rows.resolvable();
        saleList.setAll(list);
        Sale was = selected.get();
        selected.set(was == null ? null : list.stream().filter(s -> s.id().equals(was.id())).findFirst().orElse(null));
    }

    public void select(Sale sale) {
        touch();
        note.set("");
        selected.set(sale);
    }

    public void reprint() {
        touch();
        Sale sale = selected.get();
        if (sale == null) return;
        run(() -> new Reprinted(sales.reprint(session.get(), sale.id()), sales.toReprint()), r -> {
            toReprint.setAll(r.toReprint());
            result.set(reprintMessage(sale, r.outcome()));
        });
    }

    /** Reprints a receipt from the list of those that did not print; printed, it leaves the list. */
    public void reprintWaiting(ReprintQueue.Waiting waiting) {
        touch();
        Sale sale = waiting.sale();
        run(() -> new Reprinted(sales.reprint(session.get(), sale.id()), sales.toReprint()), r -> {
            toReprint.setAll(r.toReprint());
            result.set(reprintMessage(sale, r.outcome()));
        });
    }

    private record Reprinted(ReceiptOutcome outcome, List<ReprintQueue.Waiting> toReprint) {}

    private static Message reprintMessage(Sale sale, ReceiptOutcome outcome) {
        return outcome instanceof ReceiptOutcome.Printed
                ? new Message("op.sales.reprinted", sale.reference())
                : new Message("op.sales.notPrinted", fault(((ReceiptOutcome.NotPrinted) outcome).fault()));
    }

    public void resolve() {
        touch();
        Sale sale = selected.get();
        if (sale == null) return;
        if (note.get().isBlank()) {
            result.set(new Message("op.sales.noteNeeded"));
            return;
        }
        String n = note.get();
        run(() -> rows(List.of(sales.resolve(session.get(), sale.id(), n))), rows -> {
            Sale resolved = rows.sales().get(0);
            if (rows.resolvable().isEmpty()) {
                resolvable = resolvable.stream().filter(id -> !id.equals(resolved.id())).collect(Collectors.toUnmodifiableSet());
            }
            note.set("");
            int i = saleList.indexOf(sale);
            if (i >= 0) saleList.set(i, resolved);
            selected.set(resolved);
            result.set(new Message("op.sales.resolved", resolved.reference()));
        });
    }

    // ---------------------------------------------------------------- sync and service

    public void syncNow() {
        touch();
        run(() -> {
            maintenance.syncNow(session.get());
            return new SyncView(maintenance.status(), maintenance.rejectedEvents(REJECTED_SHOWN),
                    dayClose.waitingUpstream());
        }, r -> {
            status.set(r.status());
            rejected.setAll(r.rejected());
            closesWaiting.set(r.closesWaiting());
            result.set(new Message("op.sync.woken"));
        });
    }

    public void setOutOfService(boolean out) {
        touch();
        run(() -> {
            maintenance.setOutOfService(session.get(), out);
            return maintenance.status();
        }, s -> {
            status.set(s);
            result.set(new Message(out ? "op.service.isOut" : "op.service.isBack"));
        });
    }

    /** Technicians only: ends the application for the service manager to start it again. */
    public void restart() {
        touch();
        if (!isTechnician()) {
            result.set(new Message("op.role.technicianOnly"));
            return;
        }
        run(() -> {
            maintenance.restart(session.get());
            return Boolean.TRUE;
        }, r -> result.set(new Message("op.service.restarting")));
    }

    // ---------------------------------------------------------------- end of day

    public void closeDay() {
        touch();
        LocalDate day = dayClose.today();
        run(() -> dayClose.close(session.get(), day), r -> {
            dayPreview.set(r.report());
            result.set(new Message(r.printed() ? "op.day.closed" : "op.day.closedNotPrinted", r.pdf().getFileName().toString()));
            refresh();
        });
    }

    // ---------------------------------------------------------------- data export (technicians)

    /** Chooses today and the {@code daysBack} days before it. */
    public void chooseExportDays(int daysBack) {
        touch();
        exportRange.set(export.lastDays(daysBack));
    }

    /** Exports the chosen days to the export folder and shows what was written, or why not. */
    public void exportData() {
        touch();
        DataExport.Range range = exportRange.get() == null ? export.defaultRange() : exportRange.get();
        exported.set(null);
        run(() -> export.export(session.get(), range), r -> {
            exported.set(r);
            result.set(new Message("op.export.done", r.folder().getFileName().toString(), r.files().size(),
                    r.totalBytes()));
        });
    }

    // ---------------------------------------------------------------- plumbing

    private String who() {
        return session.get() == null ? "?" : session.get().who();
    }

    private <T> void run(Supplier<T> work, java.util.function.Consumer<T> onResult) {
        working.set(true);
        tasks.run(work, r -> {
            working.set(false);
            touch();
            onResult.accept(r);
        }, e -> {
            working.set(false);
            touch();
            result.set(e instanceof DayCloses.AlreadyClosed ? new Message("op.day.alreadyClosed")
                    : e instanceof ExportTarget.ExportFailed f ? new Message("op.export.failed." + f.reason().name(),
                            exportFolder().map(Object::toString).orElse("—"))
                    : e instanceof SecurityException ? new Message("op.role.technicianOnly")
                    : new Message("op.error", String.valueOf(e.getMessage())));
        });
    }
}
