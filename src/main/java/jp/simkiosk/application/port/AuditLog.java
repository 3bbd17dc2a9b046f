package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's audit trail: every maintenance action and every PIN attempt, append-only (the store refuses
 * to change or delete an entry). Never holds a PIN or card data.
 */
public interface AuditLog {

    /** Appends one entry, durably, and returns it with its sequence number and time. */
    Entry append(String who, String action, String before, String after);

    /** The newest entries first, at most {@code limit}. */
    List<Entry> recent(int limit);

    /**
     * The newest entries of the given actions first, at most {@code limit} (the PIN attempts, read back at start
     * so that a restart does not reset the lockout).
     */
    List<Entry> recent(Set<String> actions, int limit);

    /** The entries written in {@code [from, to)}, oldest first (the technician's data export). */
    List<Entry> writtenBetween(Instant from, Instant to);

    /**
     * One audited action.
     *
     * @param who    the operator's name, or "?" for a PIN that matched nobody
     * @param action a short machine-readable name ("pin.ok", "stock.refill", "sale.resolve")
     * @param before the state before, as short text ("" when there is none)
     * @param after  the state after, as short text
     */
    record Entry(long seq, Instant at, String who, String action, String before, String after) {
        public Entry {
            Objects.requireNonNull(at);
            Objects.requireNonNull(who);
            Objects.requireNonNull(action);
            Objects.requireNonNull(before);
            Objects.requireNonNull(after);
        }
    }
}
