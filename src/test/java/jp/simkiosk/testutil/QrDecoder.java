package jp.simkiosk.testutil;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads QR codes back the way a phone would: from pixels, with ZXing (a receipt rendered by PDFBox, a screen image). */
public final class QrDecoder {

    private QrDecoder() {}

    /** The text of the one QR code in an image of ARGB pixels. */
    public static String decode(int[] argb, int width, int height) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, argb)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image", e);
        }
    }

    public static String decode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return decode(image.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** The text of the QR code on the first page of a PDF, rendered at the printer's 203 dpi. */
    public static String decodePdf(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return decode(new PDFRenderer(doc).renderImageWithDPI(0, 203, ImageType.RGB));
        }
    }
}
