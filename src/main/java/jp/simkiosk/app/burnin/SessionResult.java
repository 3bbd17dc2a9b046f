package jp.simkiosk.app.burnin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.domain.Language;

/**
 * How one scripted session ended.
 *
 * @param reference the sale's reference; empty when no sale was opened (line unknown, not renewable)
 * @param what      what was sold or tried ("renew-sim-10gb-7d ¥1,430", "line unknown")
 * @param faults    the faults and declines the session met, in the order set
 * @param end       the sale's state at the end ("COMPLETED", "VOIDED"…), or NO_SALE, or ERROR
 * @param paper     what the customer got on paper: RECEIPT, SLIP, NONE
 */
public record SessionResult(String kind, Language language, Optional<String> reference, String what,
                            List<String> faults, String end, String paper, long nanos) {

    /** The end of a session that opened no sale. */
    public static final String NO_SALE = "NO_SALE";
    /** The end of a session that failed with an exception (a defect: the burn-in fails). */
    public static final String ERROR = "ERROR";

    public SessionResult {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(language);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(what);
        faults = List.copyOf(faults);
        Objects.requireNonNull(end);
        Objects.requireNonNull(paper);
    }
}
