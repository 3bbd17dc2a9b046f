package jp.simkiosk.application.port;

import java.time.Instant;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.sale.SaleId;

/** The operator's back office, as far as selling needs it: look up a line, apply a renewal to it. */
public interface Upstream {

    LookupResult lookUp(LineId line);

    /**
     * Applies a paid renewal. The sale id is the idempotency key: applying the same sale twice adds the
     * plan once and answers the same expiry.
     */
    RenewalResult applyRenewal(SaleId sale, LineId line, String planId);

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

    enum RejectReason { LINE_NOT_FOUND, LINE_NOT_RENEWABLE, PLAN_NOT_ALLOWED, OTHER }
}
