package jp.simkiosk.testutil;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;

/** Z reports with every kind of figure filled in, for the tests of storing and sending closed days. */
public final class ZReports {

    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private ZReports() {}

    /**
     * Two plans, two payment methods (card: VISA; QR wallet: PayPay), both tax rates, a refund, a refund pending, a
     * void, a cancel, three stock movements and SIMs out of the stacker; {@code sold} sales in all (at least 3),
     * the totals adding up.
     */
    public static ZReport of(String kioskId, LocalDate day, Instant closedAt, String closedBy, int sold) {
        if (sold < 3) throw new IllegalArgumentException("at least 3 sales");
        Instant from = day.atStartOfDay(TOKYO).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(TOKYO).toInstant();
        int small = sold - 1;
        long total = small * 300L + 1_080L;
        return new ZReport(kioskId, day, TOKYO, from, to, closedAt, closedBy,
                new ZReport.Line("sold", sold, Yen.of(total)),
                List.of(new ZReport.Line("renew-sim-1gb-3d", small, Yen.of(small * 300L)),
                        new ZReport.Line("renew-sim-5gb-7d", 1, Yen.of(1_080))),
                List.of(new ZReport.PaymentLine("card", small, Yen.of(small * 300L),
                                List.of(new ZReport.Line("VISA", small, Yen.of(small * 300L)))),
                        new ZReport.PaymentLine("qr-wallet", 1, Yen.of(1_080), List.of(new ZReport.Line("PayPay", 1,
                                Yen.of(1_080))))),
                List.of(new ZReport.TaxLine(TaxRate.REDUCED_8, 1, Yen.of(1_080), Yen.of(80)),
                        new ZReport.TaxLine(TaxRate.STANDARD_10, small, Yen.of(small * 300L), Yen.of(small * 27L))),
                new ZReport.Line("REFUNDED", 1, Yen.of(300)), new ZReport.Line("REFUND_PENDING", 1, Yen.of(300)),
                new ZReport.Line("VOIDED", 1, Yen.of(300)), new ZReport.Line("CANCELLED", 2, Yen.of(600)),
                List.of(new StockLedger.Movement(from.plus(Duration.ofHours(1)), StockLedger.Kind.SIM_REFILL, 20,
                                "8981…0019 … 8981…0383", "佐藤"),
                        new StockLedger.Movement(from.plus(Duration.ofHours(2)), StockLedger.Kind.PAPER_REPLACED, 0, "",
                                "佐藤"),
                        new StockLedger.Movement(from.plus(Duration.ofHours(3)), StockLedger.Kind.TEST_CARD, 1, "", "佐藤")),
                new ZReport.Sims(2, 1, 1, OptionalInt.of(16), 2));
    }
}
