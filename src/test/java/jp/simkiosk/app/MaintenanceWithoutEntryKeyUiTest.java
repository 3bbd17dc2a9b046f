package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.scene.input.KeyCode;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.junit.jupiter.api.Test;

/** Without {@code maintenance.entryKey} no key opens maintenance mode: the demo's Ctrl+Alt+M included. */
class MaintenanceWithoutEntryKeyUiTest extends KioskUiTestBase {

    @Override
    UnaryOperator<KioskConfig> tweak() {
        return cfg -> cfg.withMaintenanceEntryKey(Optional.empty());
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
