package jp.simkiosk.adapter.device.serial.crt591;

import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.CAPTURE;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.DISPENSE_TO_GATE;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.IC_ACTIVATE;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.IC_APDU;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.IC_DEACTIVATE;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.INITIALIZE;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.MOVE_TO_IC;
import static jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.SocatPtyPair;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.SimDispenser.ReadResult;
import jp.simkiosk.application.port.SimDispenser.StockLevel;
import jp.simkiosk.application.port.SimDispenser.TakeResult;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.sale.SaleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRT-591 driver through jssc over a socat pty pair, against {@link Crt591Peer} speaking the device's
 * side byte for byte. Needs socat: without it every test fails saying so.
 */
class Crt591DispenserPtyTest {

    /**
     * Time-outs well above the stalls seen on a loaded 2-core machine (up to 0.5 s between two polls): the
     * silent-peer tests wait them out once each.
     */
    private static final Crt591Dispenser.Settings SETTINGS = new Crt591Dispenser.Settings(
            0, Duration.ofMillis(1500), Duration.ofMillis(1500), Duration.ofMillis(20));
    private static final Duration GENEROUS = Duration.ofSeconds(5);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @TempDir
    Path data;

    private SocatPtyPair pair;
    private Crt591Peer peer;
    private Crt591Dispenser dispenser;
    private final List<DeviceHealth> events = new CopyOnWriteArrayList<>();

