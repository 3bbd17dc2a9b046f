package jp.simkiosk.adapter.device.serial.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;
import org.junit.jupiter.api.Test;

/** Every frame the driver builds, byte for byte. */
class EscPosFramesTest {

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    @Test
    void initialize() {
        assertThat(hex(EscPosCommands.initialize())).isEqualTo("1B 40");
    }

    @Test
    void realtimeStatusForEachN() {
        assertThat(hex(EscPosCommands.realtimeStatus(1))).isEqualTo("10 04 01");
        assertThat(hex(EscPosCommands.realtimeStatus(2))).isEqualTo("10 04 02");
        assertThat(hex(EscPosCommands.realtimeStatus(3))).isEqualTo("10 04 03");
        assertThat(hex(EscPosCommands.realtimeStatus(4))).isEqualTo("10 04 04");
        assertThatThrownBy(() -> EscPosCommands.realtimeStatus(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EscPosCommands.realtimeStatus(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feedAndPartialCut() {
        assertThat(hex(EscPosCommands.feedAndPartialCut())).isEqualTo("1D 56 42 00");
    }

    @Test
    void rasterHeaderIsLittleEndianBytesPerRowAndRows() {
        assertThat(hex(EscPosCommands.rasterHeader(72, 256))).isEqualTo("1D 76 30 00 48 00 00 01");
        assertThat(hex(EscPosCommands.rasterHeader(72, 88))).isEqualTo("1D 76 30 00 48 00 58 00");
        assertThat(hex(EscPosCommands.rasterHeader(72, 2303))).isEqualTo("1D 76 30 00 48 00 FF 08");
        assertThat(hex(EscPosCommands.rasterHeader(300, 1))).isEqualTo("1D 76 30 00 2C 01 01 00");
        assertThatThrownBy(() -> EscPosCommands.rasterHeader(72, 2304)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EscPosCommands.rasterHeader(72, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRasterOf600RowsIsThreeBandsOf256256And88Rows() {
        RasterImage raster = numberedRaster(600);

        EscPosJob job = EscPosJob.of(raster);

        List<byte[]> bands = job.bands();
        assertThat(bands).hasSize(3);
        assertThat(hex(java.util.Arrays.copyOf(bands.get(0), 8))).isEqualTo("1D 76 30 00 48 00 00 01");
        assertThat(hex(java.util.Arrays.copyOf(bands.get(1), 8))).isEqualTo("1D 76 30 00 48 00 00 01");
        assertThat(hex(java.util.Arrays.copyOf(bands.get(2), 8))).isEqualTo("1D 76 30 00 48 00 58 00");
        assertThat(bands.get(0)).hasSize(8 + 256 * 72);
        assertThat(bands.get(2)).hasSize(8 + 88 * 72);
        // the data after the headers is the raster, row after row, nothing lost or repeated
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] band : bands) data.write(band, 8, band.length - 8);
        assertThat(data.toByteArray()).isEqualTo(raster.packedRows());
        // status 4x3 + ESC @ 2 + data 43,200 + headers 3x8 + band acknowledgements 3x3 + cut 4 + status 4x3
        assertThat(job.wireBytes()).isEqualTo(12 + 2 + 43_200 + 24 + 9 + 4 + 12);
    }

    @Test
    void bandsSplitOnExactMultiplesAndTheProtocolLimit() {
        assertThat(EscPosJob.of(numberedRaster(512)).bandCount()).isEqualTo(2);
        assertThat(EscPosJob.of(numberedRaster(1)).bandCount()).isEqualTo(1);
        assertThat(EscPosJob.of(numberedRaster(2303), 2303).bandCount()).isEqualTo(1);
        assertThat(EscPosJob.of(numberedRaster(2304), 2303).bands().get(1)).hasSize(8 + 72);
        assertThatThrownBy(() -> EscPosJob.of(numberedRaster(10), 2304)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A 576-dot raster whose every row differs, so that a shifted or repeated row shows. */
    static RasterImage numberedRaster(int rows) {
        byte[] packed = new byte[72 * rows];
        for (int y = 0; y < rows; y++) {
            packed[y * 72] = (byte) y;
            packed[y * 72 + 1] = (byte) (y >>> 8);
            packed[y * 72 + 71] = (byte) 0x81;
        }
        return new RasterImage(576, rows, packed);
    }
}
