package jp.simkiosk.adapter.upstream.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import jp.simkiosk.adapter.StateFiles;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.CatalogSource;
import jp.simkiosk.application.port.DayCloseSink;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A back office in memory, knowing the demo lines listed in the configuration, so that every branch of
 * the journeys can be tried without a network. Renewals, SIM activations, eSIM issues and cancellations are
 * idempotent by sale id. A new SIM or eSIM becomes a line it knows (renewable by its ICCID); a cancelled
 * activation removes it again. eSIM activation codes name the SM-DP+ {@value #SMDP_ADDRESS} and a matching ID
 * derived from the sale id; profile ICCIDs come from a demo range. {@link #setReachable(boolean)} simulates the
 * network going down, {@link #rejectNextRenewal} a renewal the operator refuses, {@link #rejectNextActivation}
 * a back office that refuses an activation.
 *
 * <p>It also takes the outbox's sale events (accepting each once by event id, applying deferred renewals and
 * SIM activations, cancelling the sale's line on an ACTIVATION_CANCELLED, _CANCEL_FAILED or _CANCEL_QUEUED event,
 * as the reference back office does), the closed days' reports (one
 * per kiosk id and day: the same report again is a duplicate, a different one is rejected), heartbeats, and
 * answers the catalog question with "not modified", so that the kiosk runs its sync the same way in simulator
 * mode.
 *
 * <p>Made with a state file ({@value #STATE_FILE} in the data folder), it keeps there, like a real back
 * office would, the answer given to each sale (renewals, SIM activations, eSIM issues, refusals included), the
 * new lines it created and not cancelled, the lines it renewed and a fingerprint of each closed day's report:
 * written before each answer is returned, read back at start. A kiosk killed and restarted then gets the same
 * answer when it asks again. An eSIM's activation code is not written: its matching ID is derived from the
 * sale id again.
 */
public final class SimulatedUpstream implements Upstream, EventSink, DayCloseSink, CatalogSource, HeartbeatSink {

    private static final Logger log = LoggerFactory.getLogger(SimulatedUpstream.class);

    /** The state file's name in the data folder. */
    public static final String STATE_FILE = "upstream-simulator-state.properties";

    private final Map<String, LineStatus> lines = new HashMap<>();
    /** The SM-DP+ server of the simulated eSIM profiles. */
    public static final String SMDP_ADDRESS = "rsp.demo.sim-kiosk.example";
    /** The simulated eSIM profiles' ICCIDs: this prefix, a serial and a Luhn check digit. */
    private static final String ESIM_ICCID_PREFIX = "898110990001";

    private final Map<SaleId, RenewalResult> applied = new HashMap<>();
    private final Set<String> renewedLines = new HashSet<>();
    private final Map<String, EventResult> events = new HashMap<>();
    private final Map<SaleId, ActivationResult> activations = new HashMap<>();
    private final Map<SaleId, EsimResult> esims = new HashMap<>();
    /** The line each activated sale created, until it is cancelled. */
    private final Map<SaleId, String> createdLines = new HashMap<>();
    /** The line each activated sale created, cancelled or not: what the state file keeps of it. */
    private final Map<SaleId, NewLine> newLines = new HashMap<>();

    private record NewLine(String iccid, String planId) {}
    private int esimSerial;
    // guarded by this: a refusal planned for the next SIM activation or eSIM issue
    private RejectReason rejectNextNewLine;
    /** SHA-256 of each closed day's report, by kiosk id and day ({@code "DEMO-01/2026-11-25"}). */
    private final Map<String, String> closes = new HashMap<>();
    private final List<ZReport> closesTaken = new ArrayList<>();
    private final PlanCatalog catalog;
    private final Clock clock;
    private final Duration delay;
    private final Optional<Path> stateFile;
    private volatile boolean reachable = true;
    private volatile boolean esimConfirmationCodes;
    // guarded by this
    private RejectReason rejectNext;

    /** A back office whose state lives in memory only. */
    public SimulatedUpstream(List<LineStatus> demoLines, PlanCatalog catalog, Clock clock, Duration delay) {
        this(demoLines, catalog, clock, delay, Optional.empty());
    }

    /**
     * A back office whose answers, new lines and renewed lines are kept in {@code stateFile}.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when it is damaged
     */
    public SimulatedUpstream(List<LineStatus> demoLines, PlanCatalog catalog, Clock clock, Duration delay,
                             Path stateFile) {
        this(demoLines, catalog, clock, delay, Optional.of(stateFile));
    }

    private SimulatedUpstream(List<LineStatus> demoLines, PlanCatalog catalog, Clock clock, Duration delay,
                              Optional<Path> stateFile) {
        for (LineStatus l : demoLines) lines.put(l.lineId().value(), l);
        this.catalog = catalog;
        this.clock = clock;
        this.delay = delay;
        this.stateFile = stateFile;
        stateFile.filter(Files::exists).ifPresent(this::load);
    }

    /** The ICCID of the new line the sale created (SIM activation or eSIM), if it exists and is not cancelled. */
    public synchronized Optional<String> activeNewLine(SaleId sale) {
        return Optional.ofNullable(createdLines.get(sale));
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** Whether the eSIM profiles issued from now on need a confirmation code (SGP.22; none by default). */
    public void esimConfirmationCodes(boolean required) {
        this.esimConfirmationCodes = required;
    }

    /** The next renewal of a sale not seen before is refused with {@code reason} (and answered so again for it). */
    public synchronized void rejectNextRenewal(RejectReason reason) {
        rejectNext = reason;
    }

    /** Drops a planned refusal not used yet. */
    public synchronized void clearRejection() {
        rejectNext = null;
    }

    /** The answers to renewals given so far, by sale: what the back office has on record. */
    public synchronized Map<SaleId, RenewalResult> answers() {
        return Map.copyOf(applied);
    }

    @Override
    public LookupResult lookUp(LineId line) {
        pause();
        if (!reachable) return new LookupResult.Unavailable();
        synchronized (this) {
            LineStatus s = lines.get(line.value());
            return s == null ? new LookupResult.NotFound() : new LookupResult.Found(s);
        }
    }

    @Override
    public RenewalResult applyRenewal(SaleId sale, LineId line, String planId) {
        pause();
        if (!reachable) return new RenewalResult.Unavailable();
        synchronized (this) {
            RenewalResult before = applied.get(sale);
            if (before != null) return before;
            RenewalResult result;
            if (rejectNext != null) {
                result = new RenewalResult.Rejected(rejectNext);
                rejectNext = null;
            } else {
                result = apply(line, planId);
            }
            applied.put(sale, result);
            save();
            return result;
        }
    }

    /** The next SIM activation or eSIM issue is refused with {@code reason}. */
    public synchronized void rejectNextActivation(RejectReason reason) {
        rejectNextNewLine = reason;
    }

    @Override
    public ActivationResult activateSim(SaleId sale, Iccid iccid, String planId) {
        pause();
        if (!reachable) return new ActivationResult.Unavailable();
        synchronized (this) {
            ActivationResult before = activations.get(sale);
            if (before != null) return before;
            ActivationResult result = activate(sale, iccid, planId);
            save();
            return result;
        }
    }

    /** Activates a SIM for a sale not seen before and keeps the answer. */
    private ActivationResult activate(SaleId sale, Iccid iccid, String planId) {
        ActivationResult result;
        Optional<Plan> plan = newLinePlan(planId, PlanKind.NEW_SIM);
        if (rejectNextNewLine != null) {
            result = new ActivationResult.Rejected(rejectNextNewLine);
            rejectNextNewLine = null;
        } else if (plan.isEmpty()) {
            result = new ActivationResult.Rejected(RejectReason.PLAN_NOT_ALLOWED);
        } else if (lines.containsKey(iccid.value())) {
            result = new ActivationResult.Rejected(RejectReason.OTHER);
        } else {
            Instant expiry = clock.instant().plus(Duration.ofDays(plan.get().validityDays()));
            addLine(sale, iccid, LineForm.PHYSICAL_SIM, planId, expiry);
            result = new ActivationResult.Activated(expiry);
        }
        activations.put(sale, result);
        return result;
    }

    @Override
    public EsimResult issueEsim(SaleId sale, String planId) {
        pause();
        if (!reachable) return new EsimResult.Unavailable();
        synchronized (this) {
            EsimResult before = esims.get(sale);
            if (before != null) return before;
            EsimResult result;
            Optional<Plan> plan = newLinePlan(planId, PlanKind.NEW_ESIM);
            if (rejectNextNewLine != null) {
                result = new EsimResult.Rejected(rejectNextNewLine);
                rejectNextNewLine = null;
            } else if (plan.isEmpty()) {
                result = new EsimResult.Rejected(RejectReason.PLAN_NOT_ALLOWED);
            } else {
                String payload = ESIM_ICCID_PREFIX + String.format(java.util.Locale.ROOT, "%06d", ++esimSerial);
                Iccid iccid = new Iccid(payload + Luhn.checkDigit(payload));
                Instant expiry = clock.instant().plus(Duration.ofDays(plan.get().validityDays()));
                addLine(sale, iccid, LineForm.ESIM, planId, expiry);
                result = new EsimResult.Issued(activationCode(sale, esimConfirmationCodes), iccid, expiry);
            }
            esims.put(sale, result);
            save();
            return result;
        }
    }

    @Override
    public CancelResult cancelActivation(SaleId sale) {
        pause();
        if (!reachable) return new CancelResult.Unavailable();
        synchronized (this) {
            if (cancel(sale)) save();
            return new CancelResult.Cancelled();
        }
    }

    /** Removes the line the sale created, if it still exists; whether it did. */
    private boolean cancel(SaleId sale) {
        String line = createdLines.remove(sale);
        if (line == null) return false;
        lines.remove(line);
        renewedLines.remove(line);
        return true;
    }

    private Optional<Plan> newLinePlan(String planId, PlanKind kind) {
        return catalog.find(planId).filter(p -> p.kind() == kind && !p.requiresIdCheck());
    }

    private void addLine(SaleId sale, Iccid iccid, LineForm form, String planId, Instant expiry) {
        lines.put(iccid.value(), new LineStatus(iccid, form, Optional.of(planId), Optional.of(expiry), true, Set.of()));
        createdLines.put(sale, iccid.value());
        newLines.put(sale, new NewLine(iccid.value(), planId));
    }

    /**
     * The sale's activation code, the same for the same sale (so it is not written to the state file): a matching
     * ID of five groups of four letters and digits and, when asked, a six-digit confirmation code.
     */
    private static ActivationCode activationCode(SaleId sale, boolean confirmation) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(sale.value().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
        Optional<String> code = confirmation
                ? Optional.of(String.format(java.util.Locale.ROOT, "%06d",
                        ((hash[20] & 0xff) << 16 | (hash[21] & 0xff) << 8 | (hash[22] & 0xff)) % 1_000_000))
                : Optional.empty();
        return new ActivationCode(SMDP_ADDRESS, matchingId(hash), Optional.empty(), code);
    }

    private static String matchingId(byte[] hash) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) sb.append('-');
            sb.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
        }
        return sb.toString();
    }

    private RenewalResult apply(LineId line, String planId) {
        LineStatus s = lines.get(line.value());
        if (s == null) return new RenewalResult.Rejected(RejectReason.LINE_NOT_FOUND);
        if (!s.renewable()) return new RenewalResult.Rejected(RejectReason.LINE_NOT_RENEWABLE);
        Optional<Plan> plan = catalog.find(planId);
        if (plan.isEmpty() || plan.get().kind() != PlanKind.renewalFor(s.form()) || !s.allows(planId)) {
            return new RenewalResult.Rejected(RejectReason.PLAN_NOT_ALLOWED);
        }
        Instant expiry = ExpiryRule.newExpiry(plan.get(), s.expiry(), clock.instant());
        lines.put(line.value(), renewed(s, planId, expiry));
        renewedLines.add(line.value());
        return new RenewalResult.Applied(expiry);
    }

    private static LineStatus renewed(LineStatus s, String planId, Instant expiry) {
        return new LineStatus(s.lineId(), s.form(), Optional.of(planId), Optional.of(expiry), true, s.allowedPlanIds());
    }

    @Override
    public Delivery deliver(List<SaleEvent> batch) {
        pause();
        if (!reachable) return new Delivery.Failed("simulated network down");
        Map<String, EventResult> results = new HashMap<>();
        synchronized (this) {
            for (SaleEvent e : batch) {
                EventResult first = events.get(e.eventId());
                if (first != null) {
                    results.put(e.eventId(), first.outcome() == Outbox.Outcome.REJECTED
                            ? first : new EventResult(Outbox.Outcome.DUPLICATE, "", first.appliedExpiry()));
                    continue;
                }
                EventResult r = new EventResult(Outbox.Outcome.ACCEPTED, "", Optional.empty());
                if (e.step() == SaleStep.FULFILMENT_DEFERRED && e.sale().lineId().isPresent()) {
                    RenewalResult renewal = applied.get(e.sale().id());
                    if (renewal == null) {
                        renewal = apply(e.sale().lineId().get(), e.sale().planId());
                        applied.put(e.sale().id(), renewal);
                        save();
                    }
                    r = renewal instanceof RenewalResult.Applied a
                            ? new EventResult(Outbox.Outcome.ACCEPTED, "", Optional.of(a.newExpiry()))
                            : new EventResult(Outbox.Outcome.REJECTED,
                                    ((RenewalResult.Rejected) renewal).reason().name(), Optional.empty());
                }
                if (e.step() == SaleStep.ACTIVATION_DEFERRED && e.sale().lineId().isPresent()) {
                    ActivationResult activation = activations.get(e.sale().id());
                    if (activation == null) {
                        activation = activate(e.sale().id(), new Iccid(e.sale().lineId().get().value()), e.sale().planId());
                        save();
                    }
                    r = activation instanceof ActivationResult.Activated a
                            ? new EventResult(Outbox.Outcome.ACCEPTED, "", Optional.of(a.expiry()))
                            : new EventResult(Outbox.Outcome.REJECTED,
                                    ((ActivationResult.Rejected) activation).reason().name(), Optional.empty());
                } else if (e.step().cancelsNewLine()) {
                    // as the reference back office: the cancellation again, in the kiosk's order of events
                    if (cancel(e.sale().id())) save();
                }
                events.put(e.eventId(), r);
                results.put(e.eventId(), r);
            }
        }
        return new Delivery.Answered(results);
    }

    @Override
    public CloseDelivery deliver(ZReport report) {
        pause();
        if (!reachable) return new CloseDelivery.Failed("simulated network down");
        String key = report.kioskId() + "/" + report.day();
        String fingerprint = fingerprint(report);
        synchronized (this) {
            String before = closes.get(key);
            if (before != null) {
                return before.equals(fingerprint) ? new CloseDelivery.Duplicate()
                        : new CloseDelivery.Rejected("a different report of " + report.day() + " is on record");
            }
            closes.put(key, fingerprint);
            closesTaken.add(report);
            save();
            log.info("upstream simulator: close of {} by {} taken ({})", report.day(), report.closedBy(), report.summary());
            return new CloseDelivery.Accepted();
        }
    }

    /** The closed days' reports this instance accepted, in order of arrival. */
    public synchronized List<ZReport> closesTaken() {
        return List.copyOf(closesTaken);
    }

    /** A report's record text is all of its fields: two reports with the same text are the same report. */
    private static String fingerprint(ZReport report) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(report.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The simulated back office has no catalog of its own: the kiosk keeps the shipped one. */
    @Override
    public Fetch fetch(Optional<String> knownEtag) {
        return new Fetch.NotModified();
    }

    @Override
    public boolean send(Heartbeat heartbeat) {
        return reachable;
    }

    private void pause() {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ state file

    private void load(Path file) {
        Properties p = StateFiles.read(file);
        try {
            // new lines first: a renewed line may be one of them
            for (String key : p.stringPropertyNames()) {
                String[] v = p.getProperty(key).split("\\|", -1);
                if (key.startsWith("activation.")) {
                    SaleId sale = new SaleId(key.substring("activation.".length()));
                    if (v[0].equals("ACTIVATED")) {
                        Instant expiry = Instant.parse(v[3]);
                        activations.put(sale, new ActivationResult.Activated(expiry));
                        restoreLine(sale, v[1], LineForm.PHYSICAL_SIM, v[2], expiry, v[4]);
                    } else {
                        activations.put(sale, new ActivationResult.Rejected(RejectReason.valueOf(v[1])));
                    }
                } else if (key.startsWith("esim.")) {
                    SaleId sale = new SaleId(key.substring("esim.".length()));
                    if (v[0].equals("ISSUED")) {
                        Instant expiry = Instant.parse(v[3]);
                        boolean confirmation = v.length > 5 && v[5].equals("1");
                        esims.put(sale, new EsimResult.Issued(activationCode(sale, confirmation), new Iccid(v[1]), expiry));
                        restoreLine(sale, v[1], LineForm.ESIM, v[2], expiry, v[4]);
                    } else {
                        esims.put(sale, new EsimResult.Rejected(RejectReason.valueOf(v[1])));
                    }
                } else if (key.equals("esimSerial")) {
                    esimSerial = Integer.parseInt(v[0]);
                }
            }
            for (String key : p.stringPropertyNames()) {
                String[] v = p.getProperty(key).split("\\|", -1);
                if (key.startsWith("sale.")) {
                    SaleId sale = new SaleId(key.substring("sale.".length()));
                    applied.put(sale, v[0].equals("APPLIED") ? new RenewalResult.Applied(Instant.parse(v[1]))
                            : new RenewalResult.Rejected(RejectReason.valueOf(v[1])));
                } else if (key.startsWith("close.")) {
                    closes.put(key.substring("close.".length()), v[0]);
                } else if (key.startsWith("line.")) {
                    LineStatus s = lines.get(key.substring("line.".length()));
                    if (s != null) {
                        lines.put(s.lineId().value(), renewed(s, v[0], Instant.parse(v[1])));
                        renewedLines.add(s.lineId().value());
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged upstream simulator state file " + file + ": " + e.getMessage(), e);
        }
        log.info("upstream simulator: {} renewal(s), {} activation(s), {} eSIM issue(s) and {} closed day(s) on record"
                + " in {}", applied.size(), activations.size(), esims.size(), closes.size(), file);
    }

    /** Puts back a new line the sale created, unless it was cancelled ({@code state} {@code CANCELLED}). */
    private void restoreLine(SaleId sale, String iccid, LineForm form, String planId, Instant expiry, String state) {
        if (state.equals(LIVE)) {
            addLine(sale, new Iccid(iccid), form, planId, expiry);
        } else if (state.equals(CANCELLED)) {
            newLines.put(sale, new NewLine(iccid, planId));
        } else {
            throw new IllegalArgumentException("unknown new line state " + state + " of sale " + sale);
        }
    }

    /** A new line's state in the file: still a line, or cancelled. */
    private static final String LIVE = "LIVE", CANCELLED = "CANCELLED";

    /** How a sale's new line is written: {@code iccid|plan|expiry|LIVE or CANCELLED}. */
    private String newLineRecord(SaleId sale, Instant expiry) {
        NewLine n = newLines.get(sale);
        return n.iccid() + "|" + n.planId() + "|" + expiry + "|" + (createdLines.containsKey(sale) ? LIVE : CANCELLED);
    }

    /** Writes the state to a temporary file and moves it over the old one: a crash leaves one or the other. */
    private void save() {
        if (stateFile.isEmpty()) return;
        Path file = stateFile.get();
        Properties p = new Properties();
        applied.forEach((sale, r) -> p.setProperty("sale." + sale.value(), r instanceof RenewalResult.Applied a
                ? "APPLIED|" + a.newExpiry() : "REJECTED|" + ((RenewalResult.Rejected) r).reason().name()));
        closes.forEach((key, fingerprint) -> p.setProperty("close." + key, fingerprint));
        activations.forEach((sale, r) -> p.setProperty("activation." + sale.value(), r instanceof ActivationResult.Activated a
                ? "ACTIVATED|" + newLineRecord(sale, a.expiry()) : "REJECTED|" + ((ActivationResult.Rejected) r).reason().name()));
        esims.forEach((sale, r) -> p.setProperty("esim." + sale.value(), r instanceof EsimResult.Issued i
                ? "ISSUED|" + newLineRecord(sale, i.expiry()) + (i.code().confirmationCodeRequired() ? "|1" : "|0")
                : "REJECTED|" + ((EsimResult.Rejected) r).reason().name()));
        p.setProperty("esimSerial", Integer.toString(esimSerial));
        for (String id : renewedLines) {
            LineStatus l = lines.get(id);
            p.setProperty("line." + id, l.currentPlanId().orElseThrow() + "|" + l.expiry().orElseThrow());
        }
        try {
            StateFiles.write(file, p, "upstream simulator: answers by sale, new lines, lines as renewed, closed days' report fingerprints");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
