package jp.simkiosk.adapter.device.serial.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;
import jp.simkiosk.adapter.receipt.pdf.SamplePdfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrinterBytesReportTest {

    @Test
    void reportsRowsBytesAndLineTimeForEachPdf(@TempDir Path dir) throws Exception {
        Path shortOne = Files.write(dir.resolve("short.pdf"), SamplePdfs.receipt(5));
        Path longOne = Files.write(dir.resolve("long.pdf"), SamplePdfs.receipt(60));
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        List<PrinterBytesReport.Figures> figures =
                PrinterBytesReport.report(List.of(shortOne, longOne), new PrintStream(text, true, StandardCharsets.UTF_8));

        ReceiptRasterizer rasterizer = new ReceiptRasterizer();
        for (PrinterBytesReport.Figures f : figures) {
            EscPosJob job = EscPosJob.of(rasterizer.rasterize(Files.readAllBytes(f.pdf())));
            assertThat(f.rows()).isEqualTo(job.raster().heightDots());
            assertThat(f.bands()).isEqualTo(job.bandCount());
            assertThat(f.bytes()).isEqualTo(job.wireBytes());
            assertThat(f.secondsAt115200()).isCloseTo(job.wireBytes() / 11_520.0, within(1e-9));
            assertThat(f.secondsAt9600()).isCloseTo(f.secondsAt115200() * 12, within(1e-9));
        }
        assertThat(figures.get(1).bytes()).isGreaterThan(figures.get(0).bytes());
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("short.pdf").contains(" " + figures.get(0).bytes() + " ");
        assertThat(lines[2]).startsWith("long.pdf").contains(" " + figures.get(1).rows() + " ");
    }
}
