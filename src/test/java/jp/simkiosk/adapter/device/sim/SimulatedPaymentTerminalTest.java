package jp.simkiosk.adapter.device.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal.LedgerEntry;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PaymentTerminal.DeclineReason;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedPaymentTerminalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T03:00:00Z"), ZoneOffset.UTC);
    private static final Yen PRICE = Yen.of(1430);

    private final SimulatedPaymentTerminal terminal = new SimulatedPaymentTerminal(CLOCK);
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
        terminal.close();
    }

    private static SaleId sale(int n) {
        return new SaleId(String.format("%08x-0000-4000-8000-%012d", n, n));
    }

    private static CardApproval visa(int n) {
        return new CardApproval("VISA", "**** **** **** 4242", String.format("SIM%06d", n));
    }

    private static AuthorizationResult approved(int n) {
        return new AuthorizationResult.Approved(visa(n));
    }

    @Test
    void approvesByDefault_sameSequenceEveryTime() {
        SimulatedPaymentTerminal other = new SimulatedPaymentTerminal(CLOCK);
        List<AuthorizationResult> first = new ArrayList<>();
        List<AuthorizationResult> second = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            first.add(terminal.authorize(sale(i), PRICE));
            terminal.complete(sale(i));
            second.add(other.authorize(sale(i), PRICE));
            other.complete(sale(i));
        }

        assertThat(first).containsExactly(approved(1), approved(2), approved(3));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void scriptedResultsComeInOrder_thenApprovalsResume() {
        terminal.script(
                new AuthorizationResult.Declined(DeclineReason.INSUFFICIENT_FUNDS),
                new AuthorizationResult.TimedOut(),
                new AuthorizationResult.CancelledByCustomer(),
                new AuthorizationResult.Approved(new CardApproval("JCB", "**** **** **** 0005", "J1")));

        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.Declined(DeclineReason.INSUFFICIENT_FUNDS));
        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.TimedOut());
        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.CancelledByCustomer());
        assertThat(terminal.authorize(sale(1), PRICE))
                .isEqualTo(new AuthorizationResult.Approved(new CardApproval("JCB", "**** **** **** 0005", "J1")));
        assertThat(terminal.complete(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.authorize(sale(2), PRICE)).isEqualTo(approved(1));
    }

    @Test
    void scriptedDeviceErrorPutsTheReaderInError_untilTheNextPoll() {
        List<DeviceHealth> events = new CopyOnWriteArrayList<>();
        terminal.addHealthListener(events::add);
        terminal.script(new AuthorizationResult.DeviceError(DeviceFault.HARDWARE_ERROR));

        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.HARDWARE_ERROR));
        assertThat(terminal.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(terminal.health().fault()).contains(DeviceFault.HARDWARE_ERROR);
        assertThat(terminal.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(terminal.ledger()).isEmpty();
        assertThat(events).extracting(DeviceHealth::state)
                .containsExactly(DeviceState.BUSY, DeviceState.ERROR, DeviceState.READY);
    }

    @Test
    void ledgerRecordsWhatWasCapturedAndWhatWasVoided() {
        terminal.authorize(sale(1), PRICE);
        terminal.complete(sale(1));
        terminal.authorize(sale(2), Yen.of(500));
        terminal.voidAuthorization(sale(2));
        terminal.script(new AuthorizationResult.Declined(DeclineReason.DECLINED));
        terminal.authorize(sale(3), PRICE);

        assertThat(terminal.ledger()).containsExactly(
                java.util.Map.entry(sale(1), new LedgerEntry(PRICE, PRICE, Yen.ZERO, visa(1))),
                java.util.Map.entry(sale(2), new LedgerEntry(Yen.of(500), Yen.ZERO, Yen.of(500), visa(2))));
        assertThatThrownBy(() -> terminal.ledger().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sessionKeepsTheReaderBusyUntilSettled() {
        terminal.authorize(sale(1), PRICE);
        assertThat(terminal.health().state()).isEqualTo(DeviceState.BUSY);
        assertThat(terminal.ledger().get(sale(1)).open()).isTrue();

        terminal.complete(sale(1));

        assertThat(terminal.health().state()).isEqualTo(DeviceState.READY);
        assertThat(terminal.ledger().get(sale(1)).open()).isFalse();
    }

    @Test
    void completeIsIdempotent_andAVoidAfterItIsRefused() {
        AuthorizationResult first = terminal.authorize(sale(1), PRICE);

        assertThat(terminal.authorize(sale(1), PRICE)).as("retried authorization, same approval").isEqualTo(first);
        assertThat(terminal.complete(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.complete(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.voidAuthorization(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(terminal.authorize(sale(1), Yen.of(1))).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));

        assertThat(terminal.ledger().get(sale(1))).isEqualTo(new LedgerEntry(PRICE, PRICE, Yen.ZERO, visa(1)));
        assertThat(terminal.authorize(sale(2), PRICE)).as("the retry used no approval code").isEqualTo(approved(2));
    }

    @Test
    void voidIsIdempotent_andACompleteAfterItIsRefused() {
        terminal.authorize(sale(1), PRICE);

        assertThat(terminal.voidAuthorization(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.voidAuthorization(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.complete(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));

        assertThat(terminal.ledger().get(sale(1))).isEqualTo(new LedgerEntry(PRICE, Yen.ZERO, PRICE, visa(1)));
    }

    @Test
    void unknownSaleCannotBeSettled_itsSessionIsLostAsAnMdbReaderAfterARestartSaysIt() {
        assertThat(terminal.complete(sale(9))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(terminal.voidAuthorization(sale(9))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
    }

    @Test
    void aSimulatorRestartedWithoutALedgerFileHasLostTheSessionsOfItsEarlierSales() {
        assertThat(terminal.authorize(sale(1), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
        SimulatedPaymentTerminal restarted = new SimulatedPaymentTerminal(CLOCK);

        assertThat(restarted.complete(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(restarted.voidAuthorization(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        restarted.close();
    }

    @Test
    void failedCompleteCapturesNothing_andTheRetryCaptures() {
        terminal.authorize(sale(1), PRICE);
        terminal.failCompleteNext(DeviceFault.TIMEOUT);

        assertThat(terminal.complete(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.TIMEOUT));
        assertThat(terminal.health().fault()).contains(DeviceFault.TIMEOUT);
        assertThat(terminal.ledger().get(sale(1)).captured()).isEqualTo(Yen.ZERO);
        assertThat(terminal.complete(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.ledger().get(sale(1)).captured()).isEqualTo(PRICE);
        assertThat(terminal.health().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void failedVoidReleasesNothing_andTheRetryReleases() {
        terminal.authorize(sale(1), PRICE);
        terminal.failVoidNext(DeviceFault.PORT_UNAVAILABLE);

        assertThat(terminal.voidAuthorization(sale(1))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.PORT_UNAVAILABLE));
        assertThat(terminal.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(terminal.ledger().get(sale(1)).voided()).isEqualTo(Yen.ZERO);
        assertThat(terminal.voidAuthorization(sale(1))).isEqualTo(DeviceOutcome.DONE);
        assertThat(terminal.ledger().get(sale(1)).voided()).isEqualTo(PRICE);
    }

    @Test
    void cancelPendingEndsAWaitingAuthorization_withoutUsingTheScript() throws Exception {
        terminal.setDelay(Duration.ofSeconds(30));
        terminal.script(new AuthorizationResult.Declined(DeclineReason.CARD_EXPIRED));
        Future<AuthorizationResult> result = background.submit(() -> terminal.authorize(sale(1), PRICE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!terminal.awaitingCustomer() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(terminal.awaitingCustomer()).isTrue();
        assertThat(terminal.poll().state()).as("poll does not wait for the customer").isEqualTo(DeviceState.BUSY);

        terminal.cancelPending();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new AuthorizationResult.CancelledByCustomer());
        assertThat(terminal.ledger()).isEmpty();
        terminal.setDelay(Duration.ZERO);
        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.Declined(DeclineReason.CARD_EXPIRED));
    }

    @Test
    void unpluggedReaderFailsUntilPluggedBack() {
        terminal.setOffline(true);

        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PORT_UNAVAILABLE));
        assertThat(terminal.poll().state()).isEqualTo(DeviceState.OFFLINE);

        terminal.setOffline(false);
        assertThat(terminal.health().state()).isEqualTo(DeviceState.READY);
        assertThat(terminal.authorize(sale(1), PRICE)).isEqualTo(approved(1));
    }

    @Test
    void refusesANonPositiveAmount() {
        assertThatThrownBy(() -> terminal.authorize(sale(1), Yen.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
