package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Sales page's list of receipts that did not print: a sale made while the printer is out of paper appears
 * on it (reference, when, why); after the paper is replaced, its reprint button prints it and takes it off.
 */
@ExtendWith(ApplicationExtension.class)
class ReprintListUiTest extends FxRobot {

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

    void idle() {
        KioskUiHarness.waitFor(() -> !h.ui.operator().workingProperty().get(), "the operator action to finish");
    }

    @Test
    void aReceiptThePrinterCouldNotPrintIsListedAndReprintedFromTheList() throws Exception {
        SimulatedReceiptPrinter printer = (SimulatedReceiptPrinter) h.kiosk.receiptPrinter();
        h.touch(this, "#start-en");
        h.touch(this, "#renewButton");
        h.type(this, RenewalJourneyUiTest.LINE);
        h.touch(this, "#nextButton");
        h.waitForScreen(Screen.PLANS);
        h.touch(this, "#plan-" + RenewalJourneyUiTest.PLAN);
        h.waitForScreen(Screen.CONFIRM);
        printer.setMedia(Set.of(MediaCondition.PAPER_OUT)); // runs out while the customer pays
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.OUT_OF_SERVICE);

        // the technician's keyboard (Ctrl+Alt+M in the demo configuration), the operator's PIN
        press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.M);
        release(KeyCode.M, KeyCode.ALT, KeyCode.CONTROL);
        KioskUiHarness.waitFor(() -> h.ui.operator().modeProperty().get() == Mode.PIN, "the PIN keypad");
        for (char c : MaintenanceModeUiTest.OPERATOR_PIN.toCharArray()) h.touch(this, "#opKey-" + c);
        h.touch(this, "#opKeyOk");
        KioskUiHarness.waitFor(() -> h.ui.operator().modeProperty().get() == Mode.OPEN, "maintenance mode open");
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-SALES");
        idle();
        String row = KioskUiHarness.text(this, "#opReprintRow-" + sale.reference());
        assertThat(row).startsWith(sale.reference() + " · ").endsWith(" · consumables");
        assertThat(lookup("#opReprintNone").tryQuery()).isEmpty();

        h.touch(this, "#opTab-STOCK");
        idle();
        h.touch(this, "#opPaper");
        idle();
        h.touch(this, "#opTab-SALES");
        idle();
        h.touch(this, "#opReprintWaiting-" + sale.reference());
        idle();

        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Receipt " + sale.reference() + " reprinted.");
        KioskUiHarness.waitFor(() -> lookup("#opReprintNone").tryQuery().isPresent(), "the emptied list");
        assertThat(lookup("#opReprintRow-" + sale.reference()).tryQuery()).isEmpty();
        assertThat(h.kiosk.journal().waiting()).isEmpty();
        List<SaleStep> steps = h.kiosk.journal().entries(sale.id()).stream().map(JournalEntry::step).toList();
        assertThat(steps).endsWith(SaleStep.RECEIPT_FAILED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        assertThat(RenewalJourneyUiTest.pdfText(data.resolve("receipts").resolve(sale.reference() + ".pdf")))
                .contains(sale.reference());
        AuditLog.Entry e = h.kiosk.journal().operatorStore().recent(1).get(0);
        assertThat(e.action()).isEqualTo("sale.reprint");
        assertThat(e.who()).isEqualTo(MaintenanceModeUiTest.OPERATOR);
        assertThat(e.before()).isEqualTo(sale.reference());
        assertThat(e.after()).isEqualTo("printed");
    }
}
