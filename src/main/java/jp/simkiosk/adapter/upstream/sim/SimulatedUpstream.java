package jp.simkiosk.adapter.upstream.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.SaleId;

/**
 * A back office in memory, knowing the demo lines listed in the configuration, so that every branch of
 * the renewal journey can be tried without a network. Renewals are applied idempotently by sale id.
 * {@link #setReachable(boolean)} simulates the network going down.
 */
public final class SimulatedUpstream implements Upstream {

    private final Map<String, LineStatus> lines = new HashMap<>();
    private final Map<SaleId, RenewalResult> applied = new HashMap<>();
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
