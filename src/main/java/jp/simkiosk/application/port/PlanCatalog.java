package jp.simkiosk.application.port;

import java.util.List;
import java.util.Optional;
import jp.simkiosk.domain.plan.Plan;

/** The plans the kiosk may sell, in display order. */
public interface PlanCatalog {

    List<Plan> plans();

    default Optional<Plan> find(String planId) {
        return plans().stream().filter(p -> p.id().equals(planId)).findFirst();
    }
}
