package jp.simkiosk.adapter.receipt.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * PDFs made with PDFBox for the printer tests and the bytes harness, standing in for the receipt renderer:
 * pages 576 dots wide at 203 dpi, positions given in dots from the top left.
 */
public final class SamplePdfs {

    /** Points per printer dot at 203 dpi. */
    public static final float PT_PER_DOT = 72f / 203f;

    private SamplePdfs() {
    }

    /** A black rectangle, in dots from the page's top left. */
    public record Box(int x, int y, int width, int height) {}

    /** One page of {@code widthDots x heightDots} with black boxes on white. */
    public static byte[] boxes(int widthDots, int heightDots, Box... boxes) {
        return pages(widthDots, heightDots, new Box[][] {boxes});
    }

    /** Several pages of the same size, each with its own boxes. */
    public static byte[] pages(int widthDots, int heightDots, Box[]... pages) {
        try (PDDocument doc = new PDDocument()) {
            for (Box[] boxes : pages) {
                PDPage page = new PDPage(new PDRectangle(widthDots * PT_PER_DOT, heightDots * PT_PER_DOT));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    for (Box b : boxes) {
                        cs.addRect(b.x() * PT_PER_DOT, (heightDots - b.y() - b.height()) * PT_PER_DOT,
                                b.width() * PT_PER_DOT, b.height() * PT_PER_DOT);
                    }
                    cs.fill();
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A receipt-like page 576 dots wide: a title, {@code lines} lines of text, a QR-code-sized checker
     * block, with white margins around and a long blank stretch before the block (as a layout with a
     * spacer would have).
     */
    public static byte[] receipt(int lines) {
        float width = 576 * PT_PER_DOT;
        float lineHeight = 11f;
        float height = 30 + 16 + lines * lineHeight + 60 + 72 + 40;
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            doc.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = height - 30;
                text(cs, bold, 14, 8, y, "SIM KIOSK  RECEIPT");
                y -= 16;
                for (int i = 1; i <= lines; i++) {
                    text(cs, regular, 8, 8, y, String.format("Item %02d  Prepaid data 3 GB / 30 days   JPY %,d", i, 1000 + 37 * i));
                    y -= lineHeight;
                }
                y -= 60;
                float cell = 72f / 21;
                for (int r = 0; r < 21; r++) {
                    for (int c = 0; c < 21; c++) {
                        if ((r * 7 + c * 3) % 5 < 2) cs.addRect(66 + c * cell, y - r * cell, cell, cell);
                    }
                }
                cs.fill();
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
