package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The consumables movements recorded besides the sales' own steps: what the operator does (SIMs loaded, the
 * stacker counted, reject bin emptied, paper replaced) and the SIMs a device test takes out of the stacker.
 */
public interface StockLedger {

    /** Appends a movement, durably. */
    void record(Movement movement);

    /** The movements in {@code [from, to)}, oldest first. */
    List<Movement> between(Instant from, Instant to);

    enum Kind {
        /** SIMs loaded into the stacker; the count is how many. */
        SIM_REFILL,
        REJECT_BIN_EMPTIED,
        PAPER_REPLACED,
        /** The operator counted the SIMs in the stacker; the count is how many are in it. */
        SIM_COUNTED,
        /**
         * A device test takes one SIM from the stacker to the IC reader and the reject bin; written before the
         * dispenser moves it.
         */
        TEST_CARD
    }

    /**
     * @param count  cards loaded, counted in the stacker, taken out of the reject bin, or taken by a test; 0 for paper
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
