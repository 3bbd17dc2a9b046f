package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PaymentTerminal.DeclineReason;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Walks through every customer screen in several languages and saves each as a PNG under
 * {@code target/screens/} (for people to look at; the images are what the kiosk shows). Asserts that every
 * screen was reached and that the snapshot is not blank.
 */
class ScreenTourTest extends KioskUiTestBase {

    static final Path OUT = Path.of("target/screens");

    Stage stage;

    @Override
    public void start(Stage stage) throws Exception {
        this.stage = stage;
        super.start(stage);
    }

    @Test
    void everyScreen() throws Exception {
        Files.createDirectories(OUT);
        h.waitForScreen(Screen.ATTRACT);
        snap("01-attract");
        h.touch(this, "#start-ja");
        snap("02-home-ja");
        h.touch(this, "#renewButton");
        h.type(this, "0601");
        snap("03-identify-error-ja");
        h.touch(this, "#key-clear");
        h.type(this, RenewalJourneyUiTest.LINE);
        snap("04-identify-ja");
        h.touch(this, "#nextButton");
        h.waitForScreen(Screen.PLANS);
        snap("05-plans-ja");
        h.touch(this, "#lang-en");
        snap("05-plans-en");
        h.touch(this, "#lang-ko");
        snap("05-plans-ko");
        h.touch(this, "#plan-" + RenewalJourneyUiTest.PLAN);
        h.waitForScreen(Screen.CONFIRM);
        snap("06-confirm-ko");
        h.touch(this, "#lang-zh-Hans");
        snap("06-confirm-zh-Hans");
        ((SimulatedPaymentTerminal) h.kiosk.cardReader()).script(new AuthorizationResult.Declined(DeclineReason.DECLINED));
        h.payByCard(this);
        KioskUiHarness.waitFor(() -> h.ui.viewModel().payment().phaseProperty().get()
                == jp.simkiosk.ui.PaymentViewModel.Phase.FAILED, "declined");
        snap("07-payment-declined-zh-Hans");
        h.touch(this, "#helpButton");
        snap("08-help-zh-Hans");
        h.touch(this, "#helpCloseButton");
        h.clock.advance(h.kiosk.config().idleTimeout().minus(h.kiosk.config().idleWarning()).plusSeconds(2));
        KioskUiHarness.waitFor(() -> lookup("#idleOverlay").query().isVisible(), "idle warning");
        snap("09-idle-warning-zh-Hans");
        h.touch(this, "#moreTimeButton");
        h.touch(this, "#lang-zh-Hant");
        h.touch(this, "#retryButton");
        h.waitForScreen(Screen.RESULT);
        snap("10-result-zh-Hant");
        assertThat(RenewalJourneyUiTest.pdfText(receiptFile(h.kiosk.journal().recent(1).get(0))))
                .as("the receipt is in the language on screen when it printed").contains("收據");
        try (var receipts = Files.list(data.resolve("receipts"))) {
            for (Path r : receipts.toList()) {
                Files.copy(r, OUT.resolve("12-receipt-zh-Hant" + r.getFileName().toString().replaceAll(".*(\\.\\w+)$", "$1")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.ATTRACT);
        ((SimulatedReceiptPrinter) h.kiosk.receiptPrinter()).setMedia(Set.of(MediaCondition.PAPER_OUT));
        h.kiosk.serviceMonitor().pollAll();
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        snap("11-out-of-service");
    }

    private void snap(String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img;
        try {
            img = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("snapshot failed", e);
        }
        var buffered = SwingFXUtils.fromFXImage(img, null);
        int[] px = buffered.getRGB(0, 0, buffered.getWidth(), buffered.getHeight(), null, 0, buffered.getWidth());
        assertThat(java.util.Arrays.stream(px).distinct().count()).as("a screen with something on it").isGreaterThan(10);
        ImageIO.write(buffered, "png", OUT.resolve(name + ".png").toFile());
    }
}
