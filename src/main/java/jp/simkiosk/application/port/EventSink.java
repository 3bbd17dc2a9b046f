package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where the outbox delivers sale events: the back office's event intake. */
public interface EventSink {

    /**
     * Delivers a batch, in order. The answer names each event it settles by event id; an event it does not
     * name stays pending.
     */
    Delivery deliver(List<SaleEvent> batch);

    sealed interface Delivery {
        /** Upstream answered; {@code results} is keyed by event id. */
        record Answered(Map<String, EventResult> results) implements Delivery {
            public Answered {
                results = Map.copyOf(results);
            }
        }

        /** No usable answer (unreachable, time-out, error status, unsigned or malformed answer). */
        record Failed(String reason) implements Delivery {
            public Failed {
                Objects.requireNonNull(reason);
            }
        }
    }

    /**
     * Upstream's answer for one event.
     *
     * @param reason       why it was rejected; empty otherwise
     * @param appliedExpiry for an event that asked for a renewal to be applied (a deferred renewal), the line's
     *                     new expiry
     */
    record EventResult(Outbox.Outcome outcome, String reason, Optional<Instant> appliedExpiry) {
        public EventResult {
            Objects.requireNonNull(outcome);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(appliedExpiry);
        }
    }
}
