package jp.simkiosk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.app.config.KioskConfig.Display;
import jp.simkiosk.app.config.KioskConfig.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.plan.DataAllowance;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.plan.RenewalRule;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.tax.TaxRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration files shipped in {@code kiosk-config/} load, with the values the briefs ask for. */
class ConfigLoaderShippedFilesTest {

    private static final Path SHIPPED = Path.of("kiosk-config");
    private static final Instant NOW = Instant.parse("2025-04-01T03:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void productionConfigurationLoadsWithoutTouchingAnyDevice() throws Exception {
        KioskConfig c = ConfigLoader.load(SHIPPED.resolve("kiosk.yaml"), clock);

        assertThat(c.source()).isEqualTo(SHIPPED.resolve("kiosk.yaml").toAbsolutePath().normalize());
        assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(c.defaultLanguage()).isEqualTo(Language.JA);
        assertThat(c.operators()).as("production ships no PINs").isEmpty();
        assertThat(c.maintenanceEntryKey()).as("production has no keyboard entry until set").isEmpty();
        assertThat(c.languages()).containsExactly(Language.values());
        assertThat(c.idleWarning()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(c.display()).isEqualTo(
                new Display(Display.Mode.FULL_SCREEN, 1080, 1920, Display.Orientation.PORTRAIT, false));
        assertThat(c.devices().receiptPrinter())
                .isEqualTo(new DeviceSetup.Serial(true, "/dev/ttyUSB0", 115200, Duration.ofMillis(3000)));
        assertThat(c.devices().simDispenser()).as("out of order or empty, it hides the new SIM journey only")
                .isEqualTo(new DeviceSetup.Serial(false, "/dev/ttyUSB1", 38400, Duration.ofMillis(5000)));
        assertThat(c.devices().cardReader())
                .isEqualTo(new DeviceSetup.Serial(true, "/dev/ttyACM0", 115200, Duration.ofMillis(3000)));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/sim-kiosk"));
        assertThat(c.storage().exportDir()).hasValue(Path.of("/media/sim-kiosk-usb"));
        assertThat(c.upstream()).isEqualTo(new Upstream.Http(URI.create("https://backoffice.example.jp/kiosk/v1"),
                Path.of("/etc/sim-kiosk/secret"), Duration.ofSeconds(5), Duration.ofSeconds(15), 90));
        assertThat(c.issuer().registrationNumber().value()).isEqualTo("T7123456789012");
        assertThat(c.plans()).hasSize(11);
        assertThat(c.payment().methods())
                .containsExactly(PaymentMethod.CARD, PaymentMethod.TRANSPORT_IC, PaymentMethod.QR_WALLET);
        assertThat(c.payment().qrWallet()).contains(new KioskConfig.QrWallet.BackOffice(Duration.ofSeconds(2)));
        assertThat(c.newSim()).isEqualTo(new KioskConfig.NewSim(Duration.ofSeconds(30),
                new ApnSettings("sample.jp", "sample@sample", "sample", ApnSettings.Authentication.CHAP)));
    }

    @Test
    void demoWithTheReferenceBackOfficeTalksToItOnLoopbackWithASecretOutsideTheShippedFolder() throws Exception {
        Path folder = copyShippedDemo();
        KioskConfig c = ConfigLoader.load(folder.resolve("kiosk-demo-backoffice.yaml"), clock);
        assertThat(c.upstream()).isEqualTo(new Upstream.Http(URI.create("http://127.0.0.1:8787/kiosk/v1"),
                tmp.resolve("data/demo-kiosk.secret"), Duration.ofMillis(1500), Duration.ofSeconds(5), 7));
        assertThat(((Upstream.Http) c.upstream()).secretFile().startsWith(folder)).isFalse();
        assertThat(c.kioskId()).isEqualTo("DEMO-01");
    }

    @Test
    void demoConfigurationLoadsWithSimulatorsAndDemoLines() throws Exception {
        Path folder = copyShippedDemo();

        KioskConfig c = ConfigLoader.load(folder.resolve("kiosk-demo.yaml"), clock);
        assertThat(c.maintenanceEntryKey()).hasValue(javafx.scene.input.KeyCombination.valueOf("Ctrl+Alt+M"));

        assertThat(c.display()).isEqualTo(new Display(Display.Mode.WINDOW, 540, 960, Display.Orientation.PORTRAIT, true));
        assertThat(c.devices().cardReader()).isEqualTo(new DeviceSetup.Simulated(true, Duration.ofMillis(600), null));
        assertThat(c.devices().receiptPrinter()).isEqualTo(new DeviceSetup.Simulated(true, Duration.ofMillis(300), null));
        assertThat(c.devices().simDispenser())
                .isEqualTo(new DeviceSetup.Simulated(false, Duration.ofMillis(300), folder.resolve("sim-stock.txt")));
        assertThat(c.payment().methods())
                .containsExactly(PaymentMethod.CARD, PaymentMethod.TRANSPORT_IC, PaymentMethod.QR_WALLET);
        assertThat(c.payment().qrWallet()).contains(new KioskConfig.QrWallet.Simulated(Duration.ofMillis(500),
                Duration.ofSeconds(120), Duration.ofSeconds(8)));
        assertThat(c.dataDir()).isEqualTo(tmp.resolve("data")).isAbsolute();
        assertThat(Files.exists(c.dataDir())).as("the loader creates nothing").isFalse();
        // the demo PINs documented in the README (Maintenance mode)
        assertThat(c.operators()).extracting(o -> o.role().name()).containsExactly("OPERATOR", "TECHNICIAN");
        assertThat(c.operators().get(0).pinHash().matches("1111")).isTrue();
        assertThat(c.operators().get(1).pinHash().matches("2222")).isTrue();
        assertThat(c.operators()).allSatisfy(o -> assertThat(o.pinHash().iterations())
                .isGreaterThanOrEqualTo(jp.simkiosk.application.operator.PinHash.MIN_ITERATIONS));

        List<LineStatus> lines = ((Upstream.Simulated) c.upstream()).lines();
        assertThat(c.upstream().keepAcknowledgedDays()).isEqualTo(7);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(new LineStatus(new MobileNumber("09012345678"), LineForm.PHYSICAL_SIM,
                Optional.of("renew-sim-10gb-7d"), Optional.of(NOW.plus(Duration.ofDays(2))), true, java.util.Set.of()));
        assertThat(lines.get(1).lineId()).isEqualTo(new Iccid("8981103000012345673"));
        assertThat(lines.get(1).form()).isEqualTo(LineForm.ESIM);
        assertThat(lines.get(1).allowedPlanIds()).containsExactlyInAnyOrder("renew-esim-daypass-1gb", "renew-esim-3gb-30d");
        assertThat(lines.get(2).lineId()).isInstanceOf(Iccid.class);
        assertThat(lines.get(2).form()).isEqualTo(LineForm.PHYSICAL_SIM);
        assertThat(lines.get(3).lineId()).isEqualTo(new MobileNumber("08023456789"));
        assertThat(lines.get(3).expiry()).contains(NOW.minus(Duration.ofDays(1)));
        assertThat(lines.get(3).renewable()).isTrue();
        assertThat(lines.get(4).expiry()).contains(NOW.minus(Duration.ofDays(40)));
        assertThat(lines.get(4).renewable()).isFalse();
    }

    @Test
    void shippedCatalogHasElevenPlansOfEveryKindInFiveLanguages() throws Exception {
        KioskConfig c = ConfigLoader.load(copyShippedDemo().resolve("kiosk-demo.yaml"), clock);
        Map<String, Plan> byId = c.plans().stream().collect(Collectors.toMap(Plan::id, Function.identity()));

        assertThat(byId).hasSize(11);
        assertThat(c.plans().stream().collect(Collectors.groupingBy(Plan::kind, Collectors.counting())))
                .containsEntry(PlanKind.RENEW_SIM, 3L).containsEntry(PlanKind.RENEW_ESIM, 3L)
                .containsEntry(PlanKind.NEW_SIM, 3L).containsEntry(PlanKind.NEW_ESIM, 2L);
        assertThat(byId.get("new-sim-voice-10gb-30d").requiresIdCheck()).as("a new voice line needs an ID check").isTrue();
        assertThat(byId.get("new-sim-5gb-8d").sellableOffline()).isTrue();
        assertThat(c.plans().stream().filter(p -> p.kind() == PlanKind.NEW_ESIM).noneMatch(Plan::sellableOffline))
                .as("an eSIM's code comes from the back office").isTrue();
        for (Plan p : c.plans()) {
            for (Language l : Language.values()) {
                assertThat(p.name().in(l)).as(p.id() + " name " + l).isNotBlank();
                assertThat(p.description().in(l)).as(p.id() + " description " + l).isNotBlank();
            }
            assertThat(p.taxRate()).isEqualTo(TaxRate.STANDARD_10);
            assertThat(p.requiresIdCheck()).as(p.id()).isEqualTo(p.hasVoice());
        }
        Plan voice = byId.get("renew-sim-voice-7gb-30d");
        assertThat(voice.voiceMinutes()).isEqualTo(OptionalInt.of(60));
        assertThat(voice.sms()).as("unlimited SMS is 0").isEqualTo(OptionalInt.of(0));
        assertThat(voice.price().amount()).isEqualTo(3300);
        Plan dayPass = byId.get("renew-esim-daypass-1gb");
        assertThat(dayPass.renewalRule()).isEqualTo(RenewalRule.START_NOW);
        assertThat(dayPass.data()).isEqualTo(DataAllowance.gigabytes(1));
        assertThat(byId.get("renew-sim-10gb-7d").price().amount()).isEqualTo(1430);
        assertThat(byId.get("new-esim-unlimited-7d").data()).isEqualTo(DataAllowance.unlimitedData());
        assertThat(byId.get("new-sim-5gb-8d").name().in(Language.ZH_HANT)).isEqualTo("數據SIM卡 5GB・8天");
    }

    @Test
    void loadedConfigurationCannotBeChanged() throws Exception {
        KioskConfig c = ConfigLoader.load(copyShippedDemo().resolve("kiosk-demo.yaml"), clock);
        List<LineStatus> lines = ((Upstream.Simulated) c.upstream()).lines();

        assertThatThrownBy(() -> c.languages().add(Language.KO)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.plans().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(lines::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> lines.get(1).allowedPlanIds().add("renew-esim-20gb-30d"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.plans().get(0).name().texts().put(Language.EN, "changed"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** The shipped demo files in a folder of their own, with a stock file (the shipped one is another helper's). */
    private Path copyShippedDemo() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("kiosk-config"));
        for (String name : List.of("kiosk-demo.yaml", "kiosk-demo-backoffice.yaml", "plans.yaml", "demo-lines.yaml")) {
            Files.copy(SHIPPED.resolve(name), folder.resolve(name));
        }
        Files.writeString(folder.resolve("sim-stock.txt"), "8981102000001111111\n");
        return folder;
    }
}
