package jp.simkiosk.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.LineIds;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;

/**
 * Reads the demo lines the simulated back office knows ({@code demo-lines.yaml}): a list under {@code lines},
 * each with its mobile number or ICCID, form, current plan (from the catalog), expiry in days from now,
 * whether it may still be renewed and, optionally, which renewal plans it may take.
 */
final class DemoLinesFile {

    /** How a line is written in the file: a physical SIM or an eSIM. */
    private enum Form {
        SIM(LineForm.PHYSICAL_SIM),
        ESIM(LineForm.ESIM);

        final LineForm lineForm;

        Form(LineForm lineForm) {
            this.lineForm = lineForm;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private DemoLinesFile() {}

    /**
     * @param plans the catalog the lines' plans must come from
     * @param now   the moment {@code expiresInDays} counts from
     */
    static List<LineStatus> read(Path file, List<Plan> plans, Instant now) throws ConfigException {
        ConfigNode root = ConfigNode.read(file).mapping("lines");
        Map<String, Plan> catalog = new HashMap<>();
        for (Plan p : plans) catalog.put(p.id(), p);
        List<LineStatus> lines = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode n : root.required("lines").nonEmptyList()) {
            n.mapping("id", "form", "currentPlan", "expiresInDays", "renewable", "allowedPlans");
            ConfigNode idNode = n.required("id");
            LineId id = lineId(idNode);
            String earlier = seen.putIfAbsent(id.value(), idNode.key());
            if (earlier != null) throw idNode.problem("the same line as " + earlier);
            Form form = n.required("form").oneOf(Form.class);
            ConfigNode planNode = n.required("currentPlan");
            Plan current = knownPlan(planNode, catalog);
            if (formOf(current.kind()) != form.lineForm) {
                throw planNode.problem("plan \"" + current.id() + "\" is for " + word(formOf(current.kind()))
                        + " lines, this line's form is " + form.word());
            }
            long days = n.required("expiresInDays").whole("a whole number of days", -3660, 3660);
            Instant expiry = now.plus(Duration.ofDays(days));
            boolean renewable = n.required("renewable").bool();
            Set<String> allowed = allowedPlans(n.get("allowedPlans"), catalog, form);
            lines.add(new LineStatus(id, form.lineForm, Optional.of(current.id()), Optional.of(expiry), renewable,
                    allowed));
        }
        return lines;
    }

    private static LineId lineId(ConfigNode n) throws ConfigException {
        if (!n.isText()) {
            throw n.problem("must be quoted text such as \"090-1234-5678\" (YAML reads bare digits as a number), got "
                    + n.describe());
        }
        String raw = n.text(40);
        LineIdCheck check = LineIds.checkFinal(raw);
        if (check instanceof LineIdCheck.Valid valid) return valid.lineId();
        LineIdCheck.Invalid invalid = (LineIdCheck.Invalid) check;
        String digits = raw.replaceAll("[\\s\\-]", "");
        String reason = switch (invalid.problem()) {
            case ICCID_BAD_CHECK_DIGIT -> "wrong ICCID check digit: the last digit should be "
                    + Luhn.checkDigit(digits.substring(0, digits.length() - 1));
            case ICCID_CHECK_DIGIT_MISSING -> "ICCID of 18 digits: the check digit is missing (it would be "
                    + Luhn.checkDigit(digits) + ")";
            case ICCID_TOO_SHORT, ICCID_TOO_LONG -> "an ICCID has 19 or 20 digits";
            case MOBILE_TOO_SHORT, MOBILE_TOO_LONG -> "a mobile number has 11 digits (070, 080 or 090 and 8 more)";
            case MOBILE_NOT_MOBILE_PREFIX -> "a mobile number starts with 070, 080 or 090 and then a digit other than 0";
            case EMPTY, NOT_DIGITS, UNKNOWN_PREFIX -> "must be a mobile number (090-1234-5678) or an ICCID (89…)";
        };
        throw n.problem("not a valid line: " + reason + ", got " + n.describe());
    }

    private static Plan knownPlan(ConfigNode n, Map<String, Plan> catalog) throws ConfigException {
        String id = n.text(64);
        Plan plan = catalog.get(id);
        if (plan == null) throw n.problem("no plan \"" + id + "\" in the catalog");
        return plan;
    }

    private static Set<String> allowedPlans(ConfigNode n, Map<String, Plan> catalog, Form form)
            throws ConfigException {
        Set<String> allowed = new LinkedHashSet<>();
        if (!n.isPresent()) return allowed;
        for (ConfigNode item : n.nonEmptyList()) {
            Plan plan = knownPlan(item, catalog);
            if (plan.kind() != PlanKind.renewalFor(form.lineForm)) {
                throw item.problem("plan \"" + plan.id() + "\" is not a renewal plan for " + form.word() + " lines");
            }
            if (!allowed.add(plan.id())) throw item.problem("plan \"" + plan.id() + "\" is listed twice");
        }
        return allowed;
    }

    private static LineForm formOf(PlanKind kind) {
        return kind == PlanKind.RENEW_ESIM || kind == PlanKind.NEW_ESIM ? LineForm.ESIM : LineForm.PHYSICAL_SIM;
    }

    private static String word(LineForm form) {
        return form == LineForm.ESIM ? Form.ESIM.word() : Form.SIM.word();
    }
}
