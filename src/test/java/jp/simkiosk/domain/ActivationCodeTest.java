package jp.simkiosk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import jp.simkiosk.domain.esim.ActivationCode;
import org.junit.jupiter.api.Test;

/**
 * eSIM activation codes (SGP.22 §4.1): the QR text with its optional OID and confirmation-code flag, parsing it
 * back, a confirmation code that is never in the QR text, and a secret that never shows in a toString.
 */
class ActivationCodeTest {

    private final ActivationCode code = new ActivationCode("smdp.example.com", "ABCD-1234-EFGH-5678");

    @Test
    void theQrTextIsLpaOneSmdpAndMatchingId() {
        assertThat(code.qrText()).isEqualTo("LPA:1$smdp.example.com$ABCD-1234-EFGH-5678");
        assertThat(code.confirmationCodeRequired()).isFalse();
        assertThat(ActivationCode.parseQrText(code.qrText())).isEqualTo(code);
    }

    @Test
    void anOidFollowsTheMatchingId() {
        ActivationCode withOid = new ActivationCode("smdp.example.com", "ABCD-1234", Optional.of("2.999.10"),
                Optional.empty());
        assertThat(withOid.qrText()).isEqualTo("LPA:1$smdp.example.com$ABCD-1234$2.999.10");
        assertThat(ActivationCode.parseQrText(withOid.qrText())).isEqualTo(withOid);
    }

    @Test
    void aRequiredConfirmationCodeIsTheFlagOneInTheQrTextNeverTheCodeItself() {
        ActivationCode confirmed = new ActivationCode("smdp.example.com", "ABCD-1234", Optional.empty(),
                Optional.of("739215"));
        assertThat(confirmed.confirmationCodeRequired()).isTrue();
        // no OID: an empty field before the flag
        assertThat(confirmed.qrText()).isEqualTo("LPA:1$smdp.example.com$ABCD-1234$$1").doesNotContain("739215");
        assertThat(ActivationCode.parseQrText(confirmed.qrText(), Optional.of("739215"))).isEqualTo(confirmed);

        ActivationCode both = new ActivationCode("smdp.example.com", "ABCD-1234", Optional.of("2.999.10"),
                Optional.of("739215"));
        assertThat(both.qrText()).isEqualTo("LPA:1$smdp.example.com$ABCD-1234$2.999.10$1");
        assertThat(ActivationCode.parseQrText(both.qrText(), Optional.of("739215"))).isEqualTo(both);
    }

    @Test
    void theFlagAndTheConfirmationCodeMustAgree() {
        assertThatThrownBy(() -> ActivationCode.parseQrText("LPA:1$smdp.example.com$ABCD-1234$$1"))
                .hasMessage("the activation code needs a confirmation code");
        assertThatThrownBy(() -> ActivationCode.parseQrText("LPA:1$smdp.example.com$ABCD-1234", Optional.of("739215")))
                .hasMessage("the activation code needs no confirmation code");
    }

    @Test
    void theMatchingIdAndConfirmationCodeAreHiddenInTheMaskedFormAndInToString() {
        assertThat(code.maskedMatchingId()).isEqualTo("****5678");
        assertThat(code.masked()).isEqualTo("1$smdp.example.com$****5678");
        assertThat(code.toString()).doesNotContain("ABCD").contains("****5678");
        ActivationCode confirmed = new ActivationCode("smdp.example.com", "ABCD-1234-EFGH-5678",
                Optional.of("2.999.10"), Optional.of("739215"));
        assertThat(confirmed.masked()).isEqualTo("1$smdp.example.com$****5678$2.999.10$1");
        assertThat(confirmed.toString()).doesNotContain("ABCD").doesNotContain("739215");
    }

    @Test
    void malformedCodesAreRefusedWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> new ActivationCode("smdp example", "ABCD-1234")).hasMessage("not an SM-DP+ address");
        assertThatThrownBy(() -> new ActivationCode("smdp.example.com", "AB$CD-1234")).hasMessage("not a matching ID");
        assertThatThrownBy(() -> new ActivationCode("smdp.example.com", "ABCD-1234", Optional.of("2.x"), Optional.empty()))
                .hasMessage("not an SM-DP+ OID");
        assertThatThrownBy(() -> new ActivationCode("smdp.example.com", "ABCD-1234", Optional.empty(), Optional.of("73 92")))
                .hasMessage("not a confirmation code");
        assertThatThrownBy(() -> ActivationCode.parseQrText("1$smdp.example.com$ABCD-1234"))
                .hasMessage("not an eSIM activation code");
        assertThatThrownBy(() -> ActivationCode.parseQrText("LPA:1$smdp.example.com$ABCD-1234$$2"))
                .hasMessage("not an eSIM activation code");
    }
}
