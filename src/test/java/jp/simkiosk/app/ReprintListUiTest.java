package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;

/**
 * The Sales page's list of receipts that did not print: a sale made while the printer is out of paper appears
 * on it (reference, when, why); after the paper is replaced, its reprint button prints it and takes it off.
 */
class ReprintListUiTest extends KioskUiTestBase {

    @Test
    void aReceiptThePrinterCouldNotPrintIsListedAndReprintedFromTheList() throws Exception {
        SimulatedReceiptPrinter printer = (SimulatedReceiptPrinter) h.kiosk.receiptPrinter();
        h.renewalToConfirm(this, Language.EN);
        printer.setMedia(Set.of(MediaCondition.PAPER_OUT)); // runs out while the customer pays
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.OUT_OF_SERVICE);

        // the technician's keyboard (Ctrl+Alt+M in the demo configuration), the operator's PIN
        h.enterMaintenance(this, MaintenanceModeUiTest.OPERATOR_PIN);
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        String row = KioskUiHarness.text(this, "#opReprintRow-" + sale.reference());
        assertThat(row).startsWith(sale.reference() + " · ").endsWith(" · consumables");
        assertThat(lookup("#opReprintNone").tryQuery()).isEmpty();

        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        h.touch(this, "#opPaper");
        h.waitForOperatorIdle();
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        h.touch(this, "#opReprintWaiting-" + sale.reference());
        h.waitForOperatorIdle();

        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Receipt " + sale.reference() + " reprinted.");
        KioskUiHarness.waitFor(() -> lookup("#opReprintNone").tryQuery().isPresent(), "the emptied list");
        assertThat(lookup("#opReprintRow-" + sale.reference()).tryQuery()).isEmpty();
        assertThat(h.kiosk.journal().waiting()).isEmpty();
        List<SaleStep> steps = steps(sale);
        assertThat(steps).endsWith(SaleStep.RECEIPT_FAILED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        assertThat(RenewalJourneyUiTest.pdfText(receiptFile(sale)))
                .contains(sale.reference());
        AuditLog.Entry e = h.kiosk.journal().operatorStore().recent(1).get(0);
        assertThat(e.action()).isEqualTo("sale.reprint");
        assertThat(e.who()).isEqualTo(MaintenanceModeUiTest.OPERATOR);
        assertThat(e.before()).isEqualTo(sale.reference());
        assertThat(e.after()).isEqualTo("printed");
    }
}
