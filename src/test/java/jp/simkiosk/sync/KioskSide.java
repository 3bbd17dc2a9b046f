package jp.simkiosk.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOperatorStore;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOutbox;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.adapter.upstream.http.HttpUpstream;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.sync.Backoff;
import jp.simkiosk.application.sync.DayCloseSender;
import jp.simkiosk.application.sync.DeferredFulfilments;
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

/**
 * The kiosk's half: a real journal file, its outbox and closed days, the HTTP adapter and the senders of events
 * and of closed days, driven round by round.
 */
final class KioskSide implements AutoCloseable {

    static final OutboxSender.Settings SETTINGS =
            new OutboxSender.Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1));

    final SqliteSaleJournal journal;
    final SqliteOutbox outbox;
    final HttpUpstream upstream;
    final OutboxSender sender;
    final SqliteOperatorStore closes;
    final DayCloseSender closeSender;
    private final MutableClock clock;

    KioskSide(Path journalFile, java.net.URI baseUrl, MutableClock clock, Duration requestTimeout,
              DeferredFulfilments deferred) {
        this.clock = clock;
        this.journal = SqliteSaleJournal.open(journalFile, clock);
        this.outbox = journal.outbox();
        this.upstream = new HttpUpstream(baseUrl, BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET,
                Duration.ofMillis(500), requestTimeout, clock);
        this.sender = new OutboxSender(outbox, upstream, deferred, clock,
                new Backoff(SETTINGS.initialBackoff(), SETTINGS.maxBackoff(), new SplittableRandom(7)), SETTINGS);
        this.closes = journal.operatorStore();
        this.closeSender = new DayCloseSender(closes, outbox, upstream, clock,
                new Backoff(SETTINGS.initialBackoff(), SETTINGS.maxBackoff(), new SplittableRandom(11)));
    }

    /** Writes {@code sales} completed cash-free sales of three steps each; returns their event ids in order. */
    List<String> sellCompleted(int sales) {
        for (int i = 0; i < sales; i++) {
            Sale open = Sale.open(SaleId.random(), journal.nextReference(BackOfficeFixture.KIOSK), SaleKind.RENEWAL,
                    Optional.of(new MobileNumber("09012345678")), "renew-sim-1gb-3d", "1GB", Yen.of(300),
                    TaxRate.STANDARD_10, Language.EN, clock.instant(), Optional.empty(), Optional.empty());
            journal.record(open, SaleStep.OPENED, open.planId());
            Sale paid = open.paid(new CardApproval("VISA", "**** 4242", "A1B2C3"));
            journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
            Sale done = paid.fulfilled(clock.instant().plus(Duration.ofDays(3)));
            journal.record(done, SaleStep.FULFILLED, "");
        }
        return allEventIds();
    }

    /** Every event id still pending in the outbox, by sequence (all of them while no sender has run). */
    List<String> allEventIds() {
        List<String> ids = new ArrayList<>();
        for (SaleEvent e : outbox.pending(1_000_000)) ids.add(e.eventId());
        return ids;
    }

    /** Runs rounds, moving the clock past each back-off, until the queue is empty or {@code rounds} ran. */
    List<Round> drain(int rounds) {
        List<Round> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Round r = sender.sendOnce();
            all.add(r);
            if (r instanceof Round.Idle) break;
            if (r instanceof Round.Failed f) clock.advance(f.retryIn());
            if (r instanceof Round.NotDue n) clock.advance(Duration.between(clock.instant(), n.until()));
        }
        return all;
    }

    /** Runs rounds while {@code condition} holds, at most {@code rounds}. */
    List<Round> runWhile(Supplier<Boolean> condition, int rounds) {
        List<Round> all = new ArrayList<>();
        for (int i = 0; i < rounds && condition.get(); i++) {
            Round r = sender.sendOnce();
            all.add(r);
            if (r instanceof Round.Failed f) clock.advance(f.retryIn());
        }
        return all;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        sender.close();
        journal.close();
    }
}
