package jp.simkiosk.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.sync.DayCloseSender.Round;
import jp.simkiosk.testutil.MutableClock;
import jp.simkiosk.testutil.ZReports;
import org.slf4j.LoggerFactory;

/**
 * What closing and sending a day costs: N days closed through the real journal (each close and its upstream
 * queue entry one durable transaction), then every owed close delivered one request each, signed, to the
 * reference back office on loopback, then each delivered again (answered "duplicate"). Not a test: it prints
 * figures.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) jp.simkiosk.sync.DayCloseBenchmark 300
 * </pre>
 * Argument: days (default 300).
 */
public final class DayCloseBenchmark {

    private DayCloseBenchmark() {}

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory(Path.of("target"), "dayclose-bench-");
        MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
        LocalDate first = LocalDate.ofInstant(clock.instant(), ZReports.TOKYO).minusDays(days);
        try (BackOfficeFixture backOffice = new BackOfficeFixture(dir, clock);
             KioskSide kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock,
                     Duration.ofSeconds(5), new UpstreamContractTest.RecordingDeferredFulfilments())) {
            long[] commits = new long[days];
            for (int i = 0; i < days; i++) {
                ZReport r = ZReports.of(BackOfficeFixture.KIOSK, first.plusDays(i), clock.instant(), "佐藤", 3 + i % 40);
                long t = System.nanoTime();
                kiosk.closes.close(r);
                commits[i] = System.nanoTime() - t;
            }
            long t0 = System.nanoTime();
            Round sent = kiosk.closeSender.sendOnce();
            long sendNanos = System.nanoTime() - t0;

            long[] resend = new long[days];
            for (int i = 0; i < days; i++) {
                ZReport r = ZReports.of(BackOfficeFixture.KIOSK, first.plusDays(i), clock.instant(), "佐藤", 3 + i % 40);
                long t = System.nanoTime();
                kiosk.upstream.deliver(r);
                resend[i] = System.nanoTime() - t;
            }
            System.out.printf(Locale.ROOT, "days closed: %d; close + queue entry commit: median %.3f ms, p95 %.3f ms%n",
                    days, percentile(commits, 50), percentile(commits, 95));
            System.out.printf(Locale.ROOT, "first delivery of all owed closes: %s in %.0f ms (%.2f ms a close,"
                    + " settle included)%n", sent, sendNanos / 1e6, sendNanos / 1e6 / days);
            System.out.printf(Locale.ROOT, "resend (duplicate answer): median %.2f ms, p95 %.2f ms a request%n",
                    percentile(resend, 50), percentile(resend, 95));
            System.out.printf(Locale.ROOT, "back office holds %d closes%n", backOffice.store.dayCloses().size());
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }
}
