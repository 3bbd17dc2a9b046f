package jp.simkiosk.adapter.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.SaleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated card reader with a ledger file, as the kiosk runs it: a second simulator on the same file (the
 * kiosk after a restart) knows every authorization of the first, and repeating a call for a sale after the
 * restart moves no money again.
 */
class SimulatedPaymentTerminalLedgerFileTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final SaleId paid = new SaleId("00000001-0000-4000-8000-000000000001");
    private final SaleId voided = new SaleId("00000002-0000-4000-8000-000000000002");
    private final SaleId held = new SaleId("00000003-0000-4000-8000-000000000003");

    @Test
    void aRestartedReaderKnowsWhatItDidAndNeverMovesMoneyTwice() {
        Path file = dir.resolve(SimulatedPaymentTerminal.LEDGER_FILE);
        SimulatedPaymentTerminal before = new SimulatedPaymentTerminal(clock, file);
        assertThat(before.authorize(paid, Yen.of(1_430))).isInstanceOf(AuthorizationResult.Approved.class);
        assertThat(before.complete(paid)).isEqualTo(DeviceOutcome.DONE);
        assertThat(before.authorize(voided, Yen.of(500))).isInstanceOf(AuthorizationResult.Approved.class);
        assertThat(before.voidAuthorization(voided)).isEqualTo(DeviceOutcome.DONE);
        AuthorizationResult.Approved approval = (AuthorizationResult.Approved) before.authorize(held, Yen.of(300));

        SimulatedPaymentTerminal after = new SimulatedPaymentTerminal(clock, file);
        assertThat(after.ledger()).isEqualTo(before.ledger());
        assertThat(SimulatedPaymentTerminal.readLedger(file)).isEqualTo(before.ledger());

        assertThat(after.complete(paid)).isEqualTo(DeviceOutcome.DONE);
        assertThat(after.voidAuthorization(paid)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(after.voidAuthorization(voided)).isEqualTo(DeviceOutcome.DONE);
        assertThat(after.authorize(held, Yen.of(300))).isEqualTo(approval);
        assertThat(after.ledger().get(paid).captured()).isEqualTo(Yen.of(1_430));
        assertThat(after.ledger().get(voided).captured()).isEqualTo(Yen.ZERO);
        assertThat(after.ledger().get(held).open()).isTrue();

        AuthorizationResult.Approved next = (AuthorizationResult.Approved) after.authorize(
                new SaleId("00000004-0000-4000-8000-000000000004"), Yen.of(990));
        assertThat(next.approval().approvalCode()).as("approval codes go on after the restart").isEqualTo("SIM000004");
    }
}
