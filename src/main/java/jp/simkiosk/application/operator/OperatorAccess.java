package jp.simkiosk.application.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.simkiosk.application.port.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door to maintenance mode: a PIN identifies the operator. After {@value #FREE_ATTEMPTS} wrong PINs in a
 * row, entry is locked for a period that doubles with each further lock ({@link #FIRST_LOCK}, 2×, 4×…, at most
 * {@link #LONGEST_LOCK}); a correct PIN resets the count. Every attempt is audited ("pin.ok", "pin.wrong",
 * "pin.locked"), never with the PIN, and so is leaving ("maintenance.leave"). Thread-safe.
 *
 * <p>The count, the locks so far and a lock that still runs survive a restart or a power cut: at construction
 * they are read back from the audit log (append-only, in the journal), whose "pin.wrong" entries that locked
 * entry say for how long ("locked for <i>n</i> s").
 */
public final class OperatorAccess {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccess.class);

    public static final int FREE_ATTEMPTS = 5;
    public static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    public static final Duration LONGEST_LOCK = Duration.ofHours(1);

    /** How a "pin.wrong" entry that locked entry begins its after text; the lock's seconds follow. */
    static final String LOCKED_FOR = "locked for ";
    private static final Pattern LOCK = Pattern.compile(Pattern.quote(LOCKED_FOR) + "(\\d{1,9}) s");
    /**
     * How many of the latest PIN results are read back at start: enough for the longest lock (the seventh lock
     * of a series is the first of {@link #LONGEST_LOCK}: six locks, each after its wrong PINs, and the wrong PINs
     * since).
     */
    static final int HISTORY = FREE_ATTEMPTS * 8;

    private final List<Operator> operators;
    private final AuditLog audit;
    private final Clock clock;

    private int wrongInARow;
    private int locks;
    private Instant lockedUntil = Instant.MIN;

    /** Reads the lockout state back from the audit log's latest PIN results (see the class comment). */
    public OperatorAccess(List<Operator> operators, AuditLog audit, Clock clock) {
        this.operators = List.copyOf(operators);
        this.audit = audit;
        this.clock = clock;
        restore();
    }

    /**
     * Replays the PIN results since the last correct PIN, newest first: the wrong PINs after the newest lock are
     * the count, the locks are counted, and the newest lock runs until its entry's time plus its length (never
     * longer from now, should the clock have been set back).
     */
    private void restore() {
        List<AuditLog.Entry> results;
        try {
            results = audit.recent(Set.of("pin.ok", "pin.wrong"), HISTORY);
        } catch (RuntimeException e) {
            log.error("cannot read the PIN attempts back from the audit log; the lockout starts afresh", e);
            return;
        }
        Instant now = clock.instant();
        for (AuditLog.Entry e : results) {
            if (e.action().equals("pin.ok")) break;
            Matcher m = LOCK.matcher(e.after());
            if (m.matches()) {
                if (locks == 0) {
                    Duration lock = Duration.ofSeconds(Long.parseLong(m.group(1)));
                    Instant until = e.at().plus(lock);
                    lockedUntil = until.isAfter(now.plus(lock)) ? now.plus(lock) : until;
                }
                locks++;
            } else if (locks == 0) {
                wrongInARow++;
            }
        }
        if (wrongInARow > 0 || locks > 0) {
            log.info("maintenance entry: {} wrong PIN(s) since the last lock, {} lock(s) since the last correct PIN{}",
                    wrongInARow, locks, now.isBefore(lockedUntil) ? ", locked until " + lockedUntil : "");
        }
    }

    /** The answer to a PIN. */
    public sealed interface Attempt {
        record Granted(OperatorSession session) implements Attempt {}
        /** @param attemptsLeft wrong PINs still allowed before the lock */
        record Wrong(int attemptsLeft) implements Attempt {}
        record Locked(Instant until) implements Attempt {}
    }

    /** How maintenance mode was left. */
    public enum Leaving {
        /** The operator pressed "Leave". */
        MANUAL,
        /** Nobody touched the screen or typed for the idle limit. */
        IDLE
    }

    /**
     * Audits the end of an operator's session ("maintenance.leave": since when it was open, and "manual" or
     * "idle").
     */
    public void leave(OperatorSession session, Leaving how) {
        audit.append(session.who(), "maintenance.leave", "open since " + session.since(),
                how.name().toLowerCase(java.util.Locale.ROOT));
        log.info("maintenance mode left by {} ({})", session.who(), how);
    }

    /** When entry is locked now, until when. */
    public synchronized Optional<Instant> lockedUntil() {
        Instant now = clock.instant();
        return now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    public synchronized Attempt enter(String pin) {
        Instant now = clock.instant();
        if (now.isBefore(lockedUntil)) {
            audit.append("?", "pin.locked", "", "locked until " + lockedUntil);
            return new Attempt.Locked(lockedUntil);
        }
        for (Operator o : operators) {
            if (o.pinHash().matches(pin)) {
                wrongInARow = 0;
                locks = 0;
                audit.append(o.name(), "pin.ok", "", o.role().name());
                log.info("maintenance mode entered by {} ({})", o.name(), o.role());
                return new Attempt.Granted(new OperatorSession(o, now));
            }
        }
        wrongInARow++;
        if (wrongInARow >= FREE_ATTEMPTS) {
            Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(locks, 10));
            if (lock.compareTo(LONGEST_LOCK) > 0) lock = LONGEST_LOCK;
            locks++;
            wrongInARow = 0;
            lockedUntil = now.plus(lock);
            audit.append("?", "pin.wrong", "", LOCKED_FOR + lock.toSeconds() + " s");
            log.warn("maintenance entry locked for {} after {} wrong PINs", lock, FREE_ATTEMPTS);
            return new Attempt.Locked(lockedUntil);
        }
        audit.append("?", "pin.wrong", "", (FREE_ATTEMPTS - wrongInARow) + " left");
        return new Attempt.Wrong(FREE_ATTEMPTS - wrongInARow);
    }
}
