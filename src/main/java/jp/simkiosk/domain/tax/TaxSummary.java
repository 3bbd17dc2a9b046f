package jp.simkiosk.domain.tax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.simkiosk.domain.money.Yen;

/**
 * Tax of one receipt, per rate, for tax-included prices. The tax is computed once per rate from
 * that rate's total (floor(total × rate / (100 + rate))), never per line and added up — the rule for
 * a qualified simplified invoice.
 */
public record TaxSummary(List<RateTotal> rates) {

    /** The total of one rate on a receipt, tax included, and the consumption tax within it. */
    public record RateTotal(TaxRate rate, Yen totalIncludingTax, Yen tax) {}

    /** An item's price (tax included) and its rate. */
    public record Taxable(Yen priceIncludingTax, TaxRate rate) {}

    public TaxSummary {
        rates = List.copyOf(rates);
    }

    public static TaxSummary of(List<Taxable> items) {
        Map<TaxRate, Long> totals = new EnumMap<>(TaxRate.class);
        for (Taxable item : items) {
            if (item.priceIncludingTax().isNegative()) {
                throw new IllegalArgumentException("negative price: " + item.priceIncludingTax());
            }
            totals.merge(item.rate(), item.priceIncludingTax().amount(), Math::addExact);
        }
        List<RateTotal> out = new ArrayList<>();
        totals.forEach((rate, total) -> out.add(new RateTotal(rate, Yen.of(total), Yen.of(includedTax(total, rate)))));
        return new TaxSummary(Collections.unmodifiableList(out));
    }

    public static TaxSummary single(Yen priceIncludingTax, TaxRate rate) {
        return of(List.of(new Taxable(priceIncludingTax, rate)));
    }

    /** floor(total × p / (100 + p)), exact in long arithmetic. */
    static long includedTax(long totalIncludingTax, TaxRate rate) {
        return Math.floorDiv(Math.multiplyExact(totalIncludingTax, rate.percent()), 100L + rate.percent());
    }

    public Yen total() {
        return rates.stream().map(RateTotal::totalIncludingTax).reduce(Yen.ZERO, Yen::plus);
    }

    public Yen totalTax() {
        return rates.stream().map(RateTotal::tax).reduce(Yen.ZERO, Yen::plus);
    }
}
