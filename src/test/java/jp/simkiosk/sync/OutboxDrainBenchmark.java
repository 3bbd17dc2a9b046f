package jp.simkiosk.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOutbox;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.upstream.http.HttpUpstream;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.sync.Backoff;
import jp.simkiosk.application.sync.OutboxSender;
import jp.simkiosk.application.sync.OutboxSender.Round;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.testutil.MutableClock;
import org.slf4j.LoggerFactory;

/**
 * Drain rate of the outbox to the reference back office on loopback: queues N sale events through the
 * real journal (5 steps per sale, each its own durable transaction), then drains a copy of that journal
 * in batches and another copy one event per request, each through signed HTTP with the back office
 * storing into its own SQLite file. The one-per-request run stops after a time cap and reports the rate
 * it reached. Not a test: it prints figures.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     jp.simkiosk.sync.OutboxDrainBenchmark 50000 100 120
 * </pre>
 * Arguments: events (default 50000), batch size (default 100), time cap in seconds per run (default 120).
 */
public final class OutboxDrainBenchmark {

    private OutboxDrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Duration cap = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 120);
        Path dir = Files.createTempDirectory(Path.of("target"), "outbox-bench-");
        MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));

        Path queued = dir.resolve("queued.db");
        long t0 = System.nanoTime();
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(queued, clock)) {
            queue(journal, clock, events);
        }
        double queueSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "queued %d events through the journal in %.1f s (%.0f events/s)%n", events,
                queueSeconds, events / queueSeconds);

        run("batched (" + batch + " per request)", queued, dir.resolve("batched"), batch, cap, clock, events);
        run("one event per request", queued, dir.resolve("single"), 1, cap, clock, events);
    }

    /** Writes sales of five steps each until {@code events} events are queued. */
    private static void queue(SqliteSaleJournal journal, Clock clock, int events) {
        List<SaleStep> steps = List.of(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_APPROVED,
                SaleStep.FULFILMENT_REQUESTED, SaleStep.FULFILLED);
        int written = 0;
        while (written < events) {
            Sale open = Sale.open(SaleId.random(), journal.nextReference("BENCH-01"), SaleKind.RENEWAL,
                    Optional.of(new MobileNumber("09012345678")), "renew-sim-1gb-3d", "1GB", Yen.of(300),
                    TaxRate.STANDARD_10, Language.JA, clock.instant(), Optional.empty(), Optional.empty());
            Sale paid = open.paid(new CardApproval("VISA", "**** 4242", "A1B2C3"));
            Sale done = paid.fulfilled(clock.instant().plus(Duration.ofDays(3)));
            for (SaleStep step : steps) {
                if (written == events) break;
                Sale state = step == SaleStep.OPENED || step == SaleStep.PAYMENT_REQUESTED ? open
                        : step == SaleStep.FULFILLED ? done : paid;
                journal.record(state, step, "");
                written++;
            }
        }
    }

    private static void run(String name, Path queued, Path runDir, int batch, Duration cap, MutableClock clock,
                            int events) throws Exception {
        Files.createDirectories(runDir);
        Path journalFile = runDir.resolve("kiosk.db");
        Files.copy(queued, journalFile, StandardCopyOption.REPLACE_EXISTING);
        try (BackOfficeFixture backOffice = new BackOfficeFixture(runDir, clock);
             SqliteSaleJournal journal = SqliteSaleJournal.open(journalFile, clock)) {
            SqliteOutbox outbox = journal.outbox();
            HttpUpstream upstream = new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK,
                    BackOfficeFixture.SECRET, Duration.ofSeconds(5), Duration.ofSeconds(30), clock);
            OutboxSender sender = new OutboxSender(outbox, upstream, new UpstreamContractTest.RecordingDeferredFulfilments(),
                    clock, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(1)),
                    new OutboxSender.Settings(batch, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)));
            long start = System.nanoTime();
            long deadline = start + cap.toNanos();
            int requests = 0;
            int failures = 0;
            Round r;
            do {
                r = sender.sendOnce();
                if (r instanceof Round.Sent) requests++;
                if (r instanceof Round.Failed f) {
                    failures++;
                    clock.advance(f.retryIn());
                }
            } while (!(r instanceof Round.Idle) && System.nanoTime() < deadline);
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = events - outbox.status().pending();
            System.out.printf(Locale.ROOT,
                    "%-28s %6d of %d events in %6.1f s: %8.0f events/s, %6d requests (%.2f ms each), %d failures%s%n",
                    name, delivered, events, seconds, delivered / seconds, requests, seconds * 1000 / requests,
                    failures, r instanceof Round.Idle ? "" : " (time cap reached)");
            if (backOffice.store.events().size() != delivered) {
                throw new IllegalStateException("back office holds " + backOffice.store.events().size() + " events");
            }
        }
    }
}
