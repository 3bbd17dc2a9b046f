package jp.simkiosk.application.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.simkiosk.application.port.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the kiosk's background work with upstream: the outbox sender (its own thread), and on one
 * scheduler thread the catalog refresh (at start, then periodically), the heartbeat (every minute), the
 * delivery of closed days ({@link DayCloseSender}: after the sale events of the day, looked at every few
 * seconds and whenever the sync is woken) and the daily pruning of acknowledged events older than the
 * configured number of days.
 */
public final class UpstreamSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamSync.class);

    /**
     * @param catalogRefresh   how often the catalog is asked for
     * @param heartbeat        how often the heartbeat goes
     * @param keepAcknowledged how long accepted and duplicate events are kept before pruning
     * @param dayClosePoll     how often owed closes are looked at (waking the sync also looks at once)
     */
    public record Settings(Duration catalogRefresh, Duration heartbeat, Duration keepAcknowledged,
                           Duration dayClosePoll) {
        public Settings {
            Objects.requireNonNull(catalogRefresh);
            Objects.requireNonNull(heartbeat);
            Objects.requireNonNull(keepAcknowledged);
            Objects.requireNonNull(dayClosePoll);
        }

        /**
         * Catalog every 15 minutes, heartbeat every minute, owed closes every 5 seconds, keeping acknowledged
         * events {@code keepDays} days.
         */
        public static Settings withKeepDays(int keepDays) {
            return new Settings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(keepDays),
                    Duration.ofSeconds(5));
        }
    }

    private final OutboxSender sender;
    private final DayCloseSender dayCloses;
    private final CatalogService catalog;
    private final HeartbeatService heartbeat;
    private final Outbox outbox;
    private final Clock clock;
    private final Settings settings;
    private ScheduledExecutorService scheduler;

    public UpstreamSync(OutboxSender sender, DayCloseSender dayCloses, CatalogService catalog,
                        HeartbeatService heartbeat, Outbox outbox, Clock clock, Settings settings) {
        this.sender = Objects.requireNonNull(sender);
        this.dayCloses = Objects.requireNonNull(dayCloses);
        this.catalog = Objects.requireNonNull(catalog);
        this.heartbeat = Objects.requireNonNull(heartbeat);
        this.outbox = Objects.requireNonNull(outbox);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    /** Starts the sender and the schedule; the first catalog refresh, heartbeat and pruning run at once. */
    public synchronized void start() {
        if (scheduler != null) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upstream-sync");
            t.setDaemon(true);
            return t;
        });
        sender.start();
        every(settings.catalogRefresh(), "catalog refresh", catalog::refresh);
        every(settings.heartbeat(), "heartbeat", heartbeat::beat);
        every(settings.dayClosePoll(), "day close delivery", this::sendDayCloses);
        every(Duration.ofDays(1), "outbox pruning", this::prune);
    }

    /** Deletes acknowledged events older than the configured days; how many went. */
    public int prune() {
        int n = outbox.pruneSettledBefore(clock.instant().minus(settings.keepAcknowledged()));
        if (n > 0) log.info("pruned {} acknowledged event(s) older than {} days", n, settings.keepAcknowledged().toDays());
        return n;
    }

    /** One round of the closed days' delivery on the caller's thread (the schedule runs it too). */
    public DayCloseSender.Round sendDayCloses() {
        return dayCloses.sendOnce();
    }

    private void every(Duration period, String what, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> guarded(what, task), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{} failed", what, e);
        }
    }

    /**
     * Sends now: the sender tries at once, cutting a running back-off short ("Sync now", a day just closed), and
     * the schedule looks at the owed closes. New sale steps need no call: the sender's idle poll finds them.
     */
    public void wake() {
        sender.retryNow();
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s == null) return;
        try {
            s.execute(() -> guarded("day close delivery", this::sendDayCloses));
        } catch (RejectedExecutionException e) {
            log.debug("sync closing: no day close round");
        }
    }

    /** Stops the schedule and the sender (a round in progress finishes). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        sender.close();
    }
}
