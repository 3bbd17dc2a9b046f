package jp.simkiosk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.domain.line.ApnSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken configuration files stop loading with one line naming the file, the key and what is wrong.
 * Each case starts from a small valid set of files, changes one thing and asserts the exact message.
 */
class ConfigLoaderBrokenFilesTest {

    private static final String KIOSK = "kiosk.yaml";
    private static final String PLANS = "plans.yaml";
    private static final String LINES = "lines.yaml";

    private static final String KIOSK_YAML = """
            kiosk:
              id: TEST-01
              location: Test hall
              timeZone: Asia/Tokyo
            languages:
              default: ja
              offered: [ja, en, zh-Hans, zh-Hant, ko]
            idle:
              timeoutSeconds: 120
              warningSeconds: 30
            display:
              mode: window
              width: 540
              height: 960
              orientation: portrait
              exitKeyEnabled: true
            devices:
              cardReader:
                driver: simulator
                required: true
                delayMs: 600
              receiptPrinter:
                driver: serial
                required: true
                port: /dev/ttyUSB0
                baud: 115200
                timeoutMs: 3000
              simDispenser:
                driver: simulator
                required: false
                delayMs: 300
                stockFile: stock.txt
            dataFolder: data
            upstream:
              mode: simulator
              demoLines: lines.yaml
            issuer:
              name: Test Mobile K.K.
              registrationNumber: T7123456789012
            supportContact: 0120-000-000
            catalog: plans.yaml
            operators:
              - name: Staff A
                role: operator
                pinHash: pbkdf2-sha256$210000$u9lV/QmRcmpm/EvWstmhcQ==$1a0KsAcpQCvMJLYtd/9E0pziM7bDlWCqnUZ43XvEmjU=
            payment:
              methods: [card, transport-ic, qr-wallet]
              qrWallet:
                provider: simulator
                pollIntervalMs: 500
                qrValiditySeconds: 120
                approveAfterSeconds: 8
            newSim:
              takeSeconds: 30
              apn:
                name: sample.jp
                authentication: none
            """;

    private static final String PLANS_YAML = """
            plans:
              - id: renew-1gb
                kind: renew-sim
                data: 1GB
                validityDays: 3
                priceYen: 300
                renewal: stack
                idCheckRequired: false
                sellableOffline: true
                name: {ja: 一, en: One, zh-Hans: 一, zh-Hant: 壹, ko: 일}
                description: {ja: 説明, en: Text, zh-Hans: 说明, zh-Hant: 說明, ko: 설명}
              - id: renew-esim-day
                kind: renew-esim
                data: 500MB
                validityDays: 1
                priceYen: 500
                renewal: start-now
                idCheckRequired: false
                sellableOffline: false
                name: {ja: 二, en: Two, zh-Hans: 二, zh-Hant: 貳, ko: 이}
                description: {ja: 説明, en: Text, zh-Hans: 说明, zh-Hant: 說明, ko: 설명}
              - id: new-esim
                kind: new-esim
                data: unlimited
                validityDays: 7
                priceYen: 3980
                idCheckRequired: false
                sellableOffline: false
                name: {ja: 三, en: Three, zh-Hans: 三, zh-Hant: 參, ko: 삼}
                description: {ja: 説明, en: Text, zh-Hans: 说明, zh-Hant: 說明, ko: 설명}
            """;

    private static final String LINES_YAML = """
            lines:
              - id: "090-1234-5678"
                form: sim
                currentPlan: renew-1gb
                expiresInDays: 2
                renewable: true
              - id: "8981 1030 0001 2345 673"
                form: esim
                currentPlan: new-esim
                expiresInDays: -1
                renewable: true
                allowedPlans: [renew-esim-day]
            """;

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-04-01T03:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void writeValidFiles() throws IOException {
        Files.writeString(dir.resolve(KIOSK), KIOSK_YAML);
        Files.writeString(dir.resolve(PLANS), PLANS_YAML);
        Files.writeString(dir.resolve(LINES), LINES_YAML);
        Files.writeString(dir.resolve("stock.txt"), "8981102000001111111\n");
    }

