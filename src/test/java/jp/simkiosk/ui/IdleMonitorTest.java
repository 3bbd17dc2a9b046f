package jp.simkiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.Test;

class IdleMonitorTest {

    final MutableClock clock = new MutableClock();
    final AtomicInteger timeouts = new AtomicInteger();
    final IdleMonitor idle = new IdleMonitor(clock, Duration.ofSeconds(60), Duration.ofSeconds(30), timeouts::incrementAndGet);

    @Test
    void warnsWithACountdownThenTimesOut() {
        idle.setActive(true);
        clock.advance(Duration.ofSeconds(59));
        idle.tick();
        assertThat(idle.warningShownProperty().get()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        idle.tick();
        assertThat(idle.warningShownProperty().get()).isTrue();
        assertThat(idle.secondsLeftProperty().get()).isEqualTo(30);
        clock.advance(Duration.ofMillis(10_500));
        idle.tick();
        assertThat(idle.secondsLeftProperty().get()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(20));
        idle.tick();
        assertThat(timeouts.get()).isEqualTo(1);
        assertThat(idle.warningShownProperty().get()).isFalse();
        clock.advance(Duration.ofSeconds(600));
        idle.tick();
        assertThat(timeouts.get()).as("fires once, then waits to be activated again").isEqualTo(1);
    }

    @Test
    void moreTimeCanBeAskedAgainAndAgain() {
        idle.setActive(true);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(85));
            idle.tick();
            assertThat(idle.warningShownProperty().get()).isTrue();
            idle.touch(); // "more time"
            idle.tick();
            assertThat(idle.warningShownProperty().get()).isFalse();
        }
        assertThat(timeouts.get()).isZero();
    }

    @Test
    void inactiveMonitorNeverTimesOut() {
        idle.setActive(false);
        clock.advance(Duration.ofHours(1));
        idle.tick();
        assertThat(timeouts.get()).isZero();
        assertThat(idle.warningShownProperty().get()).isFalse();
    }
}
