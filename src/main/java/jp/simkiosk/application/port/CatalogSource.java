package jp.simkiosk.application.port;

import java.util.Objects;
import java.util.Optional;

/** Where the plan catalog comes from: the back office, asked whether its catalog changed. */
public interface CatalogSource {

    /** @param knownEtag the version the kiosk holds; upstream answers {@link Fetch.NotModified} when it is current */
    Fetch fetch(Optional<String> knownEtag);

    sealed interface Fetch {
        record NotModified() implements Fetch {}

        /** A catalog whose signature checked out; its content is not validated yet. */
        record Fetched(String etag, String document) implements Fetch {
            public Fetched {
                Objects.requireNonNull(etag);
                Objects.requireNonNull(document);
            }
        }

        /** Unreachable, an error, or an answer without a valid signature. */
        record Failed(String reason) implements Fetch {
            public Failed {
                Objects.requireNonNull(reason);
            }
        }
    }
}
