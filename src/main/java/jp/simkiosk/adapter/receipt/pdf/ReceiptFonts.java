package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.simkiosk.domain.Language;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TrueType fonts shipped under {@code /assets/fonts}, parsed once and kept for every receipt, and the
 * choice of font for each piece of text.
 *
 * <p>PDFBox draws a string with exactly one font and has no fallback, so text is split into {@link Run runs}:
 * each code point goes to the first font of the language's {@link #chain(Language) chain} whose cmap has a
 * glyph for it. The chain starts with the language's primary font: IPAex Gothic for Japanese (Japanese glyph
 * forms), WenQuanYi Micro Hei for Chinese and Korean, DejaVu Sans for English; the others follow so that
 * mixed text (a Japanese shop name on an English receipt, a symbol) still renders.
 *
 * <p>A parsed {@link TrueTypeFont} is not safe for concurrent use: callers embedding these fonts must not do
 * so from two threads at once (the {@link PdfReceiptRenderer} serializes on this object).
 */
public final class ReceiptFonts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptFonts.class);

    /** Class path folder of the shipped fonts. */
    public static final String RESOURCE_FOLDER = "/assets/fonts/";

    /** The shipped faces. Only DejaVu Sans has a real bold; the others are emboldened when drawn. */
    public enum Face {
        IPAEX_GOTHIC("ipaexg.ttf", false),
        WQY_MICRO_HEI("wqy-microhei.ttc", false),
        DEJAVU_SANS("DejaVuSans.ttf", false),
        DEJAVU_SANS_BOLD("DejaVuSans-Bold.ttf", true);

        private final String file;
        private final boolean bold;

        Face(String file, boolean bold) {
            this.file = file;
            this.bold = bold;
        }

        /** Where the font file is on the class path. */
        public String resource() {
            return RESOURCE_FOLDER + file;
        }

        /** Whether the face is drawn bold by design (no emboldening needed). */
        public boolean bold() {
            return bold;
        }
    }

    /** A piece of text that one face can draw entirely. */
    public record Run(Face face, String text) {}

    /** PostScript name of the proportional face in the WenQuanYi collection (the other one is "…Mono"). */
    private static final String WQY_FACE_NAME = "WenQuanYiMicroHei";

    private static final Map<Language, List<Face>> CHAINS = new EnumMap<>(Map.of(
            Language.JA, List.of(Face.IPAEX_GOTHIC, Face.WQY_MICRO_HEI, Face.DEJAVU_SANS),
            Language.EN, List.of(Face.DEJAVU_SANS, Face.IPAEX_GOTHIC, Face.WQY_MICRO_HEI),
            Language.ZH_HANS, List.of(Face.WQY_MICRO_HEI, Face.DEJAVU_SANS, Face.IPAEX_GOTHIC),
            Language.ZH_HANT, List.of(Face.WQY_MICRO_HEI, Face.DEJAVU_SANS, Face.IPAEX_GOTHIC),
            Language.KO, List.of(Face.WQY_MICRO_HEI, Face.DEJAVU_SANS, Face.IPAEX_GOTHIC)));

    private final Map<Face, TrueTypeFont> fonts;
    private final Map<Face, CmapLookup> cmaps;
    private final TrueTypeCollection wqyCollection;

    private ReceiptFonts(Map<Face, TrueTypeFont> fonts, TrueTypeCollection wqyCollection) throws IOException {
        this.fonts = fonts;
        this.wqyCollection = wqyCollection;
        this.cmaps = new EnumMap<>(Face.class);
        for (Map.Entry<Face, TrueTypeFont> e : fonts.entrySet()) {
            // The receipt's scripts need no glyph substitution; without it PDFBox embeds text code point by
            // code point, which keeps the PDF's ToUnicode map exact (text extraction, search).
            e.getValue().setEnableGsub(false);
            CmapLookup cmap = e.getValue().getUnicodeCmapLookup();
            if (cmap == null) throw new IOException("font " + e.getKey() + " has no Unicode cmap");
            cmaps.put(e.getKey(), cmap);
        }
    }

    /**
     * Reads and parses the four shipped fonts from the class path ({@value #RESOURCE_FOLDER}).
     *
     * @throws UncheckedIOException when a font is missing or cannot be parsed: the kiosk cannot print without them
     */
    public static ReceiptFonts loadFromClasspath() {
        long start = System.nanoTime();
        Map<Face, TrueTypeFont> fonts = new EnumMap<>(Face.class);
        TrueTypeCollection collection = null;
        try {
            for (Face face : Face.values()) {
                try (InputStream in = openResource(face)) {
                    if (face == Face.WQY_MICRO_HEI) {
                        collection = new TrueTypeCollection(in); // buffers the whole stream
                        TrueTypeFont wqy = collection.getFontByName(WQY_FACE_NAME);
                        if (wqy == null) throw new IOException(face.resource() + " has no face " + WQY_FACE_NAME);
                        fonts.put(face, wqy);
                    } else {
                        fonts.put(face, new TTFParser().parse(new RandomAccessReadBuffer(in)));
                    }
                }
            }
            ReceiptFonts loaded = new ReceiptFonts(fonts, collection);
            log.info("receipt fonts loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } catch (IOException e) {
            closeQuietly(fonts, collection);
            throw new UncheckedIOException("cannot load the receipt fonts", e);
        }
    }

    private static InputStream openResource(Face face) throws IOException {
        InputStream in = ReceiptFonts.class.getResourceAsStream(face.resource());
        if (in == null) throw new IOException("font not on the class path: " + face.resource());
        return in;
    }

    /** The faces to try for text in a language, primary first. */
    public List<Face> chain(Language language) {
        return CHAINS.get(Objects.requireNonNull(language));
    }

    /**
     * The faces to try for bold text in a language: the chain with DejaVu Sans Bold ahead of DejaVu Sans.
     * The other faces have no bold; text in them is emboldened when drawn.
     */
    public List<Face> boldChain(Language language) {
        List<Face> bold = new ArrayList<>();
        for (Face face : chain(language)) {
            if (face == Face.DEJAVU_SANS) bold.add(Face.DEJAVU_SANS_BOLD);
            bold.add(face);
        }
        return List.copyOf(bold);
    }

    /** The face a language's text is set in unless a character is missing from it. */
    public Face primary(Language language) {
        return chain(language).get(0);
    }

    /** Whether the face's cmap maps the code point to a real glyph. */
    public boolean hasGlyph(Face face, int codePoint) {
        return glyphId(face, codePoint) > 0;
    }

    /** The face's glyph for the code point; 0 (.notdef) when it has none. */
    int glyphId(Face face, int codePoint) {
        return cmaps.get(face).getGlyphId(codePoint);
    }

    /** The parsed font, for embedding with {@code PDType0Font.load(document, font, true)}. */
    public TrueTypeFont font(Face face) {
        return fonts.get(face);
    }

    /**
     * Splits text into runs by face: each code point takes the first face of {@code chain} that has it; a
     * space stays in the run it follows when that face has a space, so words are not split at spaces.
     * A code point no face has is replaced by {@code '?'} in the first face (and logged).
     */
    public List<Run> runs(String text, List<Face> chain) {
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Face currentFace = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Face face = null;
            if (currentFace != null && Character.isSpaceChar(cp) && hasGlyph(currentFace, cp)) {
                face = currentFace;
            } else {
                for (Face candidate : chain) {
                    if (hasGlyph(candidate, cp)) {
                        face = candidate;
                        break;
                    }
                }
            }
            if (face == null) {
                log.warn("no shipped font has a glyph for U+{}; printing '?'", Integer.toHexString(cp).toUpperCase());
                face = chain.get(0);
                cp = '?';
            }
            if (face != currentFace && current.length() > 0) {
                runs.add(new Run(currentFace, current.toString()));
                current.setLength(0);
            }
            currentFace = face;
            current.appendCodePoint(cp);
        }
        if (current.length() > 0) runs.add(new Run(currentFace, current.toString()));
        return runs;
    }

    /** Closes the parsed fonts; no receipt may be rendered with them afterwards. */
    @Override
    public void close() {
        closeQuietly(fonts, wqyCollection);
    }

    private static void closeQuietly(Map<Face, TrueTypeFont> fonts, TrueTypeCollection collection) {
        for (Map.Entry<Face, TrueTypeFont> e : fonts.entrySet()) {
            if (e.getKey() == Face.WQY_MICRO_HEI) continue; // closed with its collection
            try {
                e.getValue().close();
            } catch (IOException ex) {
                log.warn("closing font {} failed", e.getKey(), ex);
            }
        }
        if (collection != null) {
            try {
                collection.close();
            } catch (IOException ex) {
                log.warn("closing the font collection failed", ex);
            }
        }
    }
}
