package jp.simkiosk.adapter.device.serial.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SocatPtyPair;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;
import jp.simkiosk.adapter.receipt.pdf.SamplePdfs;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter.PrintResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ESC/POS driver through jssc over a socat pty pair, against {@link EscPosPeer} speaking the
 * printer's side. Needs socat: without it {@link SocatPtyPair#start()} fails saying so.
 */
class EscPosPrinterSerialTest {

    private static final Duration ANSWER = Duration.ofMillis(300);
    private static final int BAUD = 115_200;
    private static ReceiptDocument receipt;
    private static EscPosJob expectedJob;

    private final Clock clock = Clock.fixed(Instant.parse("2025-04-01T01:00:00Z"), ZoneOffset.UTC);
    private final List<DeviceHealth> published = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> kioskPort = new AtomicReference<>();
    private SocatPtyPair pair;
    private EscPosPeer peer;
    private EscPosPrinter printer;

    @BeforeAll
    static void receipt() {
        receipt = new ReceiptDocument("K01-20250401-0001", SamplePdfs.receipt(40));
        expectedJob = EscPosJob.of(new ReceiptRasterizer().rasterize(receipt.pdf()));
    }

    @BeforeEach
    void connect() throws Exception {
        pair = SocatPtyPair.start();
        peer = EscPosPeer.start(pair.deviceEnd());
        kioskPort.set(pair.kioskEnd());
        printer = new EscPosPrinter(JsscSerialLink.open(pair.kioskEnd(), BAUD),
                () -> JsscSerialLink.open(kioskPort.get(), BAUD),
                new ReceiptRasterizer(), clock, new EscPosPrinter.Timing(BAUD, ANSWER, Duration.ZERO));
        printer.addHealthListener(published::add);
    }

    @AfterEach
    void disconnect() throws Exception {
        printer.close();
        peer.close();
        pair.close();
    }

    @Test
    void printsTheReceiptAsRasterBandsBetweenStatusChecks() {
        assertThat(expectedJob.bandCount()).as("the sample needs several bands").isGreaterThan(2);

        PrintResult result = printer.print(receipt);

        assertThat(result).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
        assertThat(peer.raster()).isEqualTo(expectedJob.raster());
        List<String> expected = new ArrayList<>(List.of("INIT"));   // first use: re-initialized
        expected.addAll(fullJob(expectedJob));
        assertThat(peer.events()).containsExactlyElementsOf(expected);
        assertThat(peer.bytesReceived()).isEqualTo(2 + expectedJob.wireBytes());
        assertThat(printer.health().state()).isEqualTo(DeviceState.READY);
        assertThat(printer.health().media()).isEmpty();
        assertThat(published).extracting(DeviceHealth::state).containsExactly(DeviceState.BUSY, DeviceState.READY);
    }

