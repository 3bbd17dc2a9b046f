package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Objects;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The operator's back office, as far as selling needs it: look up a line, apply a renewal to it, activate a
 * new SIM, issue a new eSIM, and undo an activation whose SIM never reached the customer. The sale id is the
 * idempotency key of every call that changes something.
 */
public interface Upstream {

    LookupResult lookUp(LineId line);

    /**
     * Applies a paid renewal. The sale id is the idempotency key: applying the same sale twice adds the
     * plan once and answers the same expiry.
     */
    RenewalResult applyRenewal(SaleId sale, LineId line, String planId);

    /**
     * Activates the new SIM card the kiosk has just read ({@code iccid}) with a new-SIM plan. Asked again for
     * the same sale, it activates nothing more and answers the same.
     */
    ActivationResult activateSim(SaleId sale, Iccid iccid, String planId);

    /**
     * Issues a new eSIM profile with a new-eSIM plan and answers its activation code. Asked again for the same
     * sale, it issues nothing more and answers the same code.
     */
    EsimResult issueEsim(SaleId sale, String planId);

    /**
     * The sale's SIM or eSIM never reached the customer (the SIM was captured, the dispenser failed): undo its
     * activation so the line cannot be used. A sale with nothing activated, or already cancelled, answers
     * {@link CancelResult.Cancelled}.
     */
    CancelResult cancelActivation(SaleId sale);

    sealed interface LookupResult {
        record Found(LineStatus status) implements LookupResult {}
        record NotFound() implements LookupResult {}
        record Unavailable() implements LookupResult {}
    }

    sealed interface RenewalResult {
        record Applied(Instant newExpiry) implements RenewalResult {}
        record Rejected(RejectReason reason) implements RenewalResult {}
        record Unavailable() implements RenewalResult {}
    }

    sealed interface ActivationResult {
        /** @param expiry when the new line's plan ends */
        record Activated(Instant expiry) implements ActivationResult {}
        record Rejected(RejectReason reason) implements ActivationResult {}
        record Unavailable() implements ActivationResult {}
    }

    sealed interface EsimResult {
        /**
         * @param code   the profile's activation code: a secret, for the buyer only
         * @param iccid  the profile's ICCID, which identifies the line for later top-ups
         * @param expiry when the new line's plan ends
         */
        record Issued(ActivationCode code, Iccid iccid, Instant expiry) implements EsimResult {
            public Issued {
                Objects.requireNonNull(code);
                Objects.requireNonNull(iccid);
                Objects.requireNonNull(expiry);
            }
        }
        record Rejected(RejectReason reason) implements EsimResult {}
        record Unavailable() implements EsimResult {}
    }

    sealed interface CancelResult {
        record Cancelled() implements CancelResult {}
        record Unavailable() implements CancelResult {}
    }

    enum RejectReason { LINE_NOT_FOUND, LINE_NOT_RENEWABLE, PLAN_NOT_ALLOWED, OTHER }
}
