package jp.simkiosk.application;

import static jp.simkiosk.application.port.SaleStep.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider.Behaviour;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;

/**
 * QR wallet payments through {@link Checkout} with the simulated provider and a real journal: a code that
 * expires, is cancelled or declined charges nothing and leaves the sale open for another method; a renewal can
 * be paid by wallet and, when it cannot be applied, is refunded.
 */
class CheckoutWalletTest extends SaleRigTestBase {

    static final MobileNumber LINE = new MobileNumber("09012345678");

    @Override
    List<LineStatus> lines() {
        return List.of(new LineStatus(LINE, LineForm.PHYSICAL_SIM, Optional.of(SaleRig.RENEWAL.id()),
                Optional.of(Instant.parse("2026-11-27T05:00:00Z")), true, Set.of()));
    }

    private Sale open() {
        return rig.purchases.open(rig.purchases.quote(SaleRig.NEW_ESIM), Language.JA);
    }

    private Checkout.WalletStart.Shown show(Sale sale) {
        return (Checkout.WalletStart.Shown) rig.checkout.startWallet(sale.id());
    }

    @Test
    void aCodeThatExpiresChargesNothingAndLeavesTheSaleOpen() {
        rig.wallet.script(Behaviour.NEVER_PAY);
        Sale sale = open();
        Checkout.WalletStart.Shown shown = show(sale);
        assertThat(shown.expiresAt()).isEqualTo(rig.clock.instant().plus(SaleRig.QR_VALIDITY));
        rig.clock.advance(SaleRig.QR_VALIDITY);

        PaymentOutcome r = rig.checkout.awaitWallet(sale.id(), shown.expiresAt());

        assertThat(r).isInstanceOf(PaymentOutcome.TimedOut.class);
        assertThat(rig.steps(sale.id())).containsExactly(OPENED, PAYMENT_REQUESTED, WALLET_QR_SHOWN, PAYMENT_EXPIRED);
        assertThat(rig.load(sale.id()).state()).isEqualTo(SaleState.CREATED);
        assertThat(rig.wallet.ledger()).isEmpty();
    }

