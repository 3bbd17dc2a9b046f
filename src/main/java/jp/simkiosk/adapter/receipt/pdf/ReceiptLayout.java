package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jp.simkiosk.adapter.receipt.pdf.TextSetter.Style;
import com.google.zxing.common.BitMatrix;
import jp.simkiosk.qr.QrMatrices;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A top-to-bottom column of text rows and separator rules, laid out before the page exists so that the page
 * can be made exactly as tall as its content. Units are printer dots; y grows downwards from the top of the
 * page until {@link #drawOn} flips it into PDF coordinates.
 */
final class ReceiptLayout {

    /** Line height as a multiple of the text size. */
    private static final float LEADING = 1.22f;
    /** Where the baseline sits in a line box of height {@code size}: the fonts' ascent is about 0.88 em. */
    private static final float ASCENT = 0.88f;
    /** Smallest space between a row's left text and its right-aligned text. */
    private static final float GAP = 16f;
    /** Height taken by a separator rule, the rule in its middle. */
    private static final float RULE_SPACE = 16f;
    private static final float RULE_WIDTH = 2f;
    private static final float[] RULE_DASH = {6f, 4f};

    private sealed interface Op permits TextOp, RuleOp, SquaresOp {}

    private record TextOp(String text, float x, float baseline, Style style) implements Op {}

    private record RuleOp(float y) implements Op {}

    /** Filled rectangles (a QR code's dark modules), top-left corners in layout units. */
    private record SquaresOp(List<float[]> rects) implements Op {}

    private final TextSetter setter;
    private final float left;
    private final float width;
    private final List<Op> ops = new ArrayList<>();
    private float y;

    /**
     * @param left  x of the column's left edge
     * @param width width of the column
     * @param top   y where the first row starts
     */
    ReceiptLayout(TextSetter setter, float left, float width, float top) {
        this.setter = setter;
        this.left = left;
        this.width = width;
        this.y = top;
    }

    /** Text centred in the column, wrapped when too wide. */
    void centered(String text, Style style) throws IOException {
        for (String line : LineBreaker.lines(text, width, t -> setter.width(t, style))) {
            line(line, left + (width - setter.width(line, style)) / 2, style);
        }
    }

    /** Text on the left, wrapped when too wide. */
    void text(String text, Style style) throws IOException {
        for (String line : LineBreaker.lines(text, width, t -> setter.width(t, style))) {
            line(line, left, style);
        }
    }

    /**
     * A label or description on the left and a value aligned right, on one line when both fit. Otherwise the
     * left text wraps beside the value, which stays on the left text's last line; a value too wide for that
     * goes right-aligned onto lines of its own.
     *
     * @param indent how far the left text starts inside the column
     */
    void row(String leftText, String rightText, Style style, float indent) throws IOException {
        float rightWidth = setter.width(rightText, style);
        float leftSpace = width - indent;
        if (setter.width(leftText, style) + GAP + rightWidth <= leftSpace) {
            pair(leftText, rightText, rightWidth, indent, style);
            return;
        }
        if (rightWidth <= leftSpace / 2) {
            List<String> lines = LineBreaker.lines(leftText, leftSpace - GAP - rightWidth, t -> setter.width(t, style));
            for (String line : lines.subList(0, lines.size() - 1)) line(line, left + indent, style);
            pair(lines.get(lines.size() - 1), rightText, rightWidth, indent, style);
            return;
        }
        for (String line : LineBreaker.lines(leftText, leftSpace, t -> setter.width(t, style))) {
            line(line, left + indent, style);
        }
        for (String line : LineBreaker.lines(rightText, width, t -> setter.width(t, style))) {
            line(line, left + width - setter.width(line, style), style);
        }
    }

    /**
     * A QR code centred in the column, drawn as filled vector squares ({@code moduleSize} dots per module,
     * horizontal runs of dark modules merged into one rectangle), with a quiet zone of four modules above and
     * below; the column's margins and the white paper make the zone at the sides.
     */
    void qr(BitMatrix matrix, float moduleSize) {
        float size = matrix.getWidth() * moduleSize;
        float x0 = left + (width - size) / 2;
        float y0 = y + QrMatrices.QUIET_ZONE * moduleSize;
        List<float[]> rects = new ArrayList<>();
        for (int row = 0; row < matrix.getHeight(); row++) {
            int col = 0;
            while (col < matrix.getWidth()) {
                if (!matrix.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < matrix.getWidth() && matrix.get(col, row)) col++;
                rects.add(new float[] {x0 + start * moduleSize, y0 + row * moduleSize, (col - start) * moduleSize, moduleSize});
            }
        }
        ops.add(new SquaresOp(List.copyOf(rects)));
        y = y0 + (matrix.getHeight() + QrMatrices.QUIET_ZONE) * moduleSize;
    }

    /** A dashed rule across the column. */
    void rule() {
        ops.add(new RuleOp(y + RULE_SPACE / 2));
        y += RULE_SPACE;
    }

    void space(float dots) {
        y += dots;
    }

    /** y just below the last row. */
    float bottom() {
        return y;
    }

    /** Draws the laid-out rows on a page of the given height (in the same units). */
    void drawOn(PDPageContentStream content, float pageHeight) throws IOException {
        for (Op op : ops) {
            if (op instanceof TextOp t) {
                setter.draw(content, t.text(), t.x(), pageHeight - t.baseline(), t.style());
            } else if (op instanceof SquaresOp q) {
                for (float[] r : q.rects()) content.addRect(r[0], pageHeight - r[1] - r[3], r[2], r[3]);
                content.fill();
            } else {
                RuleOp r = (RuleOp) op;
                content.setLineWidth(RULE_WIDTH);
                content.setLineDashPattern(RULE_DASH, 0);
                content.moveTo(left, pageHeight - r.y());
                content.lineTo(left + width, pageHeight - r.y());
                content.stroke();
                content.setLineDashPattern(new float[0], 0);
            }
        }
    }

    private void pair(String leftText, String rightText, float rightWidth, float indent, Style style) {
        float baseline = baseline(style);
        if (!leftText.isEmpty()) ops.add(new TextOp(leftText, left + indent, baseline, style));
        if (!rightText.isEmpty()) ops.add(new TextOp(rightText, left + width - rightWidth, baseline, style));
        y += style.size() * LEADING;
    }

    private void line(String text, float x, Style style) {
        ops.add(new TextOp(text, x, baseline(style), style));
        y += style.size() * LEADING;
    }

    private float baseline(Style style) {
        return y + style.size() * (LEADING - 1) / 2 + style.size() * ASCENT;
    }
}
