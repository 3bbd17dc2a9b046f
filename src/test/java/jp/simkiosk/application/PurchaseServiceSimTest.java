package jp.simkiosk.application;

import static jp.simkiosk.application.port.SaleStep.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.application.PurchaseService.SimOutcome;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.sync.Backoff;
import jp.simkiosk.application.sync.OutboxSender;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A new physical SIM, after payment, on real parts: the dispenser simulator hands out SIMs from its stock
 * file, the simulated back office activates them, the journal is SQLite. Every branch where the SIM does not
 * reach the customer ends with the SIM captured and the money back.
 */
class PurchaseServiceSimTest extends SaleRigTestBase {

    final List<String> atGate = new ArrayList<>();

    private SimOutcome deliver(Sale paid) {
        return rig.purchases.deliverSim(paid.id(), (iccid, within) -> atGate.add(iccid.value() + " " + within));
    }

    @Test
    void aPaidSimIsReadActivatedHandedOutAndChargedWithItsIccidOnTheReceipt() throws IOException {
        int before = rig.dispenser.remaining();
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);

        SimOutcome r = deliver(paid);

        Iccid first = new Iccid(SaleRig.STOCK[0]);
        assertThat(r).isInstanceOf(SimOutcome.Delivered.class);
        assertThat(((SimOutcome.Delivered) r).iccid()).isEqualTo(first);
        assertThat(atGate).containsExactly(first.value() + " " + SaleRig.TAKE);
        Sale sale = rig.load(paid.id());
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(sale.kind()).isEqualTo(SaleKind.NEW_SIM);
        assertThat(sale.lineId()).contains(first);
        assertThat(sale.newExpiry()).contains(rig.clock.instant().plus(Duration.ofDays(8)));
        assertThat(rig.steps(paid.id())).containsExactly(OPENED, PAYMENT_REQUESTED, PAYMENT_APPROVED,
                SIM_PRESENT_REQUESTED, SIM_READ, ACTIVATION_REQUESTED, ACTIVATED, SIM_DISPENSE_REQUESTED, SIM_DISPENSED,
                SIM_TAKEN, CAPTURE_REQUESTED, CAPTURED);
        assertThat(rig.dispenser.remaining()).isEqualTo(before - 1);
        assertThat(rig.dispenser.dispensed()).isEqualTo(1);
        assertThat(rig.terminal.ledger().get(paid.id()).captured()).isEqualTo(Yen.of(2480));
        assertThat(rig.upstream.lookUp(first)).isInstanceOfSatisfying(Upstream.LookupResult.Found.class,
                f -> assertThat(f.status().form()).isEqualTo(LineForm.PHYSICAL_SIM));

