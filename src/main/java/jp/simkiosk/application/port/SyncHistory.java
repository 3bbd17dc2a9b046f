package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Optional;

/** When upstream last answered for an outbox event: the operator's "last successful sync". */
public interface SyncHistory {
    Optional<Instant> lastSettledAt();
}
