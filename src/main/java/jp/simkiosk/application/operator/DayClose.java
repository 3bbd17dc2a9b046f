package jp.simkiosk.application.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.ZReportRenderer;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a business day the way a point of sale's Z report does: the report covers the journal's money events
 * since the previous close (or since the journal's first event) up to the close itself, so every event is in
 * exactly one report and what happens after a close is in the next one. A sale counts as sold when its charge
 * was taken — the card reader's capture (the first one: a sale handed over offline is captured when sold and
 * completed later), or the QR wallet's payment — and a refund, void or cancel when it happened. The business day
 * is the close's label: a day closes once (the store refuses a second).
 *
 * <p>The report is computed inside the close's transaction ({@link DayCloses#close(LocalDate, java.util.function.Supplier)}),
 * which records the close and queues the report for the back office; then the report is saved as a PDF in the
 * reports folder, printed on the receipt printer, audited, and the upstream sync asked to send it. Also tells how
 * recent closes stand with upstream (sent, waiting, rejected) for the End-of-day and Sync screens.
 */
public final class DayClose {

    private static final Logger log = LoggerFactory.getLogger(DayClose.class);

    /** The steps that carry the money events a report counts. */
    static final Set<SaleStep> MONEY_STEPS = EnumSet.of(SaleStep.PAYMENT_APPROVED, SaleStep.CAPTURED,
            SaleStep.VOIDED, SaleStep.REFUND_PENDING, SaleStep.REFUNDED, SaleStep.CANCELLED);

    private final SalesQuery sales;
    private final StockLedger stock;
    private final SimStock sims;
    private final DayCloses closes;
    private final DayCloseOutbox upstream;
    private final Runnable sendUpstream;
    private final ZReportRenderer renderer;
    private final ReceiptPrinter printer;
    private final AuditLog audit;
    private final Path reportsDir;
    private final String kioskId;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param upstream     the closes owed to the back office (filled by {@code closes} when a day closes)
     * @param sendUpstream asks the upstream sync to send now ({@code UpstreamSync::wake})
     */
    public DayClose(SalesQuery sales, StockLedger stock, DayCloses closes, DayCloseOutbox upstream,
                    Runnable sendUpstream, ZReportRenderer renderer, ReceiptPrinter printer, AuditLog audit,
                    Path reportsDir, String kioskId, ZoneId zone, Clock clock) {
        this.sales = sales;
        this.stock = stock;
        this.sims = new SimStock(stock, sales);
        this.closes = closes;
        this.upstream = upstream;
        this.sendUpstream = sendUpstream;
        this.renderer = renderer;
        this.printer = printer;
        this.audit = audit;
        this.reportsDir = reportsDir;
        this.kioskId = kioskId;
        this.zone = zone;
        this.clock = clock;
    }

    /** The business day it is now, in the kiosk's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** When {@code day} begins in the kiosk's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Optional<DayCloses.Closed> closed(LocalDate day) {
        return closes.find(day);
    }

    /** How the most recent closes stand with the back office, newest day first. */
    public List<DayCloseOutbox.Sending> upstreamStates(int limit) {
        return upstream.latest(limit);
    }

    /** How many closes still wait for the back office's answer. */
    public long waitingUpstream() {
        return upstream.waiting();
    }

    /**
     * What the next close would report if it were now (a preview; nothing is recorded): the events since the
     * last close, under the label {@code day}.
     */
    public ZReport preview(LocalDate day, String who) {
        return report(day, closes.latest(), clock.instant(), who);
    }

    /** What closing gave: the report, where its PDF is, and whether it printed. */
    public record Result(ZReport report, Path pdf, boolean printed) {}

