package jp.simkiosk.application.port;

import java.util.Objects;
import jp.simkiosk.application.operator.ZReport;

/**
 * Where a closed day's Z report goes: the back office's close-of-day intake. Upstream keeps one report per
 * kiosk id and business day, so a report delivered again (after a lost answer, a crash, a restart) is answered
 * "duplicate" and counted once; a different report for a day it already holds is rejected with a reason.
 */
public interface DayCloseSink {

    /** Delivers the report of one closed day; never throws for a network problem (that is {@link CloseDelivery.Failed}). */
    CloseDelivery deliver(ZReport report);

    /** Upstream's answer, or why there was none. */
    sealed interface CloseDelivery {
        /** Upstream stored the report. */
        record Accepted() implements CloseDelivery {}

        /** Upstream had this very report already. */
        record Duplicate() implements CloseDelivery {}

        /** Upstream refuses the report for good (for instance another report of the same day is on record). */
        record Rejected(String reason) implements CloseDelivery {
            public Rejected {
                Objects.requireNonNull(reason);
            }
        }

        /** No usable answer (unreachable, time-out, error status, unsigned or malformed answer): try again later. */
        record Failed(String reason) implements CloseDelivery {
            public Failed {
                Objects.requireNonNull(reason);
            }
        }
    }
}
