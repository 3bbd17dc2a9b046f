package jp.simkiosk.application.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.EventSink.Delivery;
import jp.simkiosk.application.port.EventSink.EventResult;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.Outbox.Outcome;
import jp.simkiosk.application.port.Outbox.Settlement;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to upstream: the oldest pending events, in sequence order, a batch at a time. An event
 * leaves the queue only when upstream's answer names it (accepted, duplicate or rejected — a rejection is
 * kept with its reason and never retried). A failed delivery is retried with {@link Backoff}. Since the
 * event id is upstream's idempotency key, a batch resent after a crash or a lost answer is counted once.
 *
 * <p>For a renewal sold while upstream was unreachable ({@link SaleStep#FULFILMENT_DEFERRED}) and a new SIM
 * handed over before upstream could activate it ({@link SaleStep#ACTIVATION_DEFERRED}), upstream's
 * answer settles the sale through {@link DeferredFulfilments} before the event leaves the queue, so a crash in
 * between only makes the answer come again.
 *
 * <p>{@link #sendOnce()} does one round on the caller's thread (tests drive it with their own clock);
 * {@link #start()} runs rounds on a thread of its own until {@link #close()}.
 */
public final class OutboxSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /**
     * @param batchSize the most events per request
     * @param idlePoll  how long the background thread waits when the queue is empty (a new sale also wakes it)
     */
    public record Settings(int batchSize, Duration initialBackoff, Duration maxBackoff, Duration idlePoll) {
        public Settings {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive");
            Objects.requireNonNull(initialBackoff);
            Objects.requireNonNull(maxBackoff);
            Objects.requireNonNull(idlePoll);
        }

        /** 100 events a request; back-off from 1 s to 5 min; look for new events every 5 s. */
        public static Settings defaults() {
            return new Settings(100, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5));
        }
    }

    /** What one round did. */
    public sealed interface Round {
        /** Nothing pending. */
        record Idle() implements Round {}

        /** Still backing off after a failure; nothing sent. */
        record NotDue(Instant until) implements Round {}

        /** A batch was answered; {@code unanswered} events of it stay pending. */
        record Sent(int accepted, int duplicates, int rejected, int unanswered) implements Round {}

        /** The delivery failed; the next round is due after {@code retryIn}. */
        record Failed(String reason, int failuresInARow, Duration retryIn) implements Round {}
    }

    private final Outbox outbox;
    private final EventSink sink;
    private final DeferredFulfilments deferred;
    private final Clock clock;
    private final Backoff backoff;
    private final Settings settings;
    private final Object signal = new Object();

    private int failuresInARow;
    private Instant notBefore = Instant.MIN;
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    public OutboxSender(Outbox outbox, EventSink sink, DeferredFulfilments deferred, Clock clock, Backoff backoff,
                        Settings settings) {
        this.outbox = Objects.requireNonNull(outbox);
        this.sink = Objects.requireNonNull(sink);
        this.deferred = Objects.requireNonNull(deferred);
        this.clock = Objects.requireNonNull(clock);
        this.backoff = Objects.requireNonNull(backoff);
        this.settings = Objects.requireNonNull(settings);
    }

    /** Sends the next batch if one is pending and no back-off is running. */
    public synchronized Round sendOnce() {
        Instant now = clock.instant();
        if (now.isBefore(notBefore)) return new Round.NotDue(notBefore);
        List<SaleEvent> batch = outbox.pending(settings.batchSize());
        if (batch.isEmpty()) return new Round.Idle();
        Delivery d = sink.deliver(batch);
        if (d instanceof Delivery.Failed f) return failed(batch, f.reason());
        Delivery.Answered answered = (Delivery.Answered) d;
        List<Settlement> settled = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (SaleEvent e : batch) {
            EventResult r = answered.results().get(e.eventId());
            if (r == null || !settleSale(e, r)) continue;
            settled.add(new Settlement(e.eventId(), r.outcome(),
                    r.outcome() == Outcome.REJECTED ? reason(r) : ""));
            switch (r.outcome()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejected++;
                    log.warn("upstream rejected event {} ({} of sale {}): {}", e.sequence(), e.step(),
                            e.sale().reference(), reason(r));
                }
            }
        }
        outbox.settle(settled, clock.instant());
        int unanswered = batch.size() - settled.size();
        if (unanswered > 0) {
            failed(List.of(), unanswered + " event(s) of the batch not answered for");
        } else {
            failuresInARow = 0;
            notBefore = Instant.MIN;
        }
        return new Round.Sent(accepted, duplicates, rejected, unanswered);
    }

    private static String reason(EventResult r) {
        return r.reason().isBlank() ? "rejected without a reason" : r.reason();
    }

    /** Settles a deferred renewal's or activation's sale from the answer; false when the answer cannot settle it. */
    private boolean settleSale(SaleEvent e, EventResult r) {
        if (e.step() != SaleStep.FULFILMENT_DEFERRED && e.step() != SaleStep.ACTIVATION_DEFERRED) return true;
        try {
            if (r.outcome() == Outcome.REJECTED) {
                deferred.rejected(e.sale().id(), reason(r));
                return true;
            }
            Optional<Instant> expiry = r.appliedExpiry();
            if (expiry.isEmpty()) {
                log.warn("upstream took deferred {} of sale {} without saying the new expiry; asking again", e.step(),
                        e.sale().reference());
                return false;
            }
            deferred.applied(e.sale().id(), expiry.get());
            return true;
        } catch (RuntimeException ex) {
            log.error("could not settle {} of sale {}; the event stays pending", e.step(), e.sale().reference(), ex);
            return false;
        }
    }

    private Round failed(List<SaleEvent> batch, String reason) {
        failuresInARow++;
        Duration wait = backoff.after(failuresInARow);
        notBefore = clock.instant().plus(wait);
        if (!batch.isEmpty()) outbox.countAttempt(batch);
        log.info("outbox delivery failed ({} in a row): {}; next try in {} ms", failuresInARow, reason, wait.toMillis());
        return new Round.Failed(reason, failuresInARow, wait);
    }

    /** Starts the background thread. */
    public synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::loop, "outbox-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Someone asked to send now ("Sync now", a day just closed): the running back-off is cut short and the
     * background thread tries at once. The count of failures in a row stays, so a further failure waits longer.
     */
    public void retryNow() {
        synchronized (this) {
            notBefore = Instant.MIN;
        }
        wake();
    }

    /** Makes the background thread look at the queue now (a new event was written), unless it is backing off. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            long waitMillis;
            try {
                Round r = sendOnce();
                waitMillis = waitAfter(r);
            } catch (RuntimeException e) {
                log.error("outbox sender round failed", e);
                waitMillis = settings.idlePoll().toMillis();
            }
            if (waitMillis <= 0) continue;
            synchronized (signal) {
                try {
                    if (!woken && running) signal.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                woken = false;
            }
        }
    }

    private long waitAfter(Round r) {
        if (r instanceof Round.Failed f) return Math.max(1, f.retryIn().toMillis());
        if (r instanceof Round.NotDue n) return Math.max(1, Duration.between(clock.instant(), n.until()).toMillis());
        if (r instanceof Round.Sent s) return s.unanswered() > 0 ? 1 : 0;
        return settings.idlePoll().toMillis();
    }

    /** Stops the background thread, waiting for a round in progress to end. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t == null) return;
        wake();
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
