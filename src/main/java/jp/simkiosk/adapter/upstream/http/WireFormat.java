package jp.simkiosk.adapter.upstream.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.HeartbeatSink.Heartbeat;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;

/**
 * The JSON bodies of the upstream contract ({@code docs/upstream-api.yaml}), written and read in one place
 * for the kiosk and the reference back office. Instants are ISO-8601 UTC text, money whole yen, enums their
 * Java names except where the contract says otherwise (line form {@code sim | esim}, event outcome
 * {@code accepted | duplicate | rejected}).
 */
public final class WireFormat {

    private WireFormat() {}

    /** One sale event: {@code {eventId, sequence, at, step, detail, sale: {...}}}. */
    public static ObjectNode event(ObjectMapper json, SaleEvent e) {
        ObjectNode n = json.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("sequence", e.sequence());
        n.put("at", e.at().toString());
        n.put("step", e.step().name());
        n.put("detail", e.detail());
        n.set("sale", sale(json, e.sale()));
        return n;
    }

    private static ObjectNode sale(ObjectMapper json, Sale s) {
        ObjectNode n = json.createObjectNode();
        n.put("id", s.id().value());
        n.put("reference", s.reference());
        n.put("kind", s.kind().name());
        s.lineId().ifPresent(l -> n.put("lineId", l.value()));
        n.put("planId", s.planId());
        n.put("planName", s.planName());
        n.put("priceYen", s.price().amount());
        n.put("taxRate", s.taxRate().name());
        n.put("language", s.language().tag());
        n.put("createdAt", s.createdAt().toString());
        n.put("state", s.state().name());
        s.payment().ifPresent(p -> n.set("card", card(json, p)));
        s.currentExpiry().ifPresent(t -> n.put("currentExpiry", t.toString()));
        s.newExpiry().ifPresent(t -> n.put("newExpiry", t.toString()));
        s.failure().map(FailureReason::name).ifPresent(f -> n.put("failure", f));
        return n;
    }

    private static ObjectNode card(ObjectMapper json, CardApproval p) {
        ObjectNode n = json.createObjectNode();
        n.put("brand", p.brand());
        n.put("maskedNumber", p.maskedNumber());
        n.put("approvalCode", p.approvalCode());
        return n;
    }

    /**
     * A closed day's report ({@code DayClose} in the contract): who closed which business day of which kiosk,
     * the period, and every figure of the Z report (payment methods with their brands, the SIMs out of the
     * stacker and the kiosk's count), money in whole yen.
     */
    public static ObjectNode dayClose(ObjectMapper json, ZReport r) {
        ObjectNode n = json.createObjectNode();
        n.put("kioskId", r.kioskId());
        n.put("day", r.day().toString());
        n.put("zone", r.zone().getId());
        n.put("from", r.from().toString());
        n.put("to", r.to().toString());
        n.put("closedAt", r.closedAt().toString());
        n.put("closedBy", r.closedBy());
        n.set("sold", figure(json, r.sold()));
        ArrayNode byPlan = n.putArray("byPlan");
        for (ZReport.Line l : r.byPlan()) byPlan.add(figure(json, l).put("planId", l.label()));
        ArrayNode byPayment = n.putArray("byPayment");
        for (ZReport.PaymentLine p : r.byPayment()) {
            ObjectNode pn = byPayment.addObject();
            pn.put("method", p.method());
            pn.put("count", p.count());
            pn.put("totalYen", p.total().amount());
            ArrayNode brands = pn.putArray("brands");
            for (ZReport.Line l : p.brands()) brands.add(figure(json, l).put("brand", l.label()));
        }
        ArrayNode byTax = n.putArray("byTaxRate");
        for (ZReport.TaxLine t : r.byTaxRate()) {
            ObjectNode tn = byTax.addObject();
            tn.put("rate", t.rate().name());
            tn.put("count", t.count());
            tn.put("totalIncludingTaxYen", t.totalIncludingTax().amount());
            tn.put("taxYen", t.tax().amount());
        }
        n.set("refunded", figure(json, r.refunded()));
        n.set("refundPending", figure(json, r.refundPending()));
        n.set("voided", figure(json, r.voided()));
        n.set("cancelled", figure(json, r.cancelled()));
        ArrayNode stock = n.putArray("stock");
        for (StockLedger.Movement m : r.stock()) {
            ObjectNode mn = stock.addObject();
            mn.put("at", m.at().toString());
            mn.put("kind", m.kind().name());
            mn.put("count", m.count());
            mn.put("detail", m.detail());
            mn.put("by", m.who());
        }
        ObjectNode sims = n.putObject("sims");
        sims.put("taken", r.sims().taken());
        sims.put("captured", r.sims().captured());
        sims.put("tested", r.sims().tested());
        r.sims().inStacker().ifPresent(c -> sims.put("inStacker", c));
        sims.put("inRejectBin", r.sims().inRejectBin());
        return n;
    }

