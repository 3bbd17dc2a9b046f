package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up from the command line: broken configuration, a serial port that does not exist. */
class StartupTest {

    @TempDir
    Path tmp;

    private int run(ByteArrayOutputStream err, ByteArrayOutputStream out, String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new Main()).execute(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void theShippedConfigurationsCheckOk() {
        for (String file : new String[] {"kiosk-config/kiosk.yaml", "kiosk-config/kiosk-demo.yaml"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(run(err, out, "--config", file, "--check-config")).as(err.toString()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("configuration OK: " + file);
        }
    }

    @Test
    void aBrokenConfigurationStopsWithOneLineNamingFileKeyAndProblem() throws Exception {
        Path dir = tmp.resolve("cfg");
        Files.createDirectories(dir);
        for (Path p : Files.list(Path.of("kiosk-config")).toList()) Files.copy(p, dir.resolve(p.getFileName()));
        Path demo = dir.resolve("kiosk-demo.yaml");
        Files.writeString(demo, Files.readString(demo).replace("width: 540", "width: wide"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, new ByteArrayOutputStream(), "--config", demo.toString(), "--check-config");
        assertThat(code).isEqualTo(2);
        String msg = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(msg.lines()).hasSize(1);
        assertThat(msg).startsWith("sim-kiosk: configuration error: " + demo.toAbsolutePath())
                .contains("display.width").contains("wide");
    }

    @Test
    void aSerialPortThatDoesNotExistStopsStartUpNamingTheDeviceAndThePort() throws Exception {
        KioskConfig demo = ConfigLoader.load(Path.of("kiosk-config/kiosk-demo.yaml"), Clock.systemUTC()).withDataDir(tmp);
        String port = tmp.resolve("ttyNOPE0").toString();
        KioskConfig cfg = demo.withDevices(new KioskConfig.Devices(demo.devices().cardReader(),
                new DeviceSetup.Serial(true, port, 115200, Duration.ofSeconds(2)), demo.devices().simDispenser()));
        assertThatThrownBy(() -> KioskAssembly.build(cfg, Clock.systemUTC()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("printer")
                .hasMessageContaining(port);
    }
}
