package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import jp.simkiosk.adapter.receipt.pdf.TextSetter.Style;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.ZReportRenderer;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.PaymentMethod;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * Lays the close-of-day (Z) report out like a receipt (one page, 72 mm wide, as tall as its content), with
 * labels in Japanese and English for the station staff and the office: the period, the sales by plan, by payment
 * method (the brands under each) and by tax rate, refunds and voids, the stock movements and the SIMs. Every figure
 * is a row "label … value", so the text read back from the PDF carries each figure next to its label. Fonts
 * embedded.
 */
public final class PdfZReportRenderer implements ZReportRenderer {

    private static final float POINTS_PER_DOT = 72f / PdfReceiptRenderer.DOTS_PER_INCH;
    private static final float SIDE = 12;
    private static final float INDENT = 24;
    private static final Style TITLE = new Style(40, true);
    private static final Style HEAD = new Style(26, true);
    private static final Style BODY = new Style(22, false);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final ReceiptFonts fonts;

    public PdfZReportRenderer(ReceiptFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts);
    }

    @Override
    public byte[] render(ZReport report) {
        synchronized (fonts) {
            try (PDDocument document = new PDDocument()) {
                TextSetter setter = new TextSetter(document, fonts, Language.JA);
                ReceiptLayout l = new ReceiptLayout(setter, SIDE, PdfReceiptRenderer.PAGE_WIDTH_DOTS - 2 * SIDE, 16);
                compose(l, report);
                float height = l.bottom() + 24;
                PDPage page = new PDPage(new PDRectangle(PdfReceiptRenderer.PAGE_WIDTH_DOTS * POINTS_PER_DOT,
                        height * POINTS_PER_DOT));
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.transform(Matrix.getScaleInstance(POINTS_PER_DOT, POINTS_PER_DOT));
                    l.drawOn(content, height);
                }
                document.getDocumentCatalog().setLanguage("ja");
                document.getDocumentInformation().setTitle("Z report " + report.kioskId() + " " + report.day());
                return setter.save();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot render the Z report of " + report.day(), e);
            }
        }
    }

    private static void compose(ReceiptLayout l, ZReport r) throws IOException {
        l.centered("精算レポート (Z)", TITLE);
        l.centered("Close of day report", BODY);
        l.rule();
        l.row("営業日 Day", r.day().toString(), BODY, 0);
        l.row("端末 Kiosk", r.kioskId(), BODY, 0);
        l.row("期間 From", TIME.format(r.from().atZone(r.zone())), BODY, 0);
        l.row("締め Closed", TIME.format(r.closedAt().atZone(r.zone())), BODY, 0);
        l.row("担当 By", r.closedBy(), BODY, 0);

        l.rule();
        l.text("売上 Sales", HEAD);
        row(l, "合計 Total", r.sold(), 0);
        l.text("プラン別 By plan", HEAD);
        for (ZReport.Line line : r.byPlan()) row(l, line.label(), line, INDENT);
        l.text("支払方法別 By payment", HEAD);
        for (ZReport.PaymentLine p : r.byPayment()) {
            l.row(method(p.method()) + " (" + p.count() + ")", p.total().format(), BODY, INDENT);
            for (ZReport.Line brand : p.brands()) row(l, brand.label(), brand, 2 * INDENT);
        }
        l.text("税率別 By tax rate", HEAD);
        for (ZReport.TaxLine t : r.byTaxRate()) {
            l.row(t.rate().percent() + "% 対象 base (" + t.count() + ")", t.totalIncludingTax().format(), BODY, INDENT);
            l.row(t.rate().percent() + "% 消費税 tax", t.tax().format(), BODY, INDENT);
        }

        l.rule();
        row(l, "返金済 Refunded", r.refunded(), 0);
        row(l, "返金待ち Refund pending", r.refundPending(), 0);
        row(l, "取消 Voided", r.voided(), 0);
        row(l, "中止 Cancelled", r.cancelled(), 0);

        l.rule();
        l.text("在庫移動 Stock movements", HEAD);
        if (r.stock().isEmpty()) l.text("なし none", BODY);
        for (StockLedger.Movement m : r.stock()) {
            l.row(TIME.format(m.at().atZone(r.zone())).substring(11) + " " + m.kind().name(),
                    m.count() + " (" + m.who() + ")", BODY, INDENT);
        }
        l.text("SIM", HEAD);
        ZReport.Sims sims = r.sims();
        l.row("お客様へ Taken", Integer.toString(sims.taken()), BODY, INDENT);
        l.row("回収箱へ Captured", Integer.toString(sims.captured()), BODY, INDENT);
        l.row("テスト Tested", Integer.toString(sims.tested()), BODY, INDENT);
        l.row("スタッカー残 In stacker", sims.inStacker().isPresent() ? Integer.toString(sims.inStacker().getAsInt())
                : "? (要棚卸 count it)", BODY, INDENT);
        l.row("回収箱内 In reject bin", Integer.toString(sims.inRejectBin()), BODY, INDENT);
        l.rule();
        l.centered("以上 End of report", BODY);
    }

    /** A payment method's name in Japanese and English; a tag it does not know (older reports: a brand) as it is. */
    static String method(String tag) {
        return PaymentMethod.fromTag(tag).map(m -> switch (m) { // a new method will not compile without its name
            case CARD -> "クレジットカード Card";
            case TRANSPORT_IC -> "交通系IC Transport IC";
            case QR_WALLET -> "QRコード決済 QR wallet";
        }).orElse(tag);
    }

    private static void row(ReceiptLayout l, String label, ZReport.Line line, float indent) throws IOException {
        l.row(label + " (" + line.count() + ")", line.total().format(), BODY, indent);
    }
}
