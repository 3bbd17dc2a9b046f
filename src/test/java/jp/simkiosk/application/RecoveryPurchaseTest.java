package jp.simkiosk.application;

import static jp.simkiosk.application.port.SaleStep.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.List;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal.LedgerEntry;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.application.RecoveryService.Paper;
import jp.simkiosk.application.RecoveryService.Recovered;
import jp.simkiosk.application.operator.Operator;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.OperatorSession;
import jp.simkiosk.application.operator.PinHash;
import jp.simkiosk.application.operator.SalesAdmin;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.sync.Backoff;
import jp.simkiosk.application.sync.OutboxSender;
import jp.simkiosk.application.port.PaymentProvider.WalletStatus;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SimDispenser.ReadResult;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Start-up recovery of purchases and wallet payments (ADR 0005's new-SIM, new-eSIM and wallet rows) on real
 * parts: a sale is driven step by step as the journey does it, up to the point where the kiosk stops dead, the
 * kiosk is restarted on the same folder ({@link SaleRig#restarted()}: journal and dispenser read back from their
 * files) and recovery runs. Each case checks the sale's end, the journal's steps, the money at the card reader
 * or the wallet, the SIM stock and the back office's lines; a second recovery changes nothing.
 */
class RecoveryPurchaseTest extends SaleRigTestBase {

    @Test
    void aSimLeftAtTheIcStationIsCapturedItsActivationCancelledAndTheCardVoided() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        Iccid iccid = readAndActivate(paid);
        assertThat(rig.upstream.lookUp(iccid)).isInstanceOf(Upstream.LookupResult.Found.class);

        rig = rig.restarted();
        Recovered r = recoverOnly(paid);

        assertThat(r.lastStep()).contains(ACTIVATED);
        assertThat(r.action()).contains(RecoveryAction.RETRIEVE_SIM_AND_VOID);
        assertThat(r.after()).isEqualTo(SaleState.VOIDED);
        assertThat(r.settled()).isTrue();
        assertThat(r.paper()).isEqualTo(Paper.PRINTED);
        assertThat(stepsAfter(paid, ACTIVATED)).containsExactly(RECOVERY_STARTED, SIM_CAPTURE_REQUESTED, SIM_CAPTURED,
                ACTIVATION_CANCEL_REQUESTED, ACTIVATION_CANCELLED, VOID_REQUESTED, VOIDED, RECEIPT_REQUESTED,
                RECEIPT_PRINTED);
        assertThat(rig.dispenser.captured()).isEqualTo(1);
        assertThat(rig.dispenser.dispensed()).isZero();
        assertThat(rig.dispenser.remaining()).isEqualTo(SaleRig.STOCK.length - 1);
        assertThat(rig.upstream.lookUp(iccid)).isInstanceOf(Upstream.LookupResult.NotFound.class);
        LedgerEntry money = rig.terminal.ledger().get(paid.id());
        assertThat(money.voided()).isEqualTo(paid.price());
        assertThat(money.captured()).isEqualTo(Yen.ZERO);
        assertThat(text(rig.receiptPdf(paid))).contains(paid.reference());

        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aSimTakenFromTheGateWhileTheKioskWasDownCannotBeCapturedSoTheSaleGoesToRefundPending() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        Iccid iccid = readAndActivate(paid);
        rig.journal.step(rig.load(paid.id()), SIM_DISPENSE_REQUESTED, "");
        assertThat(rig.dispenser.dispenseToGate(paid.id()).ok()).isTrue();
        rig.journal.step(rig.load(paid.id()), SIM_DISPENSED, "");

        rig = rig.restarted();
        assertThat(rig.dispenser.takeFromGate()).as("a card waited at the gate").isTrue();
        Recovered r = recoverOnly(paid);

        assertThat(r.action()).contains(RecoveryAction.RETRIEVE_SIM_AND_VOID);
        assertThat(r.after()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(r.settled()).isTrue();
        assertThat(r.paper()).isEqualTo(Paper.PRINTED);
        assertThat(stepsAfter(paid, SIM_DISPENSED)).containsExactly(RECOVERY_STARTED, SIM_CAPTURE_REQUESTED,
                SIM_CAPTURE_FAILED, REFUND_PENDING, RECEIPT_REQUESTED, RECEIPT_PRINTED);
        // the SIM may be in use: its line stays for the back office to judge, and nothing is charged or voided
        assertThat(rig.upstream.lookUp(iccid)).isInstanceOf(Upstream.LookupResult.Found.class);
        LedgerEntry money = rig.terminal.ledger().get(paid.id());
        assertThat(money.captured()).isEqualTo(Yen.ZERO);
        assertThat(money.voided()).isEqualTo(Yen.ZERO);
        assertThat(rig.dispenser.dispensed()).isEqualTo(1);
        assertThat(rig.dispenser.captured()).isZero();

        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aSimSoldOfflineWhoseReceiptWasPrintingWhenTheKioskStoppedIsKeptForReprint() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM_OFFLINE);
        rig.upstream.setReachable(false);
        assertThat(rig.purchases.deliverSim(paid.id(), (iccid, within) -> { }))
                .isInstanceOf(PurchaseService.SimOutcome.DeliveredActivationPending.class);
        assertThat(rig.steps(paid.id())).contains(ACTIVATION_DEFERRED).endsWith(SIM_TAKEN, CAPTURE_REQUESTED, CAPTURED);
        // the receipt was being printed when the kiosk stopped dead
        rig.journal.step(rig.load(paid.id()), RECEIPT_REQUESTED, "RECEIPT");

        rig = rig.restarted();
        Recovered r = recoverOnly(paid);

        assertThat(r.action()).contains(RecoveryAction.AWAIT_UPSTREAM);
        assertThat(r.after()).isEqualTo(SaleState.PAID);
        assertThat(r.settled()).isTrue();
        assertThat(r.paper()).isEqualTo(Paper.KEPT_FOR_REPRINT);
        assertThat(stepsAfter(paid, CAPTURED)).containsExactly(RECEIPT_REQUESTED, RECEIPT_FAILED);
        assertThat(rig.journal.toReprint()).extracting(Sale::id).containsExactly(paid.id());
        assertThat(rig.terminal.ledger().get(paid.id()).captured()).isEqualTo(paid.price());

        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aChargeTheResetReaderCanNoLongerCompleteIsLeftToTheBackOfficeAndResolvedByAnOperatorWithANote()
            throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
        readAndActivate(paid);
        Sale read = rig.load(paid.id());
        rig.journal.step(read, SIM_DISPENSE_REQUESTED, "");
        assertThat(rig.dispenser.dispenseToGate(paid.id()).ok()).isTrue();
        rig.journal.step(read, SIM_DISPENSED, "");
        assertThat(rig.dispenser.awaitTaken(paid.id(), SaleRig.TAKE)).isEqualTo(SimDispenser.TakeResult.TAKEN);
        Instant expiry = Instant.parse(rig.entries(paid.id()).stream().filter(e -> e.step() == ACTIVATED)
                .findFirst().orElseThrow().detail());
        rig.journal.record(read.fulfilled(expiry), SIM_TAKEN, "");
        // the power goes before the charge is completed; the reader comes back reset, its session gone
        SimulatedPaymentTerminal network = rig.terminal;
        rig = rig.restartedWithTheReaderReset();

        Recovered r = recoverOnly(paid);

        assertThat(r.action()).contains(RecoveryAction.COMPLETE_CHARGE);
        assertThat(r.after()).isEqualTo(SaleState.FULFILLED);
        assertThat(r.settled()).as("the back office's now, not the next start's").isTrue();
        assertThat(r.paper()).isEqualTo(Paper.KEPT_FOR_REPRINT);
        assertThat(stepsAfter(paid, SIM_TAKEN)).containsExactly(RECOVERY_STARTED, CAPTURE_REQUESTED, CAPTURE_FAILED,
                CAPTURE_LEFT_TO_BACK_OFFICE, RECEIPT_FAILED);
        assertThat(rig.entries(paid.id())).filteredOn(e -> e.step() == CAPTURE_FAILED).singleElement()
                .extracting(JournalEntry::detail).isEqualTo("SESSION_LOST");
        assertThat(network.ledger().get(paid.id()).open()).as("the authorization is left as it is").isTrue();
        assertSecondRecoveryChangesNothing(paid);

        // on the Sales page it needs a person, who resolves it with a note once the back office has settled it
        SalesAdmin admin = new SalesAdmin(rig.journal, rig.journal.operatorStore(), rig.journal, rig.checkout,
                rig.journal.operatorStore(), SalesAdmin.defaultResolutions());
        assertThat(admin.resolvable(rig.load(paid.id()))).isTrue();
        OperatorSession who = new OperatorSession(new Operator("Sato", OperatorRole.OPERATOR,
                PinHash.of("2468", new SecureRandom())), rig.clock.instant());
        Sale resolved = admin.resolve(who, paid.id(), "charge captured by the back office, ref CB-778");

        assertThat(resolved.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.COMPLETED);
        assertThat(rig.entries(paid.id())).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo(CAPTURED);
            assertThat(e.detail()).isEqualTo("operator Sato: charge captured by the back office, ref CB-778");
        });
        assertThat(admin.resolvable(resolved)).isFalse();
        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aSimSoldOfflineWhoseChargeTheResetReaderLostWaitsForTheQueueThenForAnOperator() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_SIM_OFFLINE);
        rig.upstream.setReachable(false);
        readAndDefer(paid);
        Sale read = rig.load(paid.id());
        rig.journal.step(read, SIM_DISPENSE_REQUESTED, "");
        assertThat(rig.dispenser.dispenseToGate(paid.id()).ok()).isTrue();
        rig.journal.step(read, SIM_DISPENSED, "");
        assertThat(rig.dispenser.awaitTaken(paid.id(), SaleRig.TAKE)).isEqualTo(SimDispenser.TakeResult.TAKEN);
        rig.journal.step(read, SIM_TAKEN, "activation deferred");
        rig = rig.restartedWithTheReaderReset();
        rig.upstream.setReachable(true);

        Recovered r = recoverOnly(paid);

        assertThat(r.action()).contains(RecoveryAction.CONFIRM_DEFERRED_CHARGE);
        assertThat(r.after()).isEqualTo(SaleState.PAID);
        assertThat(r.settled()).isTrue();
        assertThat(stepsAfter(paid, SIM_TAKEN)).containsExactly(RECOVERY_STARTED, CAPTURE_REQUESTED, CAPTURE_FAILED,
                CAPTURE_LEFT_TO_BACK_OFFICE, RECEIPT_FAILED);
        SalesAdmin admin = new SalesAdmin(rig.journal, rig.journal.operatorStore(), rig.journal, rig.checkout,
                rig.journal.operatorStore(), SalesAdmin.defaultResolutions());
        assertThat(admin.resolvable(rig.load(paid.id()))).as("still the outbox's").isFalse();

        // the queue reaches the back office, which activates the SIM: delivered, and the charge still its own
        OutboxSender sender = new OutboxSender(rig.journal.outbox(), rig.upstream, rig.renewals, rig.clock,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), new SplittableRandom(5)),
                OutboxSender.Settings.defaults());
        for (int i = 0; i < 20 && !(sender.sendOnce() instanceof OutboxSender.Round.Idle); i++) {
            rig.clock.advance(Duration.ofSeconds(5));
        }

        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.FULFILLED);
        assertThat(rig.steps(paid.id())).endsWith(FULFILLED, CAPTURE_LEFT_TO_BACK_OFFICE);
        assertThat(admin.resolvable(rig.load(paid.id()))).isTrue();
        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aDeliveredSaleWhoseCaptureMerelyFailedIsNotAnOperatorsToResolve() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        rig.terminal.failCompleteNext(jp.simkiosk.application.device.DeviceFault.TIMEOUT);
        assertThat(rig.purchases.deliverEsim(paid.id())).isInstanceOf(PurchaseService.EsimOutcome.Issued.class);
        assertThat(rig.steps(paid.id())).endsWith(CAPTURE_REQUESTED, CAPTURE_FAILED);

        SalesAdmin admin = new SalesAdmin(rig.journal, rig.journal.operatorStore(), rig.journal, rig.checkout,
                rig.journal.operatorStore(), SalesAdmin.defaultResolutions());
        assertThat(admin.resolvable(rig.load(paid.id()))).as("the next start completes it").isFalse();
    }

    @Test
    void anEsimCodeAskedForAndNeverReceivedIsCancelledUpstreamAndTheCardVoided() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        rig.journal.step(paid, ESIM_CODE_REQUESTED, paid.planId());
        // upstream issued the profile; its answer never reached the journal
        Upstream.EsimResult issued = rig.upstream.issueEsim(paid.id(), paid.planId());
        Iccid profile = ((Upstream.EsimResult.Issued) issued).iccid();

        rig = rig.restarted();
        Recovered r = recoverOnly(paid);

        assertThat(r.lastStep()).contains(ESIM_CODE_REQUESTED);
        assertThat(r.action()).contains(RecoveryAction.CANCEL_ESIM_AND_VOID);
        assertThat(r.after()).isEqualTo(SaleState.VOIDED);
        assertThat(stepsAfter(paid, ESIM_CODE_REQUESTED)).containsExactly(RECOVERY_STARTED, ACTIVATION_CANCEL_REQUESTED,
                ACTIVATION_CANCELLED, VOID_REQUESTED, VOIDED, RECEIPT_REQUESTED, RECEIPT_PRINTED);
        assertThat(rig.upstream.lookUp(profile)).isInstanceOf(Upstream.LookupResult.NotFound.class);
        assertThat(rig.terminal.ledger().get(paid.id()).voided()).isEqualTo(paid.price());
        assertThat(rig.journal.activationCode(paid.id())).isEmpty();

        assertSecondRecoveryChangesNothing(paid);
    }

    @Test
    void aWalletPaymentPaidButNeverJournaledIsRefundedAndTheSaleCancelled() throws IOException {
        Sale sale = rig.purchases.open(rig.purchases.quote(SaleRig.NEW_ESIM), Language.ZH_HANT);
        assertThat(rig.checkout.startWallet(sale.id())).isInstanceOf(Checkout.WalletStart.Shown.class);
        rig.clock.advance(SaleRig.APPROVE_AFTER);   // the customer pays while the kiosk is down

        rig = rig.restarted();
        Recovered r = recoverOnly(sale);

        assertThat(r.lastStep()).contains(WALLET_QR_SHOWN);
        assertThat(r.action()).contains(RecoveryAction.VOID_BY_SALE_ID);
        assertThat(r.after()).isEqualTo(SaleState.CANCELLED);
        assertThat(r.settled()).isTrue();
        assertThat(stepsAfter(sale, WALLET_QR_SHOWN)).containsExactly(RECOVERY_STARTED, VOID_REQUESTED, VOIDED, CANCELLED);
        assertThat(rig.entries(sale.id()).get(rig.entries(sale.id()).size() - 2).detail())
                .isEqualTo("WALLET_PAYMENT_REFUNDED");
        SimulatedPaymentProvider.LedgerEntry money = rig.wallet.ledger().get(sale.id());
        assertThat(money.paid()).isEqualTo(sale.price());
        assertThat(money.refunded()).isEqualTo(sale.price());

        assertSecondRecoveryChangesNothing(sale);
    }

    @Test
    void aWalletPaymentStillOpenIsCancelledSoTheCustomerCanNoLongerPayIt() throws IOException {
        Sale sale = rig.purchases.open(rig.purchases.quote(SaleRig.NEW_SIM), Language.KO);
        assertThat(rig.checkout.startWallet(sale.id())).isInstanceOf(Checkout.WalletStart.Shown.class);

        rig = rig.restarted();
        Recovered r = recoverOnly(sale);

        assertThat(r.action()).contains(RecoveryAction.VOID_BY_SALE_ID);
        assertThat(r.after()).isEqualTo(SaleState.CANCELLED);
        assertThat(stepsAfter(sale, WALLET_QR_SHOWN)).containsExactly(RECOVERY_STARTED, VOID_REQUESTED, VOIDED, CANCELLED);
        assertThat(rig.entries(sale.id()).get(rig.entries(sale.id()).size() - 2).detail())
                .isEqualTo("NO_WALLET_PAYMENT_HELD");
        rig.clock.advance(SaleRig.APPROVE_AFTER);   // the customer's app tries to pay the old code
        assertThat(rig.wallet.status(sale.id())).isInstanceOf(WalletStatus.Cancelled.class);
        assertThat(rig.wallet.ledger()).doesNotContainKey(sale.id());
        assertThat(rig.dispenser.remaining()).isEqualTo(SaleRig.STOCK.length);

        assertSecondRecoveryChangesNothing(sale);
    }

    @Test
    void aWalletPaymentAskedForButNeverCreatedIsCancelledAtTheProvider() throws IOException {
        Sale sale = rig.purchases.open(rig.purchases.quote(SaleRig.NEW_ESIM), Language.JA);
        rig.journal.step(sale, PAYMENT_REQUESTED, PaymentMethod.QR_WALLET.tag() + " " + sale.price());

        rig = rig.restarted();
        Recovered r = recoverOnly(sale);

        assertThat(r.lastStep()).contains(PAYMENT_REQUESTED);
        assertThat(r.after()).isEqualTo(SaleState.CANCELLED);
        assertThat(stepsAfter(sale, PAYMENT_REQUESTED)).containsExactly(RECOVERY_STARTED, VOID_REQUESTED, VOIDED, CANCELLED);
        assertThat(rig.wallet.ledger()).doesNotContainKey(sale.id());

        assertSecondRecoveryChangesNothing(sale);
    }

    @Test
    void aWalletProviderThatCannotBeReachedLeavesTheSaleForTheNextStart() throws IOException {
        Sale sale = rig.purchases.open(rig.purchases.quote(SaleRig.NEW_ESIM), Language.EN);
        assertThat(rig.checkout.startWallet(sale.id())).isInstanceOf(Checkout.WalletStart.Shown.class);
        rig.clock.advance(SaleRig.APPROVE_AFTER);
        rig.wallet.setReachable(false);

        rig = rig.restarted();
        Recovered r = recoverOnly(sale);
        assertThat(r.after()).isEqualTo(SaleState.CREATED);
        assertThat(r.settled()).isFalse();
        assertThat(stepsAfter(sale, WALLET_QR_SHOWN)).containsExactly(RECOVERY_STARTED, VOID_REQUESTED, VOID_FAILED);

        rig.wallet.setReachable(true);
        rig = rig.restarted();
        Recovered again = recoverOnly(sale);
        assertThat(again.lastStep()).contains(VOID_FAILED);
        assertThat(again.after()).isEqualTo(SaleState.CANCELLED);
        assertThat(rig.wallet.ledger().get(sale.id()).refunded()).isEqualTo(sale.price());
    }

    // ---------------------------------------------------------------- helpers

    /** As the journey does it: the SIM presented and read, then activated upstream, each step journaled. */
    private Iccid readAndActivate(Sale paid) {
        rig.journal.step(paid, SIM_PRESENT_REQUESTED, "");
        Iccid iccid = ((ReadResult.Read) rig.dispenser.presentAndRead(paid.id())).iccid();
        Sale read = paid.forLine(iccid);
        rig.journal.record(read, SIM_READ, iccid.masked());
        rig.journal.step(read, ACTIVATION_REQUESTED, paid.planId());
        Upstream.ActivationResult a = rig.upstream.activateSim(paid.id(), iccid, paid.planId());
        rig.journal.step(read, ACTIVATED, ((Upstream.ActivationResult.Activated) a).expiry().toString());
        return iccid;
    }

    /** As the journey does it with the back office down: the SIM presented and read, its activation deferred. */
    private void readAndDefer(Sale paid) {
        rig.journal.step(paid, SIM_PRESENT_REQUESTED, "");
        Iccid iccid = ((ReadResult.Read) rig.dispenser.presentAndRead(paid.id())).iccid();
        Sale read = paid.forLine(iccid);
        rig.journal.record(read, SIM_READ, iccid.masked());
        rig.journal.step(read, ACTIVATION_REQUESTED, paid.planId());
        assertThat(rig.upstream.activateSim(paid.id(), iccid, paid.planId()))
                .isInstanceOf(Upstream.ActivationResult.Unavailable.class);
        rig.journal.step(read, ACTIVATION_DEFERRED, paid.planId());
    }

    /** Runs recovery; the sale is the only one it sees to. */
    private Recovered recoverOnly(Sale sale) {
        List<Recovered> report = rig.recovery().recoverAll().sales();
        assertThat(report).hasSize(1);
        assertThat(report.get(0).reference()).isEqualTo(sale.reference());
        assertThat(rig.load(sale.id()).state()).isEqualTo(report.get(0).after());
        return report.get(0);
    }

    /** The steps journaled after the last {@code step}. */
    private List<SaleStep> stepsAfter(Sale sale, SaleStep step) {
        List<SaleStep> steps = rig.steps(sale.id());
        return steps.subList(steps.lastIndexOf(step) + 1, steps.size());
    }

    /** Another restart: recovery finds nothing to do and writes nothing. */
    private void assertSecondRecoveryChangesNothing(Sale sale) throws IOException {
        List<SaleStep> before = rig.steps(sale.id());
        SaleState state = rig.load(sale.id()).state();
        rig = rig.restarted();
        assertThat(rig.recovery().recoverAll().sales()).isEmpty();
        assertThat(rig.steps(sale.id())).isEqualTo(before);
        assertThat(rig.load(sale.id()).state()).isEqualTo(state);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
