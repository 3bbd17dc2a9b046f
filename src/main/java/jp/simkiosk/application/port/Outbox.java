package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The events the kiosk owes the back office, kept durably next to the sale journal that fills it. Events
 * leave the pending queue only when upstream has answered for them: accepted, duplicate (it had it
 * already) or rejected with a reason, which is kept for the operator and never retried.
 */
public interface Outbox {

    /** The oldest pending events, in sequence order, at most {@code max}. */
    List<SaleEvent> pending(int max);

    /** Writes upstream's answers for some events in one durable transaction; events already settled stay as they are. */
    void settle(List<Settlement> settlements, Instant at);

    /** Counts one more delivery attempt without an answer for these events (for the operator screen). */
    void countAttempt(List<SaleEvent> events);

    /** How the queue stands now. */
    Status status();

    /** The rejected events, newest first, at most {@code limit}: what the operator has to look at. */
    List<Rejected> rejected(int limit);

    /** Deletes accepted and duplicate events settled before {@code cutoff}; rejected ones are kept. */
    int pruneSettledBefore(Instant cutoff);

    /** How upstream answered for one event. */
    enum Outcome { ACCEPTED, DUPLICATE, REJECTED }

    /** @param reason upstream's reason for a rejection, empty otherwise */
    record Settlement(String eventId, Outcome outcome, String reason) {
        public Settlement {
            Objects.requireNonNull(eventId);
            Objects.requireNonNull(outcome);
            Objects.requireNonNull(reason);
            if ((outcome == Outcome.REJECTED) == reason.isBlank()) {
                throw new IllegalArgumentException("a rejection, and only a rejection, carries a reason");
            }
        }
    }

    /**
     * @param pending        events not yet answered for
     * @param rejected       events upstream rejected (kept until the operator deals with them)
     * @param oldestPendingAt when the oldest pending event was written
     */
    record Status(long pending, long rejected, Optional<Instant> oldestPendingAt) {}

    /** A rejected event for the operator: which sale, which step, why, and when upstream said so. */
    record Rejected(SaleEvent event, String reason, Instant rejectedAt) {}
}