    @Test
    void paperNearEndStillPrintsAndHealthSaysSo() {
        peer.nearEnd = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));

        assertThat(peer.raster()).isEqualTo(expectedJob.raster());
        assertThat(printer.health().state()).isEqualTo(DeviceState.READY);
        assertThat(printer.health().media()).containsExactly(MediaCondition.PAPER_NEAR_END);
        assertThat(printer.health().usable()).isTrue();
    }

    @Test
    void paperOutRefusesTheJobBeforeSendingIt() {
        peer.paperOut = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.MEDIA));

        assertThat(printer.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(printer.health().fault()).contains(DeviceFault.MEDIA);
        assertThat(printer.health().media()).contains(MediaCondition.PAPER_OUT);
        assertThat(peer.events()).containsExactly("INIT", "STATUS 1", "STATUS 2", "STATUS 3", "STATUS 4");

        peer.paperOut = false;
        assertThat(printer.poll()).extracting(DeviceHealth::state, DeviceHealth::media)
                .containsExactly(DeviceState.READY, Set.of());
    }

    @Test
    void coverOpenRefusesTheJob() {
        peer.coverOpen = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.MEDIA));

        assertThat(printer.health().fault()).contains(DeviceFault.MEDIA);
        assertThat(printer.health().media()).containsExactly(MediaCondition.COVER_OPEN);
        assertThat(peer.events()).noneMatch(e -> e.startsWith("BAND"));
    }

    @Test
    void paperRunningOutMidJobStopsItAtTheNextBand() {
        peer.paperOutAfterBands = 1;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.MEDIA));

        assertThat(printer.health().media()).contains(MediaCondition.PAPER_OUT);
        assertThat(peer.events()).filteredOn(e -> e.startsWith("BAND")).hasSize(1);
        assertThat(peer.events()).doesNotContain("CUT 42 00");
    }

    @Test
    void cutterErrorAfterTheJobFailsIt() {
        peer.cutterFailsOnCut = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.CUTTER_ERROR));

        assertThat(peer.raster()).isEqualTo(expectedJob.raster());
        assertThat(peer.events()).contains("CUT 42 00").endsWith("STATUS 1", "STATUS 2", "STATUS 3", "STATUS 4");
        assertThat(printer.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(printer.health().fault()).contains(DeviceFault.CUTTER_ERROR);
    }

    @Test
    void anOfflinePrinterIsNotReady() {
        peer.offline = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.NOT_READY));
        assertThat(printer.health().fault()).contains(DeviceFault.NOT_READY);
        assertThat(peer.events()).noneMatch(e -> e.startsWith("BAND"));

        peer.offline = false;
        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void aMalformedStatusByteIsAProtocolErrorAndTheNextPollReinitializes() {
        peer.answerWith = 0x00;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(printer.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(printer.health().fault()).contains(DeviceFault.PROTOCOL_ERROR);

        peer.answerWith = -1;
        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("INIT")).isEqualTo(2);
    }

    @Test
    void aSilentPeerTimesOutAndTheNextPollReinitializesOnceItIsBack() {
        peer.silent = true;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.TIMEOUT));
        assertThat(printer.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(printer.health().fault()).contains(DeviceFault.TIMEOUT);
        assertThat(printer.poll().fault()).as("still silent").contains(DeviceFault.TIMEOUT);

        peer.silent = false;
        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("INIT")).isEqualTo(3);
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
        assertThat(peer.raster()).isEqualTo(expectedJob.raster());
    }

    @Test
    void aPeerGoingSilentMidJobTimesOutAtTheBandAcknowledgement() {
        peer.silentAfterBands = 1;

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.TIMEOUT));
        assertThat(peer.events()).filteredOn(e -> e.startsWith("BAND")).hasSize(1);

        peer.silent = false;
        peer.silentAfterBands = -1;
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
        assertThat(peer.raster()).isEqualTo(expectedJob.raster());
    }

    @Test
    void thePeerUnpluggedMidJobLeavesThePrinterOfflineUntilThePortIsBack() throws Exception {
        peer.unplugAfterBands(1, () -> {
            try {
                pair.unplug();
                // as udev removes /dev/ttyUSB0 when the adapter is pulled
                Files.deleteIfExists(Path.of(pair.kioskEnd()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE));
        assertThat(printer.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(printer.health().fault()).contains(DeviceFault.PORT_UNAVAILABLE);
        assertThat(printer.poll().state()).as("port still gone").isEqualTo(DeviceState.OFFLINE);
        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE));

        try (SocatPtyPair again = SocatPtyPair.start(); EscPosPeer back = EscPosPeer.start(again.deviceEnd())) {
            kioskPort.set(again.kioskEnd());
            assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);
            assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
            assertThat(back.raster()).isEqualTo(expectedJob.raster());
            assertThat(back.events()).noneMatch(e -> e.startsWith("UNEXPECTED"));
        }
    }

    @Test
    void concurrentJobsGoOneAfterTheOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<PrintResult> a = pool.submit(() -> printer.print(receipt));
            Future<PrintResult> b = pool.submit(() -> printer.print(receipt));
            assertThat(a.get()).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
            assertThat(b.get()).isEqualTo(new PrintResult.Printed(expectedJob.wireBytes()));
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>(List.of("INIT"));
        expected.addAll(fullJob(expectedJob));
        expected.addAll(fullJob(expectedJob));
        assertThat(peer.events()).containsExactlyElementsOf(expected);
    }

    @Test
    void aDocumentThatIsNotAPdfIsRefusedWithoutTouchingThePrinter() {
        assertThatThrownBy(() -> printer.print(new ReceiptDocument("X", new byte[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(peer.events()).isEmpty();
        assertThat(printer.health().fault()).isEqualTo(Optional.empty());
    }

    @Test
    void aClosedPrinterStaysClosed() {
        assertThat(printer.poll().state()).isEqualTo(DeviceState.READY);

        printer.close();

        assertThat(printer.print(receipt)).isEqualTo(new PrintResult.Failed(DeviceFault.PORT_UNAVAILABLE));
        assertThat(printer.poll().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(peer.events()).containsExactly("INIT", "STATUS 1", "STATUS 2", "STATUS 3", "STATUS 4");
    }

    /** What the peer sees of one job that prints through. */
    private static List<String> fullJob(EscPosJob job) {
        List<String> events = new ArrayList<>(List.of("STATUS 1", "STATUS 2", "STATUS 3", "STATUS 4", "INIT"));
        int rows = job.raster().heightDots();
        for (int first = 0; first < rows; first += EscPosJob.BAND_ROWS) {
            events.add("BAND " + Math.min(EscPosJob.BAND_ROWS, rows - first));
            events.add("STATUS 1");
        }
        events.addAll(List.of("CUT 42 00", "STATUS 1", "STATUS 2", "STATUS 3", "STATUS 4"));
        return events;
    }
}
