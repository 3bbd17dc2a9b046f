package jp.simkiosk.adapter.receipt.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads a PNG back into a {@link RasterImage}, dot by dot, to compare what was written with what was meant. */
public final class PngRasters {

    private PngRasters() {
    }

    /** The PNG's pixels as a raster: black (luma below half) is 1. */
    public static RasterImage read(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) throw new IOException("not an image: " + png);
        int bytesPerRow = (image.getWidth() + 7) / 8;
        byte[] packed = new byte[bytesPerRow * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luma = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
                if (luma < 128) packed[y * bytesPerRow + x / 8] |= (byte) (0x80 >>> (x % 8));
            }
        }
        return new RasterImage(image.getWidth(), image.getHeight(), packed);
    }

    /** Bits per pixel of the PNG as decoded (1 for a 1-bit PNG). */
    public static int bitsPerPixel(Path png) throws IOException {
        return ImageIO.read(png.toFile()).getColorModel().getPixelSize();
    }
}
