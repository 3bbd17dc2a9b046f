package jp.simkiosk.application.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.operator.ZReport;

/**
 * The closed days the kiosk owes the back office. {@link DayCloses#close} queues a day's report in the same
 * durable transaction that records the close, so a closed day is always owed until upstream has answered for
 * it: accepted, duplicate (it had it already) or rejected with a reason, which is kept for the operator and
 * never retried.
 */
public interface DayCloseOutbox {

    /** The closes not yet answered for, oldest day first, with their reports as closed. */
    List<Owed> owed();

    /** Writes upstream's answer for {@code day} durably; a day already answered for stays as it is. */
    void settle(LocalDate day, Outbox.Outcome outcome, String reason, Instant at);

    /** Counts one more delivery of {@code day} that got no answer, and why (for the operator screen). */
    void countAttempt(LocalDate day, String failure);

    /** How the most recent closes stand with upstream, newest day first, at most {@code limit}. */
    List<Sending> latest(int limit);

    /** How many closes are still waiting for upstream's answer. */
    long waiting();

    /** A close still owed: its report and the deliveries tried so far without an answer. */
    record Owed(ZReport report, int attempts) {
        public Owed {
            Objects.requireNonNull(report);
        }
    }

    /**
     * One closed day as it stands with upstream.
     *
     * @param answer      upstream's answer; empty while the close is waiting
     * @param reason      upstream's reason for a rejection, empty otherwise
     * @param attempts    deliveries tried without an answer
     * @param lastFailure why the last of those got no answer
     * @param answeredAt  when upstream answered
     */
    record Sending(LocalDate day, Instant closedAt, Optional<Outbox.Outcome> answer, String reason, int attempts,
                   Optional<String> lastFailure, Optional<Instant> answeredAt) {
        public Sending {
            Objects.requireNonNull(day);
            Objects.requireNonNull(closedAt);
            Objects.requireNonNull(answer);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(lastFailure);
            Objects.requireNonNull(answeredAt);
        }

        public boolean waiting() {
            return answer.isEmpty();
        }

        public boolean rejected() {
            return answer.filter(a -> a == Outbox.Outcome.REJECTED).isPresent();
        }
    }
}
