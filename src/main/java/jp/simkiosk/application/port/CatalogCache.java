package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Keeps the last good catalog document from upstream across restarts. */
public interface CatalogCache {

    Optional<Cached> load();

    /** Replaces the cached catalog, durably. */
    void save(Cached catalog);

    /**
     * @param etag     upstream's version tag of the document
     * @param document the catalog as upstream sent it
     */
    record Cached(String etag, Instant fetchedAt, String document) {
        public Cached {
            Objects.requireNonNull(etag);
            Objects.requireNonNull(fetchedAt);
            Objects.requireNonNull(document);
        }
    }
}
