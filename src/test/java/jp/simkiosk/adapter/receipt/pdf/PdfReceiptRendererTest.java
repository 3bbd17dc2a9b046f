package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.tax.TaxRate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Renders receipts with the shipped fonts and reads the PDFs back with PDFBox. */
class PdfReceiptRendererTest {

    private static final float POINTS_PER_DOT = 72f / 203f;
    private static final float PAGE_WIDTH_POINTS = 576f / 203f * 72f;

    private static final Map<Language, String> TITLE = Map.of(
            Language.JA, "領収書", Language.EN, "Receipt", Language.ZH_HANS, "收据",
            Language.ZH_HANT, "收據", Language.KO, "영수증");
    private static final Map<Language, String> ISSUED = Map.of(
            Language.JA, "2026年11月25日 14:05", Language.EN, "25 Nov 2026 14:05",
            Language.ZH_HANS, "2026年11月25日 14:05", Language.ZH_HANT, "2026年11月25日 14:05",
            Language.KO, "2026년 11월 25일 14:05");
    private static final Map<Language, String> NEW_EXPIRY = Map.of(
            Language.JA, "2026年12月2日 23:59", Language.EN, "2 Dec 2026 23:59",
            Language.ZH_HANS, "2026年12月2日 23:59", Language.ZH_HANT, "2026年12月2日 23:59",
            Language.KO, "2026년 12월 2일 23:59");

    private static ReceiptFonts fonts;
    private static PdfReceiptRenderer renderer;

    @BeforeAll
    static void loadFonts() {
        fonts = ReceiptFonts.loadFromClasspath();
        renderer = new PdfReceiptRenderer(fonts);
    }

