package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The consumables movements the operator records (SIMs loaded, reject bin emptied, paper replaced). */
public interface StockLedger {

    /** Appends a movement, durably. */
    void record(Movement movement);

    /** The movements in {@code [from, to)}, oldest first. */
    List<Movement> between(Instant from, Instant to);

    enum Kind { SIM_REFILL, REJECT_BIN_EMPTIED, PAPER_REPLACED }

    /**
     * @param count  cards loaded or taken out of the reject bin; 0 for paper
     * @param detail the ICCID range or list for a refill, else ""
     */
    record Movement(Instant at, Kind kind, int count, String detail, String who) {
        public Movement {
            Objects.requireNonNull(at);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(detail);
            Objects.requireNonNull(who);
            if (count < 0) throw new IllegalArgumentException("negative count: " + count);
        }
    }
}
