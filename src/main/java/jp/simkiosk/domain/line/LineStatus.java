package jp.simkiosk.domain.line;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.domain.plan.LineForm;

/**
 * What upstream knows of a line: its form, current plan and expiry, whether it may be renewed and
 * with which plans (an empty set means any renewal plan of the line's form).
 */
public record LineStatus(
        LineId lineId,
        LineForm form,
        Optional<String> currentPlanId,
        Optional<Instant> expiry,
        boolean renewable,
        Set<String> allowedPlanIds) {

    public LineStatus {
        Objects.requireNonNull(lineId);
        Objects.requireNonNull(form);
        Objects.requireNonNull(currentPlanId);
        Objects.requireNonNull(expiry);
        allowedPlanIds = Set.copyOf(allowedPlanIds);
    }

    public boolean allows(String planId) {
        return allowedPlanIds.isEmpty() || allowedPlanIds.contains(planId);
    }
}
