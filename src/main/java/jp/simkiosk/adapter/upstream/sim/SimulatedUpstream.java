package jp.simkiosk.adapter.upstream.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.port.PlanCatalog;
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

/**
 * A back office in memory, knowing the demo lines listed in the configuration, so that every branch of
 * the journeys can be tried without a network. Renewals, SIM activations, eSIM issues and cancellations are
 * idempotent by sale id. A new SIM or eSIM becomes a line it knows (renewable by its ICCID); a cancelled
 * activation removes it again. eSIM activation codes name the SM-DP+ {@value #SMDP_ADDRESS} and a matching ID
 * derived from the sale id; profile ICCIDs come from a demo range. {@link #setReachable(boolean)} simulates the
 * network going down; {@link #rejectNextActivation} a back office that refuses one.
 */
public final class SimulatedUpstream implements Upstream {

    private final Map<String, LineStatus> lines = new HashMap<>();
    /** The SM-DP+ server of the simulated eSIM profiles. */
    public static final String SMDP_ADDRESS = "rsp.demo.sim-kiosk.example";
    /** The simulated eSIM profiles' ICCIDs: this prefix, a serial and a Luhn check digit. */
    private static final String ESIM_ICCID_PREFIX = "898110990001";

    private final Map<SaleId, RenewalResult> applied = new HashMap<>();
    private final Map<SaleId, ActivationResult> activations = new HashMap<>();
    private final Map<SaleId, EsimResult> esims = new HashMap<>();
    /** The line each activated sale created, until it is cancelled. */
    private final Map<SaleId, String> createdLines = new HashMap<>();
    private int esimSerial;
    private RejectReason rejectNext;
    private final PlanCatalog catalog;
    private final Clock clock;
    private final Duration delay;
    private volatile boolean reachable = true;

    public SimulatedUpstream(List<LineStatus> demoLines, PlanCatalog catalog, Clock clock, Duration delay) {
        for (LineStatus l : demoLines) lines.put(l.lineId().value(), l);
        this.catalog = catalog;
        this.clock = clock;
        this.delay = delay;
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
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
            RenewalResult result = apply(line, planId);
            applied.put(sale, result);
            return result;
        }
    }

    /** The next SIM activation or eSIM issue is refused with {@code reason}. */
    public synchronized void rejectNextActivation(RejectReason reason) {
        rejectNext = reason;
    }

    @Override
    public ActivationResult activateSim(SaleId sale, Iccid iccid, String planId) {
        pause();
        if (!reachable) return new ActivationResult.Unavailable();
        synchronized (this) {
            ActivationResult before = activations.get(sale);
            if (before != null) return before;
            ActivationResult result;
            Optional<Plan> plan = newLinePlan(planId, PlanKind.NEW_SIM);
            if (rejectNext != null) {
                result = new ActivationResult.Rejected(rejectNext);
                rejectNext = null;
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
            if (rejectNext != null) {
                result = new EsimResult.Rejected(rejectNext);
                rejectNext = null;
            } else if (plan.isEmpty()) {
                result = new EsimResult.Rejected(RejectReason.PLAN_NOT_ALLOWED);
            } else {
                String payload = ESIM_ICCID_PREFIX + String.format(java.util.Locale.ROOT, "%06d", ++esimSerial);
                Iccid iccid = new Iccid(payload + Luhn.checkDigit(payload));
                Instant expiry = clock.instant().plus(Duration.ofDays(plan.get().validityDays()));
                addLine(sale, iccid, LineForm.ESIM, planId, expiry);
                result = new EsimResult.Issued(new ActivationCode(SMDP_ADDRESS, matchingId(sale)), iccid, expiry);
            }
            esims.put(sale, result);
            return result;
        }
    }

    @Override
    public CancelResult cancelActivation(SaleId sale) {
        pause();
        if (!reachable) return new CancelResult.Unavailable();
        synchronized (this) {
            String line = createdLines.remove(sale);
            if (line != null) lines.remove(line);
            return new CancelResult.Cancelled();
        }
    }

    private Optional<Plan> newLinePlan(String planId, PlanKind kind) {
        return catalog.find(planId).filter(p -> p.kind() == kind && !p.requiresIdCheck());
    }

    private void addLine(SaleId sale, Iccid iccid, LineForm form, String planId, Instant expiry) {
        lines.put(iccid.value(), new LineStatus(iccid, form, Optional.of(planId), Optional.of(expiry), true, Set.of()));
        createdLines.put(sale, iccid.value());
    }

    /** A matching ID of five groups of four letters and digits, the same for the same sale. */
    private static String matchingId(SaleId sale) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(sale.value().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
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
        lines.put(line.value(), new LineStatus(s.lineId(), s.form(), Optional.of(planId), Optional.of(expiry), true,
                s.allowedPlanIds()));
        return new RenewalResult.Applied(expiry);
    }

    private void pause() {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
