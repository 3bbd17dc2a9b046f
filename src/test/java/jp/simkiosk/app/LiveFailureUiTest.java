package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import javafx.stage.Stage;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.RejectReason;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Screen;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The failures after payment, in a live session on the assembled kiosk driven by touch, with the simulators'
 * fault switches: each ends in a defined journal state, the customer is told in their language what happened
 * and what happens to the money, with the reference to quote, and gets a refund slip when not renewed.
 */
class LiveFailureUiTest extends KioskUiTestBase {

    SimulatedPaymentTerminal reader;
    SimulatedReceiptPrinter printer;
    SimulatedUpstream upstream;
    final I18n texts = new I18n(Language.EN);

    @Override
    public void start(Stage stage) throws Exception {
        super.start(stage);
        reader = (SimulatedPaymentTerminal) h.kiosk.cardReader();
        printer = (SimulatedReceiptPrinter) h.kiosk.receiptPrinter();
        upstream = (SimulatedUpstream) h.kiosk.upstream();
    }

    @Test
    void aRefusedRenewalIsVoidedAndTheSlipSaysSo() throws IOException {
        upstream.rejectNextRenewal(RejectReason.LINE_NOT_RENEWABLE);
        Sale sale = payAndWaitForResult(Language.JA);

        assertShown(Language.JA, "NOT_RENEWED_VOIDED", "RENEWAL_REJECTED", "result.takeSlip", sale);
        assertThat(sale.state()).isEqualTo(SaleState.VOIDED);
        assertThat(steps(sale)).endsWith(SaleStep.FULFILMENT_REQUESTED, SaleStep.FULFILMENT_REJECTED,
                SaleStep.VOID_REQUESTED, SaleStep.VOIDED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        assertThat(reader.ledger().get(sale.id()).voided()).isEqualTo(sale.price());
        assertThat(reader.ledger().get(sale.id()).captured().amount()).isZero();
        assertThat(slip(sale)).contains("お支払い取消のお知らせ").contains(sale.reference()).contains("¥1,430");
    }

    @Test
    void aRefusedRenewalWhoseVoidFailsIsLeftToTheBackOfficeToRefund() throws IOException {
        upstream.rejectNextRenewal(RejectReason.PLAN_NOT_ALLOWED);
        reader.failVoidNext(DeviceFault.TIMEOUT);
        Sale sale = payAndWaitForResult(Language.EN);

        assertShown(Language.EN, "NOT_RENEWED_REFUND_PENDING", "RENEWAL_REJECTED", "result.takeSlip", sale);
        assertThat(sale.state()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(steps(sale)).endsWith(SaleStep.VOID_REQUESTED, SaleStep.REFUND_PENDING,
                SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        assertThat(reader.ledger().get(sale.id()).captured().amount()).as("never charged").isZero();
        assertThat(slip(sale)).contains("Refundnotice").contains(sale.reference());
    }

    @Test
    void aPrinterOutOfPaperAfterPaymentKeepsTheReceiptForReprintAndClosesTheKiosk() {
        h.renewalToConfirm(this, Language.ZH_HANS);
        printer.setMedia(Set.of(MediaCondition.PAPER_OUT));
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        Sale sale = h.kiosk.journal().recent(1).get(0);

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(Language.ZH_HANS, "result.title.RENEWED"));
        assertThat(KioskUiHarness.text(this, "#resultReceipt")).isEqualTo(texts.text(Language.ZH_HANS, "result.noReceipt"));
        assertThat(KioskUiHarness.text(this, "#resultReference")).contains(sale.reference());
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(steps(sale)).endsWith(SaleStep.CAPTURED, SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_FAILED);
        assertThat(h.kiosk.journal().toReprint()).extracting(Sale::id).containsExactly(sale.id());

        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.OUT_OF_SERVICE);
    }

    @Test
    void aChargeTheReaderDoesNotConfirmStillRenewsAndIsLeftForRecovery() {
        reader.failCompleteNext(DeviceFault.TIMEOUT);
        Sale sale = payAndWaitForResult(Language.KO);

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(Language.KO, "result.title.RENEWED"));
        assertThat(KioskUiHarness.text(this, "#resultReceipt")).isEqualTo(texts.text(Language.KO, "result.takeReceipt"));
        assertThat(sale.state()).isEqualTo(SaleState.FULFILLED);
        assertThat(steps(sale)).contains(SaleStep.CAPTURE_REQUESTED, SaleStep.CAPTURE_FAILED);
        assertThat(reader.ledger().get(sale.id()).open()).isTrue();
    }

    private Sale payAndWaitForResult(Language lang) {
        h.renewalToConfirm(this, lang);
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        return h.kiosk.journal().recent(1).get(0);
    }

    private void assertShown(Language lang, String outcome, String reason, String paperKey, Sale sale) {
        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(lang, "result.title." + outcome));
        assertThat(KioskUiHarness.text(this, "#resultReason")).isEqualTo(texts.text(lang, "result.reason." + reason));
        assertThat(KioskUiHarness.text(this, "#resultDetail"))
                .isEqualTo(texts.text(lang, "result.detail." + outcome, h.kiosk.config().supportContact()));
        assertThat(KioskUiHarness.text(this, "#resultReceipt")).isEqualTo(texts.text(lang, paperKey));
        assertThat(KioskUiHarness.text(this, "#resultReference")).isEqualTo(texts.text(lang, "result.reference", sale.reference()));
    }

    private String slip(Sale sale) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(receiptFile(sale).toFile())) {
            return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
        }
    }
}
