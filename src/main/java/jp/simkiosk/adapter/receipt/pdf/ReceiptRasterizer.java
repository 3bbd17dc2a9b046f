package jp.simkiosk.adapter.receipt.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Turns a receipt PDF into the 1-bit raster an 80 mm thermal printer prints: rendered at 203 dpi in
 * black and white, padded or cropped to 576 dots a row, blank rows trimmed at the top and the bottom and
 * long blank runs inside collapsed to a small gap, so that no paper and no line time go to white space.
 * Pages, if there are several, follow each other. Stateless and thread-safe.
 */
public final class ReceiptRasterizer {

    /** Dots a line on 80 mm paper at 203 dpi (72 mm printable). */
    public static final int WIDTH_DOTS = 576;
    public static final float DPI = 203f;
    /** The longest blank run kept inside a receipt: 24 dots, 3 mm — a visible gap between sections. */
    public static final int DEFAULT_MAX_BLANK_ROWS = 24;

    private static final int BYTES_PER_ROW = WIDTH_DOTS / 8;
    private static final int BLACK_BELOW_LUMA = 128;
    private static final byte[] EMPTY_ROW = new byte[BYTES_PER_ROW];

    private final int maxBlankRows;

    public ReceiptRasterizer() {
        this(DEFAULT_MAX_BLANK_ROWS);
    }

    /** @param maxBlankRows the longest run of blank rows kept inside the receipt; longer runs are cut to it */
    public ReceiptRasterizer(int maxBlankRows) {
        if (maxBlankRows < 0) throw new IllegalArgumentException("maxBlankRows must not be negative");
        this.maxBlankRows = maxBlankRows;
    }

    /**
     * Rasterizes every page of the PDF.
     *
     * @throws IllegalArgumentException when the bytes are not a readable PDF or nothing on it is black:
     *                                  both mean the renderer made a wrong document, not a printer state
     */
    public RasterImage rasterize(byte[] pdf) {
        List<byte[]> rows = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int page = 0; page < doc.getNumberOfPages(); page++) {
                addRows(renderer.renderImageWithDPI(page, DPI, ImageType.BINARY), rows);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("receipt PDF cannot be read: " + e.getMessage(), e);
        }
        return tighten(rows);
    }

    /** Packs each row of the page, padding with white or cropping on the right to {@link #WIDTH_DOTS}. */
    private static void addRows(BufferedImage page, List<byte[]> rows) {
        int width = Math.min(page.getWidth(), WIDTH_DOTS);
        int[] argb = new int[width];
        for (int y = 0; y < page.getHeight(); y++) {
            page.getRGB(0, y, width, 1, argb, 0, width);
            byte[] row = new byte[BYTES_PER_ROW];
            for (int x = 0; x < width; x++) {
                if (luma(argb[x]) < BLACK_BELOW_LUMA) row[x >>> 3] |= (byte) (0x80 >>> (x & 7));
            }
            rows.add(row);
        }
    }

    private static int luma(int argb) {
        int r = (argb >>> 16) & 0xFF;
        int g = (argb >>> 8) & 0xFF;
        int b = argb & 0xFF;
        return (299 * r + 587 * g + 114 * b) / 1000;
    }

    private RasterImage tighten(List<byte[]> rows) {
        int first = 0;
        while (first < rows.size() && blank(rows.get(first))) first++;
        if (first == rows.size()) throw new IllegalArgumentException("receipt PDF has nothing to print");
        int last = rows.size() - 1;
        while (blank(rows.get(last))) last--;

        ByteArrayOutputStream out = new ByteArrayOutputStream((last - first + 1) * BYTES_PER_ROW);
        int blankRun = 0;
        for (int y = first; y <= last; y++) {
            byte[] row = rows.get(y);
            blankRun = blank(row) ? blankRun + 1 : 0;
            if (blankRun <= maxBlankRows) out.writeBytes(row);
        }
        byte[] packed = out.toByteArray();
        return new RasterImage(WIDTH_DOTS, packed.length / BYTES_PER_ROW, packed);
    }

    private static boolean blank(byte[] row) {
        return Arrays.equals(row, EMPTY_ROW);
    }
}
