package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.domain.Language;
import jp.simkiosk.testutil.MutableClock;
import jp.simkiosk.ui.KioskFonts;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole kiosk, assembled from the shipped demo configuration on a fresh data folder, shown headless
 * (Monocle) and driven like a customer would: by touching buttons. Simulator delays are zeroed; time is a
 * {@link MutableClock} the test can move (for the idle time-out).
 */
final class KioskUiHarness implements AutoCloseable {

    static final Path DEMO_CONFIG = Path.of("kiosk-config/kiosk-demo.yaml");

    final MutableClock clock = new MutableClock();
    final KioskAssembly kiosk;
    KioskUi ui;
    int touches;

    KioskUiHarness(Path dataDir) throws Exception {
        this(dataDir, UnaryOperator.identity());
    }

    /** @param tweak changes the demo configuration before the kiosk is built (a shorter time to take a SIM, another entry key,
     *              an export folder) */
    KioskUiHarness(Path dataDir, UnaryOperator<KioskConfig> tweak) throws Exception {
        KioskConfig cfg = ConfigLoader.load(DEMO_CONFIG, clock).withDataDir(dataDir);
        cfg = cfg.withDevices(new KioskConfig.Devices(noDelay(cfg.devices().cardReader()),
                noDelay(cfg.devices().receiptPrinter()), noDelay(cfg.devices().simDispenser())));
        kiosk = KioskAssembly.build(tweak.apply(cfg), clock);
    }

    private static DeviceSetup noDelay(DeviceSetup d) {
        return d instanceof DeviceSetup.Simulated s ? new DeviceSetup.Simulated(s.required(), Duration.ZERO, s.stockFile()) : d;
    }

    /** Called from the TestFX {@code @Start} method, on the JavaFX thread. */
    void show(Stage stage) {
        KioskFonts.register();
        ui = new KioskUi(kiosk, clock);
        stage.setScene(ui.scene());
        stage.show();
    }

    /** Touches a node, counting the touch (the figure "touches from attract to receipt"). */
    void touch(FxRobot robot, String query) {
        waitFor(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && !n.isDisabled()).orElse(false),
                "visible, enabled " + query);
        Node node = robot.lookup(query).query();
        scrollIntoView(node);
        tap(robot, node);
        touches++;
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A finger on the node's centre: the pointer jumps there (a finger does not glide across the screen; TestFX's
     * clickOn moves it in up to 200 steps, each waiting for the FX thread), then a real press and release through
     * the window (Monocle's glass robot), so the node sees the same events a touch screen's mouse emulation gives.
     */
    static void tap(FxRobot robot, Node node) {
        robot.robotContext().getMouseRobot().move(robot.point(node).query());
        robot.clickOn(MouseButton.PRIMARY);
    }

    /** Like a customer's swipe: scrolls the enclosing list so that the node is in view. */
    static void scrollIntoView(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                WaitForAsyncUtils.asyncFx(() -> {
                    double contentHeight = sp.getContent().getBoundsInLocal().getHeight();
                    double viewport = sp.getViewportBounds().getHeight();
                    double y = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                    sp.setVvalue(contentHeight <= viewport ? 0 : Math.min(1, y / (contentHeight - viewport)));
                });
                WaitForAsyncUtils.waitForFxEvents();
                return;
            }
        }
    }

    void type(FxRobot robot, String digits) {
        for (char c : digits.toCharArray()) touch(robot, "#key-" + c);
    }

    void waitForScreen(Screen screen) {
        waitFor(() -> ui.viewModel().screen() == screen, "screen " + screen + " (now " + ui.viewModel().screen() + ")");
    }

    static void waitFor(BooleanSupplier condition, String what) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        assertThat(n).isInstanceOf(Labeled.class);
        return ((Labeled) n).getText();
    }

    /** "Go to payment" on the confirm screen, then "card" on the payment choice: the reader waits for the card. */
    void payByCard(FxRobot robot) {
        touch(robot, "#payButton");
        waitForScreen(Screen.PAYMENT_CHOICE);
        touch(robot, "#pay-card");
    }

    /**
     * A renewal customer from the attract screen to the plans of the demo line ({@link RenewalJourneyUiTest#LINE}):
     * the language, "renew", the number typed, "next".
     */
    void renewalToPlans(FxRobot robot, Language lang) {
        touch(robot, "#start-" + lang.tag());
        touch(robot, "#renewButton");
        type(robot, RenewalJourneyUiTest.LINE);
        touch(robot, "#nextButton");
        waitForScreen(Screen.PLANS);
    }

    /** {@link #renewalToPlans}, then the demo plan ({@link RenewalJourneyUiTest#PLAN}): the confirm screen. */
    void renewalToConfirm(FxRobot robot, Language lang) {
        renewalToPlans(robot, lang);
        touch(robot, "#plan-" + RenewalJourneyUiTest.PLAN);
        waitForScreen(Screen.CONFIRM);
    }

    // ------------------------------------------------------------------ maintenance mode

    /** Presses the demo configuration's maintenance entry key, Ctrl+Alt+M, and lets go again. */
    void pressEntryKey(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.M);
        robot.release(KeyCode.M, KeyCode.ALT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types a PIN on the maintenance keypad and touches OK. */
    void enterPin(FxRobot robot, String pin) {
        for (char c : pin.toCharArray()) touch(robot, "#opKey-" + c);
        touch(robot, "#opKeyOk");
    }

    void waitForOperator(Mode mode) {
        waitFor(() -> ui.operator().modeProperty().get() == mode, "maintenance mode " + mode);
    }

    /** The entry key, then {@code pin} on the keypad: maintenance mode is open. */
    void enterMaintenance(FxRobot robot, String pin) {
        pressEntryKey(robot);
        waitForOperator(Mode.PIN);
        enterPin(robot, pin);
        waitForOperator(Mode.OPEN);
    }

    /** Waits until the maintenance action started last has finished. */
    void waitForOperatorIdle() {
        waitFor(() -> !ui.operator().workingProperty().get(), "the operator action to finish");
    }

    /**
     * Writes what the window shows now to {@code target/screenshots/<name>.png}, for a person to look at (text
     * overflow, CJK glyphs, touch target sizes).
     */
    void screenshot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> ui.scene().snapshot(null)));
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (ui != null) ui.stop();
        kiosk.close();
    }
}
