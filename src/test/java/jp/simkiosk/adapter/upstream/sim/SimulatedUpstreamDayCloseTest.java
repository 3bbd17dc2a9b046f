package jp.simkiosk.adapter.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseSink.CloseDelivery;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.testutil.ZReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated back office takes closed days like the real one: once by kiosk and day, the same report again a
 * duplicate, a different one rejected, nothing while "unreachable" — and, with its state file, it still knows the
 * day after a restart.
 */
class SimulatedUpstreamDayCloseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path dir;

    private SimulatedUpstream upstream(Path stateFile) throws Exception {
        List<Plan> plans = ConfigLoader.readPlans(Path.of("kiosk-config/plans.yaml"));
        List<LineStatus> lines = ConfigLoader.readDemoLines(Path.of("kiosk-config/demo-lines.yaml"), plans, NOW);
        return new SimulatedUpstream(lines, () -> plans, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO, stateFile);
    }

    @Test
    void takesADayOnceAndKnowsItAfterARestart() throws Exception {
        Path state = dir.resolve(SimulatedUpstream.STATE_FILE);
        ZReport report = ZReports.of("DEMO-01", DAY, NOW, "佐藤", 4);
        SimulatedUpstream first = upstream(state);
        first.setReachable(false);
        assertThat(first.deliver(report)).isInstanceOf(CloseDelivery.Failed.class);
        assertThat(first.closesTaken()).isEmpty();
        first.setReachable(true);
        assertThat(first.deliver(report)).isEqualTo(new CloseDelivery.Accepted());
        assertThat(first.deliver(report)).isEqualTo(new CloseDelivery.Duplicate());
        assertThat(first.closesTaken()).containsExactly(report);
        assertThat(first.deliver(ZReports.of("DEMO-01", DAY.plusDays(1), NOW.plusSeconds(86_400), "佐藤", 3)))
                .isEqualTo(new CloseDelivery.Accepted());

        SimulatedUpstream restarted = upstream(state);
        assertThat(restarted.deliver(report)).isEqualTo(new CloseDelivery.Duplicate());
        CloseDelivery different = restarted.deliver(ZReports.of("DEMO-01", DAY, NOW, "佐藤", 5));
        assertThat(different).isInstanceOf(CloseDelivery.Rejected.class);
        assertThat(((CloseDelivery.Rejected) different).reason()).contains(DAY.toString());
        assertThat(restarted.deliver(ZReports.of("OSA-02", DAY, NOW, "佐藤", 5)))
                .as("another kiosk's day is another day").isEqualTo(new CloseDelivery.Accepted());
    }
}
