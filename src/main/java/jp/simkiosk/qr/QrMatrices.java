package jp.simkiosk.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QR code matrices that are known to read back, for the screen and for receipts.
 *
 * <p>ZXing's encoder picks the mask pattern with the lowest penalty score, and for about one text in sixty
 * (measured on 3,000 random eSIM activation codes) the resulting symbol, drawn perfectly with a four-module quiet
 * zone, is not found by ZXing's own detector at any scale: scanner apps built on it would not read the customer's
 * receipt. So every matrix is drawn in memory and decoded before use; when it does not read, the other seven mask
 * patterns (all equally valid QR codes) are tried in turn and the first that reads is used.
 *
 * <p>Error correction M, no margin (the caller draws the quiet zone), no character set hint, so that ASCII text
 * such as an activation code ({@code LPA:1$…}) is encoded without an ECI header. The text is often a secret:
 * it is never logged.
 */
public final class QrMatrices {

    private static final Logger log = LoggerFactory.getLogger(QrMatrices.class);

    /** The quiet zone drawn around the symbol, in modules (the minimum the standard asks for). */
    public static final int QUIET_ZONE = 4;
    /** The smallest module the screen draws, in pixels; a matrix must read at it. */
    public static final int MIN_SCREEN_MODULE_PIXELS = 3;
    /** The receipt's module, in printer dots (1 mm at 203 dpi); a matrix must read at it. */
    public static final int RECEIPT_MODULE_DOTS = 8;
    static final int[] CHECK_MODULE_PIXELS = {MIN_SCREEN_MODULE_PIXELS, RECEIPT_MODULE_DOTS};
    private static final int MASK_PATTERNS = 8;

    private QrMatrices() {}

    /**
     * The QR code of {@code text}, one matrix cell per module, that ZXing decodes back to {@code text}.
     *
     * @throws IllegalArgumentException when the text does not fit a QR code
     */
    public static BitMatrix readable(String text) {
        BitMatrix chosen = encode(text, null);
        if (readsBack(chosen, text)) return chosen;
        for (int mask = 0; mask < MASK_PATTERNS; mask++) {
            BitMatrix m = encode(text, mask);
            if (readsBack(m, text)) return m;
        }
        // never seen; the code is still a valid QR code, and the text is printed beside it for manual entry
        log.warn("no mask pattern of a {}-character QR code reads back; using the encoder's choice", text.length());
        return chosen;
    }

    /** Whether {@code m}, drawn black on white with the quiet zone, decodes to {@code text} at every check size. */
    static boolean readsBack(BitMatrix m, String text) {
        for (int pixels : CHECK_MODULE_PIXELS) {
            if (!text.equals(decode(m, pixels))) return false;
        }
        return true;
    }

    /** The side, in pixels, of {@code m} drawn by {@link #argb} at {@code pixels} a module. */
    public static int side(BitMatrix m, int pixels) {
        return (m.getWidth() + 2 * QUIET_ZONE) * pixels;
    }

    /**
     * {@code m} drawn black on white, {@code pixels} a module, with a {@value #QUIET_ZONE}-module quiet zone all
     * round: {@link #side} squared ARGB pixels, row by row.
     */
    public static int[] argb(BitMatrix m, int pixels) {
        int size = side(m, pixels);
        int[] argb = new int[size * size];
        for (int y = 0; y < size; y++) {
            int row = y / pixels - QUIET_ZONE;
            for (int x = 0; x < size; x++) {
                int col = x / pixels - QUIET_ZONE;
                boolean dark = row >= 0 && col >= 0 && row < m.getHeight() && col < m.getWidth() && m.get(col, row);
                argb[y * size + x] = dark ? 0xff000000 : 0xffffffff;
            }
        }
        return argb;
    }

    /** What ZXing's detector and decoder read from {@code m} drawn at {@code pixels} a module, or null. */
    static String decode(BitMatrix m, int pixels) {
        int size = side(m, pixels);
        int[] argb = argb(m, pixels);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, argb))))
                    .getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    /** ZXing's matrix for {@code text}, with the given mask pattern or (null) the encoder's choice. */
    static BitMatrix encode(String text, Integer maskPattern) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        if (maskPattern != null) hints.put(EncodeHintType.QR_MASK_PATTERN, maskPattern);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code (" + text.length() + " characters)", e);
        }
    }
}