    /** Valid Japanese ICCIDs, 19 digits with their Luhn check digit. */
    static List<String> iccids(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> String.format("898110990000%06d", 2000 + i))
                .map(p -> p + Luhn.checkDigit(p))
                .collect(Collectors.toList());
    }

    private void start(List<String> stack) throws Exception {
        pair = SocatPtyPair.start();
        peer = Crt591Peer.start(pair.deviceEnd(), stack);
        dispenser = new Crt591Dispenser(JsscSerialLink.open(pair.kioskEnd(), 38400), Clock.systemUTC(), SETTINGS, data);
        dispenser.addHealthListener(events::add);
    }

    /** The kiosk stops (the driver and its port are closed) and starts again: a new driver on the same data folder. */
    private void restartDriver(Path dataDir) throws Exception {
        dispenser.close();
        dispenser = new Crt591Dispenser(JsscSerialLink.open(pair.kioskEnd(), 38400), Clock.systemUTC(), SETTINGS, dataDir);
    }

    private Properties stateFile() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve(Crt591Dispenser.STATE_FILE))) {
            p.load(r);
        }
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        if (dispenser != null) dispenser.close();
        if (peer != null) peer.close();
        if (pair != null) pair.close();
    }

    private static String iccidOf(ReadResult r) {
        assertThat(r).isInstanceOf(ReadResult.Read.class);
        return ((ReadResult.Read) r).iccid().value();
    }

    private static List<Command> times(Command c, int n) {
        List<Command> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(c);
        return l;
    }

    // ------------------------------------------------------------------ happy path

    @Test
    void happyPathPresentReadDispenseTaken() throws Exception {
        List<String> stack = iccids(10);
        start(stack);
        peer.customerTakesAfterPolls(2);
        SaleId sale = SaleId.random();

        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(0));
        assertThat(peer.position()).isEqualTo(CardPosition.AT_IC);
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.position()).isEqualTo(CardPosition.AT_GATE);
        assertThat(dispenser.awaitTaken(sale, GENEROUS)).isEqualTo(TakeResult.TAKEN);

        assertThat(peer.cardsTaken()).isEqualTo(1);
        assertThat(peer.cardsInStacker()).isEqualTo(9);
        List<Command> expected = new ArrayList<>(List.of(INITIALIZE, STATUS, STATUS, MOVE_TO_IC, IC_ACTIVATE));
        expected.addAll(times(IC_APDU, 5)); // SELECT MF, GET RESPONSE, SELECT 2FE2, GET RESPONSE, READ BINARY
        expected.addAll(List.of(IC_DEACTIVATE, STATUS, DISPENSE_TO_GATE, STATUS, STATUS, STATUS));
        assertThat(peer.received()).containsExactlyElementsOf(expected);
        assertThat(HEX.formatHex(peer.receivedFrames().get(0))).isEqualTo("F2 00 00 03 43 30 33 03 B2");
        assertThat(peer.hostControlBytes()).isNotEmpty().allMatch(b -> b == 0x06);
        assertThat(dispenser.health().state()).isEqualTo(DeviceState.READY);
        assertThat(dispenser.health().media()).isEmpty();
        assertThat(events).extracting(DeviceHealth::state).contains(DeviceState.BUSY).last().isEqualTo(DeviceState.READY);
    }

    @Test
    void theApdusReadEfIccid() throws Exception {
        start(iccids(3));
        dispenser.presentAndRead(SaleId.random());
        List<String> apdus = peer.receivedFrames().stream()
                .filter(f -> f[5] == 'Q' && f[6] == '9')
                .map(f -> HEX.formatHex(f, 7, f.length - 2))
                .toList();
        assertThat(apdus).containsExactly("A0 A4 00 00 02 3F 00", "A0 C0 00 00 0F", "A0 A4 00 00 02 2F E2",
                "A0 C0 00 00 0F", "A0 B0 00 00 0A");
    }

    @Test
    void readBinaryAnsweredWith9FFetchesTheContentWithGetResponse() throws Exception {
        List<String> stack = iccids(3);
        start(stack);
        peer.readBinaryViaGetResponse(true);
        assertThat(iccidOf(dispenser.presentAndRead(SaleId.random()))).isEqualTo(stack.get(0));
        assertThat(peer.receivedFrames()).extracting(f -> HEX.formatHex(f))
                .contains("F2 00 00 08 43 51 39 A0 C0 00 00 0A 03 B8");
    }

    @Test
    void theSameSaleNeverGetsASecondCard() throws Exception {
        List<String> stack = iccids(10);
        start(stack);
        SaleId sale = SaleId.random();

        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(0));
        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(0));
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.awaitTaken(sale, GENEROUS)).isEqualTo(TakeResult.TAKEN);
        assertThat(dispenser.awaitTaken(sale, GENEROUS)).isEqualTo(TakeResult.TAKEN);
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));

        assertThat(peer.count(MOVE_TO_IC)).isEqualTo(1);
        assertThat(peer.count(DISPENSE_TO_GATE)).isEqualTo(1);
        assertThat(peer.count(CAPTURE)).isZero();
        assertThat(peer.cardsInStacker()).isEqualTo(9);
        assertThat(peer.cardsTaken()).isEqualTo(1);
    }

    @Test
    void dispensingWithoutAReadCardSendsNothing() throws Exception {
        start(iccids(5));
        assertThat(dispenser.dispenseToGate(SaleId.random())).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(peer.count(DISPENSE_TO_GATE)).isZero();
        assertThat(peer.cardsInStacker()).isEqualTo(5);
    }

    @Test
    void aCardOfAnotherSaleInTheChannelBlocksTheNextSale() throws Exception {
        start(iccids(5));
        SaleId first = SaleId.random();
        SaleId second = SaleId.random();
        iccidOf(dispenser.presentAndRead(first));
        assertThat(dispenser.presentAndRead(second)).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.captureToRejectBin(second)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.captureToRejectBin(first)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.presentAndRead(second)).isInstanceOf(ReadResult.Read.class);
        assertThat(peer.count(MOVE_TO_IC)).isEqualTo(2);
        assertThat(peer.cardsInRejectBin()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ across the driver's restart

    @Test
    void restartedOnItsStateFileTheDriverRefusesToClaimTheCaptureOfACardTakenMeanwhile() throws Exception {
        start(iccids(5));
        peer.customerTakesAfterPolls(-1);
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        peer.holdReplyTo(DISPENSE_TO_GATE);
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.TIMEOUT));
        assertThat(peer.awaitHeld(GENEROUS)).isTrue();
        assertThat(stateFile().getProperty("fates")).as("written before the card was sent to the gate")
                .isEqualTo(sale.value() + ":AT_GATE");
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.position()).isEqualTo(CardPosition.AT_GATE);

        // the kiosk goes down with the SIM at the gate; the customer takes it meanwhile
        dispenser.close();
        assertThat(peer.customerTakesTheCardNow()).isTrue();
        restartDriver(data);

        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.captureToRejectBin(sale)).as("again").isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.presentAndRead(sale)).as("no second card for it")
                .isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(peer.count(CAPTURE)).isZero();
        assertThat(peer.cardsTaken()).isEqualTo(1);
        assertThat(peer.count(MOVE_TO_IC)).isEqualTo(1);
    }

    @Test
    void restartedWithNoRecordOfTheSaleAnEmptyChannelIsCannotTellNotDone() throws Exception {
        start(iccids(5));
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        dispenser.close();
        assertThat(peer.customerTakesTheCardNow()).isTrue();
        // a driver that never heard of the sale (its state file lost, or the sale long forgotten)
        restartDriver(Files.createDirectory(data.resolve("elsewhere")));

        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(peer.count(CAPTURE)).isZero();
    }

    @Test
    void restartedOnItsStateFileTheDriverCapturesTheCardStillInTheChannelAndKnowsWhoseItIs() throws Exception {
        start(iccids(5));
        peer.customerTakesAfterPolls(-1);
        SaleId atGate = SaleId.random();
        iccidOf(dispenser.presentAndRead(atGate));
        assertThat(dispenser.dispenseToGate(atGate)).isEqualTo(DeviceOutcome.DONE);

        restartDriver(data);
        SaleId other = SaleId.random();
        assertThat(dispenser.captureToRejectBin(other)).as("the card is another sale's")
                .isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.presentAndRead(other)).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(dispenser.captureToRejectBin(atGate)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.cardsInRejectBin()).isEqualTo(1);

        // a card left at the IC station, then a restart: captured too, and a repeat after another restart is Done
        SaleId atIc = SaleId.random();
        iccidOf(dispenser.presentAndRead(atIc));
        restartDriver(data);
        assertThat(dispenser.captureToRejectBin(atIc)).isEqualTo(DeviceOutcome.DONE);
        restartDriver(data);
        assertThat(dispenser.captureToRejectBin(atIc)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.captureToRejectBin(atGate)).isEqualTo(DeviceOutcome.DONE);

        assertThat(peer.count(CAPTURE)).isEqualTo(2);
        assertThat(peer.cardsInRejectBin()).isEqualTo(2);
        assertThat(peer.cardsTaken()).isZero();
        assertThat(peer.position()).isEqualTo(CardPosition.EMPTY);
        assertThat(stateFile().getProperty("channel.sale")).as("the channel is empty").isNull();
    }

    // ------------------------------------------------------------------ stock and media

    @Test
    void stockFollowsTheStackerLevel() throws Exception {
        start(iccids(4));
        assertThat(dispenser.stock()).isEqualTo(StockLevel.ENOUGH);
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.stock()).isEqualTo(StockLevel.LOW);
        assertThat(dispenser.health().media()).containsExactly(MediaCondition.STACKER_LOW);
        assertThat(dispenser.health().usable()).isTrue();
    }

    @Test
    void emptyStacker() throws Exception {
        start(List.of());
        assertThat(dispenser.stock()).isEqualTo(StockLevel.EMPTY);
        DeviceHealth h = dispenser.health();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.fault()).contains(DeviceFault.MEDIA);
        assertThat(h.media()).containsExactly(MediaCondition.STACKER_EMPTY);
        assertThat(h.usable()).isFalse();
        assertThat(dispenser.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
        assertThat(peer.count(MOVE_TO_IC)).isZero();
    }

    @Test
    void stackerEmptyErrorCodeOnAMove() throws Exception {
        start(iccids(5));
        peer.failNext(MOVE_TO_IC, "A0");
        assertThat(dispenser.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
        assertThat(dispenser.health().media()).contains(MediaCondition.STACKER_EMPTY);
        assertThat(dispenser.health().fault()).contains(DeviceFault.MEDIA);
        // the next status says there are cards after all
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void rejectBinFull() throws Exception {
        start(iccids(5));
        peer.setRejectBinFull(true);
        DeviceHealth h = dispenser.poll();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.media()).containsExactly(MediaCondition.REJECT_BIN_FULL);
        assertThat(dispenser.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
        assertThat(peer.count(MOVE_TO_IC)).isZero();

        peer.setRejectBinFull(false);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        peer.setRejectBinFull(true);
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.MEDIA));
        assertThat(dispenser.health().media()).contains(MediaCondition.REJECT_BIN_FULL);
        assertThat(peer.cardsInRejectBin()).isZero();
    }

    @Test
    void rejectBinFullErrorCodeWhileStatusSaidItHadRoom() throws Exception {
        start(iccids(5));
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        peer.failNext(CAPTURE, "A3");
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.MEDIA));
        assertThat(dispenser.health().media()).contains(MediaCondition.REJECT_BIN_FULL);
        assertThat(dispenser.health().usable()).isFalse();
    }

    // ------------------------------------------------------------------ faults

    @Test
    void jamStaysUntilClearedThenTheSameSaleGoesOn() throws Exception {
        List<String> stack = iccids(5);
        start(stack);
        SaleId sale = SaleId.random();
        peer.jamNextMove();
        assertThat(dispenser.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.JAM));
        assertThat(dispenser.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(dispenser.health().fault()).contains(DeviceFault.JAM);

        long inits = peer.count(INITIALIZE);
        assertThat(dispenser.poll().fault()).contains(DeviceFault.JAM);
        assertThat(peer.count(INITIALIZE)).isEqualTo(inits + 1);

        peer.clearJam();
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(0));
    }

    @Test
    void notTakenThenCaptured() throws Exception {
        List<String> stack = iccids(5);
        start(stack);
        peer.customerTakesAfterPolls(-1);
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        long before = peer.count(STATUS);
        assertThat(dispenser.awaitTaken(sale, Duration.ofSeconds(1))).isEqualTo(TakeResult.NOT_TAKEN);
        assertThat(peer.count(STATUS) - before).isGreaterThanOrEqualTo(2);

        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.count(CAPTURE)).isEqualTo(1);
        assertThat(peer.cardsInRejectBin()).isEqualTo(1);
        assertThat(peer.position()).isEqualTo(CardPosition.EMPTY);
        assertThat(dispenser.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.NOT_TAKEN);
        // the sale may try again with the next card
        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(1));
    }

    @Test
    void cardTakenJustBeforeTheCaptureIsNotCaptured() throws Exception {
        start(iccids(5));
        peer.customerTakesAfterPolls(-1);
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        dispenser.dispenseToGate(sale);
        assertThat(dispenser.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.NOT_TAKEN);
        peer.customerTakesAfterPolls(0);
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(peer.count(CAPTURE)).isZero();
        assertThat(dispenser.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.TAKEN);
    }

    @Test
    void icActivationFailureLeavesTheCardForARetryOrCapture() throws Exception {
        List<String> stack = iccids(5);
        start(stack);
        SaleId sale = SaleId.random();
        peer.failNext(IC_ACTIVATE, "61");
        assertThat(dispenser.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(dispenser.health().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.position()).isEqualTo(CardPosition.AT_IC);

        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(0));
        assertThat(peer.count(MOVE_TO_IC)).isEqualTo(1);
    }

    @Test
    void simAnsweringAnErrorStatusWordIsPoweredOffAndCaptured() throws Exception {
        start(iccids(5));
        SaleId sale = SaleId.random();
        peer.failNextApdu(0x6F00);
        assertThat(dispenser.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(peer.received()).endsWith(IC_ACTIVATE, IC_APDU, IC_DEACTIVATE);
        assertThat(dispenser.health().state()).isEqualTo(DeviceState.READY);
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.cardsInRejectBin()).isEqualTo(1);
    }

    @Test
    void iccidFailingTheLuhnCheckIsAProtocolError() throws Exception {
        List<String> stack = new ArrayList<>(iccids(2));
        String bad = stack.get(0).substring(0, 18) + ((stack.get(0).charAt(18) - '0' + 1) % 10);
        stack.add(0, bad);
        start(stack);
        SaleId sale = SaleId.random();
        assertThat(dispenser.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(peer.received()).last().isEqualTo(IC_DEACTIVATE);
        assertThat(dispenser.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(iccidOf(dispenser.presentAndRead(sale))).isEqualTo(stack.get(1));
    }

    // ------------------------------------------------------------------ the line

    @Test
    void nakedCommandIsSentAgain() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.nakNextCommands(2);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.received()).containsExactly(INITIALIZE, STATUS, STATUS, STATUS, STATUS);
    }

    @Test
    void commandNakedFourTimesIsAProtocolErrorThenReinitialized() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.nakNextCommands(4);
        DeviceHealth h = dispenser.poll();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.received()).containsExactly(INITIALIZE, STATUS, STATUS, STATUS, STATUS, STATUS, INITIALIZE, STATUS);
    }

    @Test
    void answerWithBadBccIsNakedAndSentAgain() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.corruptNextReplies(1);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.hostControlBytes()).containsExactly(0x06, 0x06, 0x15, 0x06);
    }

    @Test
    void answerStayingCorruptEndsWithEotAndProtocolError() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.corruptNextReplies(4);
        DeviceHealth h = dispenser.poll();
        assertThat(h.fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(peer.hostControlBytes()).containsExactly(0x06, 0x06, 0x15, 0x15, 0x15, 0x04);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.received()).endsWith(INITIALIZE, STATUS);
    }

    @Test
    void malformedFrameIsNakedAndSentAgain() throws Exception {
        start(iccids(5));
        dispenser.poll();
        // right start and length, but no ETX where it belongs
        peer.replaceNextReply(HEX.parseHex("F2 00 00 06 50 31 30 30 32 30 FF 00"));
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        // line noise instead of a frame
        peer.replaceNextReply(HEX.parseHex("55 AA 13 00"));
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.hostControlBytes()).containsExactly(0x06, 0x06, 0x15, 0x06, 0x15, 0x06);
    }

    @Test
    void soundFrameThatMakesNoSenseIsAProtocolError() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.replaceNextReply(Crt591Peer.frameOf(new byte[] {'P', '1', '0', '9', '2', '0'}));
        assertThat(dispenser.poll().fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void silentPeerTimesOutThenTheDeviceIsReinitialized() throws Exception {
        start(iccids(5));
        dispenser.poll();
        peer.ignoreNextCommands(1);
        DeviceHealth h = dispenser.poll();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.fault()).contains(DeviceFault.TIMEOUT);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.received()).containsExactly(INITIALIZE, STATUS, STATUS, INITIALIZE, STATUS);
    }

    @Test
    void peerSilentAfterItsAckTimesOutInTheMiddleOfADispense() throws Exception {
        start(iccids(5));
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        peer.holdReplyTo(DISPENSE_TO_GATE);
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.TIMEOUT));
        assertThat(dispenser.health().fault()).contains(DeviceFault.TIMEOUT);
        // the card stayed at the IC station: the retry re-initializes, asks, and dispenses it, once
        assertThat(dispenser.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(peer.count(DISPENSE_TO_GATE)).isEqualTo(2);
        assertThat(peer.received()).endsWith(DISPENSE_TO_GATE, INITIALIZE, STATUS, DISPENSE_TO_GATE);
        assertThat(peer.position()).isEqualTo(CardPosition.AT_GATE);
        assertThat(peer.cardsInStacker()).isEqualTo(4);
    }

    @Test
    void unpluggedMidCommandGoesOffline() throws Exception {
        start(iccids(5));
        SaleId sale = SaleId.random();
        iccidOf(dispenser.presentAndRead(sale));
        peer.holdReplyTo(DISPENSE_TO_GATE);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            Future<DeviceOutcome> result = exec.submit(() -> dispenser.dispenseToGate(sale));
            assertThat(peer.awaitHeld(GENEROUS)).isTrue();
            pair.unplug();
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.PORT_UNAVAILABLE));
        } finally {
            exec.shutdownNow();
        }
        assertThat(dispenser.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(dispenser.poll().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(dispenser.stock()).isEqualTo(StockLevel.ENOUGH); // last known
        assertThat(events).extracting(DeviceHealth::state).contains(DeviceState.OFFLINE);
    }

    @Test
    void concurrentCallersTakeTurns() throws Exception {
        start(iccids(10));
        ExecutorService exec = Executors.newFixedThreadPool(3);
        try {
            List<Future<DeviceHealth>> polls = new ArrayList<>();
            for (int i = 0; i < 60; i++) polls.add(exec.submit(dispenser::poll));
            for (Future<DeviceHealth> f : polls) assertThat(f.get(10, TimeUnit.SECONDS).state()).isEqualTo(DeviceState.READY);
        } finally {
            exec.shutdownNow();
        }
        assertThat(peer.count(STATUS)).isEqualTo(60);
        assertThat(peer.corruptFramesReceived()).isZero();
        assertThat(peer.hostControlBytes()).allMatch(b -> b == 0x06);
    }

    @Test
    void portThatCannotBeOpenedNamesDeviceAndPort() {
        assertThatThrownBy(() -> Crt591Dispenser.open("/dev/no-such-dispenser", 38400, Clock.systemUTC(), SETTINGS, data))
                .isInstanceOf(SerialLinkException.class)
                .hasMessageContaining("SIM dispenser")
                .hasMessageContaining("/dev/no-such-dispenser")
                .satisfies(e -> assertThat(((SerialLinkException) e).kind()).isEqualTo(SerialLinkException.Kind.CANNOT_OPEN));
    }
}
