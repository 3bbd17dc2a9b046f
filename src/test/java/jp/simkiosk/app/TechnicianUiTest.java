package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician's pages (data export, device settings) clicked through on the demo kiosk with an export folder
 * of the test's; an operator does not see them. Snapshots of the new pages go to target/screens/.
 */
class TechnicianUiTest extends KioskUiTestBase {

    static final String TECHNICIAN_PIN = "2222";

    @TempDir
    Path usb;

    @Override
    UnaryOperator<KioskConfig> tweak() {
        return cfg -> cfg.withStorage(new KioskConfig.Storage(cfg.storage().minFreeBytes(), Optional.of(usb)));
    }

    void enter(String pin) {
        h.waitForScreen(Screen.ATTRACT);
        h.enterMaintenance(this, pin);
        h.waitForOperatorIdle();
    }

    @Test
    void anOperatorSeesNeitherDataExportNorDeviceSettings() {
        enter(MaintenanceModeUiTest.OPERATOR_PIN);
        assertThat(lookup("#opTab-STATUS").tryQuery()).isPresent();
        assertThat(lookup("#opTab-EXPORT").tryQuery()).isEmpty();
        assertThat(lookup("#opTab-DEVICES").tryQuery()).isEmpty();
    }

    @Test
    void theTechnicianExportsTheLast31DaysToTheExportFolder() throws Exception {
        enter(TECHNICIAN_PIN);
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-EXPORT");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opExportFolder")).isEqualTo("Export folder: " + usb);
        assertThat(KioskUiHarness.text(this, "#opExportRange")).as("the default range")
                .isEqualTo("Days: " + h.kiosk.operations().export().defaultRange().from() + " to "
                        + h.kiosk.operations().export().defaultRange().to());
        h.touch(this, "#opExportDays-6");
        h.touch(this, "#opExportDays-30");
        h.touch(this, "#opExport");
        h.waitForOperatorIdle();

        Path folder;
        try (Stream<Path> in = Files.list(usb)) {
            folder = in.collect(java.util.stream.Collectors.toList()).get(0);
        }
        assertThat(folder.getFileName().toString()).startsWith("export-DEMO-01-");
        assertThat(folder.resolve("manifest.json")).exists();
        assertThat(folder.resolve("sales.csv")).exists();
        assertThat(KioskUiHarness.text(this, "#opResult")).startsWith("Exported to " + folder.getFileName() + ": ");
        assertThat(KioskUiHarness.text(this, "#opExportResult")).contains("Written to " + folder)
                .contains("sales.csv · 0 row(s)").contains("audit-log.csv · 1 row(s)").contains("logs/kiosk.log");
        AuditLog.Entry e = h.kiosk.journal().operatorStore().recent(1).get(0);
        assertThat(e.action()).isEqualTo("data.export");
        assertThat(e.who()).isEqualTo("田中 (demo tech)");
        snap("op-12-export-en");

        // the stick pulled out: a clear message, audited
        Files.walk(usb).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        h.touch(this, "#opExport");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Not exported: the folder " + usb
                + " is missing. Is the USB stick plugged in and mounted?");
        assertThat(h.kiosk.journal().operatorStore().recent(1).get(0).after()).isEqualTo("FAILED FOLDER_MISSING");
        h.touch(this, "#opLang-ja");
        snap("op-12-export-ja");
    }

    @Test
    void theTechnicianSeesHowEachDeviceIsConfiguredAndWhatItReports() throws Exception {
        enter(TECHNICIAN_PIN);
        ((jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal) h.kiosk.cardReader()).setOffline(true);
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-DEVICES");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSetting-RECEIPT_PRINTER"))
                .startsWith("Driver: simulator · ESC/POS thermal printer\nSimulated delay per operation: 0 ms\nRequired:");
        assertThat(KioskUiHarness.text(this, "#opSettingState-RECEIPT_PRINTER")).startsWith("Now: ready\nError reported: none");
        assertThat(KioskUiHarness.text(this, "#opSettingState-CARD_READER")).startsWith("Now: offline");
        assertThat(KioskUiHarness.text(this, "#opConfigFile")).isEqualTo("Configuration file in effect: "
                + KioskUiHarness.DEMO_CONFIG.toAbsolutePath().normalize());
        assertThat(lookup(".text-field").tryQuery()).as("nothing to edit").isEmpty();
        snap("op-13-devices-en");
        h.touch(this, "#opLang-ja");
        snap("op-13-devices-ja");
    }

    void snap(String name) throws Exception {
        Files.createDirectories(ScreenTourTest.OUT);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage img = org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> h.ui.scene().snapshot(null)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                ScreenTourTest.OUT.resolve(name + ".png").toFile());
    }
}
