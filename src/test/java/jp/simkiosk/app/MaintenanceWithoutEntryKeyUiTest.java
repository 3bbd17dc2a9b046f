package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Without {@code maintenance.entryKey} no key opens maintenance mode: the demo's Ctrl+Alt+M included. */
@ExtendWith(ApplicationExtension.class)
class MaintenanceWithoutEntryKeyUiTest extends FxRobot {

    @TempDir
    Path data;
    KioskUiHarness h;

    @Start
    void start(Stage stage) throws Exception {
        h = new KioskUiHarness(data, cfg -> cfg.withMaintenanceEntryKey(Optional.empty()));
        h.show(stage);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void noKeyIsConfiguredSoNoKeyOpensTheKeypad() {
        h.waitForScreen(Screen.ATTRACT);
        for (KeyCode[] keys : new KeyCode[][] {{KeyCode.CONTROL, KeyCode.ALT, KeyCode.M}, {KeyCode.F12}, {KeyCode.M}}) {
            press(keys);
            release(keys);
        }
        sleep(300);
        assertThat(h.ui.operator().modeProperty().get()).isEqualTo(Mode.CLOSED);
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.ATTRACT);
    }
}
