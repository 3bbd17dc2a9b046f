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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import jp.simkiosk.app.config.ConfigException;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.burnin.BurnIn;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.operator.PinHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the kiosk: reads and validates the configuration (a broken one stops here with one line naming
 * the file, the key and the problem, exit code 2), then opens the window — or, with {@code --burn-in N}, plays
 * N scripted customer sessions on the simulators without a window ({@link BurnIn}). Picocli parses the command line
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

    @Option(names = "--burn-in", paramLabel = "N", description = "Play N scripted customer sessions on the simulators, "
            + "headless, with a seeded mix of faults and declines; print one line per sale and a summary, then exit "
            + "(0: invariants hold, 1: broken). Data go to <data folder>/burn-in/<time> unless --data-dir is given.")
    Integer burnIn;

    @Option(names = "--seed", paramLabel = "S", description = "The burn-in's random seed (default: a new one, printed).")
    Long seed;

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
        if (burnIn != null) LogFiles.consoleErrorsOnly(); // the console is the burn-in's report; the log file gets all
        KioskConfig cfg;
        try {
            cfg = ConfigLoader.load(config, clock);
        } catch (ConfigException e) {
            System.err.println("sim-kiosk: configuration error: " + e.getMessage());
            return 2;
        }
        if (dataDir != null) {
            cfg = cfg.withDataDir(dataDir.toAbsolutePath());
        } else if (burnIn != null) {
            String run = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC)
                    .format(clock.instant());
            cfg = cfg.withDataDir(cfg.dataDir().resolve("burn-in").resolve(run));
        }
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
            if (burnIn != null) {
                return BurnIn.run(cfg, clock, burnIn, seed != null ? seed : new Random().nextLong(), System.out);
            }
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
