package jp.simkiosk.ui;

import java.util.List;
import java.util.Optional;
import javafx.event.EventHandler;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import jp.simkiosk.domain.Language;
import jp.simkiosk.ui.operator.OperatorView;
import jp.simkiosk.ui.operator.OperatorViewModel;
import jp.simkiosk.ui.screens.AttractView;
import jp.simkiosk.ui.screens.ConfirmView;
import jp.simkiosk.ui.screens.EsimCheckView;
import jp.simkiosk.ui.screens.EsimCodeView;
import jp.simkiosk.ui.screens.FontStyles;
import jp.simkiosk.ui.screens.HomeView;
import jp.simkiosk.ui.screens.IdentifyView;
import jp.simkiosk.ui.screens.OutOfServiceView;
import jp.simkiosk.ui.screens.PaymentChoiceView;
import jp.simkiosk.ui.screens.PaymentView;
import jp.simkiosk.ui.screens.PlansView;
import jp.simkiosk.ui.screens.PurchaseConfirmView;
import jp.simkiosk.ui.screens.ResultView;
import jp.simkiosk.ui.screens.SimDispenseView;
import jp.simkiosk.ui.screens.WalletView;
import jp.simkiosk.ui.screens.ViewContext;

/**
 * The kiosk's one window: a header with the language switch and help on every screen, the current
 * screen, a footer with back and cancel, and the overlays (idle warning, help). It shows what the
 * {@link JourneyViewModel} says and forwards touches to it.
 */
public final class KioskView {

    private final ViewContext ctx;
    private final IdleMonitor idle;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane content = new StackPane();
    private final Node idleOverlay;
    private final Node helpOverlay;
    private final Timeline ticker;

