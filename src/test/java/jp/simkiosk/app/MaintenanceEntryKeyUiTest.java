package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The configured maintenance entry key (the demo configuration's {@code Ctrl+Alt+M}), pressed on a keyboard
 * plugged into the kiosk: it opens the PIN keypad where the hidden corner does, and nowhere else.
 */
@ExtendWith(ApplicationExtension.class)
class MaintenanceEntryKeyUiTest extends FxRobot {

    @TempDir
    Path data;
    KioskUiHarness h;

    @Start
    void start(Stage stage) throws Exception {
        h = new KioskUiHarness(data);
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
    }

    OperatorViewModel op() {
        return h.ui.operator();
    }

    /** Presses Ctrl+Alt+M and lets go again. */
    void pressEntryKey() {
        press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.M);
        release(KeyCode.M, KeyCode.ALT, KeyCode.CONTROL);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theKeyOnTheAttractScreenOpensThePinKeypadAndTheTechnicianGetsIn() {
        h.waitForScreen(Screen.ATTRACT);
        assertThat(h.kiosk.config().maintenanceEntryKey()).isPresent();
        pressEntryKey();
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.PIN, "the PIN keypad");
        assertThat(lookup("#opKeyOk").query().isVisible()).isTrue();
        for (char c : "2222".toCharArray()) h.touch(this, "#opKey-" + c);
        h.touch(this, "#opKeyOk");
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.OPEN, "maintenance mode open");
        assertThat(op().isTechnician()).isTrue();
        assertThat(h.kiosk.journal().operatorStore().recent(1).get(0).action()).isEqualTo("pin.ok");

        pressEntryKey(); // already open: nothing changes
        assertThat(op().modeProperty().get()).isEqualTo(Mode.OPEN);
    }

    @Test
    void theKeyDuringACustomerSessionDoesNothing() {
        h.waitForScreen(Screen.ATTRACT);
        h.touch(this, "#startButton");
        h.waitForScreen(Screen.HOME);
        pressEntryKey();
        sleep(300);
        assertThat(op().modeProperty().get()).isEqualTo(Mode.CLOSED);
        h.touch(this, "#renewButton");
        h.waitForScreen(Screen.IDENTIFY);
        pressEntryKey();
        sleep(300);
        assertThat(op().modeProperty().get()).isEqualTo(Mode.CLOSED);
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(h.kiosk.journal().operatorStore().recent(10)).as("no PIN attempt, nothing audited").isEmpty();
    }

    @Test
    void theKeyWorksOnTheOutOfServiceScreenToo() {
        ((jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter) h.kiosk.receiptPrinter())
                .setMedia(java.util.Set.of(jp.simkiosk.application.device.MediaCondition.PAPER_OUT));
        h.kiosk.serviceMonitor().pollAll();
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        pressEntryKey();
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.PIN, "the PIN keypad");
    }
}
