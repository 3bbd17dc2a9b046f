package jp.simkiosk.backoffice;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Fault injection switches of the reference back office, for tests and demonstrations. Thread-safe; a
 * switch stays on until it is changed. "Down" is not a switch: stop the server.
 */
public final class Faults {

    /** What every kiosk request meets. */
    public enum Mode {
        /** Answers as the contract says. */
        NORMAL,
        /** Answers 500 without doing anything. */
        ERROR_500,
        /** Waits {@link #slowDelay()} before answering normally (the kiosk times out first). */
        SLOW,
        /** Does the work (stores an event batch), then drops the connection without an answer. */
        DROP_AFTER_STORE,
        /** Does the work, then answers 200 with a signed body that is not JSON. */
        MALFORMED_JSON
    }

    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration slowDelay = Duration.ofSeconds(3);
    private volatile Set<Long> rejectSequences = Set.of();
    private volatile Optional<String> catalogOverride = Optional.empty();
    private volatile boolean unsigned;

    public Mode mode() {
        return mode;
    }

    public void set(Mode mode) {
        this.mode = mode;
    }

    public Duration slowDelay() {
        return slowDelay;
    }

    public void slowDelay(Duration delay) {
        this.slowDelay = delay;
    }

    /** Events with these kiosk sequence numbers are rejected ("INJECTED"), once and for good. */
    public void rejectSequences(Set<Long> sequences) {
        this.rejectSequences = Set.copyOf(sequences);
    }

    public boolean rejects(long sequence) {
        return rejectSequences.contains(sequence);
    }

    /** Serves this document as the catalog instead of the plan file (a bad catalog), or the file again. */
    public void catalogOverride(Optional<String> document) {
        this.catalogOverride = document;
    }

    public Optional<String> catalogOverride() {
        return catalogOverride;
    }

    /** Answers without the response signature. */
    public void unsigned(boolean unsigned) {
        this.unsigned = unsigned;
    }

    public boolean unsigned() {
        return unsigned;
    }

    /** All switches back to normal. */
    public void clear() {
        mode = Mode.NORMAL;
        rejectSequences = Set.of();
        catalogOverride = Optional.empty();
        unsigned = false;
    }
}
