package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.receipt.RefundSlip;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Refund slips rendered with the shipped fonts and read back with PDFBox: in each language they say what
 * happened to the money (voided, or to be refunded), why, the amount, the card as masked, and the reference;
 * and they are not receipts (no invoice title, no registration number, no tax lines).
 */
class RefundSlipRenderTest {

    private static PdfReceiptRenderer renderer;

    @BeforeAll
    static void loadFonts() {
        renderer = new PdfReceiptRenderer(ReceiptFonts.loadFromClasspath());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aSlipSaysWhatHappenedToTheMoneyInTheCustomersLanguage(Language language) throws IOException {
        ReceiptLabels text = ReceiptLabels.load(language);
        for (RefundSlip.MoneyOutcome outcome : RefundSlip.MoneyOutcome.values()) {
            RefundSlip slip = slip(language, outcome, FailureReason.RENEWAL_REJECTED);
            ReceiptDocument doc = renderer.renderRefundSlip(slip);
            assertThat(doc.reference()).isEqualTo("TYO01-000042");
            String pdf = squeeze(text(doc));

            assertThat(pdf).contains(squeeze(text.text("slip.title." + outcome.name())))
                    .contains(squeeze(text.format("slip.outcome." + outcome.name(), "¥1,430")))
                    .contains(squeeze(text.text("slip.reason.RENEWAL_REJECTED")))
                    .contains("TYO01-000042")
                    .contains("¥1,430")
                    .contains("4242")
                    .contains("A1B2C3")
                    .contains("090-1234-5678");
            assertThat(pdf).doesNotContain(squeeze(text.text("title.note")))
                    .doesNotContain("T7123456789012")
                    .doesNotContain(squeeze(text.text("tax.included")));
        }
    }

    private static RefundSlip slip(Language language, RefundSlip.MoneyOutcome outcome, FailureReason reason) {
        return new RefundSlip(language, SampleReceipts.ISSUER, "TYO01", "TYO01-000042", SampleReceipts.ISSUED,
                SampleReceipts.TOKYO, SampleReceipts.PLAN_NAME.in(language), Yen.of(1_430), outcome, reason,
                Optional.of(new CardApproval("VISA", "**** **** **** 4242", "A1B2C3")), Optional.of("090-1234-5678"),
                "0120-000-000");
    }

    private static String text(ReceiptDocument doc) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(doc.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** Text without the line breaks and spaces the layout adds when it wraps. */
    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