        assertThat(rig.purchases.printReceipt(paid.id(), paid.language())).isInstanceOf(ReceiptOutcome.Printed.class);
        String text = pdfText(rig.receiptPdf(sale));
        assertThat(text).contains(first.display()).contains("sample.jp").contains("sample@sample").contains("CHAP")
                .contains("Data new-sim-5gb").contains("¥2,480").contains("How to insert the SIM");
    }

    @Test
    void aSimNotTakenInTimeIsCapturedItsActivationCancelledAndTheCardNotCharged() {
        rig.dispenser.setCardNotTaken(true);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotTaken.class, nt -> assertThat(nt.money()).isEqualTo(MoneyBack.VOIDED));
        Sale sale = rig.load(paid.id());
        assertThat(sale.state()).isEqualTo(SaleState.VOIDED);
        assertThat(sale.failure()).contains(FailureReason.SIM_NOT_TAKEN);
        assertThat(rig.steps(paid.id())).endsWith(SIM_DISPENSE_REQUESTED, SIM_DISPENSED, SIM_NOT_TAKEN,
                SIM_CAPTURE_REQUESTED, SIM_CAPTURED, ACTIVATION_CANCEL_REQUESTED, ACTIVATION_CANCELLED, VOID_REQUESTED,
                VOIDED);
        assertThat(rig.dispenser.captured()).isEqualTo(1);
        assertThat(rig.dispenser.dispensed()).isZero();
        assertThat(rig.terminal.ledger().get(paid.id()).voided()).isEqualTo(Yen.of(2480));
        assertThat(rig.upstream.lookUp(new Iccid(SaleRig.STOCK[0]))).isInstanceOf(Upstream.LookupResult.NotFound.class);
    }

    @Test
    void aSimNotTakenThatWasPaidByWalletIsRefundedToTheWallet() {
        rig.dispenser.setCardNotTaken(true);
        Sale paid = rig.paidByWallet(SaleRig.NEW_SIM);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotTaken.class, nt -> assertThat(nt.money()).isEqualTo(MoneyBack.REFUNDED));
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.REFUNDED);
        assertThat(rig.steps(paid.id())).endsWith(SIM_CAPTURED, ACTIVATION_CANCEL_REQUESTED, ACTIVATION_CANCELLED,
                REFUND_PENDING, REFUNDED);
        SimulatedPaymentProvider.LedgerEntry money = rig.wallet.ledger().get(paid.id());
        assertThat(money.paid()).isEqualTo(Yen.of(2480));
        assertThat(money.refunded()).isEqualTo(Yen.of(2480));
    }

    @Test
    void aJamWhenTheSimLeavesTheStackerVoidsThePaymentAndUsesNoSim() {
        int before = rig.dispenser.remaining();
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        rig.dispenser.jamNextMove();

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotDelivered.class, nd -> {
            assertThat(nd.reason()).isEqualTo(FailureReason.DISPENSER_FAILED);
            assertThat(nd.money()).isEqualTo(MoneyBack.VOIDED);
        });
        assertThat(rig.entries(paid.id())).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(SIM_READ_FAILED);
            assertThat(e.detail()).isEqualTo(DeviceFault.JAM.name());
        });
        assertThat(rig.steps(paid.id())).endsWith(SIM_PRESENT_REQUESTED, SIM_READ_FAILED, SIM_CAPTURE_REQUESTED,
                SIM_CAPTURED, VOID_REQUESTED, VOIDED);
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.VOIDED);
        assertThat(rig.dispenser.remaining()).isEqualTo(before);
        assertThat(atGate).isEmpty();
    }

    @Test
    void aJamOnTheWayToTheGateCapturesTheSimCancelsItsActivationAndVoids() {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        rig.duringActivation = rig.dispenser::jamNextMove;

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotDelivered.class,
                nd -> assertThat(nd.reason()).isEqualTo(FailureReason.DISPENSER_FAILED));
        assertThat(rig.steps(paid.id())).endsWith(ACTIVATED, SIM_DISPENSE_REQUESTED, SIM_DISPENSE_FAILED,
                SIM_CAPTURE_REQUESTED, SIM_CAPTURED, ACTIVATION_CANCEL_REQUESTED, ACTIVATION_CANCELLED, VOID_REQUESTED,
                VOIDED);
        assertThat(rig.dispenser.captured()).isEqualTo(1);
        assertThat(rig.upstream.lookUp(new Iccid(SaleRig.STOCK[0]))).isInstanceOf(Upstream.LookupResult.NotFound.class);
        assertThat(atGate).isEmpty();
    }

    @Test
    void aSimThatCannotBeCapturedIsReportedAndTheMoneyStillGoesBack() {
        rig.dispenser.setCardNotTaken(true);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        rig.duringActivation = () -> rig.dispenser.setRejectBinFull(true);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOf(SimOutcome.NotTaken.class);
        assertThat(rig.entries(paid.id())).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(SIM_CAPTURE_FAILED);
            assertThat(e.detail()).isEqualTo(DeviceFault.MEDIA.name());
        });
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.VOIDED);
        assertThat(rig.dispenser.health().usable()).as("the operator must empty the reject bin").isFalse();
    }

    @Test
    void anUnreadableSimIsCapturedAndThePaymentVoided() {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        rig.dispenser.failNextIcRead();

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOf(SimOutcome.NotDelivered.class);
        assertThat(rig.dispenser.captured()).as("the unreadable SIM went to the reject bin").isEqualTo(1);
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.VOIDED);
        assertThat(rig.terminal.ledger().get(paid.id()).voided()).isEqualTo(Yen.of(2480));
    }

    @Test
    void anActivationTheBackOfficeRefusesCapturesTheSimAndVoids() {
        rig.upstream.rejectNextActivation(Upstream.RejectReason.OTHER);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotDelivered.class,
                nd -> assertThat(nd.reason()).isEqualTo(FailureReason.ACTIVATION_REJECTED));
        assertThat(rig.steps(paid.id())).endsWith(SIM_READ, ACTIVATION_REQUESTED, ACTIVATION_REJECTED,
                SIM_CAPTURE_REQUESTED, SIM_CAPTURED, VOID_REQUESTED, VOIDED);
        assertThat(rig.load(paid.id()).lineId()).as("the sale names the SIM it read").contains(new Iccid(SaleRig.STOCK[0]));
        assertThat(rig.dispenser.captured()).isEqualTo(1);
    }

    @Test
    void withTheBackOfficeUnreachableAPlanNotSoldOfflineIsNotHandedOut() {
        rig.upstream.setReachable(false);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotDelivered.class,
                nd -> assertThat(nd.reason()).isEqualTo(FailureReason.UPSTREAM_UNAVAILABLE));
        assertThat(rig.steps(paid.id())).contains(ACTIVATION_UNAVAILABLE).endsWith(SIM_CAPTURED, VOID_REQUESTED, VOIDED);
        assertThat(rig.dispenser.dispensed()).isZero();
    }

    /** Drains the journal's outbox to the simulated back office, settling deferred sales through the renewals service. */
    private void drainOutbox() {
        OutboxSender sender = new OutboxSender(rig.journal.outbox(), rig.upstream, rig.renewals, rig.clock,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), new SplittableRandom(3)),
                OutboxSender.Settings.defaults());
        for (int i = 0; i < 20 && !(sender.sendOnce() instanceof OutboxSender.Round.Idle); i++) {
            rig.clock.advance(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSimHandedOverOfflineIsActivatedByTheOutboxAndItsSaleCompleted() {
        rig.upstream.setReachable(false);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM_OFFLINE);
        assertThat(deliver(paid)).isInstanceOf(SimOutcome.DeliveredActivationPending.class);
        Iccid card = new Iccid(SaleRig.STOCK[0]);
        assertThat(rig.upstream.lookUp(card)).isEqualTo(new Upstream.LookupResult.Unavailable());

        rig.upstream.setReachable(true);
        drainOutbox();

        Sale done = rig.load(paid.id());
        assertThat(done.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(rig.steps(paid.id())).endsWith(FULFILLED, CAPTURED);
        Upstream.LookupResult line = rig.upstream.lookUp(card);
        assertThat(line).isInstanceOfSatisfying(Upstream.LookupResult.Found.class,
                f -> assertThat(f.status().expiry()).isEqualTo(done.newExpiry()));
        assertThat(rig.journal.outbox().status().pending()).isZero();
    }

    @Test
    void aSimHandedOverOfflineWhoseActivationIsRefusedGoesToRefundPending() {
        rig.upstream.setReachable(false);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM_OFFLINE);
        deliver(paid);

        rig.upstream.setReachable(true);
        rig.upstream.rejectNextActivation(Upstream.RejectReason.OTHER);
        drainOutbox();

        Sale refused = rig.load(paid.id());
        assertThat(refused.state()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(refused.failure()).contains(FailureReason.ACTIVATION_REJECTED);
        assertThat(rig.steps(paid.id())).endsWith(ACTIVATION_REJECTED, REFUND_PENDING);
        assertThat(rig.upstream.lookUp(new Iccid(SaleRig.STOCK[0]))).isEqualTo(new Upstream.LookupResult.NotFound());
    }

    @Test
    void withTheBackOfficeUnreachableAPlanSoldOfflineIsHandedOutAndItsActivationQueued() throws IOException {
        rig.upstream.setReachable(false);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM_OFFLINE);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOf(SimOutcome.DeliveredActivationPending.class);
        assertThat(rig.steps(paid.id())).containsSubsequence(ACTIVATION_REQUESTED, ACTIVATION_DEFERRED,
                SIM_DISPENSE_REQUESTED, SIM_DISPENSED, SIM_TAKEN, CAPTURE_REQUESTED, CAPTURED);
        Sale sale = rig.load(paid.id());
        assertThat(sale.state()).as("PAID until upstream confirms the activation").isEqualTo(SaleState.PAID);
        assertThat(rig.terminal.ledger().get(paid.id()).captured()).isEqualTo(Yen.of(980));
        assertThat(rig.purchases.printReceipt(paid.id(), paid.language())).isInstanceOf(ReceiptOutcome.Printed.class);
        assertThat(pdfText(rig.receiptPdf(sale))).contains(new Iccid(SaleRig.STOCK[0]).display()).contains("sample.jp");
    }

    @Test
    void aVoidTheReaderRefusesLeavesTheSaleToTheBackOfficeForARefund() {
        rig.dispenser.setCardNotTaken(true);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        rig.terminal.failVoidNext(DeviceFault.TIMEOUT);

        SimOutcome r = deliver(paid);

        assertThat(r).isInstanceOfSatisfying(SimOutcome.NotTaken.class,
                nt -> assertThat(nt.money()).isEqualTo(MoneyBack.REFUND_PENDING));
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.REFUND_PENDING);
    }

    @Test
    void theReceiptOfASimThatWasNotTakenHasNoSimDetails() throws IOException {
        rig.dispenser.setCardNotTaken(true);
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        deliver(paid);

        rig.purchases.printReceipt(paid.id(), paid.language());

        String text = pdfText(rig.receiptPdf(paid));
        assertThat(text).contains("¥2,480").doesNotContain("sample.jp").doesNotContain("How to insert the SIM");
    }

    @Test
    void aNewSimLineCanBeToppedUpByItsIccidAfterwards() {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        deliver(paid);

        RenewalService.LineLookup found = rig.renewals.lookUp(new Iccid(SaleRig.STOCK[0]));

        assertThat(found).isInstanceOf(RenewalService.LineLookup.Renewable.class);
        LineStatus status = ((RenewalService.LineLookup.Renewable) found).status();
        assertThat(status.currentPlanId()).contains(SaleRig.NEW_SIM.id());
        assertThat(status.expiry()).contains(rig.clock.instant().plus(Duration.ofDays(8)));
        assertThat(status.form()).isEqualTo(LineForm.PHYSICAL_SIM);
        assertThat(rig.load(paid.id()).language()).isEqualTo(Language.EN);
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
