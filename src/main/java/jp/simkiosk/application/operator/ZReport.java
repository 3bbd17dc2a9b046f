package jp.simkiosk.application.operator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;

/**
 * The close-of-day (Z) report of one business day: what was sold (completed sales), split by plan, by payment
 * method and by tax rate; refunds, voids, cancelled sales; the stock movements. All money in yen.
 */
public record ZReport(String kioskId, LocalDate day, ZoneId zone, Instant from, Instant to, Instant closedAt,
                      String closedBy, Line sold, List<Line> byPlan, List<Line> byPayment, List<TaxLine> byTaxRate,
                      Line refunded, Line refundPending, Line voided, Line cancelled,
                      List<StockLedger.Movement> stock) {

    public ZReport {
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(day);
        byPlan = List.copyOf(byPlan);
        byPayment = List.copyOf(byPayment);
        byTaxRate = List.copyOf(byTaxRate);
        stock = List.copyOf(stock);
    }

    /** A count of sales and their total, tax included; by plan the label is the plan id (names differ by the customer's language). */
    public record Line(String label, int count, Yen total) {}

    /** The sales of one tax rate: total including tax and the tax in it. */
    public record TaxLine(TaxRate rate, int count, Yen totalIncludingTax, Yen tax) {}

    /** The key figures in one line, for the journal and the back office. */
    public String summary() {
        return "sold " + sold.count() + " " + sold.total().amount() + " yen; refunded " + refunded.count() + " "
                + refunded.total().amount() + "; refund pending " + refundPending.count() + " "
                + refundPending.total().amount() + "; voided " + voided.count() + " " + voided.total().amount()
                + "; stock movements " + stock.size();
    }
}
