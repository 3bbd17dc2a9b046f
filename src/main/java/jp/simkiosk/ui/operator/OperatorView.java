package jp.simkiosk.ui.operator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.operator.DataExport;
import jp.simkiosk.application.operator.DeviceSettings;
import jp.simkiosk.application.operator.Maintenance;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.ExportTarget;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.ReprintQueue;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Widgets;
import jp.simkiosk.ui.screens.FontStyles;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import jp.simkiosk.ui.operator.OperatorViewModel.Page;

/**
 * Maintenance mode on the kiosk's screen: a layer over the customer screens, shown while the
 * {@link OperatorViewModel} is not closed. First a PIN keypad, then a tab bar (Status, Device tests, Stock,
 * Sales, Sync, Service, End of day, and for technicians Data export and Device settings) over the page, with the
 * operator's name, a Japanese/English switch and "leave". Texts from the {@code i18n/operator} bundles.
 */
public final class OperatorView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);

    private final OperatorViewModel vm;
    private final I18n i;
    private final ZoneId zone;
    private final StackPane root = new StackPane();
    private final StackPane page = new StackPane();

    public OperatorView(OperatorViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.i = vm.i18n();
        this.zone = zone;
        root.setId("operatorLayer");
        root.getStyleClass().add("operator");
        root.visibleProperty().bind(vm.modeProperty().isNotEqualTo(Mode.CLOSED));
        vm.modeProperty().addListener((o, was, now) -> rebuild());
        vm.pageProperty().addListener((o, was, now) -> showPage());
        i.languageProperty().addListener((o, was, now) -> root.setStyle(FontStyles.familyFor(now)));
        root.setStyle(FontStyles.familyFor(i.language()));
        rebuild();
    }

    public Node root() {
        return root;
    }

    private void rebuild() {
        switch (vm.modeProperty().get()) {
            case CLOSED -> root.getChildren().clear();
            case PIN -> root.getChildren().setAll(pinPad());
            case OPEN -> {
                BorderPane frame = new BorderPane();
                frame.setTop(new VBox(header(), tabs()));
                ScrollPane scroll = new ScrollPane(page);
                scroll.setFitToWidth(true);
                scroll.getStyleClass().add("plain-scroll");
                frame.setCenter(scroll);
                frame.setBottom(resultBar());
                root.getChildren().setAll(frame);
                showPage();
            }
        }
    }

    // ---------------------------------------------------------------- PIN

    private Node pinPad() {
        Label title = Widgets.label(i.bind("op.pin.title"), "title");
        Label dots = new Label();
        dots.setId("opPinDots");
        dots.getStyleClass().add("entry");
        dots.setMaxWidth(Double.MAX_VALUE);
        dots.textProperty().bind(Bindings.createStringBinding(() -> "●".repeat(vm.pinProperty().get().length()),
                vm.pinProperty()));
        Label message = messageLabel("opPinMessage", vm.pinMessageProperty(), "error");
        GridPane keys = new GridPane();
        keys.setHgap(16);
        keys.setVgap(16);
        keys.setAlignment(Pos.CENTER);
        String order = "123456789";
        for (int k = 0; k < 9; k++) {
            char c = order.charAt(k);
            keys.add(key("opKey-" + c, String.valueOf(c), () -> vm.typeDigit(c)), k % 3, k / 3);
        }
        keys.add(key("opKeyDel", "⌫", vm::deleteDigit), 0, 3);
        keys.add(key("opKey-0", "0", () -> vm.typeDigit('0')), 1, 3);
        Button ok = Widgets.button("opKeyOk", i.bind("op.pin.ok"), vm::submitPin, "primary", "key");
        ok.disableProperty().bind(vm.workingProperty().or(vm.pinProperty().length().lessThan(4)));
        keys.add(ok, 2, 3);
        Button cancel = Widgets.button("opPinCancel", i.bind("op.leave"), vm::leave, "secondary");
        VBox box = new VBox(24, title, dots, message, keys, cancel);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("dialog");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane layer = new StackPane(box);
        layer.getStyleClass().add("overlay");
        return layer;
    }

    private static Button key(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll("touch", "key");
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---------------------------------------------------------------- frame

    private Node header() {
        Label title = Widgets.label(i.bind("op.title"), "brand");
        Label who = new Label();
        who.setId("opWho");
        who.getStyleClass().add("op-who");
        who.textProperty().bind(Bindings.createStringBinding(() -> vm.sessionProperty().get() == null ? ""
                : vm.sessionProperty().get().who() + " · " + i.text("op.role." + vm.sessionProperty().get().operator().role()),
                vm.sessionProperty(), i.languageProperty()));
        title.setMinWidth(Region.USE_PREF_SIZE);
        VBox names = new VBox(2, title, who);
        names.setMinWidth(0);
        HBox.setHgrow(names, Priority.ALWAYS);
        HBox bar = new HBox(12, names);
        for (Language l : new Language[] {Language.JA, Language.EN}) {
            Button b = new Button(l.nativeName());
            b.setId("opLang-" + l.tag());
            b.getStyleClass().addAll("touch", "language");
            b.setStyle(FontStyles.familyFor(l));
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setOnAction(e -> vm.setLanguage(l));
            bar.getChildren().add(b);
        }
        Button leave = Widgets.button("opLeave", i.bind("op.leave"), vm::leave, "primary");
        leave.setMinWidth(Region.USE_PREF_SIZE);
        bar.getChildren().add(leave);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("header");
        return bar;
    }

    private Node tabs() {
        FlowPane bar = new FlowPane(8, 8);
        bar.getStyleClass().add("op-tabs");
        for (Page p : vm.pages()) {
            Button b = Widgets.button("opTab-" + p.name(), i.bind("op.tab." + p.name()), () -> vm.show(p), "op-tab");
            vm.pageProperty().addListener((o, was, now) -> b.pseudoClassStateChanged(SELECTED, now == p));
            b.pseudoClassStateChanged(SELECTED, vm.pageProperty().get() == p);
            bar.getChildren().add(b);
        }
        return bar;
    }

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");

    private Node resultBar() {
        Label result = messageLabel("opResult", vm.resultProperty(), "op-result");
        Label busy = Widgets.label(i.bind("op.working"), "hint");
        busy.visibleProperty().bind(vm.workingProperty());
        HBox bar = new HBox(16, result, busy);
        bar.getStyleClass().add("footer");
        return bar;
    }

    private Label messageLabel(String id, ObservableValue<jp.simkiosk.ui.Message> message, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> i.text(message.getValue()), message, i.languageProperty()));
        return l;
    }

    private void showPage() {
        if (vm.modeProperty().get() != Mode.OPEN) return;
        Node content = switch (vm.pageProperty().get()) {
            case STATUS -> statusPage();
            case TESTS -> testsPage();
            case STOCK -> stockPage();
            case SALES -> salesPage();
            case SYNC -> syncPage();
            case SERVICE -> servicePage();
            case DAY -> dayPage();
            case EXPORT -> exportPage();
            case DEVICES -> devicesPage();
        };
        page.getChildren().setAll(content);
    }

    private VBox pageBox(String titleKey) {
        VBox box = new VBox(20, Widgets.label(i.bind(titleKey), "title"));
        box.getStyleClass().add("op-page");
        return box;
    }

    /** A label that re-renders whenever the status (or the language) changes. */
    private Label statusText(String id, java.util.function.Function<Maintenance.Status, String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("op-row");
        l.textProperty().bind(Bindings.createStringBinding(() -> vm.statusProperty().get() == null ? "…"
                : text.apply(vm.statusProperty().get()), vm.statusProperty(), i.languageProperty()));
        return l;
    }

    // ---------------------------------------------------------------- pages

    private Node statusPage() {
        VBox box = pageBox("op.tab.STATUS");
        for (var role : jp.simkiosk.application.device.DeviceRole.values()) {
            box.getChildren().add(statusText("opDevice-" + role.name(), s -> s.devices().stream()
                    .filter(h -> h.role() == role).findFirst().map(this::device).orElse(role.name())));
        }
        box.getChildren().addAll(
                statusText("opSimStock", s -> i.text("op.status.simStock", i.text("op.stock." + s.simStock().name()))),
                statusText("opSimCount", this::simCount),
                statusText("opService", this::serviceState),
                statusText("opAlarms", this::alarms),
                statusText("opQueue", s -> i.text("op.status.queue", s.queue().pending(), s.queue().rejected())),
                statusText("opLastSync", s -> i.text("op.status.lastSync", s.lastSync().map(this::time).orElse("—"))),
                statusText("opDisk", s -> i.text("op.status.disk", s.freeDiskBytes() / (1024 * 1024))),
                statusText("opVersion", s -> i.text("op.status.version", s.version(), s.kioskId())),
                Widgets.button("opRefresh", i.bind("op.refresh"), vm::refresh, "secondary"));
        return box;
    }

    /** The kiosk's own count of the SIMs in the stacker and the cards in the reject bin. */
    private String simCount(Maintenance.Status s) {
        return s.simCount().inStacker().isPresent()
                ? i.text("op.status.simCount", s.simCount().inStacker().getAsInt(), s.simCount().inRejectBin())
                : i.text("op.status.simCountUnknown", s.simCount().inRejectBin());
    }

    /** A device's state and consumables, and for a device in fault the error with the time it was reported. */
    private String device(DeviceHealth h) {
        String media = h.media().isEmpty() ? "" : " · " + String.join(", ",
                h.media().stream().map(m -> i.text("op.media." + m.name())).sorted().toList());
        String fault = h.fault().isPresent() ? " · " + lastError(h) : "";
        return i.text("op.device." + h.role().name()) + ": " + i.text("op.state." + h.state().name()) + fault + media;
    }

    /** The error a device reports (or none), with the time of that report: the Status and Device settings pages. */
    private String lastError(DeviceHealth h) {
        return i.text("op.settings.lastError", h.fault().map(f -> i.text("op.fault." + f.name()))
                .orElse(i.text("op.settings.noError")), time(h.at()));
    }

    /**
     * In service, or out of service with every reason that holds now, one a line: the staff's hold, each
     * required device that cannot be used, each alarm.
     */
    private String serviceState(Maintenance.Status s) {
        if (s.inService()) return i.text("op.status.inService");
        StringBuilder b = new StringBuilder(i.text("op.status.outOfService"));
        if (s.heldByOperator()) b.append("\n  ").append(i.text("op.status.reason.operator"));
        for (DeviceHealth h : s.blocking()) b.append("\n  ").append(device(h));
        for (Alarm a : s.alarms()) b.append("\n  ").append(i.text("op.status.reason." + a.kind().name()));
        return b.toString();
    }

    /** The alarms that stand, each with what the operator needs to act on it; or that there are none. */
    private String alarms(Maintenance.Status s) {
        if (s.alarms().isEmpty()) return i.text("op.alarm.none");
        StringBuilder b = new StringBuilder(i.text("op.alarm.title"));
        for (Alarm a : s.alarms()) b.append("\n  ").append(i.text("op.alarm." + a.kind().name(), a.detail()));
        return b.toString();
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    private Node testsPage() {
        VBox box = pageBox("op.tab.TESTS");
        box.getChildren().addAll(
                Widgets.button("opTestPrint", i.bind("op.test.print"), vm::testPrint, "choice"),
                Widgets.button("opTestDispense", i.bind("op.test.dispense"), vm::testDispense, "choice"),
                Widgets.button("opTestReader", i.bind("op.test.reader"), vm::testCardReader, "choice"));
        box.getChildren().forEach(n -> { if (n instanceof Button b) b.disableProperty().bind(vm.workingProperty()); });
        return box;
    }

    private Node stockPage() {
        VBox box = pageBox("op.tab.STOCK");
        Label level = statusText("opStockLevel", s -> i.text("op.status.simStock", i.text("op.stock." + s.simStock().name()))
                + s.devices().stream().filter(h -> h.role() == jp.simkiosk.application.device.DeviceRole.SIM_DISPENSER)
                .findFirst().map(h -> " · " + device(h)).orElse(""));
        TextArea iccids = new TextArea();
        iccids.setId("opIccids");
        iccids.setPrefRowCount(3);
        iccids.setWrapText(true);
        iccids.getStyleClass().add("op-input");
        iccids.promptTextProperty().bind(i.bind("op.stock.prompt"));
        iccids.textProperty().bindBidirectional(vm.iccidsProperty());
        Button refill = Widgets.button("opRefill", i.bind("op.stock.refill"), vm::recordRefill, "primary");
        refill.disableProperty().bind(vm.workingProperty().or(vm.iccidsProperty().isEmpty()));
        Button bin = Widgets.button("opRejectBin", i.bind("op.stock.rejectBin"), vm::recordRejectBinEmptied, "choice");
        Button paper = Widgets.button("opPaper", i.bind("op.stock.paper"), vm::recordPaperReplaced, "choice");
        bin.disableProperty().bind(vm.workingProperty());
        paper.disableProperty().bind(vm.workingProperty());
        TextField counted = new TextField();
        counted.setId("opStackerCount");
        counted.getStyleClass().add("op-input");
        counted.promptTextProperty().bind(i.bind("op.stock.countPrompt"));
        counted.textProperty().bindBidirectional(vm.stackerCountProperty());
        Button count = Widgets.button("opRecordCount", i.bind("op.stock.count"), vm::recordStackerCount, "choice");
        count.disableProperty().bind(vm.workingProperty().or(vm.stackerCountProperty().isEmpty()));
        box.getChildren().addAll(level, statusText("opStockCount", this::simCount),
                Widgets.label(i.bind("op.stock.refillHint"), "hint"), iccids, refill, counted, count, bin, paper);
        return box;
    }

    private Node salesPage() {
        VBox box = pageBox("op.tab.SALES");
        TextField search = new TextField();
        search.setId("opSearch");
        search.getStyleClass().add("op-input");
        search.promptTextProperty().bind(i.bind("op.sales.searchPrompt"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> vm.searchSales());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox bar = new HBox(12, search,
                Widgets.button("opSearchButton", i.bind("op.sales.search"), vm::searchSales, "primary"),
                Widgets.button("opToday", i.bind("op.sales.today"), vm::todaysSales, "secondary"));
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox list = new VBox(6);
        list.setId("opSalesList");
        Runnable fill = () -> {
            list.getChildren().clear();
            if (vm.sales().isEmpty()) list.getChildren().add(Widgets.label(i.bind("op.sales.none"), "hint"));
            for (Sale s : vm.sales()) {
                Button b = new Button(saleLine(s));
                b.setId("opSale-" + s.reference());
                b.getStyleClass().addAll("touch", "op-sale");
                b.setMaxWidth(Double.MAX_VALUE);
                b.setOnAction(e -> vm.select(s));
                list.getChildren().add(b);
            }
        };
        vm.sales().addListener((javafx.collections.ListChangeListener<Sale>) c -> fill.run());
        fill.run();
        VBox detail = new VBox(12);
        detail.setId("opSaleDetail");
        detail.getStyleClass().add("op-detail");
        Runnable showDetail = () -> {
            Sale s = vm.selectedProperty().get();
            detail.getChildren().clear();
            detail.setVisible(s != null);
            if (s == null) return;
            Label what = new Label(saleLine(s) + "\n" + s.planName()
                    + s.lineId().map(l -> "\n" + l.display()).orElse("")
                    + s.failure().map(f -> "\n" + i.text("op.sales.failure", i.text("op.failure." + f.name()))).orElse(""));
            what.setId("opSaleSelected");
            what.setWrapText(true);
            Button reprint = Widgets.button("opReprint", i.bind("op.sales.reprint"), vm::reprint, "choice");
            reprint.disableProperty().bind(vm.workingProperty());
            detail.getChildren().addAll(what, reprint);
            if (vm.resolvable(s)) {
                TextField note = new TextField();
                note.setId("opNote");
                note.getStyleClass().add("op-input");
                note.promptTextProperty().bind(i.bind("op.sales.notePrompt"));
                note.textProperty().bindBidirectional(vm.noteProperty());
                Button resolve = Widgets.button("opResolve", i.bind("op.sales.resolve." + s.state().name()), vm::resolve,
                        "touch", "primary");
                resolve.disableProperty().bind(vm.workingProperty());
                detail.getChildren().addAll(note, resolve);
            }
        };
        vm.selectedProperty().addListener((o, was, now) -> showDetail.run());
        i.languageProperty().addListener((o, was, now) -> showDetail.run());
        showDetail.run();
        box.getChildren().addAll(reprintList(), bar, detail, list);
        return box;
    }

    /** The receipts that did not print: reference, when, why, and a reprint button each. */
    private Node reprintList() {
        VBox rows = new VBox(6);
        rows.setId("opReprintList");
        Runnable fill = () -> {
            rows.getChildren().clear();
            if (vm.toReprint().isEmpty()) {
                Label none = Widgets.label(i.bind("op.reprint.none"), "hint");
                none.setId("opReprintNone");
                rows.getChildren().add(none);
            }
            for (ReprintQueue.Waiting w : vm.toReprint()) {
                Label what = new Label(i.text("op.reprint.row", w.sale().reference(), time(w.since()), reason(w.reason())));
                what.setId("opReprintRow-" + w.sale().reference());
                what.setWrapText(true);
                what.getStyleClass().add("op-row");
                HBox.setHgrow(what, Priority.ALWAYS);
                what.setMaxWidth(Double.MAX_VALUE);
                Button again = Widgets.button("opReprintWaiting-" + w.sale().reference(), i.bind("op.reprint.button"),
                        () -> vm.reprintWaiting(w), "primary");
                again.setMinWidth(Region.USE_PREF_SIZE);
                again.disableProperty().bind(vm.workingProperty());
                HBox row = new HBox(12, what, again);
                row.setAlignment(Pos.CENTER_LEFT);
                rows.getChildren().add(row);
            }
        };
        vm.toReprint().addListener((javafx.collections.ListChangeListener<ReprintQueue.Waiting>) c -> fill.run());
        i.languageProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        VBox section = new VBox(8, Widgets.label(i.bind("op.reprint.title"), "op-subtitle"), rows);
        section.getStyleClass().add("op-detail");
        return section;
    }

    /** Why a paper did not print: a device fault, or what start-up recovery found. */
    private String reason(String reason) {
        boolean fault = java.util.Arrays.stream(DeviceFault.values()).anyMatch(f -> f.name().equals(reason));
        if (fault) return i.text("op.fault." + reason);
        if (reason.equals("INTERRUPTED") || reason.equals("NOT_PRINTED")) return i.text("op.reprint.reason." + reason);
        return reason;
    }

    private String saleLine(Sale s) {
        return s.reference() + "  " + time(s.createdAt()) + "  " + s.price().format() + "  "
                + i.text("op.saleState." + s.state().name())
                + (vm.resolvable(s) ? "  · " + i.text("op.sales.needsPerson") : "");
    }

    private Node syncPage() {
        VBox box = pageBox("op.tab.SYNC");
        VBox rejected = new VBox(6);
        rejected.setId("opRejected");
        Runnable fill = () -> {
            rejected.getChildren().clear();
            if (vm.rejected().isEmpty()) rejected.getChildren().add(Widgets.label(i.bind("op.sync.noRejected"), "hint"));
            for (Outbox.Rejected r : vm.rejected()) {
                Label l = new Label(r.event().sale().reference() + " " + i.text("op.saleStep." + r.event().step().name())
                        + " · " + r.reason() + " · " + time(r.rejectedAt()));
                l.setId("opRejected-" + r.event().eventId());
                l.setWrapText(true);
                l.getStyleClass().add("op-row");
                rejected.getChildren().add(l);
            }
        };
        vm.rejected().addListener((javafx.collections.ListChangeListener<Outbox.Rejected>) c -> fill.run());
        i.languageProperty().addListener((o, was, now) -> fill.run());
        fill.run();
        Button now = Widgets.button("opSyncNow", i.bind("op.sync.now"), vm::syncNow, "primary");
        now.disableProperty().bind(vm.workingProperty());
        box.getChildren().addAll(
                statusText("opSyncQueue", s -> i.text("op.status.queue", s.queue().pending(), s.queue().rejected())),
                statusText("opSyncOldest", s -> i.text("op.sync.oldest",
                        s.queue().oldestPendingAt().map(this::time).orElse("—"))),
                statusText("opSyncLast", s -> i.text("op.status.lastSync", s.lastSync().map(this::time).orElse("—"))),
                closesWaiting(), now, Widgets.label(i.bind("op.sync.rejected"), "hint"), rejected);
        return box;
    }

    private Label closesWaiting() {
        Label l = new Label();
        l.setId("opSyncCloses");
        l.setWrapText(true);
        l.getStyleClass().add("op-row");
        l.textProperty().bind(Bindings.createStringBinding(() -> vm.closesWaitingProperty().get() == null ? "…"
                : i.text("op.sync.closesWaiting", vm.closesWaitingProperty().get()),
                vm.closesWaitingProperty(), i.languageProperty()));
        return l;
    }

    private Node servicePage() {
        VBox box = pageBox("op.tab.SERVICE");
        Button out = Widgets.button("opOutOfService", i.bind("op.service.out"), () -> vm.setOutOfService(true), "choice");
        Button back = Widgets.button("opBackInService", i.bind("op.service.back"), () -> vm.setOutOfService(false), "choice");
        out.disableProperty().bind(vm.workingProperty().or(Bindings.createBooleanBinding(
                () -> vm.statusProperty().get() != null && vm.statusProperty().get().heldByOperator(), vm.statusProperty())));
        back.disableProperty().bind(vm.workingProperty().or(Bindings.createBooleanBinding(
                () -> vm.statusProperty().get() == null || !vm.statusProperty().get().heldByOperator(), vm.statusProperty())));
        Button restart = Widgets.button("opRestart", i.bind("op.service.restart"), vm::restart, "secondary");
        restart.setDisable(!vm.isTechnician());
        box.getChildren().addAll(
                statusText("opServiceState", this::serviceState),
                out, back, Widgets.label(i.bind("op.service.leaveHint"), "hint"), restart,
                Widgets.label(i.bind("op.service.restartHint"), "hint"));
        return box;
    }

    private Node dayPage() {
        VBox box = pageBox("op.tab.DAY");
        Label figures = new Label();
        figures.setId("opDayFigures");
        figures.setWrapText(true);
        figures.getStyleClass().add("op-row");
        figures.textProperty().bind(Bindings.createStringBinding(() -> figures(vm.dayPreviewProperty().get()),
                vm.dayPreviewProperty(), i.languageProperty()));
        Label closed = new Label();
        closed.setId("opDayClosed");
        closed.getStyleClass().add("notice");
        closed.textProperty().bind(Bindings.createStringBinding(() -> Optional.ofNullable(vm.dayClosedProperty().get())
                .map(c -> i.text("op.day.closedBy", c.day().toString(), c.who(), time(c.at()))).orElse(""),
                vm.dayClosedProperty(), i.languageProperty()));
        closed.visibleProperty().bind(vm.dayClosedProperty().isNotNull());
        Button close = Widgets.button("opCloseDay", i.bind("op.day.close"), vm::closeDay, "primary");
        close.disableProperty().bind(vm.workingProperty().or(vm.dayClosedProperty().isNotNull()));
        VBox upstream = new VBox(6);
        upstream.setId("opDayUpstream");
        Runnable fill = () -> {
            upstream.getChildren().clear();
            if (vm.dayUpstream().isEmpty()) upstream.getChildren().add(Widgets.label(i.bind("op.day.upstream.none"), "hint"));
            for (DayCloseOutbox.Sending s : vm.dayUpstream()) {
                Label l = new Label();
                l.setId("opDayUpstream-" + s.day());
                l.setWrapText(true);
                l.getStyleClass().add("op-row");
                l.textProperty().bind(Bindings.createStringBinding(() -> upstreamText(s), i.languageProperty()));
                upstream.getChildren().add(l);
            }
        };
        vm.dayUpstream().addListener((javafx.collections.ListChangeListener<DayCloseOutbox.Sending>) c -> fill.run());
        fill.run();
        box.getChildren().addAll(figures, closed, close, Widgets.label(i.bind("op.day.hint"), "hint"),
                Widgets.label(i.bind("op.day.upstream"), "hint"), upstream);
        return box;
    }

    private Node exportPage() {
        VBox box = pageBox("op.tab.EXPORT");
        Label folder = new Label();
        folder.setId("opExportFolder");
        folder.setWrapText(true);
        folder.getStyleClass().add("op-row");
        folder.textProperty().bind(Bindings.createStringBinding(() -> vm.exportFolder()
                .map(f -> i.text("op.export.folder", f.toString())).orElse(i.text("op.export.noFolder")),
                i.languageProperty()));
        Label range = new Label();
        range.setId("opExportRange");
        range.getStyleClass().add("op-row");
        range.textProperty().bind(Bindings.createStringBinding(() -> Optional.ofNullable(vm.exportRangeProperty().get())
                .map(r -> i.text("op.export.range", r.from().toString(), r.to().toString())).orElse("…"),
                vm.exportRangeProperty(), i.languageProperty()));
        FlowPane days = new FlowPane(8, 8);
        for (int back : OperatorViewModel.EXPORT_DAYS_BACK) {
            Button b = Widgets.button("opExportDays-" + back, back == 0 ? i.bind("op.export.today")
                    : i.bind("op.export.days", back + 1), () -> vm.chooseExportDays(back), "op-tab");
            vm.exportRangeProperty().addListener((o, was, now) -> b.pseudoClassStateChanged(SELECTED,
                    now != null && now.to().minusDays(back).equals(now.from())));
            b.pseudoClassStateChanged(SELECTED, vm.exportRangeProperty().get() != null
                    && vm.exportRangeProperty().get().to().minusDays(back).equals(vm.exportRangeProperty().get().from()));
            days.getChildren().add(b);
        }
        Button go = Widgets.button("opExport", i.bind("op.export.button"), vm::exportData, "primary");
        go.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.workingProperty().get() || vm.exportFolder().isEmpty(), vm.workingProperty()));
        Label written = new Label();
        written.setId("opExportResult");
        written.setWrapText(true);
        written.getStyleClass().add("op-row");
        written.textProperty().bind(Bindings.createStringBinding(() -> exported(vm.exportedProperty().get()),
                vm.exportedProperty(), i.languageProperty()));
        written.visibleProperty().bind(vm.exportedProperty().isNotNull());
        box.getChildren().addAll(folder, range, days, go, Widgets.label(i.bind("op.export.hint"), "hint"), written);
        return box;
    }

    /** Each device's configuration (read-only) beside what it reports now, and the configuration file. */
    private Node devicesPage() {
        VBox box = pageBox("op.tab.DEVICES");
        DeviceSettings settings = vm.deviceSettings();
        for (DeviceSettings.Setting d : settings.devices()) {
            Label name = Widgets.label(i.bind("op.device." + d.role().name()), "op-subtitle");
            Label configured = new Label();
            configured.setId("opSetting-" + d.role().name());
            configured.setWrapText(true);
            configured.getStyleClass().add("op-row");
            configured.textProperty().bind(Bindings.createStringBinding(() -> configured(d), i.languageProperty()));
            Label reported = statusText("opSettingState-" + d.role().name(), s -> s.devices().stream()
                    .filter(h -> h.role() == d.role()).findFirst().map(this::reported).orElse("—"));
            VBox card = new VBox(6, name, configured, reported);
            card.getStyleClass().add("op-detail");
            box.getChildren().add(card);
        }
        Label file = new Label();
        file.setId("opConfigFile");
        file.setWrapText(true);
        file.getStyleClass().add("op-row");
        file.textProperty().bind(i.bind("op.settings.configFile", settings.configFile().toString()));
        box.getChildren().addAll(file, Widgets.label(i.bind("op.settings.hint"), "hint"),
                Widgets.button("opSettingsRefresh", i.bind("op.refresh"), vm::refresh, "secondary"));
        return box;
    }

    private String configured(DeviceSettings.Setting d) {
        StringBuilder b = new StringBuilder(i.text("op.settings.driver", i.text("op.settings.driver." + d.driver().name()),
                d.model()));
        d.port().ifPresent(p -> b.append('\n').append(i.text("op.settings.port", p, d.baud().orElse(0))));
        d.timeout().ifPresent(t -> b.append('\n').append(i.text("op.settings.timeout", t.toMillis())));
        d.delay().ifPresent(t -> b.append('\n').append(i.text("op.settings.delay", t.toMillis())));
        b.append('\n').append(i.text(d.required() ? "op.settings.required" : "op.settings.optional"));
        b.append('\n').append(i.text("op.settings.firmware"));
        return b.toString();
    }

    private String reported(DeviceHealth h) {
        return i.text("op.settings.state", i.text("op.state." + h.state().name())) + "\n" + lastError(h);
    }

    private String exported(DataExport.Result r) {
        if (r == null) return "";
        StringBuilder b = new StringBuilder(i.text("op.export.written", r.folder().toString())).append('\n');
        for (ExportTarget.ExportedFile f : r.files()) {
            b.append("  ").append(f.name()).append(" · ");
            if (f.rows() >= 0) b.append(i.text("op.export.rows", f.rows())).append(" · ");
            b.append(i.text("op.export.bytes", f.bytes())).append('\n');
        }
        return b.append(i.text("op.export.total", r.files().size(), r.totalBytes())).toString();
    }

    private String upstreamText(DayCloseOutbox.Sending s) {
        if (s.waiting()) return i.text("op.day.upstream.waiting", s.day().toString(), s.attempts());
        if (s.rejected()) return i.text("op.day.upstream.rejected", s.day().toString(), s.reason());
        return i.text("op.day.upstream.sent", s.day().toString(), s.answeredAt().map(this::time).orElse("—"));
    }

    private String figures(ZReport r) {
        if (r == null) return "…";
        StringBuilder b = new StringBuilder(i.text("op.day.of", r.day().toString())).append('\n');
        b.append(i.text("op.day.since", time(r.from()))).append('\n');
        b.append(i.text("op.day.sold", r.sold().count(), r.sold().total().format())).append('\n');
        for (ZReport.Line l : r.byPlan()) b.append("  ").append(l.label()).append(": ").append(l.count())
                .append(" / ").append(l.total().format()).append('\n');
        for (ZReport.PaymentLine p : r.byPayment()) {
            String method = PaymentMethod.fromTag(p.method()).map(m -> i.text("pay.method." + m.name())).orElse(p.method());
            b.append("  ").append(method).append(": ").append(p.count()).append(" / ").append(p.total().format())
                    .append('\n');
        }
        b.append(i.text("op.day.refunded", r.refunded().count(), r.refunded().total().format())).append('\n');
        b.append(i.text("op.day.refundPending", r.refundPending().count(), r.refundPending().total().format())).append('\n');
        b.append(i.text("op.day.voided", r.voided().count(), r.voided().total().format())).append('\n');
        b.append(i.text("op.day.stock", r.stock().size())).append('\n');
        b.append(i.text("op.day.sims", r.sims().taken(), r.sims().captured(), r.sims().tested()));
        return b.toString();
    }
}
