package jp.simkiosk.application.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": after the n-th failure in a row the wait is drawn uniformly
 * from [d/2, d], where d = min(max, initial × 2^(n−1)). The jitter keeps a fleet of kiosks that lost the
 * network together from coming back in step.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = Objects.requireNonNull(initial);
        this.max = Objects.requireNonNull(max);
        this.random = Objects.requireNonNull(random);
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait after {@code failures} failures in a row (at least 1). */
    public Duration after(int failures) {
        if (failures < 1) throw new IllegalArgumentException("failures must be at least 1: " + failures);
        long ceiling = initial.toMillis();
        for (int i = 1; i < failures && ceiling < max.toMillis(); i++) ceiling *= 2;
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