    @Test
    void afterAnExpiredCodeTheSameSaleGetsANewCodeAndCanStillBePaid() {
        rig.wallet.script(Behaviour.NEVER_PAY);
        Sale sale = open();
        Checkout.WalletStart.Shown first = show(sale);
        rig.clock.advance(SaleRig.QR_VALIDITY);
        rig.checkout.awaitWallet(sale.id(), first.expiresAt());

        Checkout.WalletStart.Shown second = show(sale);
        rig.clock.advance(SaleRig.APPROVE_AFTER);
        PaymentOutcome r = rig.checkout.awaitWallet(sale.id(), second.expiresAt());

        assertThat(second.qrPayload()).isNotEqualTo(first.qrPayload());
        assertThat(r).isInstanceOfSatisfying(PaymentOutcome.Paid.class, p -> {
            assertThat(p.sale().payment().orElseThrow().brand()).isEqualTo("PayPay");
            assertThat(p.sale().payment().orElseThrow().maskedNumber()).isEmpty();
        });
        assertThat(rig.entries(sale.id())).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo(PAYMENT_APPROVED);
            assertThat(e.detail()).isEqualTo("qr-wallet");
        });
    }

    @Test
    void theCustomerCancelsAWaitingCodeAndTheWaitEndsAtOnce() throws Exception {
        Sale sale = open();
        Checkout.WalletStart.Shown shown = show(sale);
        CompletableFuture<PaymentOutcome> waiting =
                CompletableFuture.supplyAsync(() -> rig.checkout.awaitWallet(sale.id(), shown.expiresAt()));

        rig.checkout.cancelWallet(sale.id());

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.CancelledByCustomer.class);
        assertThat(rig.steps(sale.id())).endsWith(WALLET_QR_SHOWN, PAYMENT_CANCELLED);
        assertThat(rig.wallet.ledger()).isEmpty();
        assertThat(rig.checkout.cancel(sale.id(), FailureReason.CUSTOMER_CANCELLED).state())
                .isEqualTo(SaleState.CANCELLED);
    }

    @Test
    void aCodePaidAtTheMomentItIsCancelledCountsAsPaid() {
        Sale sale = open();
        Checkout.WalletStart.Shown shown = show(sale);
        rig.clock.advance(SaleRig.APPROVE_AFTER);

        rig.checkout.cancelWallet(sale.id());
        PaymentOutcome r = rig.checkout.awaitWallet(sale.id(), shown.expiresAt());

        assertThat(r).isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void aDeclinedWalletChargesNothing() {
        rig.wallet.script(Behaviour.DECLINE);
        Sale sale = open();
        Checkout.WalletStart.Shown shown = show(sale);
        rig.clock.advance(SaleRig.APPROVE_AFTER);

        PaymentOutcome r = rig.checkout.awaitWallet(sale.id(), shown.expiresAt());

        assertThat(r).isInstanceOfSatisfying(PaymentOutcome.Declined.class,
                d -> assertThat(d.reason()).isEqualTo(PaymentTerminal.DeclineReason.DECLINED));
        assertThat(rig.steps(sale.id())).endsWith(PAYMENT_DECLINED);
        assertThat(rig.load(sale.id()).state()).isEqualTo(SaleState.CREATED);
    }

    @Test
    void anUnreachableProviderShowsNoCode() {
        rig.wallet.setReachable(false);
        Sale sale = open();

        assertThat(rig.checkout.startWallet(sale.id())).isInstanceOf(Checkout.WalletStart.Unavailable.class);
        assertThat(rig.steps(sale.id())).endsWith(PAYMENT_REQUESTED, PAYMENT_UNAVAILABLE);
    }

    @Test
    void aProviderThatFallsSilentIsGivenUpOnAfterTheCodeExpired() {
        Sale sale = open();
        Checkout.WalletStart.Shown shown = show(sale);
        rig.wallet.setReachable(false);
        rig.clock.advance(SaleRig.QR_VALIDITY.plus(Checkout.WALLET_EXPIRY_GRACE).plusSeconds(1));

        PaymentOutcome r = rig.checkout.awaitWallet(sale.id(), shown.expiresAt());

        assertThat(r).isInstanceOfSatisfying(PaymentOutcome.DeviceFailed.class,
                f -> assertThat(f.fault()).isEqualTo(DeviceFault.TIMEOUT));
        assertThat(rig.entries(sale.id())).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo(PAYMENT_DEVICE_ERROR);
            assertThat(e.detail()).isEqualTo("qr-wallet no answer");
        });
    }

    // ------------------------------------------------------------------ renewals by wallet

    @Test
    void aRenewalPaidByWalletIsCompletedWithoutTheCardReader() {
        LineStatus status = ((Upstream.LookupResult.Found) rig.upstream.lookUp(LINE)).status();
        Sale sale = rig.renewals.open(rig.renewals.quote(status, SaleRig.RENEWAL), Language.EN);
        rig.payByWallet(sale);

        RenewalService.FulfilmentOutcome r = rig.renewals.fulfil(sale.id());

        assertThat(r).isInstanceOf(RenewalService.FulfilmentOutcome.Renewed.class);
        assertThat(r.sale().state()).isEqualTo(SaleState.COMPLETED);
        assertThat(rig.steps(sale.id())).containsExactly(OPENED, PAYMENT_REQUESTED, WALLET_QR_SHOWN, PAYMENT_APPROVED,
                FULFILMENT_REQUESTED, FULFILLED, CAPTURED);
        assertThat(rig.terminal.ledger()).isEmpty();
        assertThat(rig.wallet.ledger().get(sale.id()).paid()).isEqualTo(Yen.of(300));
    }

    @Test
    void aRenewalPaidByWalletThatCannotBeAppliedIsRefunded() {
        LineStatus status = ((Upstream.LookupResult.Found) rig.upstream.lookUp(LINE)).status();
        Sale sale = rig.renewals.open(rig.renewals.quote(status, SaleRig.RENEWAL), Language.EN);
        rig.payByWallet(sale);
        rig.upstream.rejectNextRenewal(Upstream.RejectReason.PLAN_NOT_ALLOWED);

        RenewalService.FulfilmentOutcome r = rig.renewals.fulfil(sale.id());

        assertThat(r).isInstanceOf(RenewalService.FulfilmentOutcome.NotRenewedRefunded.class);
        assertThat(r.sale().failure()).contains(jp.simkiosk.domain.sale.FailureReason.RENEWAL_REJECTED);
        assertThat(r.sale().state()).isEqualTo(SaleState.REFUNDED);
        assertThat(rig.wallet.ledger().get(sale.id()).refunded()).isEqualTo(Yen.of(300));
    }

    @Test
    void aCardPaymentStillTellsTheJournalWhichMethodWasUsed() {
        Sale sale = open();

        rig.checkout.payByCard(sale.id(), PaymentMethod.TRANSPORT_IC);

        assertThat(rig.entries(sale.id())).extracting(e -> e.step() + " " + e.detail())
                .containsSubsequence("PAYMENT_REQUESTED transport-ic ¥1,980", "PAYMENT_APPROVED transport-ic");
        assertThat(rig.checkout.methodOf(sale.id())).isEqualTo(PaymentMethod.TRANSPORT_IC);
    }
}
