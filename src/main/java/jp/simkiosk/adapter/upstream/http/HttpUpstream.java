package jp.simkiosk.adapter.upstream.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.CatalogSource;
import jp.simkiosk.application.port.DayCloseSink;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import org.slf4j.Logger;
import jp.simkiosk.adapter.upstream.http.SignedClient.Answer;
import jp.simkiosk.adapter.upstream.http.SignedClient.NoAnswer;
import org.slf4j.LoggerFactory;

/**
 * The back office over HTTP ({@code docs/upstream-api.yaml}) with the JDK's {@code java.net.http} client and
 * Jackson: line look-up and renewals ({@link Upstream}), the sale-event intake ({@link EventSink}), the
 * closed days' reports ({@link DayCloseSink}), the plan catalog ({@link CatalogSource}) and the heartbeat
 * ({@link HeartbeatSink}).
 *
 * <p>Every request carries the kiosk id, a timestamp, a fresh request id and an HMAC-SHA256 signature with
 * the kiosk's secret ({@link Signatures}); every answer must carry the back office's signature bound to that
 * request id, or it is treated as no answer at all. A look-up waits at most the short look-up time-out,
 * everything else the request time-out. Never throws for a network problem: each port answers
 * "unavailable" or "failed" with the reason, which is logged.
 */
public final class HttpUpstream implements Upstream, EventSink, DayCloseSink, CatalogSource, HeartbeatSink {

    private static final Logger log = LoggerFactory.getLogger(HttpUpstream.class);

    private final URI baseUrl;
    private final String kioskId;
    private final Duration lookupTimeout;
    private final Duration requestTimeout;
    private final SignedClient client;
    private final ObjectMapper json;

