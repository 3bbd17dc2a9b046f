package jp.simkiosk.application.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import jp.simkiosk.application.operator.ZReport;

/**
 * The closed business days: each day closes once. Closing a day also queues its report for the back office
 * ({@link DayCloseOutbox}) in the same durable transaction.
 */
public interface DayCloses {

    /** When {@code day} was closed, if it was. */
    Optional<Closed> find(LocalDate day);

    /** The most recent close, if any day was closed: where the next report's period begins. */
    Optional<Closed> latest();

    /**
     * Closes {@code day} with the report {@code report} computes, in one durable transaction during which
     * nothing else is written to the journal: the report is computed inside it, so that every journal write is
     * either in the report's figures (written before it) or after the close, and the close with its queue entry
     * for upstream is written with it (both or neither).
     *
     * @param report computes the report of {@code day}, reading the journal as it stands at the close
     * @return the report as closed
     * @throws AlreadyClosed when the day was closed already (nothing is computed or written)
     */
    ZReport close(LocalDate day, Supplier<ZReport> report);

    /**
     * Records the close of a report computed already (see {@link #close(LocalDate, Supplier)}).
     *
     * @throws AlreadyClosed when the day was closed already (nothing is written)
     */
    default void close(ZReport report) {
        close(report.day(), () -> report);
    }

    /** @param summary the report's key figures as one line of text (the back office gets the whole report) */
    record Closed(LocalDate day, Instant at, String who, String summary) {}

    final class AlreadyClosed extends RuntimeException {
        public AlreadyClosed(LocalDate day) {
            super("the day " + day + " is closed already");
        }
    }
}
