package jp.simkiosk.backoffice;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import jp.simkiosk.backoffice.BackOfficeStore.StoredNewLine;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference back office's new lines: it activates the SIM card a kiosk has read, issues new eSIM profiles
 * with their activation codes, and cancels either when the customer never got it. Each is done once per sale
 * id and kept in the {@link BackOfficeStore}; a repeat answers what was stored (the same activation code). An
 * active new line is a line like the demo ones, renewable by its ICCID; a cancelled one is gone.
 *
 * <p>Every method runs inside the caller's {@link BackOfficeStore#inTransaction} and is called by one request
 * at a time. An activation code is a secret: it is never logged here, only the sale and the masked ICCID.
 */
final class NewLineDesk {

    private static final Logger log = LoggerFactory.getLogger(NewLineDesk.class);

    /** The SM-DP+ server of the profiles this back office issues. */
    static final String SMDP_ADDRESS = "rsp.backoffice.sim-kiosk.example";
    /** Profile ICCIDs: this prefix, a six-digit serial and the Luhn check digit. */
    private static final String ESIM_ICCID_PREFIX = "898110990002";
    private static final String MATCHING_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final BackOfficeStore store;
    private final Map<String, Plan> plans;
    private final Set<String> demoLineIds;
    private final RandomGenerator random;
    private volatile boolean confirmationCodes;

    /**
     * @param demoLineIds the lines known at start: an ICCID among them cannot be activated again
     * @param random      source of matching IDs (a secure one outside tests)
     */
    NewLineDesk(BackOfficeStore store, Map<String, Plan> plans, Set<String> demoLineIds, RandomGenerator random) {
        this.store = store;
        this.plans = plans;
        this.demoLineIds = Set.copyOf(demoLineIds);
        this.random = random;
    }

    /**
     * Whether the eSIM profiles issued from now on need a confirmation code (SGP.22): the phone asks for it before
     * it downloads the profile; the kiosk gives it to the buyer beside the QR code, which says {@code $1}.
     */
    void confirmationCodes(boolean required) {
        this.confirmationCodes = required;
    }

    /** Activates the new SIM {@code iccid} with a new-SIM plan, once per sale. */
    StoredNewLine activate(String kioskId, String saleId, String iccid, String planId, Instant now) throws SQLException {
        Optional<StoredNewLine> before = store.newLine(saleId);
        if (before.isPresent()) return before.get();
        Optional<Plan> plan = newLinePlan(planId, PlanKind.NEW_SIM);
        String refusal = null;
        if (plan.isEmpty()) {
            refusal = "PLAN_NOT_ALLOWED";
        } else if (!validIccid(iccid) || demoLineIds.contains(iccid) || store.activeNewLine(iccid).isPresent()) {
            refusal = "OTHER";
        }
        StoredNewLine n = refusal != null
                ? new StoredNewLine(saleId, "SIM", planId, StoredNewLine.REJECTED, Optional.empty(), Optional.empty(),
                        Optional.of(refusal), Optional.empty(), Optional.empty(), Optional.empty())
                : new StoredNewLine(saleId, "SIM", planId, StoredNewLine.ACTIVE, Optional.of(iccid),
                        Optional.of(expiry(plan.get(), now)), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty());
        store.insertNewLine(kioskId, n, now);
        log.info("SIM activation of sale {}: {}", saleId, refusal == null
                ? "SIM " + new Iccid(iccid).masked() + " active until " + n.expiry().orElseThrow() : refusal);
        return n;
    }

    /** Issues a new eSIM profile with a new-eSIM plan, once per sale: a repeat answers the same code. */
    StoredNewLine issueEsim(String kioskId, String saleId, String planId, Instant now) throws SQLException {
        Optional<StoredNewLine> before = store.newLine(saleId);
        if (before.isPresent()) return before.get();
        Optional<Plan> plan = newLinePlan(planId, PlanKind.NEW_ESIM);
        StoredNewLine n;
        if (plan.isEmpty()) {
            n = new StoredNewLine(saleId, "ESIM", planId, StoredNewLine.REJECTED, Optional.empty(), Optional.empty(),
                    Optional.of("PLAN_NOT_ALLOWED"), Optional.empty(), Optional.empty(), Optional.empty());
        } else {
            String payload = ESIM_ICCID_PREFIX + String.format(Locale.ROOT, "%06d", store.esimsIssued() + 1);
            String iccid = payload + Luhn.checkDigit(payload);
            n = new StoredNewLine(saleId, "ESIM", planId, StoredNewLine.ACTIVE, Optional.of(iccid),
                    Optional.of(expiry(plan.get(), now)), Optional.empty(), Optional.of(SMDP_ADDRESS),
                    Optional.of(matchingId()), confirmationCodes ? Optional.of(confirmationCode()) : Optional.empty());
        }
        store.insertNewLine(kioskId, n, now);
        // the code is never logged: only the sale and the profile's masked ICCID
        log.info("eSIM issue of sale {}: {}", saleId, n.iccid().map(i -> "profile " + new Iccid(i).masked()
                + " until " + n.expiry().orElseThrow()).orElse(n.reason().orElse("")));
        return n;
    }

    /** Cancels the sale's new line if it has an active one; a sale with none is answered cancelled all the same. */
    void cancel(String saleId, Instant now) throws SQLException {
        boolean cancelled = store.cancelNewLine(saleId, now);
        log.info("cancellation of sale {}: {}", saleId, cancelled ? "its new line is removed" : "no active new line");
    }

    /** The active new line with this ICCID, as a line that may be renewed with plans of its form. */
    Optional<LineStatus> line(String iccid) throws SQLException {
        if (!validIccid(iccid)) return Optional.empty();
        return store.activeNewLine(iccid).map(n -> new LineStatus(new Iccid(iccid),
                n.form().equals("ESIM") ? LineForm.ESIM : LineForm.PHYSICAL_SIM, Optional.of(n.planId()),
                n.expiry(), true, Set.of()));
    }

    private Optional<Plan> newLinePlan(String planId, PlanKind kind) {
        return Optional.ofNullable(plans.get(planId)).filter(p -> p.kind() == kind && !p.requiresIdCheck());
    }

    private static Instant expiry(Plan plan, Instant now) {
        return now.plus(Duration.ofDays(plan.validityDays()));
    }

    private static boolean validIccid(String value) {
        try {
            new Iccid(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Six digits, at random. */
    private String confirmationCode() {
        return String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    }

    /** Five groups of four letters and digits, at random. */
    private String matchingId() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) sb.append('-');
            sb.append(MATCHING_ID_ALPHABET.charAt(random.nextInt(MATCHING_ID_ALPHABET.length())));
        }
        return sb.toString();
    }
}
