package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import jp.simkiosk.adapter.receipt.pdf.TextSetter.Style;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptRenderer;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RefundSlip;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;
import jp.simkiosk.qr.QrMatrices;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays a receipt out as a one-page PDF for an 80 mm thermal printer: the page is the printable width
 * (72 mm = 576 dots at 203 dpi, so the printer can rasterize it 1:1) and exactly as tall as the content.
 * It carries the fields of a qualified simplified invoice (適格簡易請求書) — issuer and registration number,
 * date, items (reduced-rate items marked), total and tax per rate — and the sale's details, in the receipt's
 * language with labels from the {@code i18n/receipt} bundles. All text is set in the shipped fonts, embedded.
 * A {@link RefundSlip} is laid out the same way: what was not delivered, what happened to the money and why.
 * The receipt of a new SIM adds its ICCID, how to insert it and the APN settings; that of a new eSIM its
 * activation code as a QR code of vector squares and in words, with the install steps.
 *
 * <p>Rendering is serialized on the {@link ReceiptFonts}, whose parsed fonts are not thread-safe.
 */
public final class PdfReceiptRenderer implements ReceiptRenderer {

    private static final Logger log = LoggerFactory.getLogger(PdfReceiptRenderer.class);

    /** The printer's resolution. */
    public static final int DOTS_PER_INCH = 203;
    /** The printable width of 80 mm paper (72 mm) in printer dots: the page width. */
    public static final int PAGE_WIDTH_DOTS = 576;
    private static final float POINTS_PER_DOT = 72f / DOTS_PER_INCH;

    private static final float SIDE_MARGIN = 12;
    private static final float TOP_MARGIN = 16;
    private static final float BOTTOM_MARGIN = 24;
    private static final float SUB_ROW_INDENT = 24;
    private static final float ITEM_GAP = 6;
    private static final float BLOCK_GAP = 8;

    private static final Style ISSUER = new Style(30, true);
    private static final Style TITLE = new Style(44, true);
    private static final Style BODY = new Style(24, false);
    private static final Style SMALL = new Style(20, false);
    private static final Style TOTAL = new Style(36, true);
    private static final Style HEADING = new Style(30, true);
    private static final Style BODY_BOLD = new Style(24, true);
    /** QR module size: 8 dots = 1 mm at 203 dpi, comfortably above what phone cameras need (and checked to read). */
    private static final int QR_MODULE_DOTS = QrMatrices.RECEIPT_MODULE_DOTS;

    private final ReceiptFonts fonts;
    private final Map<Language, ReceiptLabels> labels = new EnumMap<>(Language.class);

    /**
     * @param fonts the parsed fonts, shared by every receipt
     * @throws java.util.MissingResourceException when a language's label bundle is missing
     */
    public PdfReceiptRenderer(ReceiptFonts fonts) {
        this.fonts = Objects.requireNonNull(fonts);
        for (Language language : Language.values()) labels.put(language, ReceiptLabels.load(language));
    }

    @Override
    public ReceiptDocument render(Receipt receipt) {
        ReceiptLabels text = labels.get(receipt.language());
        return document(receipt.reference(), receipt.language(), text.text("title"),
                layout -> compose(layout, receipt, text));
    }

    @Override
    public ReceiptDocument renderRefundSlip(RefundSlip slip) {
        ReceiptLabels text = labels.get(slip.language());
        return document(slip.reference(), slip.language(), text.text("slip.title." + slip.outcome().name()),
                layout -> compose(layout, slip, text));
    }

    /** Lays out one document's content. */
    @FunctionalInterface
    private interface Composer {
        void compose(ReceiptLayout layout) throws IOException;
    }

    private ReceiptDocument document(String reference, Language language, String title, Composer composer) {
        long start = System.nanoTime();
        byte[] pdf;
        synchronized (fonts) {
            try {
                pdf = pdf(language, title + " " + reference, composer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot render document " + reference, e);
            }
        }
        log.debug("{} rendered ({}, {} bytes) in {} ms", title, language.tag(), pdf.length,
                (System.nanoTime() - start) / 1_000_000);
        return new ReceiptDocument(reference, pdf);
    }

    private byte[] pdf(Language language, String title, Composer composer) throws IOException {
        try (PDDocument document = new PDDocument()) {
            TextSetter setter = new TextSetter(document, fonts, language);
            ReceiptLayout layout = new ReceiptLayout(setter, SIDE_MARGIN, PAGE_WIDTH_DOTS - 2 * SIDE_MARGIN, TOP_MARGIN);
            composer.compose(layout);
            float height = layout.bottom() + BOTTOM_MARGIN;

            PDPage page = new PDPage(new PDRectangle(PAGE_WIDTH_DOTS * POINTS_PER_DOT, height * POINTS_PER_DOT));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.transform(Matrix.getScaleInstance(POINTS_PER_DOT, POINTS_PER_DOT));
                layout.drawOn(content, height);
            }
            document.getDocumentCatalog().setLanguage(language.tag());
            document.getDocumentInformation().setTitle(title);
            return setter.save();
        }
    }

