package jp.simkiosk.ui;

import com.google.zxing.common.BitMatrix;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import jp.simkiosk.qr.QrMatrices;

/**
 * QR codes for the screen (a wallet payment, an eSIM activation code): a matrix that reads back drawn into a JavaFX
 * image, whole pixels per module and a four-module quiet zone, black on white, so a phone camera reads it.
 */
public final class QrImages {

    private static final int QUIET_ZONE = 4;
    private static final int MIN_MODULE_PIXELS = 3;

    private QrImages() {}

    /**
     * The QR code of {@code text} ({@link QrMatrices#readable}: error correction M, a mask that reads back), as
     * close to {@code sizePixels} square as whole pixels per module allow, and never under
     * {@value #MIN_MODULE_PIXELS} pixels a module.
     */
    public static WritableImage of(String text, int sizePixels) {
        BitMatrix m = QrMatrices.readable(text);
        int modules = m.getWidth() + 2 * QUIET_ZONE;
        int pixelsPerModule = Math.max(MIN_MODULE_PIXELS, sizePixels / modules);
        int size = modules * pixelsPerModule;
        WritableImage image = new WritableImage(size, size);
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < size; y++) {
            int row = y / pixelsPerModule - QUIET_ZONE;
            for (int x = 0; x < size; x++) {
                int col = x / pixelsPerModule - QUIET_ZONE;
                boolean dark = row >= 0 && col >= 0 && row < m.getHeight() && col < m.getWidth() && m.get(col, row);
                w.setColor(x, y, dark ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }
}
