package jp.simkiosk.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** A generator that always draws the bound's lowest or highest value. */
    private static RandomGenerator always(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void doublesFromTheInitialWaitUpToTheMaximumWithinEqualJitterBounds() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), always(false));
        Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), always(true));
        long[] ceilings = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000};
        for (int n = 1; n <= ceilings.length; n++) {
            assertThat(low.after(n)).as("lowest after %d", n).isEqualTo(Duration.ofMillis(ceilings[n - 1] / 2));
            assertThat(high.after(n)).as("highest after %d", n).isEqualTo(Duration.ofMillis(ceilings[n - 1]));
        }
        assertThat(high.after(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsTheWaitsOfKiosksThatFailedTogether() {
        Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(1));
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(2));
        assertThat(a.after(6)).isNotEqualTo(b.after(6));
        assertThat(a.after(6)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(32));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), new SplittableRandom()).after(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
