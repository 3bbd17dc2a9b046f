package jp.simkiosk.adapter.receipt.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts.Face;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts.Run;
import jp.simkiosk.domain.Language;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Measures and draws text in one PDF document with the shipped fonts: each string is split into runs by
 * face ({@link ReceiptFonts#runs}), each face is embedded (as a subset) the first time a run needs it, and
 * bold text in a face without a bold design is emboldened by stroking the glyph outlines as well as filling them.
 *
 * <p>{@link #save()} writes the document with exact ToUnicode maps: PDFBox 3.0.3 derives a subset's map from
 * the font's cmap and, where several code points share one glyph (日 U+65E5 and the Kangxi radical ⽇ U+2F47
 * in CJK fonts), takes the lowest, so extracted or copied text would read "⽇時". The maps are therefore
 * rebuilt from the code points actually drawn.
 */
final class TextSetter {

    /** Size of the text in the page's units, and whether it is bold. */
    record Style(float size, boolean bold) {}

    /** Outline stroke, as a share of the text size, that makes a regular face look bold. */
    private static final float EMBOLDEN_STROKE = 0.035f;

    private final PDDocument document;
    private final ReceiptFonts fonts;
    private final List<Face> regularChain;
    private final List<Face> boldChain;
    private final Map<Face, PDType0Font> embedded = new EnumMap<>(Face.class);
    /** Per face: glyph id (the character code with Identity-H) → the code point drawn with it. */
    private final Map<Face, Map<Integer, Integer>> drawn = new EnumMap<>(Face.class);

    TextSetter(PDDocument document, ReceiptFonts fonts, Language language) {
        this.document = document;
        this.fonts = fonts;
        this.regularChain = fonts.chain(language);
        this.boldChain = fonts.boldChain(language);
    }

    float width(String text, Style style) throws IOException {
        float width = 0;
        for (Run run : runs(text, style)) {
            width += embedded(run.face()).getStringWidth(run.text()) / 1000f * style.size();
        }
        return width;
    }

    /** Draws text with its baseline starting at (x, baseline), in PDF coordinates (y up). */
    void draw(PDPageContentStream content, String text, float x, float baseline, Style style) throws IOException {
        List<Run> runs = runs(text, style);
        if (style.bold()) content.setLineWidth(style.size() * EMBOLDEN_STROKE);
        content.beginText();
        content.newLineAtOffset(x, baseline);
        RenderingMode mode = RenderingMode.FILL;
        for (Run run : runs) {
            RenderingMode wanted = style.bold() && !run.face().bold() ? RenderingMode.FILL_STROKE : RenderingMode.FILL;
            if (wanted != mode) {
                content.setRenderingMode(wanted);
                mode = wanted;
            }
            content.setFont(embedded(run.face()), style.size());
            content.showText(run.text());
            Map<Integer, Integer> glyphs = drawn.computeIfAbsent(run.face(), f -> new HashMap<>());
            run.text().codePoints().forEach(cp -> glyphs.putIfAbsent(fonts.glyphId(run.face(), cp), cp));
        }
        if (mode != RenderingMode.FILL) content.setRenderingMode(RenderingMode.FILL);
        content.endText();
    }

    /** Subsets and embeds the fonts, puts in the exact ToUnicode maps and returns the PDF's bytes. */
    byte[] save() throws IOException {
        // The first save subsets the fonts (PDFBox does that only on save) and writes their ToUnicode maps.
        document.save(OutputStream.nullOutputStream(), CompressParameters.NO_COMPRESSION);
        for (Map.Entry<Face, PDType0Font> e : embedded.entrySet()) {
            Map<Integer, Integer> glyphs = drawn.get(e.getKey());
            if (glyphs == null) continue; // only measured, never drawn
            PDStream toUnicode = new PDStream(document,
                    new ByteArrayInputStream(ToUnicodeCMap.of(glyphs)), COSName.FLATE_DECODE);
            e.getValue().getCOSObject().setItem(COSName.TO_UNICODE, toUnicode);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        document.save(out);
        return out.toByteArray();
    }

    private List<Run> runs(String text, Style style) {
        return fonts.runs(text, style.bold() ? boldChain : regularChain);
    }

    private PDType0Font embedded(Face face) throws IOException {
        PDType0Font font = embedded.get(face);
        if (font == null) {
            font = PDType0Font.load(document, fonts.font(face), true);
            embedded.put(face, font);
        }
        return font;
    }
}
