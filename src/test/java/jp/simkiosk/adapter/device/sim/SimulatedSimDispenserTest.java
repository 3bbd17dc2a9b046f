package jp.simkiosk.adapter.device.sim;

import jp.simkiosk.application.port.SimDispenser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.SimDispenser.ReadResult;
import jp.simkiosk.application.port.SimDispenser.StockLevel;
import jp.simkiosk.application.port.SimDispenser.TakeResult;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.sale.SaleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedSimDispenserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-01T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static List<String> iccids(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> String.format("898110990000%06d", 3000 + i))
                .map(p -> p + Luhn.checkDigit(p))
                .collect(Collectors.toList());
    }

    private Path stockFile(List<String> iccids) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# test stock", ""));
        lines.addAll(iccids);
        return Files.write(dir.resolve("sim-stock.txt"), lines);
    }

    private SimulatedSimDispenser dispenser(Path stock) {
        return new SimulatedSimDispenser(stock, dir.resolve("data"), CLOCK, Duration.ZERO);
    }

    private static Iccid read(ReadResult r) {
        assertThat(r).isInstanceOf(ReadResult.Read.class);
        return ((ReadResult.Read) r).iccid();
    }

    /** Present, dispense and let the customer take it. */
    private static Iccid sell(SimulatedSimDispenser d) {
        SaleId sale = SaleId.random();
        Iccid iccid = read(d.presentAndRead(sale));
        assertThat(d.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.awaitTaken(sale, Duration.ofSeconds(1))).isEqualTo(TakeResult.TAKEN);
        return iccid;
    }

    @Test
    void handsOutTheStackInOrder() throws IOException {
        List<String> stack = iccids(8);
        SimulatedSimDispenser d = dispenser(stockFile(stack));
        assertThat(d.health().state()).isEqualTo(DeviceState.READY);
        assertThat(d.remaining()).isEqualTo(8);
        assertThat(sell(d).value()).isEqualTo(stack.get(0));
        assertThat(sell(d).value()).isEqualTo(stack.get(1));
        assertThat(d.dispensed()).isEqualTo(2);
        assertThat(d.captured()).isZero();
        assertThat(d.remaining()).isEqualTo(6);
    }

    @Test
    void theShippedStockFileHoldsFortyValidJapaneseIccids() {
        SimulatedSimDispenser d = dispenser(Path.of("kiosk-config/sim-stock.txt"));
        assertThat(d.remaining()).isEqualTo(40);
        Iccid first = read(d.presentAndRead(SaleId.random()));
        assertThat(first.value()).startsWith("8981").hasSize(19);
    }

    @Test
    void theStateFileSurvivesARestart() throws IOException {
        List<String> stack = iccids(10);
        Path stock = stockFile(stack);
        SimulatedSimDispenser before = dispenser(stock);
        sell(before);
        sell(before);
        SaleId notTaken = SaleId.random();
        read(before.presentAndRead(notTaken));
        before.dispenseToGate(notTaken);
        before.setCardNotTaken(true);
        assertThat(before.awaitTaken(notTaken, Duration.ofMillis(5))).isEqualTo(TakeResult.NOT_TAKEN);
        assertThat(before.captureToRejectBin(notTaken)).isEqualTo(DeviceOutcome.DONE);
        SaleId inChannel = SaleId.random();
        read(before.presentAndRead(inChannel));
        before.close();
        assertThat(dir.resolve("data").resolve(SimulatedSimDispenser.STATE_FILE)).exists();

        SimulatedSimDispenser after = dispenser(stock);
        assertThat(after.dispensed()).isEqualTo(2);
        assertThat(after.captured()).isEqualTo(1);
        assertThat(after.remaining()).isEqualTo(6);
        // the card left at the IC station before the restart is still there: captured, not handed out
        SaleId next = SaleId.random();
        assertThat(after.presentAndRead(next)).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(after.captureToRejectBin(next)).isEqualTo(DeviceOutcome.DONE);
        assertThat(after.captured()).isEqualTo(2);
        assertThat(sell(after).value()).isEqualTo(stack.get(4));
    }

    @Test
    void aCardTakenBeforeOrWhileTheKioskWasDownIsNotReportedCapturedAfterARestart() throws IOException {
        Path stock = stockFile(iccids(6));
        SimulatedSimDispenser before = dispenser(stock);
        SaleId taken = SaleId.random();
        read(before.presentAndRead(taken));
        before.dispenseToGate(taken);
        assertThat(before.awaitTaken(taken, Duration.ofMillis(5))).isEqualTo(TakeResult.TAKEN);
        SaleId atGate = SaleId.random();
        read(before.presentAndRead(atGate));
        before.dispenseToGate(atGate);
        before.close();

        SimulatedSimDispenser after = dispenser(stock);
        assertThat(after.takeFromGate()).isTrue();
        assertThat(after.takeFromGate()).isFalse();

        assertThat(after.captureToRejectBin(taken)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(after.captureToRejectBin(atGate)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(after.dispensed()).isEqualTo(2);
        assertThat(after.captured()).isZero();
        assertThat(dispenser(stock).captureToRejectBin(atGate)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
    }

    @Test
    void refillingTheStockFileKeepsWhatWasUsed() throws IOException {
        List<String> stack = iccids(12);
        SimulatedSimDispenser d = dispenser(stockFile(stack.subList(0, 2)));
        sell(d);
        sell(d);
        assertThat(d.stock()).isEqualTo(StockLevel.EMPTY);
        SimulatedSimDispenser refilled = dispenser(stockFile(stack));
        assertThat(refilled.remaining()).isEqualTo(10);
        assertThat(sell(refilled).value()).isEqualTo(stack.get(2));
    }

    @Test
    void sameSaleTwiceMovesOneCard() throws IOException {
        List<String> stack = iccids(8);
        SimulatedSimDispenser d = dispenser(stockFile(stack));
        SaleId sale = SaleId.random();
        assertThat(read(d.presentAndRead(sale)).value()).isEqualTo(stack.get(0));
        d.failNextIcRead(); // the card was read already: asking again does not read it again
        assertThat(read(d.presentAndRead(sale)).value()).isEqualTo(stack.get(0));
        assertThat(d.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.TAKEN);
        assertThat(d.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.TAKEN);
        assertThat(d.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        assertThat(d.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(d.dispensed()).isEqualTo(1);
        assertThat(d.remaining()).isEqualTo(7);
    }

    @Test
    void stockLevelsAndMedia() throws IOException {
        SimulatedSimDispenser d = dispenser(stockFile(iccids(SimulatedSimDispenser.LOW_THRESHOLD + 1)));
        assertThat(d.stock()).isEqualTo(StockLevel.ENOUGH);
        sell(d);
        assertThat(d.stock()).isEqualTo(StockLevel.LOW);
        assertThat(d.health().media()).containsExactly(MediaCondition.STACKER_LOW);
        assertThat(d.health().usable()).isTrue();
        for (int i = 0; i < SimulatedSimDispenser.LOW_THRESHOLD; i++) sell(d);
        assertThat(d.stock()).isEqualTo(StockLevel.EMPTY);
        assertThat(d.health().media()).containsExactly(MediaCondition.STACKER_EMPTY);
        assertThat(d.health().usable()).isFalse();
        assertThat(d.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
    }

    @Test
    void stackerEmptyFault() throws IOException {
        SimulatedSimDispenser d = dispenser(stockFile(iccids(8)));
        d.setStackerEmpty(true);
        assertThat(d.stock()).isEqualTo(StockLevel.EMPTY);
        DeviceHealth h = d.health();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.fault()).contains(DeviceFault.MEDIA);
        assertThat(h.media()).containsExactly(MediaCondition.STACKER_EMPTY);
        assertThat(d.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
        assertThat(d.remaining()).isEqualTo(8);
        d.setStackerEmpty(false);
        assertThat(d.health().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void rejectBinFull() throws IOException {
        SimulatedSimDispenser d = dispenser(stockFile(iccids(8)));
        SaleId sale = SaleId.random();
        read(d.presentAndRead(sale));
        d.setRejectBinFull(true);
        assertThat(d.health().media()).contains(MediaCondition.REJECT_BIN_FULL);
        assertThat(d.captureToRejectBin(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.MEDIA));
        assertThat(d.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.NOT_READY));
        d.setRejectBinFull(false);
        assertThat(d.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        d.setRejectBinFull(true);
        assertThat(d.presentAndRead(SaleId.random())).isEqualTo(new ReadResult.Failed(DeviceFault.MEDIA));
        assertThat(d.captured()).isEqualTo(1);
    }

    @Test
    void jamFailsTheNextMoveUntilThePollReinitializes() throws IOException {
        List<String> stack = iccids(8);
        SimulatedSimDispenser d = dispenser(stockFile(stack));
        List<DeviceHealth> events = new CopyOnWriteArrayList<>();
        d.addHealthListener(events::add);
        SaleId sale = SaleId.random();
        read(d.presentAndRead(sale));
        d.jamNextMove();
        assertThat(d.dispenseToGate(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.JAM));
        assertThat(d.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(d.health().fault()).contains(DeviceFault.JAM);
        assertThat(d.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(d.dispenseToGate(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(events).extracting(DeviceHealth::state)
                .containsSubsequence(DeviceState.BUSY, DeviceState.ERROR, DeviceState.READY, DeviceState.BUSY);
    }

    @Test
    void notTakenThenCaptured() throws IOException {
        SimulatedSimDispenser d = dispenser(stockFile(iccids(8)));
        d.setCardNotTaken(true);
        SaleId sale = SaleId.random();
        read(d.presentAndRead(sale));
        d.dispenseToGate(sale);
        assertThat(d.awaitTaken(sale, Duration.ofMillis(20))).isEqualTo(TakeResult.NOT_TAKEN);
        assertThat(d.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.captured()).isEqualTo(1);
        assertThat(d.dispensed()).isZero();
        assertThat(d.awaitTaken(sale, Duration.ZERO)).isEqualTo(TakeResult.NOT_TAKEN);
    }

    @Test
    void icReadFailureLeavesTheCardForARetryOrCapture() throws IOException {
        List<String> stack = iccids(8);
        SimulatedSimDispenser d = dispenser(stockFile(stack));
        SaleId sale = SaleId.random();
        d.failNextIcRead();
        assertThat(d.presentAndRead(sale)).isEqualTo(new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(d.health().state()).isEqualTo(DeviceState.READY);
        assertThat(d.dispenseToGate(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(read(d.presentAndRead(sale)).value()).isEqualTo(stack.get(0));
        assertThat(d.remaining()).isEqualTo(7);

        SaleId other = SaleId.random();
        d.failNextIcRead();
        assertThat(d.captureToRejectBin(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.presentAndRead(other)).isEqualTo(new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR));
        assertThat(d.captureToRejectBin(other)).isEqualTo(DeviceOutcome.DONE);
        assertThat(d.captured()).isEqualTo(2);
    }

    @Test
    void badStockFileNamesTheLine() throws IOException {
        List<String> stack = iccids(3);
        String wrongCheckDigit = stack.get(1).substring(0, 18) + ((stack.get(1).charAt(18) - '0' + 1) % 10);
        Path bad = stockFile(List.of(stack.get(0), wrongCheckDigit));
        assertThatThrownBy(() -> dispenser(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining(wrongCheckDigit);
        Path twice = stockFile(List.of(stack.get(0), stack.get(0)));
        assertThatThrownBy(() -> dispenser(twice)).hasMessageContaining("twice");
    }

    @Test
    void aRefillIsHandedOutAfterTheStackAndSurvivesARestartAndTheBinEmpties() throws IOException {
        List<String> all = iccids(4);
        Path stock = stockFile(all.subList(0, 1));
        SimulatedSimDispenser d = dispenser(stock);
        sell(d);
        assertThat(d.stock()).isEqualTo(SimDispenser.StockLevel.EMPTY);
        assertThat(d.health().media()).contains(MediaCondition.STACKER_EMPTY);
        assertThat(d.load(all.stream().map(Iccid::new).toList())).as("the one already known is skipped").isEqualTo(3);
        assertThat(d.health().state()).isEqualTo(DeviceState.READY);
        assertThat(d.remaining()).isEqualTo(3);

        SimulatedSimDispenser again = dispenser(stock);
        assertThat(again.remaining()).isEqualTo(3);
        assertThat(sell(again).value()).isEqualTo(all.get(1));
        SaleId rejected = SaleId.random();
        read(again.presentAndRead(rejected));
        assertThat(again.captureToRejectBin(rejected)).isEqualTo(DeviceOutcome.DONE);
        again.setRejectBinFull(true);
        assertThat(again.health().usable()).isFalse();
        assertThat(again.emptyRejectBin()).isEqualTo(1);
        assertThat(again.captured()).isZero();
        assertThat(again.health().usable()).isTrue();
    }
}
