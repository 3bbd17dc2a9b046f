package jp.simkiosk.domain.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Computes when a line expires after a renewal with a given plan. */
public final class ExpiryRule {

    private ExpiryRule() {}

    /**
     * @param currentExpiry the line's expiry before the renewal, when known
     * @param now           the moment of the renewal
     */
    public static Instant newExpiry(Plan plan, Optional<Instant> currentExpiry, Instant now) {
        Duration validity = Duration.ofDays(plan.validityDays());
        if (plan.renewalRule() == RenewalRule.STACK && currentExpiry.isPresent() && currentExpiry.get().isAfter(now)) {
            return currentExpiry.get().plus(validity);
        }
        return now.plus(validity);
    }
}
