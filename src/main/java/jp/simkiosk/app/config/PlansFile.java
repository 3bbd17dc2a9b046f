package jp.simkiosk.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.LocalizedText;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.DataAllowance;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.plan.RenewalRule;
import jp.simkiosk.domain.tax.TaxRate;

/**
 * Reads the plan catalog file ({@code plans.yaml}): a list under {@code plans}, each plan with its id, kind,
 * data, validity, optional voice and SMS, price in yen tax included, renewal rule, whether it needs an
 * identity check, whether it may be sold offline, and its name and description in all five languages.
 */
final class PlansFile {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern DATA = Pattern.compile("([1-9][0-9]{0,5})(MB|GB)");

    /** Receipts of ¥50,000 or more need a revenue stamp, which an unstaffed kiosk cannot add. */
    private static final long MAX_PRICE_YEN = 49_999;

    private PlansFile() {}

    /** The plans in file order. */
    static List<Plan> read(Path file) throws ConfigException {
        return plans(ConfigNode.read(file));
    }

    /** The plans of a catalog document already parsed (from the shipped file or from upstream). */
    static List<Plan> plans(ConfigNode document) throws ConfigException {
        ConfigNode root = document.mapping("plans");
        List<Plan> plans = new ArrayList<>();
        Map<String, String> seenIds = new HashMap<>();
        for (ConfigNode p : root.required("plans").nonEmptyList()) {
            Plan plan = plan(p);
            ConfigNode id = p.required("id");
            String earlier = seenIds.putIfAbsent(plan.id(), id.key());
            if (earlier != null) {
                throw id.problem("duplicate plan id \"" + plan.id() + "\", already used at " + earlier);
            }
            plans.add(plan);
        }
        return plans;
    }

    private static Plan plan(ConfigNode p) throws ConfigException {
        p.mapping("id", "kind", "data", "validityDays", "voiceMinutes", "sms", "priceYen", "taxRate", "renewal",
                "idCheckRequired", "sellableOffline", "name", "description");
        ConfigNode idNode = p.required("id");
        String id = idNode.text(64);
        if (!ID.matcher(id).matches()) {
            throw idNode.problem("must be letters, digits, '.', '_' or '-' starting with a letter or digit, got "
                    + idNode.describe());
        }
        PlanKind kind = p.required("kind").oneOf(PlanKind.class);
        DataAllowance data = data(p.required("data"));
        int validityDays = (int) p.required("validityDays").whole("a whole number of days", 1, 3660);
        ConfigNode voiceNode = p.get("voiceMinutes");
        OptionalInt voiceMinutes = voiceNode.isPresent()
                ? OptionalInt.of((int) voiceNode.whole("a whole number of minutes", 0, 100_000))
                : OptionalInt.empty();
        OptionalInt sms = sms(p.get("sms"));
        Yen price = Yen.of(p.required("priceYen").whole("a whole number of yen", 1, MAX_PRICE_YEN));
        TaxRate taxRate = taxRate(p.get("taxRate"));
        RenewalRule renewal = renewalRule(p.get("renewal"), kind);
        ConfigNode idCheckNode = p.required("idCheckRequired");
        boolean idCheckRequired = idCheckNode.bool();
        if (!kind.isRenewal() && voiceMinutes.isPresent() && !idCheckRequired) {
            throw idCheckNode.problem("must be true for a new line with voice (the law requires an identity check"
                    + " for voice lines)");
        }
        ConfigNode offlineNode = p.required("sellableOffline");
        boolean sellableOffline = offlineNode.bool();
        if (kind == PlanKind.NEW_ESIM && sellableOffline) {
            throw offlineNode.problem("must be false for a new eSIM: its activation code comes from the back office");
        }
        LocalizedText name = localized(p.required("name"), 60);
        LocalizedText description = localized(p.required("description"), 300);
        return new Plan(id, kind, data, validityDays, voiceMinutes, sms, price, taxRate, renewal, idCheckRequired,
                sellableOffline, name, description);
    }

    private static DataAllowance data(ConfigNode n) throws ConfigException {
        String s = n.isText() ? n.text(64) : "";
        if (s.equals("unlimited")) return DataAllowance.unlimitedData();
        Matcher m = DATA.matcher(s);
        if (!m.matches()) {
            throw n.problem("must be an amount such as \"500MB\" or \"3GB\", or \"unlimited\", got " + n.describe());
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("GB") ? DataAllowance.gigabytes(amount) : DataAllowance.megabytes(amount);
    }

    /** "unlimited" or a number of messages; {@link Plan} holds unlimited as 0. */
    private static OptionalInt sms(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return OptionalInt.empty();
        String expected = "\"unlimited\" or a whole number of messages";
        if (n.isText()) {
            if (n.text(64).equals("unlimited")) return OptionalInt.of(0);
            throw n.problem("must be " + expected + " from 1 to 100000, got " + n.describe());
        }
        return OptionalInt.of((int) n.whole(expected, 1, 100_000));
    }

    private static TaxRate taxRate(ConfigNode n) throws ConfigException {
        if (!n.isPresent()) return TaxRate.STANDARD_10;
        long percent = n.whole("a whole number of percent", 0, 100);
        if (percent != TaxRate.STANDARD_10.percent()) {
            throw n.problem("must be 10 (telecom services are taxed at the standard rate), got " + percent);
        }
        return TaxRate.STANDARD_10;
    }

    private static RenewalRule renewalRule(ConfigNode n, PlanKind kind) throws ConfigException {
        if (kind.isRenewal()) {
            return n.oneOf(RenewalRule.class);
        }
        if (n.isPresent()) {
            throw n.problem("only renewal plans (renew-sim, renew-esim) have a renewal rule; a new line starts now");
        }
        return RenewalRule.START_NOW;
    }

    private static LocalizedText localized(ConfigNode n, int maxLength) throws ConfigException {
        String[] tags = new String[Language.values().length];
        for (Language l : Language.values()) tags[l.ordinal()] = l.tag();
        n.mapping(tags);
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            texts.put(l, n.required(l.tag()).text(maxLength));
        }
        return new LocalizedText(texts);
    }
}
