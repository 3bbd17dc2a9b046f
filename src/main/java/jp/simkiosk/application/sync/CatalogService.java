package jp.simkiosk.application.sync;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.CatalogCache;
import jp.simkiosk.application.port.CatalogSource;
import jp.simkiosk.application.port.CatalogSource.Fetch;
import jp.simkiosk.application.port.CatalogValidator;
import jp.simkiosk.application.port.CatalogValidator.InvalidCatalogException;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.domain.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PlanCatalog} the kiosk sells from: the last good catalog from upstream. At construction it
 * takes the cached one (validated again) or, without one, the shipped plan file, so the kiosk sells offline
 * from the first start. {@link #refresh()} asks upstream; a catalog that does not pass validation (or whose
 * signature did not check out, which the source reports as a failure) is refused and logged, and the
 * current one kept. Thread-safe: {@link #plans()} always returns one whole catalog.
 */
public final class CatalogService implements PlanCatalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    /** How a refresh went. */
    public sealed interface Refresh {
        record Unchanged() implements Refresh {}
        record Updated(String etag, int plans) implements Refresh {}
        /** Upstream sent a catalog that fails validation: the current one is kept. */
        record Refused(String reason) implements Refresh {}
        /** Upstream could not be asked (or its answer was not signed): the current one is kept. */
        record Unavailable(String reason) implements Refresh {}
    }

    /** The catalog in use and where it came from. */
    private record Current(List<Plan> plans, Optional<String> etag) {}

    private final CatalogSource source;
    private final CatalogCache cache;
    private final CatalogValidator validator;
    private final Clock clock;
    private volatile Current current;

    /** @param shipped the plans of the shipped file, used until upstream has sent a good catalog */
    public CatalogService(CatalogSource source, CatalogCache cache, CatalogValidator validator, List<Plan> shipped,
                          Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.cache = Objects.requireNonNull(cache);
        this.validator = Objects.requireNonNull(validator);
        this.clock = Objects.requireNonNull(clock);
        this.current = new Current(List.copyOf(shipped), Optional.empty());
        cache.load().ifPresent(c -> {
            try {
                current = new Current(validator.validate(c.document()), Optional.of(c.etag()));
                log.info("plan catalog {} from the cache ({} plans, fetched {})", c.etag(), current.plans().size(),
                        c.fetchedAt());
            } catch (InvalidCatalogException e) {
                log.error("cached plan catalog {} is not valid ({}); selling from the shipped file", c.etag(),
                        e.getMessage());
            }
        });
    }

    @Override
    public List<Plan> plans() {
        return current.plans();
    }

    /** The version of the catalog in use, if it came from upstream. */
    public Optional<String> etag() {
        return current.etag();
    }

    /** Asks upstream whether the catalog changed and takes a new one if it is valid. */
    public synchronized Refresh refresh() {
        Fetch f = source.fetch(current.etag());
        if (f instanceof Fetch.NotModified) return new Refresh.Unchanged();
        if (f instanceof Fetch.Failed failed) return new Refresh.Unavailable(failed.reason());
        Fetch.Fetched fetched = (Fetch.Fetched) f;
        List<Plan> plans;
        try {
            plans = validator.validate(fetched.document());
        } catch (InvalidCatalogException e) {
            log.error("plan catalog {} from upstream refused, keeping {}: {}", fetched.etag(),
                    current.etag().orElse("the shipped one"), e.getMessage());
            return new Refresh.Refused(e.getMessage());
        }
        cache.save(new CatalogCache.Cached(fetched.etag(), clock.instant(), fetched.document()));
        current = new Current(plans, Optional.of(fetched.etag()));
        log.info("plan catalog {} from upstream in use ({} plans)", fetched.etag(), plans.size());
        return new Refresh.Updated(fetched.etag(), plans.size());
    }
}
