package jp.simkiosk.application.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;
import org.junit.jupiter.api.Test;

/** PIN hashes (salted, slow, parsed back) and the ICCID lists and ranges of a SIM refill. */
class PinAndRangeTest {

    @Test
    void aPinHashIsSaltedAndReadBackFromItsConfigurationForm() {
        PinHash a = PinHash.of("4821", new SecureRandom());
        PinHash b = PinHash.of("4821", new SecureRandom());
        assertThat(a.toString()).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(b.toString());
        PinHash back = PinHash.parse(a.toString());
        assertThat(back).isEqualTo(a);
        assertThat(back.matches("4821")).isTrue();
        assertThat(back.matches("4822")).isFalse();
        assertThat(back.matches("")).isFalse();
        assertThatThrownBy(() -> PinHash.of("12a4", new SecureRandom())).hasMessageContaining("4 to 8 digits");
        assertThatThrownBy(() -> PinHash.parse(a.toString().replace("$210000$", "$99999$")))
                .hasMessageContaining("at least 100000 iterations");
    }

    static String iccid(long serial) {
        String body = String.format("898110990000%06d", serial);
        return body + Luhn.checkDigit(body);
    }

    @Test
    void aRangeExpandsToEveryIccidWithItsCheckDigitAndAListIsReadAsGiven() {
        List<Iccid> range = IccidRange.parse(iccid(99) + " - " + iccid(103));
        assertThat(range).extracting(Iccid::value)
                .containsExactly(iccid(99), iccid(100), iccid(101), iccid(102), iccid(103));
        assertThat(IccidRange.parse(iccid(1) + "\n" + iccid(7) + ", " + iccid(3))).extracting(Iccid::value)
                .containsExactly(iccid(1), iccid(7), iccid(3));
        assertThat(IccidRange.parse(iccid(1) + "-" + iccid(2) + "\n" + iccid(9))).extracting(Iccid::value)
                .containsExactly(iccid(1), iccid(2), iccid(9));
        assertThatThrownBy(() -> IccidRange.parse(iccid(1) + "-" + iccid(3) + " " + iccid(2))).hasMessageContaining("twice");
        assertThatThrownBy(() -> IccidRange.parse(iccid(5) + "-" + iccid(4))).hasMessageContaining("backwards");
        assertThatThrownBy(() -> IccidRange.parse(iccid(1) + "-" + iccid(5000))).hasMessageContaining("more than 2000");
        assertThatThrownBy(() -> IccidRange.parse(iccid(1) + " " + iccid(1))).hasMessageContaining("twice");
        assertThatThrownBy(() -> IccidRange.parse("8981109900000000010")).hasMessageContaining("not a valid ICCID");
    }

    @Test
    void aRefusedRefillSaysWhichProblemAndWhatItIsAboutForTheScreenToWordIt() {
        assertThat(problem("  \n ")).isEqualTo(IccidRange.Problem.NOTHING_GIVEN + " ");
        assertThat(problem(iccid(1) + " 8981109900000000010"))
                .isEqualTo(IccidRange.Problem.NOT_AN_ICCID + " 8981109900000000010");
        assertThat(problem(iccid(1) + " " + iccid(1))).isEqualTo(IccidRange.Problem.LISTED_TWICE + " " + iccid(1));
        assertThat(problem(iccid(1) + "-" + iccid(5000))).isEqualTo(IccidRange.Problem.TOO_MANY + " 2000");
        assertThat(problem(iccid(5) + " - " + iccid(4)))
                .isEqualTo(IccidRange.Problem.RUNS_BACKWARDS + " " + iccid(5) + "-" + iccid(4));
        String longer = "89811099000000000000";
        longer = longer.substring(0, 19) + Luhn.checkDigit(longer.substring(0, 19));
        assertThat(problem(iccid(1) + "-" + longer))
                .isEqualTo(IccidRange.Problem.ENDS_DIFFER_IN_LENGTH + " " + iccid(1) + "-" + longer);
        String otherSeries = "8982109900000000001";
        otherSeries = otherSeries.substring(0, 18) + Luhn.checkDigit(otherSeries.substring(0, 18));
        assertThat(problem(iccid(1) + "-" + otherSeries))
                .isEqualTo(IccidRange.Problem.NOT_ONE_SERIES + " " + iccid(1) + "-" + otherSeries);
    }

    static String problem(String text) {
        return problem(text, IccidRange::parse);
    }

    static String problem(String text, java.util.function.Function<String, ?> parser) {
        try {
            parser.apply(text);
        } catch (IccidRange.Invalid e) {
            return e.problem() + " " + e.subject();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void aRefillIsAPlainCountOfOneTo2000OrItsIccids() {
        assertThat(IccidRange.parseRefill(" 50 \n")).isEqualTo(new IccidRange.Refill(50, List.of()));
        assertThat(IccidRange.parseRefill("50").byCount()).isTrue();
        assertThat(IccidRange.parseRefill("1").count()).isEqualTo(1);
        assertThat(IccidRange.parseRefill("2000").count()).isEqualTo(2000);
        assertThat(problem("0", IccidRange::parseRefill)).isEqualTo(IccidRange.Problem.COUNT_OUT_OF_RANGE + " 0");
        assertThatThrownBy(() -> IccidRange.parseRefill("2001")).hasMessageContaining("1 to 2000");
        assertThatThrownBy(() -> IccidRange.parseRefill("12345")).hasMessageContaining("not a valid ICCID");
        assertThatThrownBy(() -> IccidRange.parseRefill("50 50")).isInstanceOf(IllegalArgumentException.class);
        IccidRange.Refill box = IccidRange.parseRefill(iccid(1) + "-" + iccid(3));
        assertThat(box.byCount()).isFalse();
        assertThat(box.count()).isEqualTo(3);
        assertThat(box.iccids()).extracting(Iccid::value).containsExactly(iccid(1), iccid(2), iccid(3));
    }
}
