package jp.simkiosk.adapter.device.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.simkiosk.adapter.device.serial.escpos.EscPosJob;
import jp.simkiosk.adapter.receipt.pdf.PngRasters;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;
import jp.simkiosk.adapter.receipt.pdf.SamplePdfs;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter.PrintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedReceiptPrinterTest {

    private static ReceiptDocument receipt;
    private static RasterImage raster;

    @TempDir
    Path dir;
    private Path receipts;
    private SimulatedReceiptPrinter printer;
    private final List<DeviceHealth> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void receipt() {
        receipt = new ReceiptDocument("K01-20250401-0007", SamplePdfs.receipt(12));
        raster = new ReceiptRasterizer().rasterize(receipt.pdf());
    }

    @BeforeEach
    void printer() {
        receipts = dir.resolve("receipts");
        printer = new SimulatedReceiptPrinter(receipts,
                Clock.fixed(Instant.parse("2025-04-01T01:00:00Z"), ZoneOffset.UTC), Duration.ZERO);
        printer.addHealthListener(published::add);
    }

    @Test
    void writesThePdfAndAPngOfTheExactRasterAndReportsTheDriversByteCount() throws Exception {
        PrintResult result = printer.print(receipt);

        assertThat(result).isEqualTo(new PrintResult.Printed(EscPosJob.of(raster).wireBytes()));
        Path pdf = receipts.resolve("K01-20250401-0007.pdf");
        Path png = receipts.resolve("K01-20250401-0007.png");
        assertThat(Files.readAllBytes(pdf)).isEqualTo(receipt.pdf());
        assertThat(PngRasters.bitsPerPixel(png)).isEqualTo(1);
        RasterImage written = PngRasters.read(png);
        assertThat(written.widthDots()).isEqualTo(raster.widthDots());
        assertThat(written.heightDots()).isEqualTo(raster.heightDots());
        assertThat(written).isEqualTo(raster);
        assertThat(printer.health().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void paperOutAndCoverOpenRefuseToPrintAndShowAtOnce() {
        printer.setMedia(Set.of(MediaCondition.PAPER_OUT));
        assertThat(printer.health().fault()).contains(DeviceFault.MEDIA);
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.MEDIA));

        printer.setMedia(Set.of(MediaCondition.COVER_OPEN));
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.MEDIA));
        assertThat(printer.health().media()).containsExactly(MediaCondition.COVER_OPEN);
        assertThat(receipts).doesNotExist();

        printer.setMedia(Set.of());
        assertThat(printer.health().state()).isEqualTo(DeviceState.READY);
        assertThat(printer.print(receipt)).isInstanceOf(PrintResult.Printed.class);
    }

    @Test
    void paperNearEndPrintsAndIsReported() {
        printer.setMedia(Set.of(MediaCondition.PAPER_NEAR_END));

        assertThat(printer.print(receipt)).isInstanceOf(PrintResult.Printed.class);
        assertThat(printer.health().media()).containsExactly(MediaCondition.PAPER_NEAR_END);
        assertThat(printer.health().usable()).isTrue();
    }

    @Test
    void offlineUntilPluggedBack() {
        printer.setOffline(true);
        assertThat(printer.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE));
        assertThat(printer.poll().state()).isEqualTo(DeviceState.OFFLINE);

        printer.setOffline(false);
        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void failNextFailsOnePrintThenThePrinterRecoversOnPoll() {
        printer.failNext(DeviceFault.CUTTER_ERROR);

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.CUTTER_ERROR));
        assertThat(printer.health().fault()).contains(DeviceFault.CUTTER_ERROR);
        assertThat(receipts).doesNotExist();

        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(printer.print(receipt)).isInstanceOf(PrintResult.Printed.class);
        assertThat(published).extracting(DeviceHealth::state)
                .containsExactly(DeviceState.ERROR, DeviceState.READY);
    }

    @Test
    void failNextWithPortUnavailableGoesOffline() {
        printer.failNext(DeviceFault.PORT_UNAVAILABLE);

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE));
        assertThat(printer.health().state()).isEqualTo(DeviceState.OFFLINE);
    }

    @Test
    void refusesMediaAPrinterDoesNotHave() {
        assertThatThrownBy(() -> printer.setMedia(Set.of(MediaCondition.STACKER_EMPTY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReferenceCannotWriteOutsideTheFolder() throws Exception {
        ReceiptDocument sneaky = new ReceiptDocument("../../etc/x", receipt.pdf());

        assertThat(printer.print(sneaky)).isInstanceOf(PrintResult.Printed.class);

        try (var files = Files.list(receipts)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("_.._.._etc_x.pdf", "_.._.._etc_x.png");
        }
        assertThat(printer.pdfFile(sneaky.reference()).getParent()).isEqualTo(receipts);
    }

    @Test
    void aDocumentThatIsNotAPdfIsRefused() {
        assertThatThrownBy(() -> printer.print(new ReceiptDocument("X", new byte[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
