package jp.simkiosk.adapter.payment.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider.Behaviour;
import jp.simkiosk.application.port.PaymentProvider.CreateResult;
import jp.simkiosk.application.port.PaymentProvider.RefundResult;
import jp.simkiosk.application.port.PaymentProvider.WalletStatus;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated QR wallet provider: deterministic by the clock, idempotent by sale id. */
class SimulatedPaymentProviderTest {

    final MutableClock clock = new MutableClock();
    final SimulatedPaymentProvider provider = new SimulatedPaymentProvider(clock, Duration.ofSeconds(8), Duration.ofSeconds(60));
    final SaleId sale = SaleId.random();

    @Test
    void approvesAfterTheSetDelayWithTheWalletsNameAndAReference() {
        CreateResult.Created c = (CreateResult.Created) provider.create(sale, Yen.of(1980));
        assertThat(c.expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(c.qrPayload()).startsWith("https://").contains("SIMQR000001");
        clock.advance(Duration.ofSeconds(7));
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Pending.class);

        clock.advance(Duration.ofSeconds(1));

        assertThat(provider.status(sale)).isInstanceOfSatisfying(WalletStatus.Paid.class, p -> {
            assertThat(p.approval().brand()).isEqualTo("PayPay");
            assertThat(p.approval().approvalCode()).isEqualTo("SIMQR000001");
        });
        assertThat(provider.ledger().get(sale).paid()).isEqualTo(Yen.of(1980));
    }

    @Test
    void withAStateFileItsPaymentsAndLedgerSurviveARestart(@TempDir Path dir) {
        Path file = dir.resolve(SimulatedPaymentProvider.STATE_FILE);
        SimulatedPaymentProvider before = new SimulatedPaymentProvider(clock, Duration.ofSeconds(8), Duration.ofSeconds(60), file);
        SaleId open = SaleId.random();
        before.create(sale, Yen.of(1980));
        clock.advance(Duration.ofSeconds(8));
        assertThat(before.status(sale)).isInstanceOf(WalletStatus.Paid.class);
        before.create(open, Yen.of(980));

        SimulatedPaymentProvider after = new SimulatedPaymentProvider(clock, Duration.ofSeconds(8), Duration.ofSeconds(60), file);

        assertThat(after.ledger()).isEqualTo(before.ledger());
        assertThat(after.status(open)).isInstanceOf(WalletStatus.Pending.class);
        assertThat(after.refund(sale, Yen.of(1980))).isInstanceOf(RefundResult.Refunded.class);
        clock.advance(Duration.ofSeconds(8));
        assertThat(after.status(open)).isInstanceOf(WalletStatus.Paid.class);
        // the third payment gets the next reference: the serial survived too
        SaleId third = SaleId.random();
        assertThat(((CreateResult.Created) after.create(third, Yen.of(300))).qrPayload()).contains("SIMQR000003");

        SimulatedPaymentProvider again = new SimulatedPaymentProvider(clock, Duration.ofSeconds(8), Duration.ofSeconds(60), file);
        assertThat(again.ledger().get(sale).refunded()).isEqualTo(Yen.of(1980));
        assertThat(again.ledger().get(open).paid()).isEqualTo(Yen.of(980));
    }

    @Test
    void cancellingASaleWithoutAPaymentAnswersCancelled() {
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Unavailable.class);
        assertThat(provider.cancel(sale)).isInstanceOf(WalletStatus.Cancelled.class);
        assertThat(provider.ledger()).isEmpty();
    }

    @Test
    void creatingAgainForAnOpenPaymentAnswersTheSameCode() {
        CreateResult first = provider.create(sale, Yen.of(1980));
        clock.advance(Duration.ofSeconds(3));

        assertThat(provider.create(sale, Yen.of(1980))).isEqualTo(first);
        assertThat(provider.create(sale, Yen.of(2000))).isInstanceOf(CreateResult.Unavailable.class);
    }

    @Test
    void scriptedDeclineAndNeverPayingExpire() {
        provider.script(Behaviour.DECLINE, Behaviour.NEVER_PAY);
        provider.create(sale, Yen.of(300));
        clock.advance(Duration.ofSeconds(8));
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Declined.class);

        provider.create(sale, Yen.of(300));
        clock.advance(Duration.ofSeconds(59));
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Pending.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Expired.class);
        assertThat(provider.ledger()).isEmpty();
    }

    @Test
    void cancelStopsAnOpenPaymentButNotAPaidOne() {
        provider.create(sale, Yen.of(300));
        assertThat(provider.cancel(sale)).isInstanceOf(WalletStatus.Cancelled.class);
        clock.advance(Duration.ofSeconds(8));
        assertThat(provider.status(sale)).as("a cancelled code is never paid").isInstanceOf(WalletStatus.Cancelled.class);

        SaleId other = SaleId.random();
        provider.create(other, Yen.of(300));
        clock.advance(Duration.ofSeconds(8));
        assertThat(provider.cancel(other)).isInstanceOf(WalletStatus.Paid.class);
    }

    @Test
    void refundsOnceAndOnlyWhatWasPaid() {
        provider.create(sale, Yen.of(300));
        assertThat(provider.refund(sale, Yen.of(300))).as("not paid yet").isInstanceOf(RefundResult.Failed.class);
        clock.advance(Duration.ofSeconds(8));
        provider.status(sale);

        assertThat(provider.refund(sale, Yen.of(200))).isInstanceOf(RefundResult.Failed.class);
        assertThat(provider.refund(sale, Yen.of(300))).isInstanceOf(RefundResult.Refunded.class);
        assertThat(provider.refund(sale, Yen.of(300))).isInstanceOf(RefundResult.Refunded.class);
        assertThat(provider.ledger().get(sale).refunded()).isEqualTo(Yen.of(300));
    }

    @Test
    void unreachableItAnswersNothing() {
        provider.setReachable(false);
        assertThat(provider.create(sale, Yen.of(300))).isInstanceOf(CreateResult.Unavailable.class);
        assertThat(provider.status(sale)).isInstanceOf(WalletStatus.Unavailable.class);
        assertThat(provider.refund(sale, Yen.of(300))).isInstanceOf(RefundResult.Failed.class);
    }
}