    @AfterAll
    static void closeFonts() {
        fonts.close();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void renewalReceiptCarriesTheInvoiceFieldsInTheCustomersLanguage(Language language) throws IOException {
        ReceiptDocument document = renderer.render(SampleReceipts.renewal(language));

        assertThat(document.reference()).isEqualTo(SampleReceipts.REFERENCE);
        try (PDDocument pdf = Loader.loadPDF(document.pdf())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(
                    TITLE.get(language),
                    SampleReceipts.PLAN_NAME.in(language),
                    "¥1,430", "¥130",
                    SampleReceipts.REGISTRATION,
                    SampleReceipts.REFERENCE,
                    "株式会社シムキオスク",
                    ISSUED.get(language),
                    NEW_EXPIRY.get(language),
                    "VISA ****1234", "A1B2C3",
                    "090-1234-5678",
                    "0120-000-000");
            assertThat(text).contains("10%");
            // CJK fonts map 日 (U+65E5) and the Kangxi radical ⽇ (U+2F47) to one glyph: text must read back as 日
            assertThat(text.codePoints().filter(cp -> cp >= 0x2E80 && cp <= 0x2FDF).toArray()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyFontIsEmbedded(Language language) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(language)).pdf())) {
            PDResources resources = pdf.getPage(0).getResources();
            List<String> names = new ArrayList<>();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2())
                        .as(font.getName()).isNotNull();
                names.add(font.getName());
            }
            assertThat(names).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void pageIsThePrintableWidthAndAsTallAsItsContent(Language language) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(language)).pdf())) {
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(PAGE_WIDTH_POINTS, within(0.01f));
            float height = page.getMediaBox().getHeight();

            List<TextPosition> glyphs = positions(pdf);
            float lowestGlyphBottom = 0;
            for (TextPosition g : glyphs) {
                assertThat(g.getXDirAdj()).as(g.getUnicode()).isGreaterThanOrEqualTo(0);
                assertThat(g.getXDirAdj() + g.getWidthDirAdj()).as(g.getUnicode()).isLessThanOrEqualTo(PAGE_WIDTH_POINTS);
                lowestGlyphBottom = Math.max(lowestGlyphBottom, g.getYDirAdj());
            }
            // the thanks line is last: below its baseline only the descent and the bottom margin (24 dots)
            assertThat(height - lowestGlyphBottom).isBetween(10 * POINTS_PER_DOT, 40 * POINTS_PER_DOT);
        }
    }

    @Test
    void rasterizesOneToOneAtThePrinterResolution() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(Language.JA)).pdf())) {
            BufferedImage image = new PDFRenderer(pdf).renderImage(0, 203f / 72f, ImageType.BINARY);
            assertThat(image.getWidth()).isEqualTo(576);
            float heightDots = pdf.getPage(0).getMediaBox().getHeight() / POINTS_PER_DOT;
            assertThat(image.getHeight()).isCloseTo(Math.round(heightDots), within(1));
        }
    }

    @Test
    void japaneseTextIsSetInIpaexGothic() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(Language.JA)).pdf())) {
            List<TextPosition> glyphs = positions(pdf);
            assertThat(fontsOf(glyphs, "領収書")).containsExactly("IPAexGothic");
            assertThat(fontsOf(glyphs, "訪日データ")).containsExactly("IPAexGothic");
            assertThat(fontsOf(glyphs, "株式会社シムキオスク")).containsExactly("IPAexGothic");
            assertThat(fontsOf(glyphs, "ご利用ありがとうございました。")).containsExactly("IPAexGothic");
        }
    }

    @Test
    void englishReceiptUsesDejaVuAndTheJapaneseFontForItsJapaneseText() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(Language.EN)).pdf())) {
            List<TextPosition> glyphs = positions(pdf);
            assertThat(fontsOf(glyphs, "Receipt")).containsExactly("DejaVuSans-Bold");
            assertThat(fontsOf(glyphs, "Visitor")).containsExactly("DejaVuSans");
            assertThat(fontsOf(glyphs, "適格簡易請求書")).containsExactly("IPAexGothic");
            assertThat(fontsOf(glyphs, "株式会社シムキオスク")).containsExactly("IPAexGothic");
        }
    }

    @Test
    void chineseAndKoreanAreSetInWenQuanYi() throws IOException {
        for (Language language : List.of(Language.ZH_HANS, Language.ZH_HANT, Language.KO)) {
            try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(language)).pdf())) {
                List<TextPosition> glyphs = positions(pdf);
                assertThat(fontsOf(glyphs, TITLE.get(language))).as(language.tag()).containsExactly("WenQuanYiMicroHei");
                assertThat(fontsOf(glyphs, SampleReceipts.PLAN_NAME.in(language).substring(0, 2)))
                        .as(language.tag()).containsExactly("WenQuanYiMicroHei");
            }
        }
    }

    @Test
    void totalIsBolderAndLargerThanTheItems() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(renderer.render(SampleReceipts.renewal(Language.EN)).pdf())) {
            List<TextPosition> glyphs = positions(pdf);
            assertThat(fontsOf(glyphs, "Total")).containsExactly("DejaVuSans-Bold");
            assertThat(sizeOf(glyphs, "Total")).isGreaterThan(sizeOf(glyphs, "Visitor") * 1.3f);
        }
    }

    @Test
    void eachRateHasItsTotalAndTaxAndReducedRateItemsAreMarked() throws IOException {
        Receipt receipt = SampleReceipts.withItems(Language.JA, List.of(
                new Receipt.Item("訪日データ 10GB / 7日間", Yen.of(1430), TaxRate.STANDARD_10),
                new Receipt.Item("お茶", Yen.of(162), TaxRate.REDUCED_8)), "0120-000-000");

        try (PDDocument pdf = Loader.loadPDF(renderer.render(receipt).pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("¥1,592", "10%対象 ¥1,430", "内消費税 ¥130", "8%対象 ¥162", "内消費税 ¥12",
                    "お茶 ※", "※は軽減税率（8%）対象です");
        }
    }

    @Test
    void leavesOutPaymentLineAndExpiryWhenTheReceiptHasNone() throws IOException {
        Receipt receipt = SampleReceipts.withItems(Language.JA,
                List.of(new Receipt.Item("訪日データ 10GB / 7日間", Yen.of(1430), TaxRate.STANDARD_10)), "0120-000-000");

        try (PDDocument pdf = Loader.loadPDF(renderer.render(receipt).pdf())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("領収書", "¥1,430").doesNotContain("お支払い", "ご利用回線", "新しい有効期限", "※");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"JA", "EN"})
    void longTextWrapsInsideThePage(Language language) throws IOException {
        String longName = language == Language.JA
                ? "訪日外国人旅行者向けプリペイドデータ通信プラン（大容量）追加チャージ 30GB / 30日間（テザリング対応）"
                : "Prepaid data top-up for visitors to Japan, high capacity, tethering allowed, 30 GB valid for 30 days";
        String longContact = "0120-000-000 (24 h, English / 日本語 / 中文 / 한국어) https://support.simkiosk.example/receipts";
        Receipt receipt = SampleReceipts.withItems(language,
                List.of(new Receipt.Item(longName, Yen.of(12800), TaxRate.STANDARD_10)), longContact);

        try (PDDocument pdf = Loader.loadPDF(renderer.render(receipt).pdf())) {
            for (TextPosition g : positions(pdf)) {
                assertThat(g.getXDirAdj() + g.getWidthDirAdj()).as(g.getUnicode()).isLessThanOrEqualTo(PAGE_WIDTH_POINTS);
            }
            String text = new PDFTextStripper().getText(pdf);
            String joined = text.replaceAll("\\s+", "");
            assertThat(joined).contains(longName.replaceAll("\\s+", ""), longContact.replaceAll("\\s+", ""), "¥12,800");
            assertThat(text.lines().filter(l -> l.contains("¥12,800")).findFirst().orElseThrow())
                    .as("the price stands on the description's last line").doesNotStartWith("¥");
        }
    }

    @Test
    void aCharacterNoShippedFontHasIsPrintedAsAQuestionMark() throws IOException {
        Receipt receipt = SampleReceipts.withItems(Language.EN,
                List.of(new Receipt.Item("Data \uD83D\uDCF6 10 GB", Yen.of(1430), TaxRate.STANDARD_10)), "0120-000-000");

        try (PDDocument pdf = Loader.loadPDF(renderer.render(receipt).pdf())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Data ? 10 GB");
        }
    }

    // ---------------------------------------------------------------- reading the PDF back

    /** Every glyph on the first page, in drawing order. */
    private static List<TextPosition> positions(PDDocument pdf) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                glyphs.add(text);
                super.processTextPosition(text);
            }
        };
        stripper.getText(pdf);
        return glyphs;
    }

    /** The fonts (without subset prefix) that drew the given text, found in drawing order. */
    private static Set<String> fontsOf(List<TextPosition> glyphs, String needle) {
        Set<String> names = new TreeSet<>();
        for (TextPosition g : glyphsOf(glyphs, needle)) {
            String name = g.getFont().getName();
            names.add(name.substring(name.indexOf('+') + 1));
        }
        return names;
    }

    private static float sizeOf(List<TextPosition> glyphs, String needle) {
        return glyphsOf(glyphs, needle).get(0).getFontSizeInPt();
    }

    private static List<TextPosition> glyphsOf(List<TextPosition> glyphs, String needle) {
        StringBuilder drawn = new StringBuilder();
        List<TextPosition> byChar = new ArrayList<>();
        for (TextPosition g : glyphs) {
            for (int i = 0; i < g.getUnicode().length(); i++) byChar.add(g);
            drawn.append(g.getUnicode());
        }
        int at = drawn.indexOf(needle);
        assertThat(at).as("'%s' is drawn", needle).isGreaterThanOrEqualTo(0);
        return byChar.subList(at, at + needle.length());
    }
}
