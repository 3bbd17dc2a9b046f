package jp.simkiosk.application.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The closed business days: each day closes once. */
public interface DayCloses {

    /** When {@code day} was closed, if it was. */
    Optional<Closed> find(LocalDate day);

    /**
     * Records the close of {@code day}, durably.
     *
     * @throws AlreadyClosed when the day was closed already (nothing is written)
     */
    void close(Closed closed);

    /** @param summary the report's key figures as one line of text (what the back office gets) */
    record Closed(LocalDate day, Instant at, String who, String summary) {}

    final class AlreadyClosed extends RuntimeException {
        public AlreadyClosed(LocalDate day) {
            super("the day " + day + " is closed already");
        }
    }
}
