package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.operator.Maintenance;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder short of space stops new sales before they start, with the out-of-service status, instead of
 * failing one midway; with room again the kiosk sells. A folder nothing can be written in raises its own alarm.
 */
class DiskSpaceTest {

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();

    @Test
    void belowTheThresholdNoSaleStarts() throws Exception {
        long free = Files.getFileStore(data).getUsableSpace();
        KioskConfig tooLittle = TestKiosks.demo(data, clock).withStorage(new KioskConfig.Storage(free + (1L << 40)));
        try (KioskAssembly kiosk = KioskAssembly.build(tooLittle, clock)) {
            assertThat(kiosk.serviceMonitor().current().inService()).isFalse();
            assertThat(kiosk.serviceMonitor().current().alarms()).extracting(Alarm::kind)
                    .containsExactly(Alarm.Kind.DISK_SPACE_LOW);
            // the operator's Status page: the alarm is the one reason, with the folder and the figures
            Maintenance.Status status = kiosk.operations().maintenance().status();
            assertThat(status.inService()).isFalse();
            assertThat(status.heldByOperator()).isFalse();
            assertThat(status.blocking()).isEmpty();
            assertThat(status.alarms()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(Alarm.Kind.DISK_SPACE_LOW);
                assertThat(a.detail()).startsWith(data + ": ").endsWith(" MB < " + (free + (1L << 40)) / (1024 * 1024) + " MB");
            });
            Quote quote = quote(kiosk);
            assertThatThrownBy(() -> kiosk.renewals().open(quote, Language.EN)).isInstanceOf(JournalUnavailableException.class)
                    .hasMessageContaining("DISK_SPACE_LOW");
            assertThat(kiosk.journal().recent(10)).isEmpty();
        }
        KioskConfig enough = TestKiosks.demo(data, clock).withStorage(new KioskConfig.Storage(1L << 20));
        try (KioskAssembly kiosk = KioskAssembly.build(enough, clock)) {
            assertThat(kiosk.serviceMonitor().current().alarms()).isEmpty();
            assertThat(kiosk.renewals().open(quote(kiosk), Language.EN).reference()).isEqualTo("DEMO-01-000001");
        }
    }

    @Test
    void aFolderThatCannotBeWrittenRaisesItsAlarm() throws Exception {
        Path notAFolder = Files.createFile(data.resolve("not-a-folder"));
        assertThat(new DataFolderCheck(notAFolder, 0).check()).hasValueSatisfying(
                a -> assertThat(a.kind()).isEqualTo(Alarm.Kind.DATA_FOLDER_NOT_WRITABLE));
        assertThat(new DataFolderCheck(data, 0).check()).isEmpty();
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("not-a-folder");
        }
    }

    private static Quote quote(KioskAssembly kiosk) {
        LineLookup.Renewable line = (LineLookup.Renewable) kiosk.renewals().lookUp(LineId.parseNormalized("09012345678"));
        PlanOffer offer = line.offers().stream().filter(PlanOffer::sellable).findFirst().orElseThrow();
        return kiosk.renewals().quote(line.status(), offer.plan());
    }
}
