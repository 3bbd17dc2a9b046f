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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.ZReportRenderer;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a business day: computes the Z report from the journal (sales created that day in the kiosk's time
 * zone), records the close (a day closes once; the store refuses a second) and, in the same transaction,
 * queues the report for the back office; saves the report as a PDF in the reports folder, prints it on the
 * receipt printer, audits it, and asks the upstream sync to send it. Also tells how recent closes stand with
 * upstream (sent, waiting, rejected) for the End-of-day and Sync screens.
 */
public final class DayClose {

    private static final Logger log = LoggerFactory.getLogger(DayClose.class);

    private final SalesQuery sales;
    private final StockLedger stock;
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

    /** The report of a day as it stands now (a preview; nothing is recorded). */
    public ZReport preview(LocalDate day, String who) {
        Instant from = startOf(day);
        Instant to = startOf(day.plusDays(1));
        return report(day, from, to, sales.createdBetween(from, to), stock.between(from, to), who);
    }

    /** What closing gave: the report, where its PDF is, and whether it printed. */
    public record Result(ZReport report, Path pdf, boolean printed) {}

    /**
     * Closes {@code day}.
     *
     * @throws DayCloses.AlreadyClosed when it was closed before
     */
    public Result close(OperatorSession who, LocalDate day) {
        if (closes.find(day).isPresent()) throw new DayCloses.AlreadyClosed(day);
        ZReport report = preview(day, who.who());
        byte[] pdf = renderer.render(report);
        closes.close(report);
        Path file = reportsDir.resolve("z-report-" + kioskId + "-" + day + ".pdf");
        try {
            Files.createDirectories(reportsDir);
            Files.write(file, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the Z report to " + file, e);
        }
        ReceiptPrinter.PrintResult r = printer.print(new ReceiptDocument("Z-" + day, pdf));
        boolean printed = r instanceof ReceiptPrinter.PrintResult.Printed;
        audit.append(who.who(), "day.close", day.toString(), report.summary() + (printed ? "; printed" : "; NOT printed"));
        log.info("day {} closed by {}: {}", day, who.who(), report.summary());
        sendUpstream.run();
        return new Result(report, file, printed);
    }

    private ZReport report(LocalDate day, Instant from, Instant to, List<Sale> all, List<StockLedger.Movement> moves,
                           String who) {
        Map<String, Acc> byPlan = new TreeMap<>();
        Map<String, Acc> byPayment = new TreeMap<>();
        Map<TaxRate, long[]> byTax = new EnumMap<>(TaxRate.class);
        Acc sold = new Acc();
        Acc refunded = new Acc();
        Acc pending = new Acc();
        Acc voided = new Acc();
        Acc cancelled = new Acc();
        for (Sale s : all) {
            switch (s.state()) {
                case COMPLETED -> {
                    sold.add(s.price());
                    byPlan.computeIfAbsent(s.planId(), k -> new Acc()).add(s.price());
                    byPayment.computeIfAbsent(s.payment().map(CardApproval::brand).orElse("?"), k -> new Acc())
                            .add(s.price());
                    for (TaxSummary.RateTotal t : s.tax().rates()) {
                        long[] a = byTax.computeIfAbsent(t.rate(), k -> new long[3]);
                        a[0]++;
                        a[1] += t.totalIncludingTax().amount();
                        a[2] += t.tax().amount();
                    }
                }
                case REFUNDED -> refunded.add(s.price());
                case REFUND_PENDING -> pending.add(s.price());
                case VOIDED -> voided.add(s.price());
                case CANCELLED -> cancelled.add(s.price());
                default -> { } // still under way (PAID, FULFILLED, CREATED): not a figure of the day yet
            }
        }
        List<ZReport.TaxLine> tax = new ArrayList<>();
        byTax.forEach((rate, a) -> tax.add(new ZReport.TaxLine(rate, (int) a[0], Yen.of(a[1]), Yen.of(a[2]))));
        return new ZReport(kioskId, day, zone, from, to, clock.instant(), who, sold.line("sold"), lines(byPlan),
                lines(byPayment), tax, refunded.line(SaleState.REFUNDED.name()),
                pending.line(SaleState.REFUND_PENDING.name()), voided.line(SaleState.VOIDED.name()),
                cancelled.line(SaleState.CANCELLED.name()), moves);
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
