package jp.simkiosk.ui;

import com.google.zxing.common.BitMatrix;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import jp.simkiosk.qr.QrMatrices;

/**
 * QR codes for the screen (a wallet payment, an eSIM activation code): a matrix that reads back drawn into a JavaFX
 * image, whole pixels per module and a four-module quiet zone, black on white, so a phone camera reads it.
 */
public final class QrImages {

    private QrImages() {}

    /**
     * The QR code of {@code text} ({@link QrMatrices#readable}: error correction M, a mask that reads back), as
     * close to {@code sizePixels} square as whole pixels per module allow, and never under
     * {@value QrMatrices#MIN_SCREEN_MODULE_PIXELS} pixels a module.
     */
    public static WritableImage of(String text, int sizePixels) {
        BitMatrix m = QrMatrices.readable(text);
        int pixelsPerModule = Math.max(QrMatrices.MIN_SCREEN_MODULE_PIXELS, sizePixels / QrMatrices.side(m, 1));
        int size = QrMatrices.side(m, pixelsPerModule);
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(),
                QrMatrices.argb(m, pixelsPerModule), 0, size);
        return image;
    }
}
