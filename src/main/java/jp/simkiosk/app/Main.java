package jp.simkiosk.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import jp.simkiosk.app.config.ConfigException;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.operator.PinHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the kiosk: reads and validates the configuration (a broken one stops here with one line naming
 * the file, the key and the problem, exit code 2), then opens the window. Picocli parses the command line
 * so that usage, help and errors look like every other Unix tool's without hand-written parsing.
 */
@Command(name = "sim-kiosk", mixinStandardHelpOptions = true, version = "SIM Kiosk " + KioskAssembly.VERSION,
        description = "Self-service SIM and eSIM renewal kiosk.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "The kiosk configuration, e.g. kiosk-config/kiosk-demo.yaml (simulators, window) "
                    + "or kiosk-config/kiosk.yaml (production, full screen).")
    Path config;

    @Option(names = "--windowed", description = "Show a window even if the configuration says full screen (for staff testing on a desktop).")
    boolean windowed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Use this data folder instead of the configured one.")
    Path dataDir;

    @Option(names = "--check-config", description = "Only read and validate the configuration, then exit.")
    boolean checkOnly;

    @Option(names = "--hash-pin", description = "Read an operator PIN (4 to 8 digits) from standard input and print "
            + "its salted PBKDF2-HMAC-SHA256 hash for the operators: section of kiosk.yaml, then exit.")
    boolean hashPin;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        if (hashPin) return hashPin(System.in, System.out);
        if (config == null) {
            System.err.println("sim-kiosk: missing --config FILE (see --help)");
            return 2;
        }
        long launched = System.nanoTime();
        Clock clock = Clock.systemDefaultZone();
        KioskConfig cfg;
        try {
            cfg = ConfigLoader.load(config, clock);
        } catch (ConfigException e) {
            System.err.println("sim-kiosk: configuration error: " + e.getMessage());
            return 2;
        }
        if (dataDir != null) cfg = cfg.withDataDir(dataDir.toAbsolutePath());
        if (windowed) {
            KioskConfig.Display d = cfg.display();
            cfg = cfg.withDisplay(new KioskConfig.Display(KioskConfig.Display.Mode.WINDOW, d.width(), d.height(),
                    d.orientation(), true));
        }
        if (checkOnly) {
            System.out.println("configuration OK: " + config + " (" + cfg.plans().size() + " plans)");
            return 0;
        }
        try {
            return KioskLauncher.run(cfg, clock, launched);
        } catch (StartupException e) {
            log.error("start-up failed: {}", e.getMessage(), e);
            System.err.println("sim-kiosk: cannot start: " + e.getMessage());
            return 3;
        }
    }

    /** Reads a PIN (one line) and prints its hash; exit code 2 for something that is not a PIN. */
    static int hashPin(InputStream in, PrintStream out) {
        String pin;
        try {
            pin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            System.err.println("sim-kiosk: cannot read the PIN: " + e.getMessage());
            return 2;
        }
        try {
            out.println(PinHash.of(pin == null ? "" : pin.strip(), new SecureRandom()));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("sim-kiosk: " + e.getMessage());
            return 2;
        }
    }
}
