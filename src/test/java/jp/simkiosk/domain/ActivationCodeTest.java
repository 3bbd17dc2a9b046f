package jp.simkiosk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.simkiosk.domain.esim.ActivationCode;
import org.junit.jupiter.api.Test;

/** eSIM activation codes (SGP.22): the QR text, parsing it back, and a secret that never shows in a toString. */
class ActivationCodeTest {

    private final ActivationCode code = new ActivationCode("smdp.example.com", "ABCD-1234-EFGH-5678");

    @Test
    void theQrTextIsLpaOneSmdpAndMatchingId() {
        assertThat(code.qrText()).isEqualTo("LPA:1$smdp.example.com$ABCD-1234-EFGH-5678");
        assertThat(ActivationCode.parseQrText(code.qrText())).isEqualTo(code);
    }

    @Test
    void theMatchingIdIsHiddenInItsMaskedFormAndInToString() {
        assertThat(code.maskedMatchingId()).isEqualTo("****5678");
        assertThat(code.masked()).isEqualTo("1$smdp.example.com$****5678");
        assertThat(code.toString()).doesNotContain("ABCD").contains("****5678");
    }

    @Test
    void malformedCodesAreRefusedWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> new ActivationCode("smdp example", "ABCD-1234")).hasMessage("not an SM-DP+ address");
        assertThatThrownBy(() -> new ActivationCode("smdp.example.com", "AB$CD-1234")).hasMessage("not a matching ID");
        assertThatThrownBy(() -> ActivationCode.parseQrText("1$smdp.example.com$ABCD-1234"))
                .hasMessage("not an eSIM activation code");
        assertThatThrownBy(() -> ActivationCode.parseQrText("LPA:1$smdp.example.com$ABCD-1234$$1"))
                .as("a confirmation code is never in the QR code").isInstanceOf(IllegalArgumentException.class);
    }
}
