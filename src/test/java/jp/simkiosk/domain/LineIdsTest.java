package jp.simkiosk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.LineIdProblem;
import jp.simkiosk.domain.line.LineIds;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.line.MobileNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineIdsTest {

    static final String ICCID_19 = "8981100012345678905"; // Luhn-valid, checked below

    @ParameterizedTest
    @ValueSource(strings = {"09012345678", "090-1234-5678", "090 1234 5678", "+81 90-1234-5678", "+819012345678",
            " 090‐1234‐5678 ", "+81-90-1234-5678"})
    void acceptsMobileNumbersInAnyCommonFormAndNormalizes(String typed) {
        LineIdCheck c = LineIds.check(typed);
        assertThat(c).isInstanceOf(LineIdCheck.Valid.class);
        LineId id = ((LineIdCheck.Valid) c).lineId();
        assertThat(id).isEqualTo(new MobileNumber("09012345678"));
        assertThat(id.display()).isEqualTo("090-1234-5678");
        assertThat(((MobileNumber) id).international()).isEqualTo("+81 90-1234-5678");
        assertThat(id.masked()).isEqualTo("090-****-5678");
    }

    @ParameterizedTest
    @CsvSource({
            "06012345678, MOBILE_NOT_MOBILE_PREFIX",  // 060 is not a mobile prefix
            "02012345678, MOBILE_NOT_MOBILE_PREFIX",  // 020: data/M2M
            "09002345678, MOBILE_NOT_MOBILE_PREFIX",  // digit after 090 is never 0
            "090123456789, MOBILE_TOO_LONG",
            "090-1234-567a, NOT_DIGITS",
            "5551234, UNKNOWN_PREFIX",
            "8812345678901234567, UNKNOWN_PREFIX",
            "+1 415 555 0100, MOBILE_NOT_MOBILE_PREFIX",
            "898110001234567890599, ICCID_TOO_LONG",
    })
    void rejectsWhatCannotBeRightAsSoonAsItIsTyped(String typed, LineIdProblem problem) {
        LineIdCheck c = LineIds.check(typed);
        assertThat(c).isInstanceOf(LineIdCheck.Invalid.class);
        assertThat(((LineIdCheck.Invalid) c).problem()).isEqualTo(problem);
    }

    @Test
    void partialInputIsIncompleteNotWrong() {
        assertThat(LineIds.check("")).isInstanceOf(LineIdCheck.Incomplete.class);
        assertThat(LineIds.check("0")).isInstanceOf(LineIdCheck.Incomplete.class);
        assertThat(LineIds.check("090123")).isEqualTo(new LineIdCheck.Incomplete(LineIdCheck.Kind.MOBILE_NUMBER, 6));
        assertThat(LineIds.check("8981")).isEqualTo(new LineIdCheck.Incomplete(LineIdCheck.Kind.ICCID, 4));
        assertThat(LineIds.check("+8")).isInstanceOf(LineIdCheck.Incomplete.class);
    }

    @Test
    void iccidNeedsAValidCheckDigit() {
        assertThat(Luhn.isValid(ICCID_19)).isTrue();
        assertThat(LineIds.check(ICCID_19)).isEqualTo(new LineIdCheck.Valid(new Iccid(ICCID_19)));
        assertThat(LineIds.check("8981 1000 1234 5678 905")).isInstanceOf(LineIdCheck.Valid.class);

        String wrong = ICCID_19.substring(0, 18) + ((ICCID_19.charAt(18) - '0' + 1) % 10);
        // 19 digits with a wrong check digit might still become a 20-digit ICCID while typing ...
        assertThat(LineIds.check(wrong)).isInstanceOf(LineIdCheck.Incomplete.class);
        // ... but when the customer says "next", it is a clear error
        assertThat(LineIds.checkFinal(wrong)).isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.ICCID, LineIdProblem.ICCID_BAD_CHECK_DIGIT));
        assertThat(LineIds.checkFinal(ICCID_19.substring(0, 18)))
                .isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.ICCID, LineIdProblem.ICCID_CHECK_DIGIT_MISSING));
        assertThat(LineIds.checkFinal("89811"))
                .isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.ICCID, LineIdProblem.ICCID_TOO_SHORT));
    }

    @Test
    void twentyDigitIccidsAreAccepted() {
        String payload = "8981100012345678901";
        String iccid20 = payload + Luhn.checkDigit(payload);
        assertThat(LineIds.check(iccid20)).isEqualTo(new LineIdCheck.Valid(new Iccid(iccid20)));
        String bad = payload + ((Luhn.checkDigit(payload) + 1) % 10);
        assertThat(LineIds.check(bad)).isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.ICCID, LineIdProblem.ICCID_BAD_CHECK_DIGIT));
    }

    @Test
    void finalCheckNamesWhatIsMissing() {
        assertThat(LineIds.checkFinal("")).isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.UNDECIDED, LineIdProblem.EMPTY));
        assertThat(LineIds.checkFinal("0901234"))
                .isEqualTo(new LineIdCheck.Invalid(LineIdCheck.Kind.MOBILE_NUMBER, LineIdProblem.MOBILE_TOO_SHORT));
    }

    @Test
    void luhnKnownValues() {
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.isValid("79927398710")).isFalse();
        assertThat(Luhn.checkDigit("7992739871")).isEqualTo(3);
    }

    @Test
    void iccidDisplayAndMask() {
        Iccid id = new Iccid(ICCID_19);
        assertThat(id.display()).isEqualTo("8981 1000 1234 5678 905");
        assertThat(id.masked()).isEqualTo("898110…8905");
        assertThatThrownBy(() -> new Iccid("8981100012345678900")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LineId.parseNormalized(ICCID_19)).isEqualTo(id);
    }
}
