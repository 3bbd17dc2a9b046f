package jp.simkiosk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;
import jp.simkiosk.domain.tax.TaxSummary.Taxable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyAndTaxTest {

    @ParameterizedTest
    @CsvSource({"300, 27", "600, 54", "990, 90", "1430, 130", "2700, 245", "330, 30", "1, 0", "11, 1", "109, 9", "110, 10"})
    void taxIncludedAtTenPercentIsFloorOfTotalTimesTenOver110(long total, long tax) {
        TaxSummary s = TaxSummary.single(Yen.of(total), TaxRate.STANDARD_10);
        assertThat(s.totalTax()).isEqualTo(Yen.of(tax));
        assertThat(s.total()).isEqualTo(Yen.of(total));
    }

    @Test
    void taxIsComputedOncePerRateFromTheRateTotalNotPerLine() {
        // per line: floor(300*10/110)=27 three times = 81; per rate total: floor(900*10/110) = 81 ... pick a case that differs
        List<Taxable> items = List.of(new Taxable(Yen.of(105), TaxRate.STANDARD_10), new Taxable(Yen.of(105), TaxRate.STANDARD_10));
        // per line: 9 + 9 = 18; once on 210: floor(2100/110) = 19
        TaxSummary s = TaxSummary.of(items);
        assertThat(s.rates()).hasSize(1);
        assertThat(s.rates().get(0).tax()).isEqualTo(Yen.of(19));
    }

    @Test
    void ratesAreKeptApart() {
        TaxSummary s = TaxSummary.of(List.of(new Taxable(Yen.of(1100), TaxRate.STANDARD_10),
                new Taxable(Yen.of(540), TaxRate.REDUCED_8)));
        assertThat(s.rates()).extracting(TaxSummary.RateTotal::rate).containsExactly(TaxRate.STANDARD_10, TaxRate.REDUCED_8);
        assertThat(s.rates().get(1).tax()).isEqualTo(Yen.of(40));
        assertThat(s.total()).isEqualTo(Yen.of(1640));
    }

    @Test
    void yenFormatsWithThousandsSeparatorAndRefusesOverflow() {
        assertThat(Yen.of(1430).format()).isEqualTo("¥1,430");
        assertThat(Yen.of(-50).format()).isEqualTo("-¥50");
        assertThatThrownBy(() -> Yen.of(Long.MAX_VALUE).plus(Yen.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> TaxSummary.single(Yen.of(-1), TaxRate.STANDARD_10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registrationNumberCheckDigit() {
        assertThat(RegistrationNumber.checkDigit("123456789012")).isEqualTo(7);
        assertThat(RegistrationNumber.isValid("T7123456789012")).isTrue();
        assertThat(RegistrationNumber.isValid("T1123456789012")).isFalse();
        assertThat(RegistrationNumber.isValid("7123456789012")).isFalse();
        assertThat(RegistrationNumber.isValid("T712345678901")).isFalse();
    }
}
