package jp.simkiosk.application.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import jp.simkiosk.application.operator.ZReport;

/**
 * The closed business days: each day closes once. Closing a day also queues its report for the back office
 * ({@link DayCloseOutbox}) in the same durable transaction.
 */
public interface DayCloses {

    /** When {@code day} was closed, if it was. */
    Optional<Closed> find(LocalDate day);

    /**
     * Records the close of the report's day and queues the report for upstream, in one durable transaction:
     * either both are written or neither.
     *
     * @throws AlreadyClosed when the day was closed already (nothing is written)
     */
    void close(ZReport report);

    /** @param summary the report's key figures as one line of text (the back office gets the whole report) */
    record Closed(LocalDate day, Instant at, String who, String summary) {}

    final class AlreadyClosed extends RuntimeException {
        public AlreadyClosed(LocalDate day) {
            super("the day " + day + " is closed already");
        }
    }
}