    @Test
    void theUnbrokenFilesLoad() throws Exception {
        KioskConfig c = ConfigLoader.load(dir.resolve(KIOSK), clock);

        assertThat(c.kioskId()).isEqualTo("TEST-01");
        assertThat(c.issuer().location()).isEqualTo("Test hall");
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.devices().simDispenser()).isEqualTo(
                new DeviceSetup.Simulated(false, java.time.Duration.ofMillis(300), dir.resolve("stock.txt")));
        assertThat(c.plans()).hasSize(3);
        assertThat(((KioskConfig.Upstream.Simulated) c.upstream()).lines()).hasSize(2);
        assertThat(c.upstream().keepAcknowledgedDays()).as("the default").isEqualTo(30);
        assertThat(c.operators()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Staff A");
            assertThat(o.role()).isEqualTo(jp.simkiosk.application.operator.OperatorRole.OPERATOR);
            assertThat(o.pinHash().matches("1111")).isTrue();
            assertThat(o.pinHash().matches("1112")).isFalse();
        });
        assertThat(c.newSim().apn()).as("user name and password are optional")
                .isEqualTo(new ApnSettings("sample.jp", "", "", ApnSettings.Authentication.NONE));
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                // kiosk.yaml: presence, types, unknown keys
                broken("missing key", KIOSK, "  timeZone: Asia/Tokyo\n", "",
                        "kiosk.timeZone: missing"),
                broken("key without a value", KIOSK, "supportContact: 0120-000-000", "supportContact:",
                        "supportContact: missing"),
                broken("missing section", KIOSK, "issuer:\n  name: Test Mobile K.K.\n  registrationNumber: T7123456789012\n", "",
                        "issuer: missing"),
                broken("wrong type", KIOSK, "width: 540", "width: wide",
                        "display.width: must be a whole number from 320 to 7680, got \"wide\""),
                broken("number out of range", KIOSK, "height: 960", "height: 99999",
                        "display.height: must be a whole number from 320 to 7680, got 99999"),
                broken("section of the wrong type", KIOSK, "idle:\n  timeoutSeconds: 120\n  warningSeconds: 30\n", "idle: 120\n",
                        "idle: must be a mapping of keys, got 120"),
                broken("unknown key", KIOSK, "  exitKeyEnabled: true\n", "  exitKeyEnabled: true\n  colour: blue\n",
                        "display.colour: unknown key; expected one of mode, width, height, orientation, exitKeyEnabled"),
                broken("unknown top-level key (typo)", KIOSK, "dataFolder: data", "dataFolders: data",
                        "dataFolders: unknown key; expected one of kiosk, languages, idle, display, devices, dataFolder,"
                                + " storage, upstream, issuer, supportContact, catalog, operators, payment, newSim,"
                                + " maintenance"),
                // operators
                broken("operator role unknown", KIOSK, "role: operator", "role: manager",
                        "operators[0].role: must be one of operator, technician, got \"manager\""),
                broken("operator PIN given in clear", KIOSK, "pinHash: pbkdf2", "pinHash: \"1234\" #",
                        "operators[0].pinHash: not a pbkdf2-sha256$iterations$salt$hash PIN hash (make one with --hash-pin)"),
                broken("operator PIN hash with too few iterations", KIOSK, "pinHash: pbkdf2-sha256$210000$",
                        "pinHash: pbkdf2-sha256$1000$",
                        "operators[0].pinHash: PIN hash needs at least 100000 iterations, has 1000 (make one with --hash-pin)"),
                broken("operator listed twice", KIOSK, "  - name: Staff A\n",
                        "  - name: Staff A\n    role: technician\n    pinHash: pbkdf2-sha256$210000$u9lV/QmRcmpm/EvWstmhcQ==$1a0KsAcpQCvMJLYtd/9E0pziM7bDlWCqnUZ43XvEmjU=\n  - name: Staff A\n",
                        "operators[1].name: operator \"Staff A\" is listed twice"),
                // maintenance entry key
                broken("entry key that is no key", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKey: Ctrl+Foo\n",
                        "maintenance.entryKey: must be a key combination such as Ctrl+Alt+M or F12, got \"Ctrl+Foo\""),
                broken("entry key of modifiers only", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKey: Ctrl+Alt\n",
                        "maintenance.entryKey: must be a key combination such as Ctrl+Alt+M or F12, got \"Ctrl+Alt\""),
                broken("entry key given as a character", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKey: \"'m'\"\n",
                        "maintenance.entryKey: must be a key combination such as Ctrl+Alt+M or F12, got \"'m'\""),
                broken("entry key a scanner would type", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKey: Shift+M\n",
                        "maintenance.entryKey: a letter, digit or space needs Ctrl, Alt or Meta (alone any keyboard or"
                                + " scanner would type it), got \"Shift+M\""),
                broken("entry key as a number", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKey: 12\n",
                        "maintenance.entryKey: must be text, got 12"),
                broken("unknown key under maintenance", KIOSK, "catalog: plans.yaml\n",
                        "catalog: plans.yaml\nmaintenance:\n  entryKeys: F12\n",
                        "maintenance.entryKeys: unknown key; expected one of entryKey"),
                broken("quoted boolean", KIOSK, "exitKeyEnabled: true", "exitKeyEnabled: \"yes\"",
                        "display.exitKeyEnabled: must be true or false, got \"yes\""),
                broken("unknown display mode", KIOSK, "mode: window", "mode: fullscreen",
                        "display.mode: must be one of window, full-screen, got \"fullscreen\""),
                broken("orientation against the size", KIOSK, "orientation: portrait", "orientation: landscape",
                        "display.orientation: landscape needs width greater than height, got 540x960"),
                broken("bad kiosk id", KIOSK, "id: TEST-01", "id: TEST 01",
                        "kiosk.id: must be 1 to 32 letters, digits, '-' or '_' starting with a letter or digit, got \"TEST 01\""),
                broken("bad time zone", KIOSK, "timeZone: Asia/Tokyo", "timeZone: Japan/Tokyo",
                        "kiosk.timeZone: must be a time zone such as Asia/Tokyo, got \"Japan/Tokyo\""),
                // languages and idle time-out
                broken("bad language", KIOSK, "offered: [ja, en, zh-Hans, zh-Hant, ko]", "offered: [ja, en, fr]",
                        "languages.offered[2]: must be one of ja, en, zh-Hans, zh-Hant, ko, got \"fr\""),
                broken("language listed twice", KIOSK, "offered: [ja, en, zh-Hans, zh-Hant, ko]", "offered: [ja, en, ja]",
                        "languages.offered[2]: \"ja\" is listed twice"),
                broken("default not offered", KIOSK, "offered: [ja, en, zh-Hans, zh-Hant, ko]", "offered: [en, ko]",
                        "languages.default: \"ja\" is not among languages.offered"),
                broken("idle time-out under 30 s", KIOSK, "timeoutSeconds: 120", "timeoutSeconds: 20",
                        "idle.timeoutSeconds: must be a whole number of seconds from 30 to 3600, got 20"),
                broken("warning under 20 s", KIOSK, "warningSeconds: 30", "warningSeconds: 15",
                        "idle.warningSeconds: must be at least 20 seconds so that a customer can extend the session"
                                + " (WCAG 2.2.1), got 15"),
                broken("warning as long as the time-out", KIOSK, "warningSeconds: 30", "warningSeconds: 120",
                        "idle.warningSeconds: must be at most 110 (idle.timeoutSeconds 120 minus 10 s before the"
                                + " warning shows), got 120"),
                // devices
                broken("unknown driver", KIOSK, "driver: simulator\n    required: true", "driver: usb\n    required: true",
                        "devices.cardReader.driver: must be one of simulator, serial, got \"usb\""),
                broken("bad baud", KIOSK, "baud: 115200", "baud: 115000",
                        "devices.receiptPrinter.baud: must be a standard baud rate (1200, 2400, 4800, 9600, 19200,"
                                + " 38400, 57600, 115200, 230400, 460800, 921600), got 115000"),
                broken("serial without port", KIOSK, "    port: /dev/ttyUSB0\n", "",
                        "devices.receiptPrinter.port: missing"),
                broken("not a serial port", KIOSK, "port: /dev/ttyUSB0", "port: ttyUSB0",
                        "devices.receiptPrinter.port: must be a serial port such as /dev/ttyUSB0 or COM3, got \"ttyUSB0\""),
                broken("serial timeout too short", KIOSK, "timeoutMs: 3000", "timeoutMs: 10",
                        "devices.receiptPrinter.timeoutMs: must be a whole number of milliseconds from 100 to 60000, got 10"),
                broken("serial key on a simulator", KIOSK, "delayMs: 600", "delayMs: 600\n    baud: 9600",
                        "devices.cardReader.baud: unknown key; expected one of driver, required, delayMs"),
                broken("stock file on a device without stock", KIOSK, "delayMs: 600", "delayMs: 600\n    stockFile: stock.txt",
                        "devices.cardReader.stockFile: unknown key; expected one of driver, required, delayMs"),
                broken("simulated delay out of range", KIOSK, "delayMs: 300", "delayMs: -5",
                        "devices.simDispenser.delayMs: must be a whole number of milliseconds from 0 to 10000, got -5"),
                broken("two devices on one port", KIOSK,
                        "    driver: simulator\n    required: false\n    delayMs: 300\n    stockFile: stock.txt\n",
                        "    driver: serial\n    required: false\n    port: /dev/ttyUSB0\n    baud: 38400\n    timeoutMs: 3000\n",
                        "devices.simDispenser.port: /dev/ttyUSB0 is already used by devices.receiptPrinter.port"),
                broken("missing stock file", KIOSK, "stockFile: stock.txt", "stockFile: nostock.txt",
                        "devices.simDispenser.stockFile: no such file: {dir}/nostock.txt"),
                broken("stock file that is a folder", KIOSK, "stockFile: stock.txt", "stockFile: .",
                        "devices.simDispenser.stockFile: is not a regular file: {dir}"),
                // data folder, upstream, issuer, catalog
                broken("data folder that is a file", KIOSK, "dataFolder: data", "dataFolder: plans.yaml",
                        "dataFolder: is a file, not a folder: {dir}/plans.yaml"),
                broken("export folder that is a file", KIOSK, "dataFolder: data\n",
                        "dataFolder: data\nstorage:\n  exportDir: plans.yaml\n",
                        "storage.exportDir: is a file, not a folder: {dir}/plans.yaml"),
                broken("export folder not text", KIOSK, "dataFolder: data\n",
                        "dataFolder: data\nstorage:\n  exportDir: [usb]\n",
                        "storage.exportDir: must be text, got a list"),
                broken("unknown storage key", KIOSK, "dataFolder: data\n",
                        "dataFolder: data\nstorage:\n  exportFolder: usb\n",
                        "storage.exportFolder: unknown key; expected one of minFreeMegabytes, exportDir"),
                broken("unknown upstream mode", KIOSK, "mode: simulator", "mode: rest",
                        "upstream.mode: must be one of simulator, http, got \"rest\""),
                broken("missing demo lines file", KIOSK, "demoLines: lines.yaml", "demoLines: missing.yaml",
                        "upstream.demoLines: no such file: {dir}/missing.yaml"),
                broken("http without a secret file", KIOSK, "  mode: simulator\n  demoLines: lines.yaml\n",
                        "  mode: http\n  baseUrl: https://backoffice.example.jp/kiosk/v1\n"
                                + "  lookupTimeoutMs: 5000\n  requestTimeoutMs: 15000\n",
                        "upstream.secretFile: missing"),
                broken("plain http to another host", KIOSK, "  mode: simulator\n  demoLines: lines.yaml\n",
                        "  mode: http\n  baseUrl: http://backoffice.example.jp/kiosk/v1\n  secretFile: secret\n"
                                + "  lookupTimeoutMs: 5000\n  requestTimeoutMs: 15000\n",
                        "upstream.baseUrl: must be an absolute https URL without query or fragment,"
                                + " got \"http://backoffice.example.jp/kiosk/v1\""),
                broken("demo lines key in http mode", KIOSK, "  mode: simulator\n",
                        "  mode: http\n  baseUrl: https://backoffice.example.jp/kiosk/v1\n  secretFile: secret\n"
                                + "  lookupTimeoutMs: 5000\n  requestTimeoutMs: 15000\n",
                        "upstream.demoLines: unknown key; expected one of mode, baseUrl, secretFile, lookupTimeoutMs,"
                                + " requestTimeoutMs, keepAcknowledgedDays"),
                broken("days to keep acknowledged events out of range", KIOSK, "  demoLines: lines.yaml\n",
                        "  demoLines: lines.yaml\n  keepAcknowledgedDays: 0\n",
                        "upstream.keepAcknowledgedDays: must be a whole number of days from 1 to 3660, got 0"),
                broken("days to keep acknowledged events not a number", KIOSK, "  demoLines: lines.yaml\n",
                        "  demoLines: lines.yaml\n  keepAcknowledgedDays: month\n",
                        "upstream.keepAcknowledgedDays: must be a whole number of days from 1 to 3660, got \"month\""),
                broken("bad registration number", KIOSK, "T7123456789012", "T1123456789012",
                        "issuer.registrationNumber: not a qualified invoice registration number: check digit does"
                                + " not match, got \"T1123456789012\""),
                broken("registration number without T", KIOSK, "T7123456789012", "7123456789012",
                        "issuer.registrationNumber: not a qualified invoice registration number: must be T followed"
                                + " by 13 digits, got 7123456789012"),
                broken("missing catalog file", KIOSK, "catalog: plans.yaml", "catalog: plan.yaml",
                        "catalog: no such file: {dir}/plan.yaml"),
                // payment methods and the QR wallet
                broken("unknown payment method", KIOSK, "methods: [card, transport-ic, qr-wallet]", "methods: [card, cash]",
                        "payment.methods[1]: must be one of card, transport-ic, qr-wallet, got \"cash\""),
                broken("payment method listed twice", KIOSK, "methods: [card, transport-ic, qr-wallet]",
                        "methods: [card, qr-wallet, card]", "payment.methods[2]: \"card\" is listed twice"),
                broken("no payment method", KIOSK, "methods: [card, transport-ic, qr-wallet]", "methods: []",
                        "payment.methods: must list at least one item"),
                broken("QR wallet without a provider", KIOSK, "  qrWallet:\n    provider: simulator\n    pollIntervalMs: 500\n"
                                + "    qrValiditySeconds: 120\n    approveAfterSeconds: 8\n", "",
                        "payment.qrWallet: missing (payment.methods lists qr-wallet)"),
                broken("QR wallet provider without the method", KIOSK, "methods: [card, transport-ic, qr-wallet]",
                        "methods: [card, transport-ic]", "payment.qrWallet: is only used when payment.methods lists qr-wallet"),
                broken("unknown wallet provider", KIOSK, "provider: simulator", "provider: paypay",
                        "payment.qrWallet.provider: must be one of simulator, backoffice, got \"paypay\""),
                broken("simulator key on the back office provider", KIOSK, "provider: simulator", "provider: backoffice",
                        "payment.qrWallet.qrValiditySeconds: unknown key; expected one of provider, pollIntervalMs"),
                broken("back office wallet with the simulated upstream", KIOSK,
                        "  qrWallet:\n    provider: simulator\n    pollIntervalMs: 500\n"
                                + "    qrValiditySeconds: 120\n    approveAfterSeconds: 8\n",
                        "  qrWallet:\n    provider: backoffice\n    pollIntervalMs: 500\n",
                        "payment.qrWallet.provider: backoffice needs the back office over HTTP (upstream.mode: http),"
                                + " got upstream.mode: simulator"),
                broken("simulated customer who never pays", KIOSK, "approveAfterSeconds: 8", "approveAfterSeconds: 120",
                        "payment.qrWallet.approveAfterSeconds: must be less than qrValiditySeconds (120), or the simulated"
                                + " customer never pays, got 120"),
                // new SIMs
                broken("take time too short", KIOSK, "takeSeconds: 30", "takeSeconds: 3",
                        "newSim.takeSeconds: must be a whole number of seconds from 10 to 300, got 3"),
                broken("APN with a space", KIOSK, "name: sample.jp", "name: sample jp",
                        "newSim.apn.name: must be an APN such as \"sample.jp\" (letters, digits, '.', '-'), got \"sample jp\""),
                broken("unknown APN authentication", KIOSK, "authentication: none", "authentication: mschap",
                        "newSim.apn.authentication: must be one of none, pap, chap, pap-or-chap, got \"mschap\""),
                broken("no new SIM section", KIOSK, "newSim:\n  takeSeconds: 30\n  apn:\n    name: sample.jp\n"
                                + "    authentication: none\n", "", "newSim: missing"),
                // YAML itself
                broken("YAML syntax error", KIOSK, "  mode: window\n", "  mode: window: full\n",
                        "line 12, column 15: not valid YAML: mapping values are not allowed here"),
                broken("tab indentation", KIOSK, "  id: TEST-01\n", "\tid: TEST-01\n",
                        "line 2, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                                + " (Do not use \\t(TAB) for indentation)"),
                broken("key given twice", KIOSK, "  mode: window\n", "  mode: window\n  mode: full-screen\n",
                        "line 13, column 7: not valid YAML: key \"mode\" is given twice"),
                broken("two YAML documents", KIOSK, "catalog: plans.yaml\n", "catalog: plans.yaml\n---\nkiosk: {}\n",
                        "line 43, column 1: a second YAML document begins here (after a --- line); a configuration file holds exactly one"),
                broken("empty file", KIOSK, KIOSK_YAML, "# nothing yet\n",
                        "(file): is empty"),
                broken("a list instead of a mapping", KIOSK, KIOSK_YAML, "- kiosk\n",
                        "(file): must be a mapping of keys at the top level, got a list"),
                // plans.yaml
                broken("plan missing a language", PLANS, "name: {ja: 一, en: One, zh-Hans: 一, zh-Hant: 壹, ko: 일}",
                        "name: {ja: 一, en: One, zh-Hans: 一, zh-Hant: 壹}",
                        "plans[0].name.ko: missing"),
                broken("plan with an unknown language", PLANS, "name: {ja: 三, en: Three, zh-Hans: 三, zh-Hant: 參, ko: 삼}",
                        "name: {ja: 三, en: Three, zh: 三, zh-Hant: 參, ko: 삼}",
                        "plans[2].name.zh: unknown key; expected one of ja, en, zh-Hans, zh-Hant, ko"),
                broken("duplicate plan id", PLANS, "id: new-esim", "id: renew-1gb",
                        "plans[2].id: duplicate plan id \"renew-1gb\", already used at plans[0].id"),
                broken("fractional price", PLANS, "priceYen: 300", "priceYen: 300.5",
                        "plans[0].priceYen: must be a whole number of yen from 1 to 49999, got 300.5"),
                broken("price that needs a revenue stamp", PLANS, "priceYen: 3980", "priceYen: 50000",
                        "plans[2].priceYen: must be a whole number of yen from 1 to 49999, got 50000"),
                broken("unknown plan kind", PLANS, "kind: renew-sim", "kind: renew-phone",
                        "plans[0].kind: must be one of renew-sim, renew-esim, new-sim, new-esim, got \"renew-phone\""),
                broken("data amount with a space", PLANS, "data: 1GB", "data: 1 GB",
                        "plans[0].data: must be an amount such as \"500MB\" or \"3GB\", or \"unlimited\", got \"1 GB\""),
                broken("reduced tax rate", PLANS, "    priceYen: 500\n", "    priceYen: 500\n    taxRate: 8\n",
                        "plans[1].taxRate: must be 10 (telecom services are taxed at the standard rate), got 8"),
                broken("renewal rule on a new plan", PLANS, "    priceYen: 3980\n", "    priceYen: 3980\n    renewal: stack\n",
                        "plans[2].renewal: only renewal plans (renew-sim, renew-esim) have a renewal rule; a new line"
                                + " starts now"),
                broken("renewal plan without a rule", PLANS, "    renewal: start-now\n", "",
                        "plans[1].renewal: missing"),
                broken("new voice line without an ID check", PLANS, "    priceYen: 3980\n", "    priceYen: 3980\n    voiceMinutes: 0\n",
                        "plans[2].idCheckRequired: must be true for a new line with voice (the law requires an identity"
                                + " check for voice lines)"),
                broken("unlimited SMS misspelt", PLANS, "    priceYen: 300\n", "    priceYen: 300\n    sms: unlimted\n",
                        "plans[0].sms: must be \"unlimited\" or a whole number of messages from 1 to 100000, got \"unlimted\""),
                broken("new eSIM sold offline", PLANS, "    priceYen: 3980\n    idCheckRequired: false\n    sellableOffline: false\n",
                        "    priceYen: 3980\n    idCheckRequired: false\n    sellableOffline: true\n",
                        "plans[2].sellableOffline: must be false for a new eSIM: its activation code comes from the back office"),
                broken("empty catalog", PLANS, PLANS_YAML, "plans: []\n",
                        "plans: must list at least one item"),
                // demo lines
                broken("demo line with a bad check digit", LINES, "8981 1030 0001 2345 673", "8981 1030 0001 2345 674",
                        "lines[1].id: not a valid line: wrong ICCID check digit: the last digit should be 3, got"
                                + " \"8981 1030 0001 2345 674\""),
                broken("demo line without its check digit", LINES, "8981 1030 0001 2345 673", "8981 1030 0001 2345 67",
                        "lines[1].id: not a valid line: ICCID of 18 digits: the check digit is missing (it would be 3),"
                                + " got \"8981 1030 0001 2345 67\""),
                broken("demo line that is not a mobile number", LINES, "090-1234-5678", "050-1234-5678",
                        "lines[0].id: not a valid line: a mobile number starts with 070, 080 or 090 and then a digit"
                                + " other than 0, got \"050-1234-5678\""),
                broken("demo line written as bare digits", LINES, "\"090-1234-5678\"", "8981103000012345673",
                        "lines[0].id: must be quoted text such as \"090-1234-5678\" (YAML reads bare digits as a number),"
                                + " got 8981103000012345673"),
                broken("the same demo line twice", LINES, "\"090-1234-5678\"", "\"+81 90 1234 5678\"\n    form: sim\n"
                                + "    currentPlan: renew-1gb\n    expiresInDays: 1\n    renewable: true\n  - id: \"09012345678\"",
                        "lines[1].id: the same line as lines[0].id"),
                broken("demo line naming an unknown plan", LINES, "currentPlan: renew-1gb", "currentPlan: renew-2gb",
                        "lines[0].currentPlan: no plan \"renew-2gb\" in the catalog"),
                broken("demo line on a plan of the other form", LINES, "currentPlan: new-esim", "currentPlan: renew-1gb",
                        "lines[1].currentPlan: plan \"renew-1gb\" is for sim lines, this line's form is esim"),
                broken("demo line allowed a plan that is no renewal for it", LINES, "allowedPlans: [renew-esim-day]",
                        "allowedPlans: [renew-esim-day, new-esim]",
                        "lines[1].allowedPlans[1]: plan \"new-esim\" is not a renewal plan for esim lines"),
                broken("demo line expiry not a whole number", LINES, "expiresInDays: 2", "expiresInDays: 2.5",
                        "lines[0].expiresInDays: must be a whole number of days from -3660 to 3660, got 2.5"));
    }

    private static Arguments broken(String name, String file, String find, String replaceWith, String expected) {
        return Arguments.of(name, file, find, replaceWith, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileStopsLoadingWithOneClearLine(String name, String file, String find, String replaceWith,
            String expected) throws Exception {
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        assertThat(text.split(java.util.regex.Pattern.quote(find), -1)).as("'%s' occurs exactly once", find).hasSize(2);
        Files.writeString(target, text.replace(find, replaceWith));

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(dir.resolve(KIOSK), clock), ConfigException.class);

        assertThat(e).as("loading must fail").isNotNull();
        assertThat(e.getMessage()).isEqualTo(target + ": " + expected.replace("{dir}", dir.toString()));
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(e.file()).isEqualTo(target);
    }

    @Test
    void theMaintenanceEntryKeyIsOptionalAndReadInJavaFxNotation() throws Exception {
        assertThat(ConfigLoader.load(dir.resolve(KIOSK), clock).maintenanceEntryKey()).as("none configured").isEmpty();
        for (String written : new String[] {"Ctrl+Alt+M", "ctrl + alt + m", "F12", "Shortcut+Shift+F1"}) {
            Files.writeString(dir.resolve(KIOSK), KIOSK_YAML + "maintenance:\n  entryKey: " + written + "\n");
            var key = ConfigLoader.load(dir.resolve(KIOSK), clock).maintenanceEntryKey();
            assertThat(key).as(written).hasValue(javafx.scene.input.KeyCombination.valueOf(written));
        }
        Files.writeString(dir.resolve(KIOSK), KIOSK_YAML + "maintenance:\n");
        assertThat(ConfigLoader.load(dir.resolve(KIOSK), clock).maintenanceEntryKey()).isEmpty();
    }

    @Test
    void theExportFolderIsOptionalMayBeAbsentAndIsStoredAbsolute() throws Exception {
        assertThat(ConfigLoader.load(dir.resolve(KIOSK), clock).storage().exportDir()).isEmpty();
        Files.writeString(dir.resolve(KIOSK), KIOSK_YAML.replace("dataFolder: data\n",
                "dataFolder: data\nstorage:\n  exportDir: usb/exports\n"));
        KioskConfig c = ConfigLoader.load(dir.resolve(KIOSK), clock);
        assertThat(c.storage().exportDir()).as("not there yet: a stick is mounted when needed").hasValue(dir.resolve("usb/exports"));
        assertThat(c.storage().minFreeBytes()).as("the default").isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void missingKioskFile() throws Exception {
        Path absent = dir.resolve("absent.yaml");

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(absent, clock), ConfigException.class);

        assertThat(e.getMessage()).isEqualTo(absent + ": (file): does not exist");
        assertThat(e.key()).isEqualTo("(file)");
    }

    @Test
    void catalogThatIsNotUtf8() throws Exception {
        Files.write(dir.resolve(PLANS), new byte[] {'p', 'l', 'a', 'n', 's', ':', ' ', (byte) 0x82, (byte) 0xA0});

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(dir.resolve(KIOSK), clock), ConfigException.class);

        assertThat(e.getMessage()).isEqualTo(dir.resolve(PLANS) + ": (file): is not UTF-8 text");
    }

    @Test
    void relativePathIsReportedAndStoredAbsolute() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve(KIOSK));

        KioskConfig c = ConfigLoader.load(relative, clock);

        assertThat(c.source()).isEqualTo(dir.resolve(KIOSK)).isAbsolute();
        assertThat(c.plans()).hasSize(3);
    }
}
