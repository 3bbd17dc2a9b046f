package jp.simkiosk.application.operator;

import java.time.Instant;
import java.util.Objects;

/** An operator in maintenance mode: who, and since when. The use cases take it to audit and check roles. */
public record OperatorSession(Operator operator, Instant since) {
    public OperatorSession {
        Objects.requireNonNull(operator);
        Objects.requireNonNull(since);
    }

    public String who() {
        return operator.name();
    }

    /** @throws SecurityException when this operator's role does not allow {@code needed} */
    public void require(OperatorRole needed) {
        if (!operator.role().allows(needed)) {
            throw new SecurityException(operator.name() + " (" + operator.role() + ") may not do this; needs " + needed);
        }
    }
}