    /**
     * @param baseUrl        the contract's server URL, e.g. {@code https://backoffice.example.jp/kiosk/v1}
     * @param secret         the kiosk's shared secret ({@link KioskSecret#read})
     * @param lookupTimeout  the longest wait for a line look-up (and for any connection to be made)
     * @param requestTimeout the longest wait for any other request
     */
    public HttpUpstream(URI baseUrl, String kioskId, byte[] secret, Duration lookupTimeout, Duration requestTimeout,
                        Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.kioskId = Objects.requireNonNull(kioskId, "kioskId");
        this.lookupTimeout = Objects.requireNonNull(lookupTimeout, "lookupTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.client = new SignedClient(baseUrl, kioskId, secret, lookupTimeout, clock);
        this.json = client.json();
    }

    // ---------------------------------------------------------------- Upstream

    @Override
    public LookupResult lookUp(LineId line) {
        try {
            Answer a = exchange("GET", "/lines/" + line.value(), new byte[0], lookupTimeout, Optional.empty());
            if (a.status() == 404) return new LookupResult.NotFound();
            if (a.status() != 200) throw new NoAnswer("look-up answered HTTP " + a.status() + a.errorCode());
            return new LookupResult.Found(WireFormat.line(a.json()));
        } catch (NoAnswer | RuntimeException e) {
            log.warn("look-up of line {} failed: {}", line.masked(), e.getMessage());
            return new LookupResult.Unavailable();
        }
    }

    @Override
    public RenewalResult applyRenewal(SaleId sale, LineId line, String planId) {
        ObjectNode body = json.createObjectNode();
        body.put("saleId", sale.value());
        body.put("lineId", line.value());
        body.put("planId", planId);
        try {
            Answer a = exchange("POST", "/renewals", bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("renewal answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String outcome = WireFormat.text(n, "outcome");
            if (outcome.equals("applied")) return new RenewalResult.Applied(Instant.parse(WireFormat.text(n, "newExpiry")));
            if (outcome.equals("rejected")) return new RenewalResult.Rejected(rejectReason(WireFormat.text(n, "reason")));
            throw new NoAnswer("unknown renewal outcome " + outcome);
        } catch (NoAnswer | RuntimeException e) {
            log.warn("renewal of sale {} not applied upstream: {}", sale, e.getMessage());
            return new RenewalResult.Unavailable();
        }
    }

    @Override
    public ActivationResult activateSim(SaleId sale, Iccid iccid, String planId) {
        ObjectNode body = json.createObjectNode();
        body.put("saleId", sale.value());
        body.put("iccid", iccid.value());
        body.put("planId", planId);
        try {
            Answer a = exchange("POST", "/activations", bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("activation answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String outcome = WireFormat.text(n, "outcome");
            if (outcome.equals("activated")) return new ActivationResult.Activated(Instant.parse(WireFormat.text(n, "expiry")));
            if (outcome.equals("rejected")) return new ActivationResult.Rejected(rejectReason(WireFormat.text(n, "reason")));
            throw new NoAnswer("unknown activation outcome " + outcome);
        } catch (NoAnswer | RuntimeException e) {
            log.warn("SIM activation of sale {} not done upstream: {}", sale, e.getMessage());
            return new ActivationResult.Unavailable();
        }
    }

    /** The answer carries the activation code: it is read into an {@link ActivationCode} and never logged. */
    @Override
    public EsimResult issueEsim(SaleId sale, String planId) {
        ObjectNode body = json.createObjectNode();
        body.put("saleId", sale.value());
        body.put("planId", planId);
        try {
            Answer a = exchange("POST", "/esims", bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("eSIM issue answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String outcome = WireFormat.text(n, "outcome");
            if (outcome.equals("issued")) {
                ActivationCode code = new ActivationCode(WireFormat.text(n, "smdpAddress"), WireFormat.text(n, "matchingId"),
                        WireFormat.optionalText(n, "smdpOid"), WireFormat.optionalText(n, "confirmationCode"));
                return new EsimResult.Issued(code, new Iccid(WireFormat.text(n, "iccid")),
                        Instant.parse(WireFormat.text(n, "expiry")));
            }
            if (outcome.equals("rejected")) return new EsimResult.Rejected(rejectReason(WireFormat.text(n, "reason")));
            throw new NoAnswer("unknown eSIM outcome " + outcome);
        } catch (NoAnswer | RuntimeException e) {
            // a NoAnswer names the status and error code only; any other failure may quote the answer, which
            // holds the code, so only its kind is logged
            log.warn("eSIM of sale {} not issued upstream: {}", sale,
                    e instanceof NoAnswer ? e.getMessage() : e.getClass().getSimpleName());
            return new EsimResult.Unavailable();
        }
    }

    @Override
    public CancelResult cancelActivation(SaleId sale) {
        ObjectNode body = json.createObjectNode();
        body.put("saleId", sale.value());
        try {
            Answer a = exchange("POST", "/activation-cancellations", bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("cancellation answered HTTP " + a.status() + a.errorCode());
            String outcome = WireFormat.text(a.json(), "outcome");
            if (outcome.equals("cancelled")) return new CancelResult.Cancelled();
            throw new NoAnswer("unknown cancellation outcome " + outcome);
        } catch (NoAnswer | RuntimeException e) {
            log.warn("activation of sale {} not cancelled upstream: {}", sale, e.getMessage());
            return new CancelResult.Unavailable();
        }
    }

    private static RejectReason rejectReason(String word) {
        for (RejectReason r : RejectReason.values()) {
            if (r.name().equals(word)) return r;
        }
        return RejectReason.OTHER;
    }

    // ---------------------------------------------------------------- EventSink

    @Override
    public Delivery deliver(List<SaleEvent> batch) {
        ObjectNode body = json.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (SaleEvent e : batch) events.add(WireFormat.event(json, e));
        try {
            Answer a = exchange("POST", "/events", bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("events answered HTTP " + a.status() + a.errorCode());
            Map<String, EventResult> results = new HashMap<>();
            JsonNode list = a.json().get("results");
            if (list == null || !list.isArray()) throw new NoAnswer("answer without results");
            for (JsonNode r : list) {
                results.put(WireFormat.text(r, "eventId"), new EventResult(
                        WireFormat.outcome(WireFormat.text(r, "outcome")),
                        WireFormat.optionalText(r, "reason").orElse(""),
                        WireFormat.optionalText(r, "appliedExpiry").map(Instant::parse)));
            }
            return new Delivery.Answered(results);
        } catch (NoAnswer | RuntimeException e) {
            log.warn("delivery of {} event(s) from sequence {} failed: {}", batch.size(),
                    batch.isEmpty() ? "-" : batch.get(0).sequence(), e.getMessage());
            return new Delivery.Failed(String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- DayCloseSink

    @Override
    public CloseDelivery deliver(ZReport report) {
        try {
            Answer a = exchange("POST", "/day-closes", bytes(WireFormat.dayClose(json, report)), requestTimeout,
                    Optional.empty());
            if (a.status() != 200) throw new NoAnswer("day close answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String outcome = WireFormat.text(n, "outcome");
            return switch (outcome) {
                case "accepted" -> new CloseDelivery.Accepted();
                case "duplicate" -> new CloseDelivery.Duplicate();
                case "rejected" -> new CloseDelivery.Rejected(WireFormat.optionalText(n, "reason").orElse(""));
                default -> throw new NoAnswer("unknown day close outcome " + outcome);
            };
        } catch (NoAnswer | RuntimeException e) {
            log.warn("delivery of the close of {} failed: {}", report.day(), e.getMessage());
            return new CloseDelivery.Failed(String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- CatalogSource

    @Override
    public Fetch fetch(Optional<String> knownEtag) {
        try {
            Answer a = exchange("GET", "/catalog", new byte[0], requestTimeout, knownEtag);
            if (a.status() == 304) return new Fetch.NotModified();
            if (a.status() != 200) throw new NoAnswer("catalog answered HTTP " + a.status() + a.errorCode());
            if (a.etag().isEmpty()) throw new NoAnswer("catalog without an ETag");
            return new Fetch.Fetched(a.etag(), new String(a.body(), StandardCharsets.UTF_8));
        } catch (NoAnswer | RuntimeException e) {
            log.warn("catalog fetch failed: {}", e.getMessage());
            return new Fetch.Failed(String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- HeartbeatSink

    @Override
    public boolean send(Heartbeat heartbeat) {
        try {
            Answer a = exchange("POST", "/heartbeat", bytes(WireFormat.heartbeat(json, heartbeat)), requestTimeout,
                    Optional.empty());
            if (a.status() != 204) throw new NoAnswer("heartbeat answered HTTP " + a.status() + a.errorCode());
            return true;
        } catch (NoAnswer | RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
            return false;
        }
    }

    // ---------------------------------------------------------------- the exchange

    private Answer exchange(String method, String relativePath, byte[] body, Duration timeout,
                            Optional<String> ifNoneMatch) throws NoAnswer {
        return client.exchange(method, relativePath, body, timeout, ifNoneMatch);
    }

    private byte[] bytes(JsonNode body) {
        return client.bytes(body);
    }

    @Override
    public String toString() {
        return "HttpUpstream[" + baseUrl + ", kiosk " + kioskId + "]";
    }
}
