package jp.simkiosk.application.operator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;

/**
 * The close-of-day (Z) report: the journal's money events in the period {@code [from, to)} — from the previous
 * close (or the journal's first event) to this close — each in exactly one report. Sold: the sales whose charge
 * was taken in the period (card reader: the capture; QR wallet: the wallet's payment), split by plan, by payment
 * method (with the card brands or wallets under each) and by tax rate. Refunded, voided, cancelled: the sales that
 * ended so in the period; refund pending: those that went to refund pending in the period and still were at its
 * end. Then the stock movements of the period, the SIMs that left the stacker and the kiosk's own SIM count at
 * its end. {@code day} is the business day it closes (a label: a day closes once). All money in yen.
 */
public record ZReport(String kioskId, LocalDate day, ZoneId zone, Instant from, Instant to, Instant closedAt,
                      String closedBy, Line sold, List<Line> byPlan, List<PaymentLine> byPayment, List<TaxLine> byTaxRate,
                      Line refunded, Line refundPending, Line voided, Line cancelled,
                      List<StockLedger.Movement> stock, Sims sims) {

    public ZReport {
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(day);
        Objects.requireNonNull(sims);
        byPlan = List.copyOf(byPlan);
        byPayment = List.copyOf(byPayment);
        byTaxRate = List.copyOf(byTaxRate);
        stock = List.copyOf(stock);
    }

    /** A count of sales and their total, tax included; by plan the label is the plan id (names differ by the customer's language). */
    public record Line(String label, int count, Yen total) {}

    /**
     * The sales of one payment method ({@code card}, {@code transport-ic}, {@code qr-wallet}: the tags of
     * {@link jp.simkiosk.domain.sale.PaymentMethod}) and, under it, by card brand or wallet.
     */
    public record PaymentLine(String method, int count, Yen total, List<Line> brands) {
        public PaymentLine {
            Objects.requireNonNull(method);
            brands = List.copyOf(brands);
        }
    }

    /** The sales of one tax rate: total including tax and the tax in it. */
    public record TaxLine(TaxRate rate, int count, Yen totalIncludingTax, Yen tax) {}

    /**
     * The SIMs that left the stacker in the period — taken by customers, captured to the reject bin (left at the
     * gate, unreadable, taken back by recovery), taken by device tests — and the kiosk's own count at its end.
     *
     * @param inStacker   the SIMs in the stacker by the kiosk's count; empty when it cannot tell (see
     *                    {@link SimStock})
     * @param inRejectBin the cards in the reject bin by the kiosk's count
     */
    public record Sims(int taken, int captured, int tested, OptionalInt inStacker, int inRejectBin) {
        public Sims {
            Objects.requireNonNull(inStacker);
        }

        public static final Sims NONE = new Sims(0, 0, 0, OptionalInt.empty(), 0);

        public int out() {
            return taken + captured + tested;
        }
    }

    /** The key figures in one line, for the journal and the back office. */
    public String summary() {
        return "sold " + sold.count() + " " + sold.total().amount() + " yen; refunded " + refunded.count() + " "
                + refunded.total().amount() + "; refund pending " + refundPending.count() + " "
                + refundPending.total().amount() + "; voided " + voided.count() + " " + voided.total().amount()
                + "; stock movements " + stock.size() + "; SIMs out " + sims.out();
    }
}