    /**
     * Closes {@code day}: the report of the events since the last close up to now.
     *
     * @throws DayCloses.AlreadyClosed when it was closed before
     * @throws IllegalArgumentException when a later day is closed already (days close in order)
     */
    public Result close(OperatorSession who, LocalDate day) {
        byte[][] pdf = new byte[1][];
        ZReport report = closes.close(day, () -> {
            Optional<DayCloses.Closed> last = closes.latest();
            if (last.isPresent() && last.get().day().isAfter(day)) {
                throw new IllegalArgumentException("cannot close " + day + " after " + last.get().day());
            }
            ZReport r = report(day, last, clock.instant(), who.who());
            pdf[0] = renderer.render(r); // a report that cannot be rendered closes nothing
            return r;
        });
        Path file = reportsDir.resolve("z-report-" + kioskId + "-" + day + ".pdf");
        try {
            Files.createDirectories(reportsDir);
            Files.write(file, pdf[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the Z report to " + file, e);
        }
        ReceiptPrinter.PrintResult r = printer.print(new ReceiptDocument("Z-" + day, pdf[0]));
        boolean printed = r instanceof ReceiptPrinter.PrintResult.Printed;
        audit.append(who.who(), "day.close", day.toString(), report.summary() + (printed ? "; printed" : "; NOT printed"));
        log.info("day {} closed by {} ({} to {}): {}", day, who.who(), report.from(), report.to(), report.summary());
        sendUpstream.run();
        return new Result(report, file, printed);
    }

    /**
     * Where the period ending at {@code end} begins: the last close, else the journal's first event ({@code moves}:
     * the stock ledger up to {@code end}).
     */
    private Instant periodStart(Optional<DayCloses.Closed> last, List<StockLedger.Movement> moves, Instant end) {
        Optional<Instant> start = last.map(DayCloses.Closed::at);
        if (start.isEmpty()) {
            Optional<Instant> firstMove = moves.stream().map(StockLedger.Movement::at).findFirst();
            start = sales.firstSaleAt();
            if (firstMove.isPresent() && (start.isEmpty() || firstMove.get().isBefore(start.get()))) start = firstMove;
        }
        Instant s = start.orElse(end);
        return s.isAfter(end) ? end : s;
    }

    /** The report of the period from {@code last} close (or the journal's start) to {@code to}. */
    private ZReport report(LocalDate day, Optional<DayCloses.Closed> last, Instant to, String who) {
        List<StockLedger.Movement> moves = stock.between(Instant.EPOCH, to); // read once: period start, report, count
        Instant from = periodStart(last, moves, to);
        Map<String, Acc> byPlan = new TreeMap<>();
        Map<PaymentMethod, Acc> byMethod = new EnumMap<>(PaymentMethod.class);
        Map<PaymentMethod, Map<String, Acc>> byBrand = new EnumMap<>(PaymentMethod.class);
        Map<TaxRate, long[]> byTax = new EnumMap<>(TaxRate.class);
        Acc sold = new Acc();
        Acc refunded = new Acc();
        Acc pending = new Acc();
        Acc voided = new Acc();
        Acc cancelled = new Acc();
        for (SalesQuery.History h : sales.withStepsBetween(MONEY_STEPS, from, to)) {
            Sale s = h.sale();
            List<JournalEntry> steps = h.steps();
            Optional<JournalEntry> approved = first(steps, SaleStep.PAYMENT_APPROVED, 0);
            if (approved.isPresent()) {
                // how it was paid, as the approval step says (card for sales from before wallets)
                PaymentMethod method = PaymentMethod.fromTag(approved.get().detail()).orElse(PaymentMethod.CARD);
                long after = approved.get().seq();
                Optional<JournalEntry> charged = method.usesCardReader() ? first(steps, SaleStep.CAPTURED, after) : approved;
                if (charged.filter(e -> within(e, from, to)).isPresent()) {
                    sold.add(s.price());
                    byPlan.computeIfAbsent(s.planId(), k -> new Acc()).add(s.price());
                    byMethod.computeIfAbsent(method, k -> new Acc()).add(s.price());
                    byBrand.computeIfAbsent(method, k -> new TreeMap<>())
                            .computeIfAbsent(s.payment().map(CardApproval::brand).orElse("?"), k -> new Acc())
                            .add(s.price());
                    for (TaxSummary.RateTotal t : s.tax().rates()) {
                        long[] a = byTax.computeIfAbsent(t.rate(), k -> new long[3]);
                        a[0]++;
                        a[1] += t.totalIncludingTax().amount();
                        a[2] += t.tax().amount();
                    }
                }
                // the authorization of a paid sale released (recovery's voids of unjournaled payments end CANCELLED)
                first(steps, SaleStep.VOIDED, after).filter(e -> within(e, from, to)).ifPresent(e -> voided.add(s.price()));
            }
            Optional<JournalEntry> refund = first(steps, SaleStep.REFUNDED, 0);
            refund.filter(e -> within(e, from, to)).ifPresent(e -> refunded.add(s.price()));
            if (refund.isEmpty()) {
                first(steps, SaleStep.REFUND_PENDING, 0).filter(e -> within(e, from, to)).ifPresent(e -> pending.add(s.price()));
            }
            first(steps, SaleStep.CANCELLED, 0).filter(e -> within(e, from, to)).ifPresent(e -> cancelled.add(s.price()));
        }
        List<ZReport.TaxLine> tax = new ArrayList<>();
        byTax.forEach((rate, a) -> tax.add(new ZReport.TaxLine(rate, (int) a[0], Yen.of(a[1]), Yen.of(a[2]))));
        List<ZReport.PaymentLine> payment = new ArrayList<>();
        byMethod.forEach((method, a) -> payment.add(new ZReport.PaymentLine(method.tag(), a.count, Yen.of(a.total),
                lines(byBrand.get(method)))));
        return new ZReport(kioskId, day, zone, from, to, to, who, sold.line("sold"), lines(byPlan), payment, tax,
                refunded.line(SaleState.REFUNDED.name()), pending.line(SaleState.REFUND_PENDING.name()),
                voided.line(SaleState.VOIDED.name()), cancelled.line(SaleState.CANCELLED.name()),
                moves.stream().filter(m -> !m.at().isBefore(from)).toList(), sims.sims(from, to, moves));
    }

    /** The first of the steps (in the order written) of a kind, after the step numbered {@code afterSeq}. */
    private static Optional<JournalEntry> first(List<JournalEntry> steps, SaleStep step, long afterSeq) {
        return steps.stream().filter(e -> e.step() == step && e.seq() > afterSeq).findFirst();
    }

    private static boolean within(JournalEntry e, Instant from, Instant to) {
        return !e.at().isBefore(from) && e.at().isBefore(to);
    }

    private static List<ZReport.Line> lines(Map<String, Acc> m) {
        List<ZReport.Line> out = new ArrayList<>();
        m.forEach((label, a) -> out.add(a.line(label)));
        return out;
    }

    private static final class Acc {
        int count;
        long total;

        void add(Yen y) {
            count++;
            total += y.amount();
        }

        ZReport.Line line(String label) {
            return new ZReport.Line(label, count, Yen.of(total));
        }
    }
}
