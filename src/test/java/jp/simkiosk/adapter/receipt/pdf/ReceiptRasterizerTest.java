package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import jp.simkiosk.adapter.receipt.pdf.SamplePdfs.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptRasterizerTest {

    private final ReceiptRasterizer rasterizer = new ReceiptRasterizer();

    @Test
    void rendersAt203DpiInto576DotRowsOf72Bytes() {
        RasterImage r = rasterizer.rasterize(SamplePdfs.boxes(576, 400, new Box(0, 100, 576, 50)));

        assertThat(r.widthDots()).isEqualTo(576);
        assertThat(r.bytesPerRow()).isEqualTo(72);
        assertThat(r.packedRows()).hasSize(72 * r.heightDots());
        // 50 dots of box, white margins above and below trimmed away
        assertThat(r.heightDots()).isCloseTo(50, within(1));
        assertThat(blankRow(r, 0)).isFalse();
        assertThat(blankRow(r, r.heightDots() - 1)).isFalse();
    }

    @Test
    void packsTheLeftmostDotIntoTheMostSignificantBitWithOneForBlack() {
        // black dots 0..15 and 300..339, white elsewhere
        RasterImage r = rasterizer.rasterize(SamplePdfs.boxes(576, 100,
                new Box(0, 40, 16, 20), new Box(300, 40, 40, 20)));

        int y = r.heightDots() / 2;
        byte[] row = r.rows(y, 1);
        assertThat(row[0]).isEqualTo((byte) 0xFF);
        assertThat(row[1]).isEqualTo((byte) 0xFF);
        assertThat(row[2] & 0xFF).as("dot 16 onwards is white").isLessThan(0x80);
        assertThat(r.black(299 + 2, y)).isTrue();
        assertThat(r.black(338, y)).isTrue();
        assertThat(r.black(200, y)).isFalse();
        assertThat(r.black(345, y)).isFalse();
        assertThat(row[71]).isZero();
    }

    @Test
    void collapsesLongBlankRunsInsideToTheMaximumGapAndKeepsShortOnes() {
        byte[] pdf = SamplePdfs.boxes(576, 600,
                new Box(0, 50, 100, 40),     // rows  50..89
                new Box(0, 100, 100, 40),    // rows 100..139: a 10-row gap before it
                new Box(0, 400, 100, 40));   // rows 400..439: a 260-row gap before it

        RasterImage r = rasterizer.rasterize(pdf);

        assertThat(blankRuns(r)).hasSize(2);
        assertThat(blankRuns(r)[0]).isCloseTo(10, within(2));
        assertThat(blankRuns(r)[1]).isEqualTo(ReceiptRasterizer.DEFAULT_MAX_BLANK_ROWS);
        assertThat(r.heightDots()).isCloseTo(40 + 10 + 40 + 24 + 40, within(3));

        RasterImage tight = new ReceiptRasterizer(0).rasterize(pdf);
        assertThat(blankRuns(tight)).isEmpty();
        assertThat(tight.heightDots()).isCloseTo(120, within(3));
    }

    @Test
    void padsANarrowPageWithWhiteAndCropsAWideOneTo576Dots() {
        RasterImage narrow = rasterizer.rasterize(SamplePdfs.boxes(400, 100, new Box(0, 10, 400, 20)));
        assertThat(narrow.widthDots()).isEqualTo(576);
        int y = narrow.heightDots() / 2;
        assertThat(narrow.black(395, y)).isTrue();
        assertThat(narrow.black(410, y)).isFalse();
        assertThat(narrow.black(575, y)).isFalse();

        RasterImage wide = rasterizer.rasterize(SamplePdfs.boxes(800, 100, new Box(560, 10, 240, 20)));
        assertThat(wide.widthDots()).isEqualTo(576);
        assertThat(wide.black(575, wide.heightDots() / 2)).isTrue();
        assertThat(wide.black(550, wide.heightDots() / 2)).isFalse();
    }

    @Test
    void stacksPagesInOrder() {
        byte[] pdf = SamplePdfs.pages(576, 100,
                new Box[] {new Box(0, 40, 50, 20)},
                new Box[] {new Box(500, 40, 50, 20)});

        RasterImage r = rasterizer.rasterize(pdf);

        assertThat(r.black(10, 5)).as("page 1 box on the left, first").isTrue();
        assertThat(r.black(520, 5)).isFalse();
        assertThat(r.black(520, r.heightDots() - 5)).as("page 2 box on the right, after").isTrue();
        assertThat(r.black(10, r.heightDots() - 5)).isFalse();
        assertThat(blankRuns(r)).containsExactly(ReceiptRasterizer.DEFAULT_MAX_BLANK_ROWS);
    }

    @Test
    void rendersTextOfAReceipt() {
        RasterImage r = rasterizer.rasterize(SamplePdfs.receipt(10));

        int black = 0;
        for (byte b : r.packedRows()) black += Integer.bitCount(b & 0xFF);
        assertThat(black).isGreaterThan(5_000);
        assertThat(blankRow(r, 0)).isFalse();
        assertThat(blankRow(r, r.heightDots() - 1)).isFalse();
        for (int run : blankRuns(r)) assertThat(run).isLessThanOrEqualTo(ReceiptRasterizer.DEFAULT_MAX_BLANK_ROWS);
    }

    @Test
    void refusesWhatIsNotAPdfAndAPdfWithNothingOnIt() {
        assertThatThrownBy(() -> rasterizer.rasterize("not a pdf".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> rasterizer.rasterize(SamplePdfs.boxes(576, 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to print");
    }

    @Test
    void writesTheExactRasterAsA1BitPng(@TempDir Path dir) throws Exception {
        RasterImage r = rasterizer.rasterize(SamplePdfs.receipt(5));
        Path png = dir.resolve("r.png");

        r.toPng(png);

        assertThat(PngRasters.bitsPerPixel(png)).isEqualTo(1);
        assertThat(PngRasters.read(png)).isEqualTo(r);
    }

    private static boolean blankRow(RasterImage r, int y) {
        for (byte b : r.rows(y, 1)) if (b != 0) return false;
        return true;
    }

    /** Lengths of the runs of blank rows inside the raster, top to bottom. */
    private static int[] blankRuns(RasterImage r) {
        java.util.List<Integer> runs = new java.util.ArrayList<>();
        int run = 0;
        for (int y = 0; y < r.heightDots(); y++) {
            if (blankRow(r, y)) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }
}
