package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import javafx.scene.control.Label;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.domain.Language;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;

/**
 * A required device fails: the kiosk stops accepting customers and says so in every language; when the
 * device recovers, the service poll brings the kiosk back by itself.
 */
class OutOfServiceUiTest extends KioskUiTestBase {

    @Test
    void paperOutTakesTheKioskOutOfServiceInEveryLanguageAndItComesBackByItself() {
        h.waitForScreen(Screen.ATTRACT);
        SimulatedReceiptPrinter printer = (SimulatedReceiptPrinter) h.kiosk.receiptPrinter();
        printer.setMedia(Set.of(MediaCondition.PAPER_OUT));
        h.kiosk.serviceMonitor().pollAll();
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        I18n texts = new I18n(Language.EN);
        var shown = lookup(".oos-title").queryAll().stream().map(n -> ((Label) n).getText()).toList();
        for (Language l : h.kiosk.config().languages()) {
            assertThat(shown).contains(texts.text(l, "outOfService.title"));
        }
        assertThat(lookup("#startButton").tryQuery()).isEmpty();

        printer.setMedia(Set.of(MediaCondition.PAPER_NEAR_END)); // paper loaded; near end still sells
        h.kiosk.serviceMonitor().pollAll();                      // what the scheduled status poll does
        h.waitForScreen(Screen.ATTRACT);
        h.touch(this, "#startButton");
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.HOME);
    }

    @Test
    void aCardReaderGoingOfflineTakesTheKioskOutOfServiceAfterTheCurrentCustomer() {
        h.touch(this, "#start-en");
        SimulatedPaymentTerminal reader = (SimulatedPaymentTerminal) h.kiosk.cardReader();
        reader.setOffline(true);
        h.kiosk.serviceMonitor().pollAll();
        KioskUiHarness.waitFor(() -> !h.ui.viewModel().inServiceProperty().get(), "out of service noticed");
        assertThat(h.ui.viewModel().screen()).as("the customer on screen is not thrown out").isEqualTo(Screen.HOME);
        h.touch(this, "#cancelButton");
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        reader.setOffline(false);
        h.kiosk.serviceMonitor().pollAll();
        h.waitForScreen(Screen.ATTRACT);
    }
}
