package jp.simkiosk.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import jp.simkiosk.adapter.upstream.http.Signatures;
import jp.simkiosk.adapter.upstream.http.WireFormat;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.backoffice.BackOfficeStore.StoredDayClose;
import jp.simkiosk.backoffice.BackOfficeStore.StoredEvent;
import jp.simkiosk.backoffice.BackOfficeStore.StoredNewLine;
import jp.simkiosk.backoffice.BackOfficeStore.StoredPayment;
import jp.simkiosk.backoffice.BackOfficeStore.StoredRenewal;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference back office: the upstream contract ({@code docs/upstream-api.yaml}) on the JDK's HTTP
 * server, for tests and demonstrations on loopback. It verifies every request's signature with the kiosk's
 * secret, refuses timestamps outside the allowed skew (logged) and request ids it has seen (replays),
 * stores events by event id (a copy is answered "duplicate"), stores closed days' reports by kiosk and day
 * (the same report again is answered "duplicate", a different one or one whose figures do not add up
 * "rejected" with the reason), applies renewals idempotently by sale id —
 * also those a kiosk sold offline and reports with a {@code FULFILMENT_DEFERRED} event, and likewise SIM
 * activations ({@code ACTIVATION_DEFERRED}; {@code ACTIVATION_CANCELLED}, {@code ACTIVATION_CANCEL_FAILED} and
 * {@code ACTIVATION_CANCEL_QUEUED} cancel one) —, serves the plan
 * catalog signed with an ETag, and answers line look-ups from the demo lines and the new lines it activated
 * or issued ({@link NewLineDesk}: new SIMs, new eSIMs with their activation codes, cancellations, each
 * idempotent by sale id). Every answer to an
 * authenticated request is signed. {@link Faults} injects failures.
 */
