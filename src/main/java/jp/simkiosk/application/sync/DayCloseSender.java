package jp.simkiosk.application.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloseSink;
import jp.simkiosk.application.port.DayCloseSink.CloseDelivery;
import jp.simkiosk.application.port.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the closed days owed to the back office, oldest day first, each only after the sale events: a close
 * goes when no sale event written up to its close time is still pending in the event outbox, so the back
 * office holds every event of the day when the day's report arrives and can reconcile the two. A close leaves
 * the queue only when upstream has answered for it (accepted, duplicate, or rejected — kept with its reason and
 * never retried); a failed delivery is retried with {@link Backoff}. Upstream is idempotent by kiosk id and
 * day, so a close resent after a lost answer or a restart is counted once.
 *
 * <p>{@link #sendOnce()} does one round on the caller's thread; {@link UpstreamSync} runs the rounds.
 */
public final class DayCloseSender {

    private static final Logger log = LoggerFactory.getLogger(DayCloseSender.class);

    /** What one round did. */
    public sealed interface Round {
        /** No close is owed. */
        record Idle() implements Round {}

        /** Still backing off after a failure; nothing sent. */
        record NotDue(Instant until) implements Round {}

        /** The close of {@code day} waits for sale events still pending, the oldest written at {@code oldestEvent}. */
        record WaitingForEvents(LocalDate day, Instant oldestEvent) implements Round {}

        /** Closes were answered (any later ones may still wait for their events). */
        record Sent(int accepted, int duplicates, int rejected) implements Round {}

        /** A delivery got no answer; the next round is due after {@code retryIn}. */
        record Failed(LocalDate day, String reason, int failuresInARow, Duration retryIn) implements Round {}
    }

    private final DayCloseOutbox closes;
    private final Outbox events;
    private final DayCloseSink sink;
    private final Clock clock;
    private final Backoff backoff;

    private int failuresInARow;
    private Instant notBefore = Instant.MIN;

    public DayCloseSender(DayCloseOutbox closes, Outbox events, DayCloseSink sink, Clock clock, Backoff backoff) {
        this.closes = Objects.requireNonNull(closes);
        this.events = Objects.requireNonNull(events);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.backoff = Objects.requireNonNull(backoff);
    }

    /** Sends the owed closes whose day's events are all delivered, unless a back-off is running. */
    public synchronized Round sendOnce() {
        Instant now = clock.instant();
        if (now.isBefore(notBefore)) return new Round.NotDue(notBefore);
        List<DayCloseOutbox.Owed> owed = closes.owed();
        if (owed.isEmpty()) return new Round.Idle();
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (DayCloseOutbox.Owed o : owed) {
            LocalDate day = o.report().day();
            Optional<Instant> oldest = events.status().oldestPendingAt();
            if (oldest.isPresent() && !oldest.get().isAfter(o.report().closedAt())) {
                log.debug("close of {} waits for sale events pending since {}", day, oldest.get());
                if (accepted + duplicates + rejected > 0) break;
                return new Round.WaitingForEvents(day, oldest.get());
            }
            CloseDelivery d = sink.deliver(o.report());
            if (d instanceof CloseDelivery.Failed f) return failed(day, f.reason());
            if (d instanceof CloseDelivery.Rejected r) {
                String reason = r.reason().isBlank() ? "rejected without a reason" : r.reason();
                closes.settle(day, Outbox.Outcome.REJECTED, reason, clock.instant());
                log.warn("upstream rejected the close of {}: {}", day, reason);
                rejected++;
            } else if (d instanceof CloseDelivery.Duplicate) {
                closes.settle(day, Outbox.Outcome.DUPLICATE, "", clock.instant());
                log.info("close of {}: upstream had it already", day);
                duplicates++;
            } else {
                closes.settle(day, Outbox.Outcome.ACCEPTED, "", clock.instant());
                log.info("close of {} accepted upstream", day);
                accepted++;
            }
            failuresInARow = 0;
            notBefore = Instant.MIN;
        }
        return new Round.Sent(accepted, duplicates, rejected);
    }

    private Round failed(LocalDate day, String reason) {
        failuresInARow++;
        Duration wait = backoff.after(failuresInARow);
        notBefore = clock.instant().plus(wait);
        closes.countAttempt(day, reason);
        log.info("delivery of the close of {} failed ({} in a row): {}; next try in {} ms", day, failuresInARow,
                reason, wait.toMillis());
        return new Round.Failed(day, reason, failuresInARow, wait);
    }
}
