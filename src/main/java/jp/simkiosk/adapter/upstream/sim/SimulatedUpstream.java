package jp.simkiosk.adapter.upstream.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.simkiosk.application.port.CatalogSource;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
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
 *
 * <p>It also takes the outbox's sale events (accepting each once by event id, applying deferred renewals),
 * heartbeats, and answers the catalog question with "not modified", so that the kiosk runs its sync the
 * same way in simulator mode.
 */
public final class SimulatedUpstream implements Upstream, EventSink, CatalogSource, HeartbeatSink {

    private final Map<String, LineStatus> lines = new HashMap<>();
    private final Map<SaleId, RenewalResult> applied = new HashMap<>();
    private final Map<String, EventResult> events = new HashMap<>();
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
                    RenewalResult renewal = applied.computeIfAbsent(e.sale().id(),
                            id -> apply(e.sale().lineId().get(), e.sale().planId()));
                    r = renewal instanceof RenewalResult.Applied a
                            ? new EventResult(Outbox.Outcome.ACCEPTED, "", Optional.of(a.newExpiry()))
                            : new EventResult(Outbox.Outcome.REJECTED,
                                    ((RenewalResult.Rejected) renewal).reason().name(), Optional.empty());
                }
                events.put(e.eventId(), r);
                results.put(e.eventId(), r);
            }
        }
        return new Delivery.Answered(results);
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
}