    private static void compose(ReceiptLayout layout, Receipt receipt, ReceiptLabels text) throws IOException {
        Receipt.Issuer issuer = receipt.issuer();
        layout.centered(issuer.name(), ISSUER);
        layout.centered(issuer.location(), SMALL);
        layout.centered(text.text("issuer.registration") + " " + issuer.registrationNumber().value(), SMALL);
        layout.space(BLOCK_GAP);
        layout.centered(text.text("title"), TITLE);
        layout.centered(text.text("title.note"), SMALL);

        layout.rule();
        layout.row(text.text("issued"), text.dateTime(receipt.issuedAt(), receipt.zone()), SMALL, 0);
        layout.row(text.text("kiosk"), receipt.kioskId(), SMALL, 0);
        layout.row(text.text("reference"), receipt.reference(), SMALL, 0);

        layout.rule();
        boolean anyReduced = false;
        for (int i = 0; i < receipt.items().size(); i++) {
            if (i > 0) layout.space(ITEM_GAP);
            Receipt.Item item = receipt.items().get(i);
            boolean reduced = item.rate() == TaxRate.REDUCED_8;
            anyReduced |= reduced;
            String description = reduced ? item.description() + " " + text.text("reduced.mark") : item.description();
            layout.row(description, item.priceIncludingTax().format(), BODY, 0);
        }
        if (anyReduced) layout.text(text.text("reduced.note"), SMALL);

        layout.rule();
        layout.row(text.text("total"), receipt.total().format(), TOTAL, 0);
        for (TaxSummary.RateTotal rate : receipt.tax().rates()) {
            layout.row(text.format("tax.rateBase", rate.rate().percent()), rate.totalIncludingTax().format(), SMALL, 0);
            layout.row(text.text("tax.included"), rate.tax().format(), SMALL, SUB_ROW_INDENT);
        }

        boolean newLine = receipt.newLine().isPresent();
        boolean saleDetails = receipt.payment().isPresent()
                || (!newLine && (receipt.lineDisplay().isPresent() || receipt.newExpiry().isPresent()));
        if (saleDetails) layout.rule();
        if (receipt.payment().isPresent()) {
            CardApproval card = receipt.payment().get();
            layout.row(text.text("payment"), (card.brand() + " " + card.maskedNumber()).strip(), SMALL, 0);
            layout.row(text.text("payment.approval"), card.approvalCode(), SMALL, 0);
        }
        if (!newLine && receipt.lineDisplay().isPresent()) {
            layout.row(text.text("line"), receipt.lineDisplay().get(), SMALL, 0);
        }
        if (!newLine && receipt.newExpiry().isPresent()) {
            layout.row(text.text("line.newExpiry"), text.dateTime(receipt.newExpiry().get(), receipt.zone()), SMALL, 0);
        }
        if (receipt.newLine().orElse(null) instanceof Receipt.NewLine.Sim sim) {
            newSim(layout, receipt, sim, text);
        } else if (receipt.newLine().orElse(null) instanceof Receipt.NewLine.Esim esim) {
            newEsim(layout, receipt, esim, text);
        }

        layout.rule();
        layout.row(text.text("support"), receipt.supportContact(), SMALL, 0);
        layout.space(BLOCK_GAP);
        layout.centered(text.text("thanks"), BODY);
    }

