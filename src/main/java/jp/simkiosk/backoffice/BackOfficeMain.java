package jp.simkiosk.backoffice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.simkiosk.adapter.upstream.http.KioskSecret;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the reference back office on this machine until it is stopped (Ctrl-C):
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=jp.simkiosk.backoffice.BackOfficeMain}. With the
 * defaults it serves {@code kiosk-config/plans.yaml} and {@code kiosk-config/demo-lines.yaml} to kiosk
 * {@code DEMO-01} on {@code http://127.0.0.1:8787/kiosk/v1}, creating that kiosk's secret file
 * {@code data/demo-kiosk.secret} if it is missing — what {@code kiosk-config/kiosk-demo-backoffice.yaml} uses.
 */
@Command(name = "backoffice", mixinStandardHelpOptions = true,
        description = "The SIM Kiosk reference back office (upstream contract docs/upstream-api.yaml) on loopback.")
public final class BackOfficeMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BackOfficeMain.class);

    @Option(names = "--port", defaultValue = "8787", description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--base-path", defaultValue = "/kiosk/v1", description = "contract base path (default ${DEFAULT-VALUE})")
    String basePath;

    @Option(names = "--db", defaultValue = "data/backoffice/backoffice.db", description = "SQLite database (default ${DEFAULT-VALUE})")
    Path database;

    @Option(names = "--plans", defaultValue = "kiosk-config/plans.yaml", description = "catalog served (default ${DEFAULT-VALUE})")
    Path plansFile;

    @Option(names = "--demo-lines", defaultValue = "kiosk-config/demo-lines.yaml", description = "lines known (default ${DEFAULT-VALUE})")
    Path linesFile;

    @Option(names = "--kiosk", defaultValue = "DEMO-01=data/demo-kiosk.secret", split = ",",
            description = "kiosk id and its secret file, ID=FILE; repeatable (default ${DEFAULT-VALUE})")
    Map<String, Path> kioskSecrets = new LinkedHashMap<>();

    @Option(names = "--create-missing-secrets", negatable = true, defaultValue = "true",
            description = "write a random secret (mode 600) for a kiosk whose file is missing (default ${DEFAULT-VALUE})")
    boolean createMissingSecrets;

    @Option(names = "--max-skew-seconds", defaultValue = "300", description = "largest clock skew accepted (default ${DEFAULT-VALUE})")
    long maxSkewSeconds;

    @Option(names = "--wallet-approve-after", defaultValue = "8s",
            description = "the demo wallet pays a QR code this long after it is shown, e.g. 8s, 500ms; off: only"
                    + " POST /wallet-demo/{paymentId}/pay does (default ${DEFAULT-VALUE})")
    String walletApproveAfter;

    @Option(names = "--wallet-qr-validity", defaultValue = "120s", description = "how long a QR code can be paid (default ${DEFAULT-VALUE})")
    String walletQrValidity;

    @Option(names = "--esim-confirmation-code", description = "issue eSIM profiles that need a six-digit confirmation"
            + " code, given to the buyer beside the QR code (default: none)")
    boolean esimConfirmationCode;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackOfficeMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        List<Plan> plans = ConfigLoader.readPlans(plansFile);
        String catalog = ConfigLoader.catalogJson(plansFile);
        List<LineStatus> lines = ConfigLoader.readDemoLines(linesFile, plans, clock.instant());
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, Path> k : kioskSecrets.entrySet()) {
            if (!Files.exists(k.getValue()) && createMissingSecrets) createSecret(k.getValue());
            secrets.put(k.getKey(), KioskSecret.read(k.getValue()));
        }
        BackOfficeStore store = BackOfficeStore.open(database);
        BackOfficeServer server = new BackOfficeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                basePath, secrets, store, catalog, plans, lines, clock, Duration.ofSeconds(maxSkewSeconds), new Faults(),
                new WalletSettings(walletApproveAfter.equals("off") ? Optional.empty()
                        : Optional.of(duration(walletApproveAfter)), duration(walletQrValidity), "PayPay",
                        "https://pay.example/qr/"));
        server.esimConfirmationCodes(esimConfirmationCode);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "backoffice-shutdown"));
        server.start();
        log.info("kiosks {}; catalog {} ({} plans); {} demo lines; database {}", secrets.keySet(), plansFile,
                plans.size(), lines.size(), database.toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** "8s", "500ms", "2m". */
    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(text.trim());
        if (!m.matches()) throw new CommandLine.TypeConversionException("not a duration such as 8s or 500ms: " + text);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static void createSecret(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("no POSIX permissions on {}", file);
        }
        log.info("created a new kiosk secret in {}", file);
    }
}