    private static ObjectNode figure(ObjectMapper json, ZReport.Line l) {
        ObjectNode n = json.createObjectNode();
        n.put("count", l.count());
        n.put("totalYen", l.total().amount());
        return n;
    }

    /** The outcome word of the contract. */
    public static String outcome(Outbox.Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a word the contract does not have */
    public static Outbox.Outcome outcome(String word) {
        for (Outbox.Outcome o : Outbox.Outcome.values()) {
            if (outcome(o).equals(word)) return o;
        }
        throw new IllegalArgumentException("unknown outcome: " + word);
    }

    /** A line as the look-up answers it. */
    public static ObjectNode line(ObjectMapper json, LineStatus s) {
        ObjectNode n = json.createObjectNode();
        n.put("lineId", s.lineId().value());
        n.put("form", s.form() == LineForm.ESIM ? "esim" : "sim");
        s.currentPlanId().ifPresent(p -> n.put("currentPlan", p));
        s.expiry().ifPresent(t -> n.put("expiry", t.toString()));
        n.put("renewable", s.renewable());
        ArrayNode allowed = n.putArray("allowedPlans");
        s.allowedPlanIds().stream().sorted().forEach(allowed::add);
        return n;
    }

    /** @throws IllegalArgumentException (or a NullPointerException) when a field is missing or malformed */
    public static LineStatus line(JsonNode n) {
        LineId id = LineId.parseNormalized(text(n, "lineId"));
        LineForm form = switch (text(n, "form")) {
            case "sim" -> LineForm.PHYSICAL_SIM;
            case "esim" -> LineForm.ESIM;
            default -> throw new IllegalArgumentException("unknown form " + n.get("form"));
        };
        Optional<String> plan = optionalText(n, "currentPlan");
        Optional<Instant> expiry = optionalText(n, "expiry").map(Instant::parse);
        JsonNode renewable = n.get("renewable");
        if (renewable == null || !renewable.isBoolean()) throw new IllegalArgumentException("renewable missing");
        Set<String> allowed = new HashSet<>();
        JsonNode list = n.get("allowedPlans");
        if (list != null) {
            if (!list.isArray()) throw new IllegalArgumentException("allowedPlans is not a list");
            for (JsonNode p : list) allowed.add(p.textValue());
        }
        return new LineStatus(id, form, plan, expiry, renewable.booleanValue(), allowed);
    }

    /** The heartbeat body. */
    public static ObjectNode heartbeat(ObjectMapper json, Heartbeat h) {
        ObjectNode n = json.createObjectNode();
        n.put("at", h.at().toString());
        ArrayNode devices = n.putArray("devices");
        for (DeviceHealth d : h.devices()) {
            ObjectNode dn = devices.addObject();
            dn.put("role", d.role().name());
            dn.put("state", d.state().name());
            d.fault().ifPresent(f -> dn.put("fault", f.name()));
            ArrayNode media = dn.putArray("media");
            d.media().stream().map(MediaCondition::name).sorted().forEach(media::add);
        }
        ObjectNode queue = n.putObject("queue");
        queue.put("pending", h.queue().pending());
        queue.put("rejected", h.queue().rejected());
        h.queue().oldestPendingAt().ifPresent(t -> queue.put("oldestPendingAt", t.toString()));
        h.catalogEtag().ifPresent(t -> n.put("catalogEtag", t));
        return n;
    }

    /** A required text field. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("missing text field " + field);
        return v.textValue();
    }

    /** An optional text field (absent or null: empty). */
    public static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isTextual()) throw new IllegalArgumentException("field " + field + " is not text");
        return Optional.of(v.textValue());
    }
}