public final class BackOfficeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackOfficeServer.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each small answer waits for
        // the client's delayed ACK (about 40 ms on Linux). Read once, when the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A request as it arrived, before any check: what contract tests validate. */
    public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers,
                                  byte[] body) {}

    /** An answer as it was sent, with the request it answers: what contract tests validate answers with. */
    public record SentAnswer(ReceivedRequest request, int status, Map<String, List<String>> headers, byte[] body) {}

    private final String basePath;
    private final Map<String, Signatures> kiosks = new HashMap<>();
    private final BackOfficeStore store;
    private final String catalogJson;
    private final Map<String, Plan> plans = new HashMap<>();
    private final Map<String, LineStatus> lines = new HashMap<>();
    private final Clock clock;
    private final Duration maxSkew;
    private final Faults faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Consumer<ReceivedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SentAnswer>> answerListeners = new CopyOnWriteArrayList<>();
    private final NewLineDesk newLines;
    private final WalletDesk wallet;

    /** Where the demo wallet decides payments (outside the kiosk contract, unsigned). */
    public static final String WALLET_DEMO_PATH = "/wallet-demo/";

    /**
     * @param address      where to listen (loopback); port 0 picks a free one
     * @param basePath     the contract's base path, e.g. {@code /kiosk/v1}
     * @param kioskSecrets each kiosk id that may call, with its shared secret
     * @param catalogJson  the catalog document served ({@code ConfigLoader.catalogJson})
     * @param plans        the same catalog, read, for applying renewals
     * @param lines        the lines known at start ({@code ConfigLoader.readDemoLines})
     * @param maxSkew      the largest difference allowed between a request's timestamp and this server's clock
     */
    public BackOfficeServer(InetSocketAddress address, String basePath, Map<String, byte[]> kioskSecrets,
                            BackOfficeStore store, String catalogJson, List<Plan> plans, List<LineStatus> lines,
                            Clock clock, Duration maxSkew, Faults faults) throws IOException {
        this(address, basePath, kioskSecrets, store, catalogJson, plans, lines, clock, maxSkew, faults,
                WalletSettings.demo());
    }

    /**
     * As above, playing the QR wallet provider with {@code wallet}. Besides the contract under {@code basePath},
     * it serves the demo wallet, unsigned, on {@value #WALLET_DEMO_PATH}: {@code POST .../{paymentId}/pay} or
     * {@code .../decline} decides a pending payment now, as the customer's wallet app would.
     */
    public BackOfficeServer(InetSocketAddress address, String basePath, Map<String, byte[]> kioskSecrets,
                            BackOfficeStore store, String catalogJson, List<Plan> plans, List<LineStatus> lines,
                            Clock clock, Duration maxSkew, Faults faults, WalletSettings wallet) throws IOException {
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        kioskSecrets.forEach((id, secret) -> kiosks.put(id, new Signatures(secret)));
        this.store = Objects.requireNonNull(store);
        this.catalogJson = Objects.requireNonNull(catalogJson);
        for (Plan p : plans) this.plans.put(p.id(), p);
        for (LineStatus l : lines) this.lines.put(l.lineId().value(), l);
        this.clock = Objects.requireNonNull(clock);
        this.maxSkew = Objects.requireNonNull(maxSkew);
        this.faults = Objects.requireNonNull(faults);
        SecureRandom random = new SecureRandom();
        this.newLines = new NewLineDesk(store, this.plans, this.lines.keySet(), random);
        this.wallet = new WalletDesk(store, Objects.requireNonNull(wallet), random);
        this.server = HttpServer.create(address, 50);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "backoffice-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(this.basePath.isEmpty() ? "/" : this.basePath, this::handle);
        server.createContext(WALLET_DEMO_PATH, this::walletDemo);
    }

    /**
     * Whether the eSIM profiles issued from now on need a confirmation code: the answer to {@code POST /esims}
     * then carries {@code confirmationCode} beside the activation code (off by default).
     */
    public void esimConfirmationCodes(boolean required) {
        newLines.confirmationCodes(required);
    }

    public void start() {
        server.start();
        log.info("back office listening on {}", baseUrl());
    }

    /** The URL kiosks use, e.g. {@code http://127.0.0.1:8787/kiosk/v1}. */
    public URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + basePath);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void addRequestListener(Consumer<ReceivedRequest> listener) {
        listeners.add(listener);
    }

    /** Tells {@code listener} every answer to a contract request, as sent (not the demo wallet's). */
    public void addAnswerListener(Consumer<SentAnswer> listener) {
        answerListeners.add(listener);
    }

    /** Stops listening at once; connections in progress are dropped. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("back office stopped");
    }

    // ---------------------------------------------------------------- requests

    /** Ends a request with an answer. */
    private record Reply(int status, byte[] body, String etag) {}

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = x.getRequestMethod();
            String rawPath = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery();
            ReceivedRequest received = new ReceivedRequest(method, rawPath, query, Map.copyOf(x.getRequestHeaders()), body);
            for (Consumer<ReceivedRequest> l : listeners) l.accept(received);

            String kioskId = header(x, Signatures.KIOSK_ID);
            Signatures keys = kioskId == null ? null : kiosks.get(kioskId);
            if (keys == null) {
                log.warn("request from unknown kiosk {} refused", kioskId);
                send(x, received, null, "", error(401, "UNKNOWN_KIOSK", "unknown kiosk"));
                return;
            }
            String requestId = Optional.ofNullable(header(x, Signatures.REQUEST_ID)).orElse("");
            long timestamp;
            try {
                timestamp = Long.parseLong(Optional.ofNullable(header(x, Signatures.TIMESTAMP)).orElse(""));
            } catch (NumberFormatException e) {
                send(x, received, null, requestId, error(401, "BAD_SIGNATURE", "missing or malformed timestamp"));
                return;
            }
            String signed = keys.signRequest(method, rawPath + (query == null ? "" : "?" + query), kioskId, timestamp,
                    requestId, body);
            if (requestId.isEmpty() || !Signatures.matches(signed, header(x, Signatures.SIGNATURE))) {
                log.warn("request {} {} from kiosk {} refused: bad signature", method, rawPath, kioskId);
                send(x, received, null, requestId, error(401, "BAD_SIGNATURE", "signature does not match"));
                return;
            }
            Instant now = clock.instant();
            long skew = Math.abs(now.getEpochSecond() - timestamp);
            if (skew > maxSkew.toSeconds()) {
                log.warn("request {} {} from kiosk {} refused: clock skew of {} s (at most {} s)", method, rawPath,
                        kioskId, skew, maxSkew.toSeconds());
                send(x, received, keys, requestId, error(401, "CLOCK_SKEW", "timestamp " + timestamp + " is " + skew
                        + " s away from " + now.getEpochSecond()));
                return;
            }
            if (!store.firstSight(requestId, kioskId, now)) {
                log.warn("request {} {} from kiosk {} refused: request id {} replayed", method, rawPath, kioskId,
                        requestId);
                send(x, received, keys, requestId, error(409, "REPLAY", "request id already seen"));
                return;
            }
            Faults.Mode mode = faults.mode();
            if (mode == Faults.Mode.ERROR_500) {
                send(x, received, keys, requestId, error(500, "INJECTED", "injected server error"));
                return;
            }
            if (mode == Faults.Mode.SLOW) pause(faults.slowDelay());
            Reply reply = route(method, rawPath.substring(basePath.length()), kioskId, body, x);
            if (mode == Faults.Mode.DROP_AFTER_STORE) {
                log.info("fault: dropping the connection after doing {} {}", method, rawPath);
                throw new IllegalStateException("injected: connection dropped after storing");
            }
            if (mode == Faults.Mode.MALFORMED_JSON && reply.status() == 200) {
                reply = new Reply(200, "{\"results\": [{\"eventId\": ".getBytes(StandardCharsets.UTF_8), reply.etag());
            }
            send(x, received, keys, requestId, reply);
        }
    }

    private Reply route(String method, String path, String kioskId, byte[] body, HttpExchange x) {
        try {
            if (method.equals("POST") && path.equals("/events")) return events(kioskId, body);
            if (method.equals("POST") && path.equals("/day-closes")) return dayClose(kioskId, body);
            if (method.equals("GET") && path.equals("/catalog")) return catalog(header(x, "If-None-Match"));
            if (method.equals("GET") && path.startsWith("/lines/")) return lookUp(path.substring("/lines/".length()));
            if (method.equals("POST") && path.equals("/renewals")) return renewal(kioskId, body);
            if (method.equals("POST") && path.equals("/activations")) return activation(kioskId, body);
            if (method.equals("POST") && path.equals("/esims")) return esim(kioskId, body);
            if (method.equals("POST") && path.equals("/activation-cancellations")) return cancellation(body);
            if (path.equals("/wallet-payments") || path.startsWith("/wallet-payments/")) {
                return walletPayments(method, path.substring("/wallet-payments".length()), kioskId, body);
            }
            if (method.equals("POST") && path.equals("/heartbeat")) {
                json.readTree(body);
                store.saveHeartbeat(kioskId, clock.instant(), new String(body, StandardCharsets.UTF_8));
                return new Reply(204, new byte[0], "");
            }
            return error(404, "NOT_FOUND", method + " " + path);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return error(400, "MALFORMED", String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- events

    private Reply events(String kioskId, byte[] body) throws IOException {
        JsonNode list = json.readTree(body).get("events");
        if (list == null || !list.isArray() || list.isEmpty()) throw new IllegalArgumentException("no events");
        Instant now = clock.instant();
        ObjectNode answer = json.createObjectNode();
        ArrayNode results = answer.putArray("results");
        store.inTransaction(() -> {
            for (JsonNode e : list) results.add(event(kioskId, e, now));
            return null;
        });
        return ok(answer);
    }

    private ObjectNode event(String kioskId, JsonNode e, Instant now) throws SQLException {
        String eventId = WireFormat.text(e, "eventId");
        ObjectNode r = json.createObjectNode();
        r.put("eventId", eventId);
        Optional<StoredEvent> before = store.event(eventId);
        if (before.isPresent()) {
            StoredEvent s = before.get();
            boolean rejected = s.outcome().equals("REJECTED");
            r.put("outcome", rejected ? "rejected" : "duplicate");
            s.reason().ifPresent(why -> r.put("reason", why));
            s.appliedExpiry().ifPresent(t -> r.put("appliedExpiry", t.toString()));
            return r;
        }
        long sequence = e.get("sequence").longValue();
        String step = WireFormat.text(e, "step");
        JsonNode sale = e.get("sale");
        String saleId = WireFormat.text(sale, "id");
        Optional<String> reason = Optional.empty();
        Optional<Instant> applied = Optional.empty();
        if (faults.rejects(sequence)) {
            reason = Optional.of("INJECTED: rejected for a test");
        } else if (step.equals(SaleStep.FULFILMENT_DEFERRED.name())) {
            StoredRenewal renewal = apply(kioskId, saleId, WireFormat.text(sale, "lineId"),
                    WireFormat.text(sale, "planId"), now);
            if (renewal.applied()) {
                applied = renewal.newExpiry();
            } else {
                reason = renewal.reason();
            }
        } else if (step.equals(SaleStep.ACTIVATION_DEFERRED.name())) {
            StoredNewLine activation = newLines.activate(kioskId, saleId, WireFormat.text(sale, "lineId"),
                    WireFormat.text(sale, "planId"), now);
            if (activation.outcome().equals(StoredNewLine.REJECTED)) {
                reason = activation.reason();
            } else {
                applied = activation.expiry();
            }
        } else if (cancelsTheLine(step)) {
            // a line that never reached the customer: the kiosk could not cancel it (FAILED), did not wait to
            // (QUEUED), or did it already (CANCELLED) — repeated here in the kiosk's order, so that a line made
            // afterwards from an earlier ACTIVATION_DEFERRED event of the same sale is undone too
            newLines.cancel(saleId, now);
        }
        String outcome = reason.isPresent() ? "REJECTED" : "ACCEPTED";
        store.insertEvent(kioskId, eventId, sequence, step, saleId, outcome, reason, applied, now, e.toString());
        r.put("outcome", reason.isPresent() ? "rejected" : "accepted");
        reason.ifPresent(why -> r.put("reason", why));
        applied.ifPresent(t -> r.put("appliedExpiry", t.toString()));
        return r;
    }

    /** The events that cancel the sale's new line (idempotent: a sale with none has nothing to cancel). */
    static boolean cancelsTheLine(String step) {
        return Arrays.stream(SaleStep.values()).anyMatch(s -> s.cancelsNewLine() && s.name().equals(step));
    }

    // ---------------------------------------------------------------- closed days

    private Reply dayClose(String kioskId, byte[] body) throws IOException {
        JsonNode report = json.readTree(body);
        String day = LocalDate.parse(WireFormat.text(report, "day")).toString();
        Instant closedAt = Instant.parse(WireFormat.text(report, "closedAt"));
        String closedBy = WireFormat.text(report, "closedBy");
        JsonNode sold = report.get("sold");
        long soldCount = number(sold, "count");
        long soldTotal = number(sold, "totalYen");
        Optional<String> refusal = dayCloseRefusal(kioskId, report, soldCount, soldTotal);
        Instant now = clock.instant();
        ObjectNode answer = json.createObjectNode();
        String outcome = store.inTransaction(() -> {
            if (refusal.isPresent()) return "rejected";
            Optional<StoredDayClose> before = store.dayClose(kioskId, day);
            if (before.isPresent()) return tree(before.get().body()).equals(report) ? "duplicate" : "conflict";
            store.insertDayClose(new StoredDayClose(0, kioskId, day, closedAt, closedBy, soldCount, soldTotal, now,
                    report.toString()));
            return "accepted";
        });
        if (outcome.equals("conflict")) {
            answer.put("outcome", "rejected");
            answer.put("reason", "DIFFERENT_REPORT: another report of " + day + " is on record for kiosk " + kioskId);
        } else {
            answer.put("outcome", outcome);
            refusal.ifPresent(why -> answer.put("reason", why));
        }
        log.info("close of {} from kiosk {} ({} sales, {} yen): {}", day, kioskId, soldCount, soldTotal,
                answer.get("outcome").asText() + (answer.has("reason") ? " " + answer.get("reason").asText() : ""));
        return ok(answer);
    }

    /** A JSON text this server stored itself. */
    private JsonNode tree(String stored) {
        try {
            return json.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Why a report cannot be taken at all: another kiosk's, or figures that do not add up (by plan, by payment
     * method, by tax rate, each to the sales; a method's brands to the method); empty when it can.
     */
    private static Optional<String> dayCloseRefusal(String kioskId, JsonNode report, long soldCount, long soldTotal) {
        if (!WireFormat.text(report, "kioskId").equals(kioskId)) {
            return Optional.of("WRONG_KIOSK: the report is of kiosk " + WireFormat.text(report, "kioskId"));
        }
        for (String split : List.of("byPlan", "byPayment", "byTaxRate")) {
            String total = split.equals("byTaxRate") ? "totalIncludingTaxYen" : "totalYen";
            Optional<String> off = addsUp(report.get(split), total, soldCount, soldTotal);
            if (off.isPresent()) return Optional.of("FIGURES_DO_NOT_ADD_UP: " + split + " gives " + off.get()
                    + "; sold says " + soldCount + ", " + soldTotal);
        }
        for (JsonNode method : report.get("byPayment")) {
            JsonNode brands = method.get("brands");
            if (brands == null || brands.isEmpty()) continue;
            Optional<String> off = addsUp(brands, "totalYen", number(method, "count"), number(method, "totalYen"));
            if (off.isPresent()) return Optional.of("FIGURES_DO_NOT_ADD_UP: the brands of "
                    + WireFormat.text(method, "method") + " give " + off.get() + "; the method says "
                    + number(method, "count") + ", " + number(method, "totalYen"));
        }
        return Optional.empty();
    }

    /** "n sales, m yen" when the lines do not add up to {@code count} and {@code total}; empty when they do. */
    private static Optional<String> addsUp(JsonNode lines, String totalField, long count, long total) {
        long c = 0;
        long t = 0;
        for (JsonNode l : lines) {
            c += number(l, "count");
            t += number(l, totalField);
        }
        return c == count && t == total ? Optional.empty() : Optional.of(c + " sales, " + t + " yen");
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isIntegralNumber()) throw new IllegalArgumentException("missing whole number " + field);
        return v.longValue();
    }

    // ---------------------------------------------------------------- renewals and lines

    private Reply renewal(String kioskId, byte[] body) throws IOException {
        JsonNode n = json.readTree(body);
        String saleId = WireFormat.text(n, "saleId");
        String lineId = WireFormat.text(n, "lineId");
        String planId = WireFormat.text(n, "planId");
        Instant now = clock.instant();
        StoredRenewal r = store.inTransaction(() -> apply(kioskId, saleId, lineId, planId, now));
        ObjectNode answer = json.createObjectNode();
        if (r.applied()) {
            answer.put("outcome", "applied");
            answer.put("newExpiry", r.newExpiry().orElseThrow().toString());
        } else {
            answer.put("outcome", "rejected");
            answer.put("reason", r.reason().orElseThrow());
        }
        return ok(answer);
    }

    /** Applies a renewal once per sale id; a repeat answers what the first time did. Runs in a transaction. */
    private StoredRenewal apply(String kioskId, String saleId, String lineId, String planId, Instant now)
            throws SQLException {
        Optional<StoredRenewal> before = store.renewal(saleId);
        if (before.isPresent()) return before.get();
        Optional<LineStatus> line = line(lineId);
        String refusal = null;
        Plan plan = plans.get(planId);
        if (line.isEmpty()) {
            refusal = "LINE_NOT_FOUND";
        } else if (!line.get().renewable()) {
            refusal = "LINE_NOT_RENEWABLE";
        } else if (plan == null || plan.kind() != PlanKind.renewalFor(line.get().form()) || !line.get().allows(planId)) {
            refusal = "PLAN_NOT_ALLOWED";
        }
        StoredRenewal r;
        if (refusal != null) {
            r = new StoredRenewal(saleId, lineId, planId, false, Optional.empty(), Optional.of(refusal));
        } else {
            Instant expiry = ExpiryRule.newExpiry(plan, line.get().expiry(), now);
            store.saveLineState(lineId, planId, expiry);
            r = new StoredRenewal(saleId, lineId, planId, true, Optional.of(expiry), Optional.empty());
        }
        store.insertRenewal(kioskId, r, now);
        log.info("renewal of sale {}: {}", saleId, r.applied() ? "applied until " + r.newExpiry().orElseThrow() : refusal);
        return r;
    }

    private Optional<LineStatus> line(String lineId) throws SQLException {
        LineStatus known = lines.get(lineId);
        if (known == null) known = newLines.line(lineId).orElse(null);
        if (known == null) return Optional.empty();
        Optional<String[]> state = store.lineState(lineId);
        if (state.isEmpty()) return Optional.of(known);
        return Optional.of(new LineStatus(known.lineId(), known.form(), Optional.of(state.get()[0]),
                Optional.of(Instant.parse(state.get()[1])), known.renewable(), known.allowedPlanIds()));
    }

    // ---------------------------------------------------------------- new lines

    private Reply activation(String kioskId, byte[] body) throws IOException {
        JsonNode n = json.readTree(body);
        String saleId = WireFormat.text(n, "saleId");
        String iccid = WireFormat.text(n, "iccid");
        String planId = WireFormat.text(n, "planId");
        Instant now = clock.instant();
        StoredNewLine r = store.inTransaction(() -> newLines.activate(kioskId, saleId, iccid, planId, now));
        ObjectNode answer = json.createObjectNode();
        if (r.outcome().equals(StoredNewLine.REJECTED)) {
            answer.put("outcome", "rejected");
            answer.put("reason", r.reason().orElseThrow());
        } else {
            // a repeat after a cancellation answers what was done: the activation (since undone)
            answer.put("outcome", "activated");
            answer.put("expiry", r.expiry().orElseThrow().toString());
        }
        return ok(answer);
    }

    private Reply esim(String kioskId, byte[] body) throws IOException {
        JsonNode n = json.readTree(body);
        String saleId = WireFormat.text(n, "saleId");
        String planId = WireFormat.text(n, "planId");
        Instant now = clock.instant();
        StoredNewLine r = store.inTransaction(() -> newLines.issueEsim(kioskId, saleId, planId, now));
        ObjectNode answer = json.createObjectNode();
        if (r.outcome().equals(StoredNewLine.REJECTED)) {
            answer.put("outcome", "rejected");
            answer.put("reason", r.reason().orElseThrow());
        } else {
            answer.put("outcome", "issued");
            answer.put("smdpAddress", r.smdpAddress().orElseThrow());
            answer.put("matchingId", r.matchingId().orElseThrow());
            r.confirmationCode().ifPresent(c -> answer.put("confirmationCode", c));
            answer.put("iccid", r.iccid().orElseThrow());
            answer.put("expiry", r.expiry().orElseThrow().toString());
        }
        return ok(answer);
    }

    private Reply cancellation(byte[] body) throws IOException {
        String saleId = WireFormat.text(json.readTree(body), "saleId");
        Instant now = clock.instant();
        store.inTransaction(() -> {
            newLines.cancel(saleId, now);
            return null;
        });
        ObjectNode answer = json.createObjectNode();
        answer.put("outcome", "cancelled");
        return ok(answer);
    }

    // ---------------------------------------------------------------- QR wallet payments

    private Reply walletPayments(String method, String rest, String kioskId, byte[] body) throws IOException {
        Instant now = clock.instant();
        if (method.equals("POST") && rest.isEmpty()) {
            JsonNode n = json.readTree(body);
            String saleId = WireFormat.text(n, "saleId");
            JsonNode amount = n.get("amountYen");
            if (amount == null || !amount.canConvertToLong()) throw new IllegalArgumentException("missing amountYen");
            try {
                StoredPayment p = store.inTransaction(() -> {
                    try {
                        return wallet.create(kioskId, saleId, amount.longValue(), now);
                    } catch (WalletDesk.AmountMismatch e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                return ok(payment(p));
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof WalletDesk.AmountMismatch) return error(409, "AMOUNT_MISMATCH", e.getMessage());
                throw e;
            }
        }
        String[] parts = rest.substring(1).split("/", -1);
        String saleId = parts[0];
        if (method.equals("GET") && parts.length == 1) {
            return store.inTransaction(() -> wallet.current(kioskId, saleId, now)).map(p -> ok(payment(p)))
                    .orElseGet(() -> error(404, "NOT_FOUND", "no payment for sale " + saleId));
        }
        if (method.equals("POST") && parts.length == 2 && parts[1].equals("cancellation")) {
            return store.inTransaction(() -> wallet.cancel(kioskId, saleId, now)).map(p -> ok(payment(p)))
                    .orElseGet(() -> error(404, "NOT_FOUND", "no payment for sale " + saleId));
        }
        if (method.equals("POST") && parts.length == 2 && parts[1].equals("refund")) {
            JsonNode amount = json.readTree(body).get("amountYen");
            if (amount == null || !amount.canConvertToLong()) throw new IllegalArgumentException("missing amountYen");
            Optional<String> refusal = store.inTransaction(() -> wallet.refund(kioskId, saleId, amount.longValue(), now));
            ObjectNode answer = json.createObjectNode();
            answer.put("outcome", refusal.isEmpty() ? "refunded" : "failed");
            refusal.ifPresent(why -> answer.put("reason", why));
            return ok(answer);
        }
        return error(404, "NOT_FOUND", method + " /wallet-payments" + rest);
    }

    private ObjectNode payment(StoredPayment p) {
        ObjectNode n = json.createObjectNode();
        n.put("paymentId", p.paymentId());
        n.put("saleId", p.saleId());
        n.put("amountYen", p.amountYen());
        n.put("state", p.state().toLowerCase(java.util.Locale.ROOT));
        n.put("qrPayload", wallet.payload(p));
        n.put("expiresAt", p.expiresAt().toString());
        p.wallet().ifPresent(w -> n.put("wallet", w));
        p.reason().ifPresent(r -> n.put("reason", r));
        n.put("refundedYen", p.refundedYen());
        return n;
    }

    /** The demo wallet: {@code POST /wallet-demo/{paymentId}/pay | decline}, answered 204, or 409 when already decided. */
    private void walletDemo(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            String[] parts = x.getRequestURI().getPath().substring(WALLET_DEMO_PATH.length()).split("/", -1);
            Instant now = clock.instant();
            int status;
            if (!x.getRequestMethod().equals("POST") || parts.length != 2) {
                status = 404;
            } else if (parts[1].equals("pay")) {
                status = store.inTransaction(() -> wallet.pay(parts[0], now)) ? 204 : 409;
            } else if (parts[1].equals("decline")) {
                status = store.inTransaction(() -> wallet.decline(parts[0], now)) ? 204 : 409;
            } else {
                status = 404;
            }
            x.sendResponseHeaders(status, -1);
        }
    }

    private Reply lookUp(String lineId) {
        Optional<LineStatus> line = store.inTransaction(() -> line(lineId));
        if (line.isEmpty()) return error(404, "LINE_NOT_FOUND", "no such line");
        return ok(WireFormat.line(json, line.get()));
    }

    // ---------------------------------------------------------------- catalog

    private Reply catalog(String ifNoneMatch) {
        String document = faults.catalogOverride().orElse(catalogJson);
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Signatures.sha256(bytes).substring(0, 32) + "\"";
        if (etag.equals(ifNoneMatch)) return new Reply(304, new byte[0], etag);
        return new Reply(200, bytes, etag);
    }

    // ---------------------------------------------------------------- answers

    private Reply ok(JsonNode body) {
        try {
            return new Reply(200, json.writeValueAsBytes(body), "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply error(int status, String code, String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", code);
        n.put("message", message);
        try {
            return new Reply(status, json.writeValueAsBytes(n), "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the reply to {@code received}, signed with {@code keys} unless null (the kiosk is not known) or the
     * fault says not to, and tells the answer listeners.
     */
    private void send(HttpExchange x, ReceivedRequest received, Signatures keys, String requestId, Reply reply)
            throws IOException {
        if (reply.status() != 204 && reply.status() != 304) x.getResponseHeaders().set("Content-Type", "application/json");
        if (!reply.etag().isEmpty()) x.getResponseHeaders().set("ETag", reply.etag());
        if (keys != null && !faults.unsigned()) {
            x.getResponseHeaders().set(Signatures.SIGNATURE,
                    keys.signResponse(requestId, reply.status(), reply.etag(), reply.body()));
        }
        boolean empty = reply.body().length == 0;
        SentAnswer sent = new SentAnswer(received, reply.status(), Map.copyOf(x.getResponseHeaders()), reply.body());
        for (Consumer<SentAnswer> l : answerListeners) l.accept(sent);
        x.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private static String header(HttpExchange x, String name) {
        return x.getRequestHeaders().getFirst(name);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kiosk ids this server accepts. */
    public Set<String> kiosks() {
        return Set.copyOf(kiosks.keySet());
    }
}
