package jp.simkiosk.adapter.persistence.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;

/**
 * The Z report as stored in {@code day_close_upstream.report}: every field of {@link ZReport}, read back into an
 * equal report (instants as ISO-8601 text to the nanosecond, money as whole yen). The journal's own format,
 * independent of the upstream contract's.
 */
final class ZReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZReportJson() {}

    static String write(ZReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kioskId", r.kioskId());
        n.put("day", r.day().toString());
        n.put("zone", r.zone().getId());
        n.put("from", r.from().toString());
        n.put("to", r.to().toString());
        n.put("closedAt", r.closedAt().toString());
        n.put("closedBy", r.closedBy());
        n.set("sold", line(r.sold()));
        n.set("byPlan", lines(r.byPlan()));
        ArrayNode payment = n.putArray("byPayment");
        for (ZReport.PaymentLine p : r.byPayment()) {
            ObjectNode pn = payment.addObject();
            pn.put("method", p.method());
            pn.put("count", p.count());
            pn.put("totalYen", p.total().amount());
            pn.set("brands", lines(p.brands()));
        }
        ArrayNode tax = n.putArray("byTaxRate");
        for (ZReport.TaxLine t : r.byTaxRate()) {
            ObjectNode tn = tax.addObject();
            tn.put("rate", t.rate().name());
            tn.put("count", t.count());
            tn.put("totalIncludingTaxYen", t.totalIncludingTax().amount());
            tn.put("taxYen", t.tax().amount());
        }
        n.set("refunded", line(r.refunded()));
        n.set("refundPending", line(r.refundPending()));
        n.set("voided", line(r.voided()));
        n.set("cancelled", line(r.cancelled()));
        ArrayNode stock = n.putArray("stock");
        for (StockLedger.Movement m : r.stock()) {
            ObjectNode mn = stock.addObject();
            mn.put("at", m.at().toString());
            mn.put("kind", m.kind().name());
            mn.put("count", m.count());
            mn.put("detail", m.detail());
            mn.put("who", m.who());
        }
        ObjectNode sims = n.putObject("sims");
        sims.put("taken", r.sims().taken());
        sims.put("captured", r.sims().captured());
        sims.put("tested", r.sims().tested());
        r.sims().inStacker().ifPresent(c -> sims.put("inStacker", c));
        sims.put("inRejectBin", r.sims().inRejectBin());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Z report as JSON", e);
        }
    }

    /**
     * Reads a stored report back. Reports stored before the Z report counted by money events have their payment
     * lines by card brand (read as methods without brands) and no SIM figures (read as none).
     *
     * @throws SaleJournalException when the stored text is not a report this class wrote
     */
    static ZReport read(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            List<ZReport.PaymentLine> payment = new ArrayList<>();
            for (JsonNode p : n.get("byPayment")) {
                payment.add(p.has("method")
                        ? new ZReport.PaymentLine(p.get("method").textValue(), p.get("count").intValue(),
                                Yen.of(p.get("totalYen").longValue()), lines(p.get("brands")))
                        : new ZReport.PaymentLine(p.get("label").textValue(), p.get("count").intValue(),
                                Yen.of(p.get("totalYen").longValue()), List.of()));
            }
            JsonNode sn = n.get("sims");
            ZReport.Sims sims = sn == null ? ZReport.Sims.NONE
                    : new ZReport.Sims(sn.get("taken").intValue(), sn.get("captured").intValue(),
                            sn.get("tested").intValue(), sn.has("inStacker") ? OptionalInt.of(sn.get("inStacker").intValue())
                            : OptionalInt.empty(), sn.get("inRejectBin").intValue());
            List<ZReport.TaxLine> tax = new ArrayList<>();
            for (JsonNode t : n.get("byTaxRate")) {
                tax.add(new ZReport.TaxLine(TaxRate.valueOf(t.get("rate").textValue()), t.get("count").intValue(),
                        Yen.of(t.get("totalIncludingTaxYen").longValue()), Yen.of(t.get("taxYen").longValue())));
            }
            List<StockLedger.Movement> stock = new ArrayList<>();
            for (JsonNode m : n.get("stock")) {
                stock.add(new StockLedger.Movement(Instant.parse(m.get("at").textValue()),
                        StockLedger.Kind.valueOf(m.get("kind").textValue()), m.get("count").intValue(),
                        m.get("detail").textValue(), m.get("who").textValue()));
            }
            return new ZReport(n.get("kioskId").textValue(), LocalDate.parse(n.get("day").textValue()),
                    ZoneId.of(n.get("zone").textValue()), Instant.parse(n.get("from").textValue()),
                    Instant.parse(n.get("to").textValue()), Instant.parse(n.get("closedAt").textValue()),
                    n.get("closedBy").textValue(), line(n.get("sold")), lines(n.get("byPlan")),
                    payment, tax, line(n.get("refunded")), line(n.get("refundPending")),
                    line(n.get("voided")), line(n.get("cancelled")), stock, sims);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SaleJournalException("a stored Z report cannot be read: " + e.getMessage(), e);
        }
    }

    private static ObjectNode line(ZReport.Line l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("label", l.label());
        n.put("count", l.count());
        n.put("totalYen", l.total().amount());
        return n;
    }

    private static ArrayNode lines(List<ZReport.Line> lines) {
        ArrayNode a = JSON.createArrayNode();
        for (ZReport.Line l : lines) a.add(line(l));
        return a;
    }

    private static ZReport.Line line(JsonNode n) {
        return new ZReport.Line(n.get("label").textValue(), n.get("count").intValue(), Yen.of(n.get("totalYen").longValue()));
    }

    private static List<ZReport.Line> lines(JsonNode a) {
        List<ZReport.Line> out = new ArrayList<>();
        for (JsonNode n : a) out.add(line(n));
        return out;
    }
}
