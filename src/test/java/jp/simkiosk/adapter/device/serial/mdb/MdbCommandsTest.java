package jp.simkiosk.adapter.device.serial.mdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.simkiosk.adapter.device.serial.mdb.MdbCommands.Answer;
import jp.simkiosk.domain.money.Yen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-exact checks of every line the driver builds, and of how bridge lines are read. */
class MdbCommandsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void resetIsD2() {
        assertThat(MdbCommands.line(MdbCommands.RESET)).containsExactly(bytes(0x44, 0x2C, 0x32, 0x0A));
    }

    @Test
    void readerEnableAndDisable() {
        assertThat(MdbCommands.line(MdbCommands.READER_ENABLE))
                .containsExactly(bytes(0x44, 0x2C, 0x52, 0x45, 0x41, 0x44, 0x45, 0x52, 0x2C, 0x31, 0x0A));
        assertThat(MdbCommands.line(MdbCommands.READER_DISABLE))
                .containsExactly(bytes(0x44, 0x2C, 0x52, 0x45, 0x41, 0x44, 0x45, 0x52, 0x2C, 0x30, 0x0A));
    }

    @Test
    void vendRequestCarriesWholeYenAndItemOne() {
        assertThat(MdbCommands.line(MdbCommands.vendRequest(Yen.of(1430))))
                .containsExactly(bytes(0x44, 0x2C, 0x52, 0x45, 0x51, 0x2C, 0x31, 0x34, 0x33, 0x30, 0x2C, 0x31, 0x0A));
        assertThat(MdbCommands.vendRequest(Yen.of(1))).isEqualTo("D,REQ,1,1");
        assertThat(MdbCommands.vendRequest(Yen.of(120_000))).isEqualTo("D,REQ,120000,1");
    }

    @Test
    void vendRequestRefusesNothingOrLess() {
        assertThatThrownBy(() -> MdbCommands.vendRequest(Yen.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MdbCommands.vendRequest(Yen.of(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vendCancelSuccessAndFailure() {
        assertThat(MdbCommands.line(MdbCommands.VEND_CANCEL))
                .containsExactly(bytes(0x44, 0x2C, 0x52, 0x45, 0x51, 0x2C, 0x2D, 0x31, 0x0A));
        assertThat(MdbCommands.line(MdbCommands.VEND_SUCCESS)).containsExactly(bytes(0x44, 0x2C, 0x45, 0x4E, 0x44, 0x0A));
        assertThat(MdbCommands.line(MdbCommands.VEND_FAILURE))
                .containsExactly(bytes(0x44, 0x2C, 0x45, 0x4E, 0x44, 0x2C, 0x2D, 0x31, 0x0A));
    }

    @Test
    void readsTheStatusLines() {
        assertThat(MdbCommands.parse("d,STATUS,RESET")).isEqualTo(new Answer.Reset());
        assertThat(MdbCommands.parse("d,STATUS,INIT,1")).isEqualTo(new Answer.InitDone());
        assertThat(MdbCommands.parse("d,STATUS,IDLE")).isEqualTo(new Answer.Idle());
        assertThat(MdbCommands.parse("d,STATUS,VEND")).isEqualTo(new Answer.VendAccepted());
        assertThat(MdbCommands.parse("d,STATUS,RESULT,1,1430")).isEqualTo(new Answer.Approved(1430));
        assertThat(MdbCommands.parse("d,STATUS,RESULT,-1")).isEqualTo(new Answer.Denied());
    }

    @Test
    void readsTheCardExtension() {
        assertThat(MdbCommands.parse("d,CARD,visa,4242,AB12CD")).isEqualTo(new Answer.Card("VISA", "4242", "AB12CD"));
        assertThat(MdbCommands.parse("d,CARD,JCB,0005,1")).isEqualTo(new Answer.Card("JCB", "0005", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "d,CARD,VISA,4111111111111111,AB12", // a full card number is never accepted
        "d,CARD,VISA,42,AB12",
        "d,CARD,VISA,4242,TOO-LONG-APPROVAL-CODE",
        "d,CARD,VISA,4242",
        "d,STATUS,RESULT,1,",
        "d,STATUS,RESULT,1,14.30",
        "d,STATUS,RESULT,1,1430,9",
        "d,STATUS,INIT,0",
        "d,ERR,\"unknown command\"",
        "D,END",
        "" })
    void anythingElseIsUnknown(String line) {
        assertThat(MdbCommands.parse(line)).isEqualTo(new Answer.Unknown());
    }

    @Test
    void logsNoDigitsOfLinesItDoesNotKnow() {
        assertThat(MdbCommands.forLog("d,CARD,VISA,4111111111111111,AB12")).doesNotContain("4111").doesNotContain("1111");
        assertThat(MdbCommands.forLog("d,CARD,VISA,4242,AB12")).doesNotContain("4242");
        assertThat(MdbCommands.forLog("x4111111111111111")).isEqualTo("x################");
        assertThat(MdbCommands.forLog("d,STATUS,RESULT,1,1430")).isEqualTo("d,STATUS,RESULT,1,1430");
        assertThat(MdbCommands.forLog("z".repeat(100))).hasSize(41);
    }
}
