package jp.simkiosk.adapter.receipt.pdf;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A 1-bit image as a thermal printer takes it: rows of packed bits, {@code widthDots / 8} bytes per row,
 * the most significant bit is the leftmost dot and 1 is black. This is the exact raster a receipt
 * printer is sent, so {@link #toPng} shows what the paper would look like dot for dot.
 *
 * @param widthDots  dots per row, a positive multiple of 8
 * @param heightDots rows, at least one
 * @param packedRows {@code widthDots / 8 * heightDots} bytes, row after row
 */
public record RasterImage(int widthDots, int heightDots, byte[] packedRows) {

    public RasterImage {
        if (widthDots <= 0 || widthDots % 8 != 0) {
            throw new IllegalArgumentException("width must be a positive multiple of 8 dots: " + widthDots);
        }
        if (heightDots <= 0) throw new IllegalArgumentException("height must be at least one row: " + heightDots);
        if (packedRows.length != (long) widthDots / 8 * heightDots) {
            throw new IllegalArgumentException("expected " + (widthDots / 8 * heightDots) + " bytes for "
                    + widthDots + "x" + heightDots + " dots, got " + packedRows.length);
        }
        packedRows = packedRows.clone();
    }

    @Override
    public byte[] packedRows() {
        return packedRows.clone();
    }

    public int bytesPerRow() {
        return widthDots / 8;
    }

    /** The packed bytes of {@code rows} rows starting at row {@code firstRow}. */
    public byte[] rows(int firstRow, int rows) {
        if (firstRow < 0 || rows < 0 || firstRow + rows > heightDots) {
            throw new IndexOutOfBoundsException("rows " + firstRow + "+" + rows + " of " + heightDots);
        }
        int from = firstRow * bytesPerRow();
        return Arrays.copyOfRange(packedRows, from, from + rows * bytesPerRow());
    }

    /** Whether the dot at column {@code x}, row {@code y} is black. */
    public boolean black(int x, int y) {
        if (x < 0 || x >= widthDots || y < 0 || y >= heightDots) {
            throw new IndexOutOfBoundsException("dot " + x + "," + y + " outside " + widthDots + "x" + heightDots);
        }
        return (packedRows[y * bytesPerRow() + x / 8] & (0x80 >>> (x % 8))) != 0;
    }

    /** Writes the raster as a 1-bit PNG of exactly {@code widthDots x heightDots} pixels. */
    public void toPng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(widthDots, heightDots, BufferedImage.TYPE_BYTE_BINARY);
        // TYPE_BYTE_BINARY packs 8 pixels a byte, MSB leftmost, like the raster, but index 1 is white
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < packedRows.length; i++) pixels[i] = (byte) ~packedRows[i];
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer available");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RasterImage r && r.widthDots == widthDots && r.heightDots == heightDots
                && Arrays.equals(r.packedRows, packedRows);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * widthDots + heightDots) + Arrays.hashCode(packedRows);
    }

    @Override
    public String toString() {
        return "RasterImage[" + widthDots + "x" + heightDots + " dots, " + packedRows.length + " bytes]";
    }
}
