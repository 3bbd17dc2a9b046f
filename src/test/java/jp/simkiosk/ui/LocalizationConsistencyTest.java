package jp.simkiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.operator.IccidRange;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.LineIdProblem;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.ui.screens.ResultView;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.PaymentMethod;
import org.junit.jupiter.api.Test;

/**
 * Every text exists in every language: each bundle family under {@code i18n/} has the same keys in all
 * five languages, no empty value, the same {0} arguments, and a key for every enum value the screens turn
 * into text. A missing translation fails the build, not a customer.
 */
class LocalizationConsistencyTest {

    static final Path I18N = Path.of("src/main/resources/i18n");
    static final Pattern ARG = Pattern.compile("\\{(\\d+)[^}]*}");

    static Map<Language, Properties> family(String base) throws IOException {
        Map<Language, Properties> m = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            String file = base + "_" + l.locale().toString() + ".properties";
            try (InputStream in = I18nFiles.open(I18N.resolve(file))) {
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                m.put(l, p);
            }
        }
        return m;
    }

    static List<String> families() throws IOException {
        try (Stream<Path> files = Files.list(I18N)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.indexOf('_')))
                    .distinct().sorted().toList();
        }
    }

    @Test
    void everyFamilyHasAllFiveLanguagesWithTheSameKeysAndArguments() throws IOException {
        List<String> problems = new ArrayList<>();
        assertThat(families()).contains("messages");
        for (String base : families()) {
            Map<Language, Properties> f = family(base);
            Set<String> all = new TreeSet<>();
            f.values().forEach(p -> all.addAll(p.stringPropertyNames()));
            for (String key : all) {
                Set<String> argsInEnglish = args(f.get(Language.EN).getProperty(key, ""));
                for (Language l : Language.values()) {
                    String v = f.get(l).getProperty(key);
                    if (v == null) {
                        problems.add(base + ": '" + key + "' missing in " + l.tag());
                    } else if (v.isBlank()) {
                        problems.add(base + ": '" + key + "' empty in " + l.tag());
                    } else if (!args(v).equals(argsInEnglish)) {
                        problems.add(base + ": '" + key + "' in " + l.tag() + " has arguments " + args(v) + ", English has " + argsInEnglish);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void screenFamiliesNeverDefineTheSameKeyTwice() throws IOException {
        Map<String, String> owner = new java.util.HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (String family : I18n.FAMILIES) {
            String base = family.substring(family.lastIndexOf('.') + 1);
            for (String key : family(base).get(Language.EN).stringPropertyNames()) {
                String before = owner.put(key, base);
                if (before != null) clashes.add(key + " in " + before + " and " + base);
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void theScreensFindATextForEveryReasonTheyShow() throws IOException {
        Properties en = new Properties();
        for (String f : I18n.FAMILIES) en.putAll(family(f.substring(f.lastIndexOf('.') + 1)).get(Language.EN));
        List<String> needed = new ArrayList<>();
        for (LineIdProblem p : LineIdProblem.values()) needed.add("lineId.problem." + p.name());
        for (LineIdCheck.Kind k : LineIdCheck.Kind.values()) needed.add("identify.kind." + k.name());
        for (PaymentTerminal.DeclineReason r : PaymentTerminal.DeclineReason.values()) needed.add("payment.declined." + r.name());
        for (PaymentViewModel.Phase ph : PaymentViewModel.Phase.values()) needed.add("payment.phase." + ph.name());
        for (PaymentMethod m : PaymentMethod.values()) {
            needed.add("pay.method." + m.name());
            needed.add("pay.brands." + m.name());
            needed.add("pay.with." + m.name());
        }
        for (PlanKind k : List.of(PlanKind.NEW_SIM, PlanKind.NEW_ESIM)) {
            needed.add("buy.plans.title." + k.name());
            needed.add("buy.confirm.product." + k.name());
            needed.add("buy.confirm.note." + k.name());
            needed.add("buy.processing." + k.name());
        }
        for (PurchaseViewModel.SimPhase ph : PurchaseViewModel.SimPhase.values()) {
            needed.add("sim.title." + ph.name());
            needed.add("sim.hint." + ph.name());
        }
        for (Outcome o : Outcome.values()) {
            needed.add("result.title." + o.name());
            needed.add("result.detail." + o.name());
        }
        for (FailureReason r : ResultView.REASONS_SHOWN) needed.add("result.reason." + r.name());
        for (PlanOffer.Availability a : PlanOffer.Availability.values()) {
            if (a != PlanOffer.Availability.SELLABLE) needed.add("plan.unavailable." + a.name());
        }
        assertThat(needed).allSatisfy(k -> assertThat(en.getProperty(k)).as(k).isNotBlank());
    }

    @Test
    void theOperatorScreensFindATextForEveryValueTheyWordInsteadOfShowingItsName() throws IOException {
        Properties en = family("operator").get(Language.EN);
        List<String> needed = new ArrayList<>();
        for (FailureReason r : FailureReason.values()) needed.add("op.failure." + r.name());
        for (SaleStep s : SaleStep.values()) needed.add("op.saleStep." + s.name());
        for (IccidRange.Problem p : IccidRange.Problem.values()) needed.add("op.stock.problem." + p.name());
        for (Alarm.Kind k : Alarm.Kind.values()) {
            needed.add("op.alarm." + k.name());
            needed.add("op.status.reason." + k.name());
        }
        for (DeviceFault f : DeviceFault.values()) needed.add("op.fault." + f.name());
        for (DeviceState st : DeviceState.values()) needed.add("op.state." + st.name());
        for (MediaCondition m : MediaCondition.values()) needed.add("op.media." + m.name());
        assertThat(needed).allSatisfy(k -> assertThat(en.getProperty(k)).as(k).isNotBlank());
    }

    @Test
    void aMessageInsideAMessageIsWordedInTheSameLanguage() {
        I18n i18n = new I18n(Language.JA);
        Message m = new Message("op.test.failed", new Message("op.test.result.notPrinted", new Message("op.fault.JAM")));
        assertThat(i18n.text(m)).isEqualTo("テスト失敗：テストレシートを印刷できません：詰まり");
        i18n.setLanguage(Language.EN);
        assertThat(i18n.text(m)).isEqualTo("Test failed: test receipt not printed: jam");
    }

    @Test
    void theReceiptFindsATextForEveryApnAuthentication() throws IOException {
        Properties en = family("receipt").get(Language.EN);
        for (ApnSettings.Authentication a : ApnSettings.Authentication.values()) {
            assertThat(en.getProperty("apn.auth." + a.name())).as(a.name()).isNotBlank();
        }
    }

    @Test
    void everyLanguageLoadsThroughI18nAndFormatsArguments() {
        I18n i18n = new I18n(Language.JA);
        assertThat(i18n.text("result.reference", "K1-000001")).isEqualTo("受付番号：K1-000001");
        i18n.setLanguage(Language.KO);
        assertThat(i18n.text("plan.days", 30)).isEqualTo("30일");
        i18n.setLanguage(Language.ZH_HANT);
        assertThat(i18n.text("nav.back")).isEqualTo("返回");
        i18n.setLanguage(Language.ZH_HANS);
        assertThat(i18n.text("help.button")).isEqualTo("帮助");
        i18n.setLanguage(Language.EN);
        assertThat(i18n.text("idle.countdown", 25L)).isEqualTo("This session ends in 25 s.");
    }

    private static Set<String> args(String pattern) {
        Set<String> s = new TreeSet<>();
        Matcher m = ARG.matcher(pattern);
        while (m.find()) s.add(m.group(1));
        return s;
    }

    /** Opens a bundle file, failing with its name when it is missing. */
    static final class I18nFiles {
        static InputStream open(Path p) throws IOException {
            if (!Files.exists(p)) throw new AssertionError("missing translation file " + p);
            return Files.newInputStream(p);
        }
    }
}