    /**
     * @param operator maintenance mode, entered by a long press ({@link #OPERATOR_PRESS}) in the top-left corner
     *                 of the attract or out-of-service screen: never from inside a customer's session
     * @param entryKey a key combination that opens the PIN keypad where the corner does (a technician's
     *                 keyboard); none when empty
     */
    public KioskView(ViewContext ctx, IdleMonitor idle, OperatorViewModel operator, java.time.ZoneId zone,
                     Optional<KeyCombination> entryKey) {
        this.ctx = ctx;
        this.idle = idle;
        JourneyViewModel vm = ctx.vm();

        frame.setTop(header());
        frame.setCenter(content);
        frame.setBottom(footer());
        // the footer (back, cancel) is hidden where neither makes sense, and then gives its room to the screen
        frame.getBottom().managedProperty().bind(frame.getBottom().visibleProperty());
        content.getStyleClass().add("content");
        idleOverlay = idleOverlay();
        helpOverlay = helpOverlay();
        Node operatorLayer = new OperatorView(operator, zone).root();
        root.getChildren().addAll(frame, idleOverlay, helpOverlay, operatorCorner(ctx.vm(), operator), operatorLayer);
        root.getStyleClass().add("kiosk");
        root.setId("kioskRoot");

        // every touch (or click) anywhere tells the idle monitor the customer is still there
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> idle.touch());
        root.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> idle.touch());

        vm.screenProperty().addListener((o, was, now) -> show(now));
        Chime chime = new Chime();
        idle.warningShownProperty().addListener((o, was, now) -> {
            if (now) chime.play();
        });
        ctx.i18n().languageProperty().addListener((o, was, now) -> applyLanguageFont(now));
        vm.deviceWorking().addListener((o, was, now) -> idle.setActive(!now && vm.screen().watchedForIdle()));
        applyLanguageFont(ctx.i18n().language());
        show(vm.screen());

        root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (operator.modeProperty().get() != OperatorViewModel.Mode.CLOSED) operator.touch();
        });
        operatorTyping(operator);
        entryKey.ifPresent(key -> operatorKey(key, vm, operator));
        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> {
            idle.tick();
            vm.tick();
            operator.tick();
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /** How long the hidden corner must be held to open the PIN keypad. */
    public static final Duration OPERATOR_PRESS = Duration.seconds(3);
    private static final double CORNER = 160;

    /**
     * The hidden entry to maintenance mode: an invisible square in the top-left corner, there only while the
     * attract or out-of-service screen shows (no customer session), that opens the PIN keypad when held for
     * {@link #OPERATOR_PRESS}. Letting go earlier does nothing.
     */
    private static Node operatorCorner(JourneyViewModel vm, OperatorViewModel operator) {
        Region corner = new Region();
        corner.setId("operatorCorner");
        corner.setMinSize(CORNER, CORNER);
        corner.setMaxSize(CORNER, CORNER);
        corner.setPickOnBounds(true);
        StackPane.setAlignment(corner, Pos.TOP_LEFT);
        corner.visibleProperty().bind(Bindings.createBooleanBinding(() -> maintenanceMayOpen(vm, operator),
                vm.screenProperty(), operator.modeProperty()));
        PauseTransition hold = new PauseTransition(OPERATOR_PRESS);
        hold.setOnFinished(e -> {
            if (maintenanceMayOpen(vm, operator)) operator.beginEntry();
        });
        corner.setOnMousePressed(e -> {
            hold.playFromStart();
            e.consume();
        });
        corner.setOnMouseReleased(e -> {
            hold.stop();
            e.consume();
        });
        corner.setOnMouseClicked(javafx.event.Event::consume);
        corner.setOnMouseExited(e -> hold.stop());
        return corner;
    }

    /**
     * Where maintenance mode may be entered: on the attract or out-of-service screen (no customer session
     * open), while it is not open already.
     */
    private static boolean maintenanceMayOpen(JourneyViewModel vm, OperatorViewModel operator) {
        return (vm.screen() == Screen.ATTRACT || vm.screen() == Screen.OUT_OF_SERVICE)
                && operator.modeProperty().get() == OperatorViewModel.Mode.CLOSED;
    }

    /**
     * The configured entry key: pressed where the corner works, it opens the PIN keypad (and is consumed);
     * anywhere else it does nothing. Watched on the window's scene, so that it works with no node focused.
     */
    private void operatorKey(KeyCombination key, JourneyViewModel vm, OperatorViewModel operator) {
        EventHandler<KeyEvent> filter = e -> {
            if (key.match(e) && maintenanceMayOpen(vm, operator)) {
                e.consume();
                operator.beginEntry();
            }
        };
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) was.removeEventFilter(KeyEvent.KEY_PRESSED, filter);
            if (now != null) now.addEventFilter(KeyEvent.KEY_PRESSED, filter);
        });
    }

    /**
     * In maintenance mode a key counts as a touch for its idle limit: staff type on a keyboard or scan ICCIDs with
     * a barcode scanner (a keyboard too) into the refill field. Watched on the scene, focused node or not.
     */
    private void operatorTyping(OperatorViewModel operator) {
        EventHandler<KeyEvent> filter = e -> {
            if (operator.modeProperty().get() != OperatorViewModel.Mode.CLOSED) operator.touch();
        };
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) was.removeEventFilter(KeyEvent.ANY, filter);
            if (now != null) now.addEventFilter(KeyEvent.ANY, filter);
        });
    }

    public javafx.scene.layout.Region root() {
        return root;
    }

    /** Stops the timers (when the window closes). */
    public void stop() {
        ticker.stop();
    }

    private void show(Screen screen) {
        helpOverlay.setVisible(false);
        Node view = switch (screen) {
            case ATTRACT -> AttractView.build(ctx);
            case HOME -> HomeView.build(ctx);
            case IDENTIFY -> IdentifyView.build(ctx);
            case PLANS -> PlansView.build(ctx);
            case CONFIRM -> ConfirmView.build(ctx);
            case ESIM_CHECK -> EsimCheckView.build(ctx);
            case PURCHASE_PLANS -> PlansView.buildPurchase(ctx);
            case PURCHASE_CONFIRM -> PurchaseConfirmView.build(ctx);
            case PAYMENT_CHOICE -> PaymentChoiceView.build(ctx);
            case PAYMENT -> PaymentView.build(ctx);
            case WALLET -> WalletView.build(ctx);
            case SIM_DISPENSE -> SimDispenseView.build(ctx);
            case ESIM_CODE -> EsimCodeView.build(ctx);
            case RESULT -> ResultView.build(ctx);
            case OUT_OF_SERVICE -> OutOfServiceView.build(ctx);
        };
        content.getChildren().setAll(view);
        frame.getBottom().setVisible(switch (screen) {
            case ATTRACT, OUT_OF_SERVICE, SIM_DISPENSE, ESIM_CODE, RESULT -> false;
            default -> true;
        });
        idle.setActive(screen.watchedForIdle() && !ctx.vm().deviceWorking().get());
    }

    private void applyLanguageFont(Language l) {
        root.setStyle(FontStyles.familyFor(l));
        root.getStyleClass().removeIf(c -> c.startsWith("lang-"));
        root.getStyleClass().add("lang-" + l.tag());
    }

    private Node header() {
        Label brand = Widgets.label(ctx.i18n().bind("app.brand"), "brand");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, brand, spacer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("header");
        for (Language l : ctx.languages()) {
            Button b = new Button(l.nativeName());
            b.setId("lang-" + l.tag());
            b.getStyleClass().addAll("touch", "language");
            b.setStyle(FontStyles.familyFor(l));
            b.setOnAction(e -> ctx.i18n().setLanguage(l));
            ctx.i18n().languageProperty().addListener((o, was, now) -> b.pseudoClassStateChanged(SELECTED, now == l));
            b.pseudoClassStateChanged(SELECTED, ctx.i18n().language() == l);
            bar.getChildren().add(b);
        }
        Button help = Widgets.button("helpButton", ctx.i18n().bind("help.button"), () -> helpOverlay.setVisible(true), "help");
        bar.getChildren().add(help);
        return bar;
    }

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");

    private Node footer() {
        JourneyViewModel vm = ctx.vm();
        Button back = Widgets.button("backButton", ctx.i18n().bind("nav.back"), vm::back, "secondary");
        back.visibleProperty().bind(vm.canGoBack());
        Button cancel = Widgets.button("cancelButton", ctx.i18n().bind("nav.cancel"), vm::cancel, "secondary");
        cancel.visibleProperty().bind(vm.canCancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, back, spacer, cancel);
        bar.getStyleClass().add("footer");
        bar.setAlignment(Pos.CENTER);
        return bar;
    }

    private Node idleOverlay() {
        I18n i = ctx.i18n();
        Label title = Widgets.label(i.bind("idle.title"), "title");
        Label countdown = new Label();
        countdown.setId("idleCountdown");
        countdown.getStyleClass().add("countdown");
        countdown.setWrapText(true);
        countdown.textProperty().bind(Bindings.createStringBinding(
                () -> i.text("idle.countdown", idle.secondsLeftProperty().get()),
                idle.secondsLeftProperty(), i.languageProperty()));
        Button more = Widgets.button("moreTimeButton", i.bind("idle.moreTime"), idle::touch, "primary");
        Button end = Widgets.button("endSessionButton", i.bind("idle.end"), () -> {
            idle.touch();
            ctx.vm().timeOut();
        }, "secondary");
        VBox card = new VBox(24, title, countdown, more, end);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("dialog");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane overlay = new StackPane(card);
        overlay.setId("idleOverlay");
        overlay.getStyleClass().add("overlay");
        overlay.visibleProperty().bind(idle.warningShownProperty());
        return overlay;
    }

    private Node helpOverlay() {
        I18n i = ctx.i18n();
        Label title = Widgets.label(i.bind("help.title"), "title");
        Label body = new Label();
        body.setId("helpText");
        body.setWrapText(true);
        body.textProperty().bind(Bindings.createStringBinding(() -> {
            String text = i.text("help.body", ctx.supportContact());
            var sale = ctx.vm().saleProperty().get();
            return sale == null ? text : text + "\n\n" + i.text("result.reference", sale.reference());
        }, i.languageProperty(), ctx.vm().saleProperty()));
        Button close = Widgets.button("helpCloseButton", i.bind("help.close"), () -> { }, "primary");
        VBox card = new VBox(24, title, body, close);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("dialog");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane overlay = new StackPane(card);
        overlay.setId("helpOverlay");
        overlay.getStyleClass().add("overlay");
        overlay.setVisible(false);
        close.setOnAction(e -> overlay.setVisible(false));
        return overlay;
    }

    /** The languages offered, for views that list them. */
    public List<Language> languages() {
        return ctx.languages();
    }
}