    /** The refund slip: not an invoice, so no registration number and no tax lines. */
    private static void compose(ReceiptLayout layout, RefundSlip slip, ReceiptLabels text) throws IOException {
        layout.centered(slip.issuer().name(), ISSUER);
        layout.centered(slip.issuer().location(), SMALL);
        layout.space(BLOCK_GAP);
        layout.centered(text.text("slip.title." + slip.outcome().name()), TITLE);
        layout.centered(text.text("slip.note"), SMALL);

        layout.rule();
        layout.row(text.text("issued"), text.dateTime(slip.issuedAt(), slip.zone()), SMALL, 0);
        layout.row(text.text("kiosk"), slip.kioskId(), SMALL, 0);
        layout.row(text.text("reference"), slip.reference(), SMALL, 0);

        layout.rule();
        layout.row(slip.description(), slip.amount().format(), BODY, 0);
        layout.space(ITEM_GAP);
        layout.text(text.format("slip.outcome." + slip.outcome().name(), slip.amount().format()), BODY);
        layout.space(ITEM_GAP);
        layout.text(text.text("slip.reason") + ": " + text.text("slip.reason." + slip.reason().name()), SMALL);

        if (slip.payment().isPresent() || slip.lineDisplay().isPresent()) layout.rule();
        if (slip.payment().isPresent()) {
            CardApproval card = slip.payment().get();
            layout.row(text.text("slip.card"), card.brand() + " " + card.maskedNumber(), SMALL, 0);
            layout.row(text.text("payment.approval"), card.approvalCode(), SMALL, 0);
        }
        if (slip.lineDisplay().isPresent()) {
            layout.row(text.text("line"), slip.lineDisplay().get(), SMALL, 0);
        }

        layout.rule();
        layout.row(text.text("support"), slip.supportContact(), SMALL, 0);
        layout.space(BLOCK_GAP);
        layout.centered(text.text("slip.quote"), SMALL);
    }

    /** A new SIM: its number, validity, how to insert it and the APN settings. */
    private static void newSim(ReceiptLayout layout, Receipt receipt, Receipt.NewLine.Sim sim, ReceiptLabels text)
            throws IOException {
        layout.rule();
        layout.centered(text.text("newSim.title"), HEADING);
        layout.row(text.text("newLine.iccid"), sim.iccid().display(), SMALL, 0);
        validUntil(layout, receipt, text);
        layout.space(ITEM_GAP);
        layout.text(text.text("newSim.insert.title"), BODY_BOLD);
        for (int step = 1; step <= 4; step++) layout.text(text.text("newSim.insert." + step), SMALL);
        layout.space(ITEM_GAP);
        ApnSettings apn = sim.apn();
        layout.text(text.text("apn.title"), BODY_BOLD);
        layout.row(text.text("apn.name"), apn.name(), SMALL, 0);
        if (!apn.username().isEmpty()) layout.row(text.text("apn.username"), apn.username(), SMALL, 0);
        if (!apn.password().isEmpty()) layout.row(text.text("apn.password"), apn.password(), SMALL, 0);
        layout.row(text.text("apn.authentication"), text.text("apn.auth." + apn.authentication().name()), SMALL, 0);
    }

    /**
     * A new eSIM: the activation code as a QR code (vector squares, {@value #QR_MODULE_DOTS} dots a module) and in
     * words for manual entry, the profile's ICCID, validity, and the install steps for iPhone and Android.
     */
    private static void newEsim(ReceiptLayout layout, Receipt receipt, Receipt.NewLine.Esim esim, ReceiptLabels text)
            throws IOException {
        layout.rule();
        layout.centered(text.text("esim.title"), HEADING);
        layout.centered(text.text("esim.scan"), SMALL);
        layout.qr(QrMatrices.readable(esim.code().qrText()), QR_MODULE_DOTS);
        layout.text(text.text("esim.smdp"), SMALL);
        layout.text(esim.code().smdpAddress(), BODY_BOLD);
        layout.text(text.text("esim.matchingId"), SMALL);
        layout.text(esim.code().matchingId(), BODY_BOLD);
        if (esim.code().confirmationCode().isPresent()) {
            // asked by the phone after the scan; never in the QR code
            layout.text(text.text("esim.confirmationCode"), SMALL);
            layout.text(esim.code().confirmationCode().get(), BODY_BOLD);
        }
        if (esim.iccid().isPresent()) layout.row(text.text("esim.iccid"), esim.iccid().get().display(), SMALL, 0);
        validUntil(layout, receipt, text);
        layout.space(ITEM_GAP);
        layout.text(text.text("esim.secret"), SMALL);
        layout.space(ITEM_GAP);
        layout.text(text.text("esim.iphone.title"), BODY_BOLD);
        layout.text(text.text("esim.iphone.steps"), SMALL);
        layout.text(text.text("esim.android.title"), BODY_BOLD);
        layout.text(text.text("esim.android.steps"), SMALL);
        layout.text(text.text("esim.after"), SMALL);
    }

    private static void validUntil(ReceiptLayout layout, Receipt receipt, ReceiptLabels text) throws IOException {
        if (receipt.newExpiry().isPresent()) {
            layout.row(text.text("newLine.validUntil"), text.dateTime(receipt.newExpiry().get(), receipt.zone()), SMALL, 0);
        }
    }
}
