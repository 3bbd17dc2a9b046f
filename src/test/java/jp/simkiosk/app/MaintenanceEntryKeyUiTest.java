package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.junit.jupiter.api.Test;

/**
 * The configured maintenance entry key (the demo configuration's {@code Ctrl+Alt+M}), pressed on a keyboard
 * plugged into the kiosk: it opens the PIN keypad where the hidden corner does, and nowhere else.
 */
class MaintenanceEntryKeyUiTest extends KioskUiTestBase {

    OperatorViewModel op() {
        return h.ui.operator();
    }

    @Test
    void theKeyOnTheAttractScreenOpensThePinKeypadAndTheTechnicianGetsIn() {
        h.waitForScreen(Screen.ATTRACT);
        assertThat(h.kiosk.config().maintenanceEntryKey()).isPresent();
        h.pressEntryKey(this);
        h.waitForOperator(Mode.PIN);
        assertThat(lookup("#opKeyOk").query().isVisible()).isTrue();
        h.enterPin(this, "2222");
        h.waitForOperator(Mode.OPEN);
        assertThat(op().isTechnician()).isTrue();
        assertThat(h.kiosk.journal().operatorStore().recent(1).get(0).action()).isEqualTo("pin.ok");

        h.pressEntryKey(this); // already open: nothing changes
        assertThat(op().modeProperty().get()).isEqualTo(Mode.OPEN);
    }

    @Test
    void theKeyDuringACustomerSessionDoesNothing() {
        h.waitForScreen(Screen.ATTRACT);
        h.touch(this, "#startButton");
        h.waitForScreen(Screen.HOME);
        h.pressEntryKey(this);
        sleep(300);
        assertThat(op().modeProperty().get()).isEqualTo(Mode.CLOSED);
        h.touch(this, "#renewButton");
        h.waitForScreen(Screen.IDENTIFY);
        h.pressEntryKey(this);
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
        h.pressEntryKey(this);
        h.waitForOperator(Mode.PIN);
    }
}
