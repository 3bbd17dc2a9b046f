package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterImageTest {

    @Test
    void checksItsShapeAndKeepsItsOwnCopy() {
        assertThatThrownBy(() -> new RasterImage(570, 1, new byte[72])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RasterImage(576, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RasterImage(576, 2, new byte[72])).isInstanceOf(IllegalArgumentException.class);

        byte[] bytes = new byte[16];
        RasterImage r = new RasterImage(64, 2, bytes);
        bytes[0] = 1;
        r.packedRows()[1] = 1;
        assertThat(r.packedRows()).containsOnly(0);
    }

    @Test
    void readsDotsMsbFirstAndSlicesRows() {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) 0x80;   // row 0, dot 0
        bytes[15] = 0x01;         // row 1, dot 63
        RasterImage r = new RasterImage(64, 2, bytes);

        assertThat(r.black(0, 0)).isTrue();
        assertThat(r.black(1, 0)).isFalse();
        assertThat(r.black(63, 1)).isTrue();
        assertThat(r.rows(1, 1)).hasSize(8).endsWith((byte) 0x01);
        assertThatThrownBy(() -> r.rows(1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalsByContent() {
        byte[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(new RasterImage(64, 1, a)).isEqualTo(new RasterImage(64, 1, a.clone()))
                .hasSameHashCodeAs(new RasterImage(64, 1, a.clone()))
                .isNotEqualTo(new RasterImage(64, 1, new byte[8]));
    }

    @Test
    void pngHasOnePixelPerDot(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[3 * 8];
        bytes[0] = (byte) 0xA5;
        bytes[23] = (byte) 0x81;
        RasterImage r = new RasterImage(64, 3, bytes);

        r.toPng(dir.resolve("x.png"));

        assertThat(PngRasters.read(dir.resolve("x.png"))).isEqualTo(r);
        assertThat(PngRasters.bitsPerPixel(dir.resolve("x.png"))).isEqualTo(1);
    }
}
