package jp.simkiosk.application.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.application.port.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door to maintenance mode: a PIN identifies the operator. After {@value #FREE_ATTEMPTS} wrong PINs in a
 * row, entry is locked for a period that doubles with each further lock ({@link #FIRST_LOCK}, 2×, 4×…, at most
 * {@link #LONGEST_LOCK}); a correct PIN resets the count. Every attempt is audited ("pin.ok", "pin.wrong",
 * "pin.locked"), never with the PIN. Thread-safe.
 */
public final class OperatorAccess {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccess.class);

    public static final int FREE_ATTEMPTS = 5;
    public static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    public static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private final List<Operator> operators;
    private final AuditLog audit;
    private final Clock clock;

    private int wrongInARow;
    private int locks;
    private Instant lockedUntil = Instant.MIN;

    public OperatorAccess(List<Operator> operators, AuditLog audit, Clock clock) {
        this.operators = List.copyOf(operators);
        this.audit = audit;
        this.clock = clock;
    }

    /** The answer to a PIN. */
    public sealed interface Attempt {
        record Granted(OperatorSession session) implements Attempt {}
        /** @param attemptsLeft wrong PINs still allowed before the lock */
        record Wrong(int attemptsLeft) implements Attempt {}
        record Locked(Instant until) implements Attempt {}
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
            audit.append("?", "pin.wrong", "", "locked for " + lock.toSeconds() + " s");
            log.warn("maintenance entry locked for {} after {} wrong PINs", lock, FREE_ATTEMPTS);
            return new Attempt.Locked(lockedUntil);
        }
        audit.append("?", "pin.wrong", "", (FREE_ATTEMPTS - wrongInARow) + " left");
        return new Attempt.Wrong(FREE_ATTEMPTS - wrongInARow);
    }
}
