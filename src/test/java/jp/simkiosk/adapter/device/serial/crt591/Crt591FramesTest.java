package jp.simkiosk.adapter.device.serial.crt591;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Apdu;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ErrorCode;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Scope;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.StackerLevel;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.MediaCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every frame the driver builds, byte for byte (BCC worked out by hand), and the decoding of answers. */
class Crt591FramesTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static String frame(Command c, byte[] data) {
        return HEX.formatHex(Crt591Frames.command(0, c, data));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "INITIALIZE,       F2 00 00 03 43 30 33 03 B2",
            "STATUS,           F2 00 00 03 43 31 30 03 B0",
            "DISPENSE_TO_GATE, F2 00 00 03 43 32 30 03 B3",
            "MOVE_TO_IC,       F2 00 00 03 43 32 31 03 B2",
            "CAPTURE,          F2 00 00 03 43 32 33 03 B0",
            "IC_ACTIVATE,      F2 00 00 03 43 51 30 03 D0",
            "IC_DEACTIVATE,    F2 00 00 03 43 51 31 03 D1"})
    void commandFramesWithoutData(Command command, String expected) {
        assertThat(frame(command, new byte[0])).isEqualTo(expected);
    }

    @Test
    void apduFrames() {
        assertThat(frame(Command.IC_APDU, Apdu.SELECT_MF.bytes()))
                .isEqualTo("F2 00 00 0A 43 51 39 A0 A4 00 00 02 3F 00 03 E9");
        assertThat(frame(Command.IC_APDU, Apdu.SELECT_EF_ICCID.bytes()))
                .isEqualTo("F2 00 00 0A 43 51 39 A0 A4 00 00 02 2F E2 03 1B");
        assertThat(frame(Command.IC_APDU, Apdu.READ_ICCID.bytes()))
                .isEqualTo("F2 00 00 08 43 51 39 A0 B0 00 00 0A 03 C8");
        assertThat(frame(Command.IC_APDU, Apdu.getResponse(0x0F)))
                .isEqualTo("F2 00 00 08 43 51 39 A0 C0 00 00 0F 03 BD");
        assertThat(frame(Command.IC_APDU, Apdu.getResponse(0x0A)))
                .isEqualTo("F2 00 00 08 43 51 39 A0 C0 00 00 0A 03 B8");
    }

    @Test
    void addressGoesIntoTheFrameAndTheBcc() {
        assertThat(HEX.formatHex(Crt591Frames.command(5, Command.STATUS, new byte[0])))
                .isEqualTo("F2 05 00 03 43 31 30 03 B5");
    }

    @Test
    void apduBytesCannotBeChangedThroughTheTable() {
        Apdu.SELECT_MF.bytes()[0] = 0;
        assertThat(Apdu.SELECT_MF.bytes()[0]).isEqualTo((byte) 0xA0);
    }

    @Test
    void decodesPositiveStatus() throws Exception {
        Crt591Reply r = Crt591Frames.decode(hex("F2 00 00 06 50 31 30 31 32 30 03 95"), 0, Command.STATUS);
        assertThat(r).isInstanceOf(Crt591Reply.Positive.class);
        Crt591Reply.Positive p = (Crt591Reply.Positive) r;
        assertThat(p.position()).isEqualTo(CardPosition.AT_GATE);
        assertThat(p.stacker()).isEqualTo(StackerLevel.ENOUGH);
        assertThat(p.rejectBinFull()).isFalse();
        assertThat(p.data()).isEmpty();
    }

    @Test
    void decodesPositiveWithData() throws Exception {
        Crt591Reply.Positive p = (Crt591Reply.Positive) Crt591Frames.decode(
                hex("F2 00 00 0A 50 51 39 32 32 30 98 18 90 00 03 E3"), 0, Command.IC_APDU);
        assertThat(p.position()).isEqualTo(CardPosition.AT_IC);
        assertThat(HEX.formatHex(p.data())).isEqualTo("98 18 90 00");
    }

    @Test
    void decodesNegative() throws Exception {
        Crt591Reply r = Crt591Frames.decode(hex("F2 00 00 05 4E 32 31 41 30 03 C8"), 0, Command.MOVE_TO_IC);
        assertThat(r).isEqualTo(new Crt591Reply.Negative(Command.MOVE_TO_IC, "A0"));
    }

    @Test
    void rejectsAnswerToAnotherCommandOrFromAnotherAddress() {
        byte[] status = hex("F2 00 00 06 50 31 30 31 32 30 03 95");
        assertThatThrownBy(() -> Crt591Frames.decode(status, 0, Command.CAPTURE))
                .isInstanceOf(Crt591ProtocolException.class).hasMessageContaining("expected CAPTURE");
        assertThatThrownBy(() -> Crt591Frames.decode(status, 1, Command.STATUS))
                .isInstanceOf(Crt591ProtocolException.class).hasMessageContaining("address");
    }

    @Test
    void rejectsUnknownStatusBytesAndTypes() {
        byte[] badSt0 = Crt591Peer.frameOf(new byte[] {'P', '1', '0', '7', '2', '0'});
        assertThatThrownBy(() -> Crt591Frames.decode(badSt0, 0, Command.STATUS)).hasMessageContaining("st0");
        byte[] badType = Crt591Peer.frameOf(new byte[] {'X', '1', '0', '0', '2', '0'});
        assertThatThrownBy(() -> Crt591Frames.decode(badType, 0, Command.STATUS)).hasMessageContaining("type 58");
        byte[] shortPositive = Crt591Peer.frameOf(new byte[] {'P', '1', '0', '0'});
        assertThatThrownBy(() -> Crt591Frames.decode(shortPositive, 0, Command.STATUS))
                .isInstanceOf(Crt591ProtocolException.class);
    }

    @Test
    void peerFramesAreTheSameShape() {
        // the test peer builds answers with its own code: check it against a hand-made frame
        assertThat(HEX.formatHex(Crt591Peer.frameOf(new byte[] {'N', '2', '1', 'A', '0'})))
                .isEqualTo("F2 00 00 05 4E 32 31 41 30 03 C8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "00, PROTOCOL_ERROR, DEVICE", "02, NOT_READY, DEVICE", "10, JAM, DEVICE", "12, HARDWARE_ERROR, DEVICE",
            "13, JAM, DEVICE", "14, JAM, DEVICE", "40, HARDWARE_ERROR, DEVICE", "41, JAM, DEVICE", "44, JAM, DEVICE",
            "45, HARDWARE_ERROR, DEVICE", "49, HARDWARE_ERROR, DEVICE", "51, HARDWARE_ERROR, DEVICE",
            "59, HARDWARE_ERROR, DEVICE", "60, HARDWARE_ERROR, DEVICE", "61, PROTOCOL_ERROR, CARD",
            "66, PROTOCOL_ERROR, CARD", "68, PROTOCOL_ERROR, CARD", "A0, MEDIA, MEDIA", "A1, MEDIA, MEDIA",
            "A9, MEDIA, MEDIA", "B0, NOT_READY, DEVICE", "11, HARDWARE_ERROR, DEVICE", "4A, HARDWARE_ERROR, DEVICE",
            "AA, HARDWARE_ERROR, DEVICE", "ZZ, HARDWARE_ERROR, DEVICE"})
    void errorCodes(String code, DeviceFault fault, Scope scope) {
        ErrorCode e = ErrorCode.of(code);
        assertThat(e.fault()).isEqualTo(fault);
        assertThat(e.scope()).isEqualTo(scope);
    }

    @Test
    void errorCodesOfConsumablesNameTheCondition() {
        assertThat(ErrorCode.of("A0").media()).contains(MediaCondition.STACKER_EMPTY);
        assertThat(ErrorCode.of("A5").media()).contains(MediaCondition.REJECT_BIN_FULL);
        assertThat(ErrorCode.of("10").media()).isEmpty();
        assertThat(ErrorCode.of("4A")).isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void iccidFileDecodesNibbleSwappedBcdWithPadding() {
        assertThat(IccidFile.decode(hex("98 18 01 99 00 00 00 01 00 F3"))).hasValueSatisfying(
                i -> assertThat(i.value()).isEqualTo("8981109900000010003"));
        assertThat(IccidFile.decode(Crt591Peer.encodeIccid("89811099000000100012")))
                .hasValueSatisfying(i -> assertThat(i.value()).isEqualTo("89811099000000100012"));
    }

    @Test
    void iccidFileRejectsBadContent() {
        // wrong check digit
        assertThat(IccidFile.decode(hex("98 18 01 99 00 00 00 01 00 F4"))).isEmpty();
        // a digit after the padding
        assertThat(IccidFile.decode(hex("98 18 01 99 00 00 00 01 F0 03"))).isEmpty();
        // not BCD
        assertThat(IccidFile.decode(hex("98 18 01 99 00 0A 00 01 00 F3"))).isEmpty();
        // all padding
        assertThat(IccidFile.decode(hex("FF FF FF FF FF FF FF FF FF FF"))).isEmpty();
    }
}
