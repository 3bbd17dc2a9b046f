package jp.simkiosk.app.config;

import jp.simkiosk.application.operator.Operator;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.PinHash;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import java.util.regex.Pattern;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.app.config.KioskConfig.Devices;
import jp.simkiosk.app.config.KioskConfig.Display;
import jp.simkiosk.app.config.KioskConfig.Upstream;
import jp.simkiosk.application.port.CatalogValidator;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.PaymentMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates the kiosk's configuration once at start: the kiosk file ({@code kiosk.yaml} or
 * {@code kiosk-demo.yaml}), the plan catalog it names and, for the simulated back office, the demo lines.
 * Any missing, malformed or unknown value stops start-up with a {@link ConfigException} whose one-line
 * message names the file, the key path and what is wrong. Relative paths resolve against the folder of
 * the file that holds them; the result holds absolute paths. Nothing is created and no port is opened.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** Serial rates a device may use. */
    private static final List<Integer> STANDARD_BAUD_RATES =
            List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);

    private static final Pattern KIOSK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern SERIAL_PORT = Pattern.compile("/dev/[A-Za-z0-9/._-]+|COM[1-9][0-9]{0,2}");

    private static final long MEGABYTE = 1024L * 1024;
    private static final long DEFAULT_MIN_FREE_MEGABYTES = 100;

    private static final int MIN_DISPLAY = 320;
    private static final int MAX_DISPLAY = 7680;

    /** WCAG 2.2.1: at least 20 seconds to extend a time limit with one simple action. */
    private static final int MIN_WARNING_SECONDS = 20;
    /** Inactivity that must pass before the time-out warning may show. */
    private static final int MIN_QUIET_SECONDS = 10;

    /** The device simulators and drivers a device block may name. */
    private enum Driver { SIMULATOR, SERIAL }

    /** How the back office is reached. */
    private enum UpstreamMode { SIMULATOR, HTTP }

    /** Who takes QR wallet payments. */
    private enum WalletProvider { SIMULATOR, BACKOFFICE }

    private ConfigLoader() {}

    /**
     * Loads the configuration.
     *
     * @param kioskYaml the kiosk file; the catalog and demo lines files are found relative to its folder
     * @param clock     the demo lines' expiries are given in days from now
     * @throws ConfigException at the first problem found, naming file, key and reason
     */
    public static KioskConfig load(Path kioskYaml, Clock clock) throws ConfigException {
        Path file = kioskYaml.toAbsolutePath().normalize();
        ConfigNode root = ConfigNode.read(file).mapping("kiosk", "languages", "idle", "display", "devices",
                "dataFolder", "storage", "upstream", "issuer", "supportContact", "catalog", "operators", "payment",
                "newSim", "maintenance");

        ConfigNode kiosk = root.required("kiosk").mapping("id", "location", "timeZone");
        String kioskId = kioskId(kiosk.required("id"));
        String location = kiosk.required("location").text(120);
        ZoneId zone = zone(kiosk.required("timeZone"));

        ConfigNode languages = root.required("languages").mapping("default", "offered");
        List<Language> offered = offeredLanguages(languages.required("offered"));
        ConfigNode defaultNode = languages.required("default");
        Language defaultLanguage = language(defaultNode);
        if (!offered.contains(defaultLanguage)) {
            throw defaultNode.problem("\"" + defaultLanguage.tag() + "\" is not among languages.offered");
        }

        ConfigNode idle = root.required("idle").mapping("timeoutSeconds", "warningSeconds");
        long timeout = idle.required("timeoutSeconds").whole("a whole number of seconds", 30, 3600);
        ConfigNode warningNode = idle.required("warningSeconds");
        long warning = warningNode.whole("a whole number of seconds", 0, 3600);
        if (warning < MIN_WARNING_SECONDS) {
            throw warningNode.problem("must be at least " + MIN_WARNING_SECONDS
                    + " seconds so that a customer can extend the session (WCAG 2.2.1), got " + warning);
        }
        if (warning > timeout - MIN_QUIET_SECONDS) {
            throw warningNode.problem("must be at most " + (timeout - MIN_QUIET_SECONDS) + " (idle.timeoutSeconds "
                    + timeout + " minus " + MIN_QUIET_SECONDS + " s before the warning shows), got " + warning);
        }

        Display display = display(root.required("display"));
        Devices devices = devices(root.required("devices"));
        Path dataDir = dataFolder(root.required("dataFolder"));
        KioskConfig.Storage storage = storage(root.get("storage"));
        ConfigNode upstreamNode = root.required("upstream");
        UpstreamMode mode = upstreamNode.anyMapping().required("mode").oneOf(UpstreamMode.class);
        int keepDays = keepAcknowledgedDays(upstreamNode.get("keepAcknowledgedDays"));
        Upstream.Http http = null;
        Path demoLinesFile = null;
        if (mode == UpstreamMode.HTTP) {
            http = httpUpstream(upstreamNode, keepDays);
        } else {
            upstreamNode.mapping("mode", "demoLines", "keepAcknowledgedDays");
            demoLinesFile = upstreamNode.required("demoLines").existingFile();
        }

        ConfigNode issuerNode = root.required("issuer").mapping("name", "registrationNumber");
        String issuerName = issuerNode.required("name").text(100);
        RegistrationNumber registration = registrationNumber(issuerNode.required("registrationNumber"));
        String supportContact = root.required("supportContact").text(120);

        List<Plan> plans = PlansFile.read(root.required("catalog").existingFile());
        KioskConfig.Payment payment = payment(root.required("payment"));
        if (mode != UpstreamMode.HTTP && payment.qrWallet().filter(KioskConfig.QrWallet.BackOffice.class::isInstance).isPresent()) {
            // the back office's wallet is reached over the back office's HTTP link: there is none to reach it by
            throw root.required("payment").get("qrWallet").get("provider").problem(
                    "backoffice needs the back office over HTTP (upstream.mode: http), got upstream.mode: simulator");
        }
        KioskConfig.NewSim newSim = newSim(root.required("newSim"));
        Upstream upstream = http != null
                ? http
                : new Upstream.Simulated(DemoLinesFile.read(demoLinesFile, plans, clock.instant()), keepDays);

        KioskConfig config = new KioskConfig(file, kioskId, zone, defaultLanguage, offered,
                Duration.ofSeconds(timeout), Duration.ofSeconds(warning), display, devices, dataDir, storage, upstream,
                new Receipt.Issuer(issuerName, registration, location), supportContact, plans,
                operators(root.get("operators")), payment, newSim, maintenanceEntryKey(root.get("maintenance")));
        log.info("Configuration {} loaded: kiosk {}, {} plans, {} languages, upstream {}", file, kioskId,
                plans.size(), offered.size(), mode.name().toLowerCase(Locale.ROOT));
        return config;
    }

    /**
     * The {@code operators:} list: each with {@code name}, {@code role} (operator | technician) and
     * {@code pinHash} (PBKDF2-HMAC-SHA256, made with {@code --hash-pin}). Optional: without it nobody can enter
     * maintenance mode. Names are unique; the first operator whose hash matches a PIN is the one who enters.
     */
    private static List<Operator> operators(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return List.of();
        List<Operator> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ConfigNode item : n.nonEmptyList()) {
            ConfigNode o = item.mapping("name", "role", "pinHash");
            ConfigNode nameNode = o.required("name");
            String name = nameNode.text(40);
            if (!names.add(name)) throw nameNode.problem("operator \"" + name + "\" is listed twice");
            OperatorRole role = o.required("role").oneOf(OperatorRole.class);
            ConfigNode hashNode = o.required("pinHash");
            PinHash hash;
            try {
                hash = PinHash.parse(hashNode.text(200));
            } catch (IllegalArgumentException e) {
                throw hashNode.problem(e.getMessage() + " (make one with --hash-pin)");
            }
            out.add(new Operator(name, role, hash));
        }
        return out;
    }

    /**
     * Optional {@code maintenance.entryKey}: a key combination in JavaFX's notation ({@code Ctrl+Alt+M},
     * {@code F12}) that opens the PIN keypad where the hidden corner does. It must name a key (not a character
     * such as {@code 'm'}, which JavaFX also accepts), and a letter, digit or space needs Ctrl, Alt or Meta: alone
     * it would be typed by any keyboard or scanner plugged into the kiosk.
     */
    private static Optional<KeyCombination> maintenanceEntryKey(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return Optional.empty();
        n.mapping("entryKey");
        ConfigNode keyNode = n.get("entryKey");
        if (!keyNode.isPresent()) return Optional.empty();
        String text = keyNode.text(40);
        KeyCombination key;
        try {
            key = KeyCombination.valueOf(text);
        } catch (RuntimeException e) {
            key = null;
        }
        if (!(key instanceof KeyCodeCombination k)) {
            throw keyNode.problem("must be a key combination such as Ctrl+Alt+M or F12, got " + keyNode.describe());
        }
        boolean typeable = k.getCode().isLetterKey() || k.getCode().isDigitKey() || k.getCode() == KeyCode.SPACE;
        boolean held = k.getControl() == KeyCombination.ModifierValue.DOWN || k.getAlt() == KeyCombination.ModifierValue.DOWN
                || k.getMeta() == KeyCombination.ModifierValue.DOWN || k.getShortcut() == KeyCombination.ModifierValue.DOWN;
        if (typeable && !held) {
            throw keyNode.problem("a letter, digit or space needs Ctrl, Alt or Meta (alone any keyboard or scanner"
                    + " would type it), got " + keyNode.describe());
        }
        return Optional.of(k);
    }

    /** Where a catalog document received from upstream is said to come from, in messages. */
    public static final Path UPSTREAM_CATALOG = Path.of("upstream-catalog.json");

    /** Reads and validates a plan catalog file ({@code plans.yaml}); the plans in file order. */
    public static List<Plan> readPlans(Path plansYaml) throws ConfigException {
        return PlansFile.read(plansYaml.toAbsolutePath().normalize());
    }

    /**
     * Reads the demo lines file, checking each line's plans against {@code plans}.
     *
     * @param now the moment the lines' {@code expiresInDays} count from
     */
    public static List<LineStatus> readDemoLines(Path demoLinesYaml, List<Plan> plans, Instant now)
            throws ConfigException {
        return DemoLinesFile.read(demoLinesYaml.toAbsolutePath().normalize(), plans, now);
    }

    /**
     * The catalog document a back office serves: the plan file, validated, written as JSON with the same
     * keys (what {@link #plansFromJson} reads back).
     */
    public static String catalogJson(Path plansYaml) throws ConfigException {
        Path file = plansYaml.toAbsolutePath().normalize();
        PlansFile.read(file);
        try {
            return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new ConfigException(file, ConfigNode.WHOLE_FILE, "cannot be read: " + e.getMessage());
        }
    }

    /** Reads a catalog document from upstream (JSON) with exactly the rules of the plan file. */
    public static List<Plan> plansFromJson(String json) throws ConfigException {
        return PlansFile.plans(ConfigNode.parse(UPSTREAM_CATALOG, json, new ObjectMapper()));
    }

    /** {@link #plansFromJson} as the application's catalog validator. */
    public static CatalogValidator catalogValidator() {
        return document -> {
            try {
                return plansFromJson(document);
            } catch (ConfigException e) {
                throw new CatalogValidator.InvalidCatalogException(e.getMessage());
            }
        };
    }

    private static String kioskId(ConfigNode n) throws ConfigException {
        String id = n.text(32);
        if (!KIOSK_ID.matcher(id).matches()) {
            throw n.problem("must be 1 to 32 letters, digits, '-' or '_' starting with a letter or digit, got "
                    + n.describe());
        }
        return id;
    }

    private static ZoneId zone(ConfigNode n) throws ConfigException {
        String s = n.text(64);
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw n.problem("must be a time zone such as Asia/Tokyo, got " + n.describe());
        }
    }

    private static Language language(ConfigNode n) throws ConfigException {
        String tag = n.isText() ? n.text(64) : "";
        for (Language l : Language.values()) {
            if (l.tag().equals(tag)) return l;
        }
        throw n.problem("must be one of " + languageTags() + ", got " + n.describe());
    }

    private static String languageTags() {
        List<String> tags = new ArrayList<>();
        for (Language l : Language.values()) tags.add(l.tag());
        return String.join(", ", tags);
    }

    private static List<Language> offeredLanguages(ConfigNode n) throws ConfigException {
        List<Language> offered = new ArrayList<>();
        for (ConfigNode item : n.nonEmptyList()) {
            Language l = language(item);
            if (offered.contains(l)) throw item.problem("\"" + l.tag() + "\" is listed twice");
            offered.add(l);
        }
        return offered;
    }

    private static Display display(ConfigNode n) throws ConfigException {
        n.mapping("mode", "width", "height", "orientation", "exitKeyEnabled");
        Display.Mode mode = n.required("mode").oneOf(Display.Mode.class);
        int width = (int) n.required("width").whole("a whole number", MIN_DISPLAY, MAX_DISPLAY);
        int height = (int) n.required("height").whole("a whole number", MIN_DISPLAY, MAX_DISPLAY);
        ConfigNode orientationNode = n.required("orientation");
        Display.Orientation orientation = orientationNode.oneOf(Display.Orientation.class);
        if (orientation == Display.Orientation.PORTRAIT && height <= width) {
            throw orientationNode.problem("portrait needs height greater than width, got " + width + "x" + height);
        }
        if (orientation == Display.Orientation.LANDSCAPE && width <= height) {
            throw orientationNode.problem("landscape needs width greater than height, got " + width + "x" + height);
        }
        boolean exitKey = n.required("exitKeyEnabled").bool();
        return new Display(mode, width, height, orientation, exitKey);
    }

    private static Devices devices(ConfigNode n) throws ConfigException {
        n.mapping("cardReader", "receiptPrinter", "simDispenser");
        Map<String, String> portsInUse = new HashMap<>();
        DeviceSetup cardReader = device(n.required("cardReader"), false, portsInUse);
        DeviceSetup printer = device(n.required("receiptPrinter"), false, portsInUse);
        DeviceSetup dispenser = device(n.required("simDispenser"), true, portsInUse);
        return new Devices(cardReader, printer, dispenser);
    }

    /**
     * @param hasStock   whether this is the SIM dispenser, whose simulator needs a stock file
     * @param portsInUse serial ports already taken, with the key path that took them
     */
    private static DeviceSetup device(ConfigNode n, boolean hasStock, Map<String, String> portsInUse)
            throws ConfigException {
        Driver driver = n.anyMapping().required("driver").oneOf(Driver.class);
        if (driver == Driver.SIMULATOR) {
            if (hasStock) {
                n.mapping("driver", "required", "delayMs", "stockFile");
            } else {
                n.mapping("driver", "required", "delayMs");
            }
            boolean required = n.required("required").bool();
            Duration delay = Duration.ofMillis(n.required("delayMs").whole("a whole number of milliseconds", 0, 10_000));
            Path stock = hasStock ? n.required("stockFile").existingFile() : null;
            return new DeviceSetup.Simulated(required, delay, stock);
        }
        n.mapping("driver", "required", "port", "baud", "timeoutMs");
        boolean required = n.required("required").bool();
        ConfigNode portNode = n.required("port");
        String port = portNode.text(64);
        if (!SERIAL_PORT.matcher(port).matches()) {
            throw portNode.problem("must be a serial port such as /dev/ttyUSB0 or COM3, got " + portNode.describe());
        }
        String takenBy = portsInUse.putIfAbsent(port, portNode.key());
        if (takenBy != null) throw portNode.problem(port + " is already used by " + takenBy);
        int baud = n.required("baud").wholeOneOf("a standard baud rate", STANDARD_BAUD_RATES);
        Duration timeout = Duration.ofMillis(n.required("timeoutMs").whole("a whole number of milliseconds", 100, 60_000));
        return new DeviceSetup.Serial(required, port, baud, timeout);
    }

    private static Path dataFolder(ConfigNode n) throws ConfigException {
        Path dir = n.filePath(1024);
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw n.problem("is a file, not a folder: " + dir);
        return dir;
    }

    /**
     * Optional {@code storage}: {@code minFreeMegabytes}, the free space a sale needs to start (default 100 MB),
     * and {@code exportDir}, the folder data exports go to (optional; a path, resolved like the data folder, that
     * may be absent at start — a USB stick is mounted when needed — but must not be a file).
     */
    private static KioskConfig.Storage storage(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return new KioskConfig.Storage(DEFAULT_MIN_FREE_MEGABYTES * MEGABYTE);
        n.mapping("minFreeMegabytes", "exportDir");
        ConfigNode minFree = n.get("minFreeMegabytes");
        long mb = minFree.isPresent() ? minFree.whole("a whole number of megabytes", 1, 1_000_000)
                : DEFAULT_MIN_FREE_MEGABYTES;
        ConfigNode exportNode = n.get("exportDir");
        Optional<Path> exportDir = Optional.empty();
        if (exportNode.isPresent()) {
            Path dir = exportNode.filePath(1024);
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw exportNode.problem("is a file, not a folder: " + dir);
            exportDir = Optional.of(dir);
        }
        return new KioskConfig.Storage(mb * MEGABYTE, exportDir);
    }

    private static Upstream.Http httpUpstream(ConfigNode n, int keepDays) throws ConfigException {
        n.mapping("mode", "baseUrl", "secretFile", "lookupTimeoutMs", "requestTimeoutMs", "keepAcknowledgedDays");
        URI baseUrl = baseUrl(n.required("baseUrl"));
        Path secretFile = n.required("secretFile").filePath(1024);
        Duration lookup = Duration.ofMillis(
                n.required("lookupTimeoutMs").whole("a whole number of milliseconds", 500, 30_000));
        Duration request = Duration.ofMillis(
                n.required("requestTimeoutMs").whole("a whole number of milliseconds", 1_000, 120_000));
        return new Upstream.Http(baseUrl, secretFile, lookup, request, keepDays);
    }

    /** Days acknowledged sale events are kept; optional. */
    private static int keepAcknowledgedDays(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return Upstream.DEFAULT_KEEP_ACKNOWLEDGED_DAYS;
        return (int) n.whole("a whole number of days", 1, 3660);
    }

    /** https, or plain http to this machine only (a development back office): the kiosk secret must not travel in clear. */
    private static URI baseUrl(ConfigNode n) throws ConfigException {
        String s = n.text(200);
        String expected = "must be an absolute https URL without query or fragment, got " + n.describe();
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw n.problem(expected);
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw n.problem(expected);
        }
        boolean local = uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1");
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
            throw n.problem(expected);
        }
        return uri;
    }

    private static KioskConfig.Payment payment(ConfigNode n) throws ConfigException {
        n.mapping("methods", "qrWallet");
        ConfigNode methodsNode = n.required("methods");
        List<PaymentMethod> methods = new ArrayList<>();
        for (ConfigNode item : methodsNode.nonEmptyList()) {
            PaymentMethod m = item.oneOf(PaymentMethod.class);
            if (methods.contains(m)) throw item.problem("\"" + m.tag() + "\" is listed twice");
            methods.add(m);
        }
        ConfigNode walletNode = n.get("qrWallet");
        boolean wallet = methods.contains(PaymentMethod.QR_WALLET);
        if (wallet && !walletNode.isPresent()) throw walletNode.problem("missing (payment.methods lists qr-wallet)");
        if (!wallet && walletNode.isPresent()) {
            throw walletNode.problem("is only used when payment.methods lists qr-wallet");
        }
        return new KioskConfig.Payment(methods, wallet ? Optional.of(qrWallet(walletNode)) : Optional.empty());
    }

    private static KioskConfig.QrWallet qrWallet(ConfigNode n) throws ConfigException {
        WalletProvider provider = n.anyMapping().required("provider").oneOf(WalletProvider.class);
        if (provider == WalletProvider.BACKOFFICE) {
            n.mapping("provider", "pollIntervalMs");
        } else {
            n.mapping("provider", "pollIntervalMs", "qrValiditySeconds", "approveAfterSeconds");
        }
        Duration poll = Duration.ofMillis(n.required("pollIntervalMs").whole("a whole number of milliseconds", 100, 10_000));
        if (provider == WalletProvider.BACKOFFICE) return new KioskConfig.QrWallet.BackOffice(poll);
        long validity = n.required("qrValiditySeconds").whole("a whole number of seconds", 30, 600);
        ConfigNode approveNode = n.required("approveAfterSeconds");
        long approve = approveNode.whole("a whole number of seconds", 0, 600);
        if (approve >= validity) {
            throw approveNode.problem("must be less than qrValiditySeconds (" + validity + "), or the simulated"
                    + " customer never pays, got " + approve);
        }
        return new KioskConfig.QrWallet.Simulated(poll, Duration.ofSeconds(validity), Duration.ofSeconds(approve));
    }

    private static KioskConfig.NewSim newSim(ConfigNode n) throws ConfigException {
        n.mapping("takeSeconds", "apn");
        Duration take = Duration.ofSeconds(n.required("takeSeconds").whole("a whole number of seconds", 10, 300));
        ConfigNode apnNode = n.required("apn").mapping("name", "username", "password", "authentication");
        ConfigNode nameNode = apnNode.required("name");
        String name = nameNode.text(100);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,99}")) {
            throw nameNode.problem("must be an APN such as \"sample.jp\" (letters, digits, '.', '-'), got " + nameNode.describe());
        }
        String user = apnNode.get("username").isPresent() ? apnNode.get("username").text(64) : "";
        String password = apnNode.get("password").isPresent() ? apnNode.get("password").text(64) : "";
        ApnSettings.Authentication auth = apnNode.required("authentication").oneOf(ApnSettings.Authentication.class);
        return new KioskConfig.NewSim(take, new ApnSettings(name, user, password, auth));
    }

    private static RegistrationNumber registrationNumber(ConfigNode n) throws ConfigException {
        String s = n.isText() ? n.text(20) : "";
        try {
            return new RegistrationNumber(s);
        } catch (IllegalArgumentException e) {
            throw n.problem("not a qualified invoice registration number: " + e.getMessage() + ", got " + n.describe());
        }
    }
}
