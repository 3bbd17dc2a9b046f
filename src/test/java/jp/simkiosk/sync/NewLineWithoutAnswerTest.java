package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.application.MoneyBack;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseService.EsimOutcome;
import jp.simkiosk.application.PurchaseService.SimOutcome;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.sync.BackOfficeReach;
import jp.simkiosk.backoffice.BackOfficeStore.StoredNewLine;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * New lines when the reference back office (on loopback) does not answer: a SIM activation or an eSIM issue it
 * carried out but whose answer never came (the connection dropped after the work, as a time-out would) is given
 * up, the money goes back and the line it made is cancelled when the outbox reaches it; a line the queue
 * activates after the kiosk already cancelled it is cancelled again; and while the back office is known
 * unreachable only plans sold offline are offered as new lines.
 */
class NewLineWithoutAnswerTest extends OfflineSellingTestBase {

    private final BackOfficeReach reach = new BackOfficeReach();
    private Upstream upstream;
    private SimulatedSimDispenser dispenser;
    private PurchaseService purchases;

    /** The renewals and purchases of this test tell {@link #reach} how each exchange with the back office went. */
    @Override
    Upstream upstream(Upstream http) {
        upstream = reach.trackingUpstream(http);
        return upstream;
    }

    @BeforeEach
    void startPurchases() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dispenser"));
        Path stock = Files.writeString(folder.resolve("stock.txt"), NewLinesOverHttpTest.newCard(61).value() + "\n");
        dispenser = new SimulatedSimDispenser(stock, folder, clock, Duration.ZERO);
        purchases = new PurchaseService(() -> plans, upstream, kiosk.journal, checkout, dispenser, clock,
                new PurchaseSettings(Duration.ofMillis(200)), reach);
    }

    @Test
    void aSimActivationDoneButNeverAnsweredIsGivenUpAndTheLineCancelledThroughTheOutbox() throws Exception {
        Sale sale = paid("new-sim-15gb-16d"); // not sold offline
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE);
        SimOutcome outcome = purchases.deliverSim(sale.id(), (iccid, within) -> { });
        backOffice.faults.clear();

        assertThat(outcome).isInstanceOf(SimOutcome.NotDelivered.class);
        assertThat(((SimOutcome.NotDelivered) outcome).reason()).isEqualTo(FailureReason.UPSTREAM_UNAVAILABLE);
        assertThat(((SimOutcome.NotDelivered) outcome).money()).isEqualTo(MoneyBack.VOIDED);
        assertThat(steps(sale)).containsSubsequence(SaleStep.ACTIVATION_REQUESTED, SaleStep.ACTIVATION_UNAVAILABLE,
                SaleStep.ACTIVATION_CANCEL_QUEUED, SaleStep.SIM_CAPTURE_REQUESTED, SaleStep.SIM_CAPTURED,
                SaleStep.VOID_REQUESTED, SaleStep.VOIDED);
        Iccid card = (Iccid) kiosk.journal.find(sale.id()).orElseThrow().lineId().orElseThrow();
        // the back office did activate it: a line nobody will ever hold
        assertThat(line(sale)).extracting(StoredNewLine::outcome).isEqualTo(StoredNewLine.ACTIVE);
        assertThat(kiosk.upstream.lookUp(card)).isInstanceOf(LookupResult.Found.class);

        kiosk.drain(30);

        assertThat(line(sale)).extracting(StoredNewLine::outcome).isEqualTo(StoredNewLine.CANCELLED);
        assertThat(kiosk.upstream.lookUp(card)).isInstanceOf(LookupResult.NotFound.class);
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(kiosk.outbox.status().rejected()).isZero();
        assertThat(dispenser.captured()).isEqualTo(1);
    }

    @Test
    void anEsimIssuedButNeverAnsweredIsGivenUpAndItsProfileCancelledThroughTheOutbox() throws Exception {
        Sale sale = paid("new-esim-3gb-8d");
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE);
        EsimOutcome outcome = purchases.deliverEsim(sale.id());
        backOffice.faults.clear();

        assertThat(outcome).isInstanceOf(EsimOutcome.NotIssued.class);
        assertThat(((EsimOutcome.NotIssued) outcome).money()).isEqualTo(MoneyBack.VOIDED);
        assertThat(steps(sale)).containsSubsequence(SaleStep.ESIM_CODE_REQUESTED, SaleStep.ESIM_CODE_UNAVAILABLE,
                SaleStep.ACTIVATION_CANCEL_QUEUED, SaleStep.VOID_REQUESTED, SaleStep.VOIDED);
        assertThat(line(sale)).extracting(StoredNewLine::outcome).isEqualTo(StoredNewLine.ACTIVE);

        kiosk.drain(30);

        assertThat(line(sale)).extracting(StoredNewLine::outcome).isEqualTo(StoredNewLine.CANCELLED);
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(kiosk.outbox.status().rejected()).isZero();
    }

    @Test
    void aLineTheQueueActivatesAfterTheKioskCancelledItIsCancelledAgain() throws Exception {
        Sale sale = paid("new-sim-5gb-8d"); // sold offline
        backOffice.down();
        dispenser.setCardNotTaken(true);
        // the back office is back while the SIM waits at the gate: the cancel after it was not taken goes through
        SimOutcome outcome = purchases.deliverSim(sale.id(), (iccid, within) -> {
            try {
                backOffice.up();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(outcome).isInstanceOf(SimOutcome.NotTaken.class);
        assertThat(steps(sale)).containsSubsequence(SaleStep.ACTIVATION_DEFERRED, SaleStep.SIM_NOT_TAKEN,
                SaleStep.SIM_CAPTURED, SaleStep.ACTIVATION_CANCEL_REQUESTED, SaleStep.ACTIVATION_CANCELLED,
                SaleStep.VOIDED);
        assertThat(backOffice.store.newLineOf(sale.id().value())).as("nothing to cancel yet").isEmpty();

        // the queue carries the deferred activation first, then the cancellation
        kiosk.drain(30);

        assertThat(line(sale)).extracting(StoredNewLine::outcome).isEqualTo(StoredNewLine.CANCELLED);
        Iccid card = (Iccid) kiosk.journal.find(sale.id()).orElseThrow().lineId().orElseThrow();
        assertThat(kiosk.upstream.lookUp(card)).isInstanceOf(LookupResult.NotFound.class);
        assertThat(kiosk.journal.find(sale.id()).orElseThrow().state()).isEqualTo(SaleState.VOIDED);
        assertThat(kiosk.outbox.status().pending()).isZero();
    }

    @Test
    void whileTheBackOfficeIsKnownUnreachableOnlyNewLinesSoldOfflineAreOffered() throws Exception {
        assertThat(availability(PlanKind.NEW_SIM)).containsExactly(Availability.SELLABLE, Availability.SELLABLE,
                Availability.NEEDS_ID_CHECK);
        assertThat(availability(PlanKind.NEW_ESIM)).containsOnly(Availability.SELLABLE);

        backOffice.down();
        // a renewal customer's look-up gets no answer
        assertThat(upstream.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Unavailable.class);
        assertThat(reach.knownUnreachable()).isTrue();

        List<PlanOffer> sims = purchases.offers(PlanKind.NEW_SIM);
        assertThat(sims).extracting(o -> o.plan().id()).containsExactly("new-sim-5gb-8d", "new-sim-15gb-16d",
                "new-sim-voice-10gb-30d");
        assertThat(sims).extracting(PlanOffer::availability).containsExactly(Availability.SELLABLE,
                Availability.NOT_WHILE_OFFLINE, Availability.NEEDS_ID_CHECK);
        assertThat(availability(PlanKind.NEW_ESIM)).as("an eSIM's code comes from the back office")
                .containsOnly(Availability.NOT_WHILE_OFFLINE);

        // the heartbeat (every minute) is not taken while it is down, and taken once it is back
        HeartbeatSink heartbeats = reach.trackingHeartbeats(kiosk.upstream);
        HeartbeatSink.Heartbeat beat = new HeartbeatSink.Heartbeat(clock.instant(), List.of(), kiosk.outbox.status(),
                Optional.empty());
        assertThat(heartbeats.send(beat)).isFalse();
        assertThat(reach.knownUnreachable()).isTrue();
        backOffice.up();
        assertThat(heartbeats.send(beat)).isTrue();

        assertThat(reach.knownUnreachable()).isFalse();
        assertThat(availability(PlanKind.NEW_SIM)).containsExactly(Availability.SELLABLE, Availability.SELLABLE,
                Availability.NEEDS_ID_CHECK);
        assertThat(availability(PlanKind.NEW_ESIM)).containsOnly(Availability.SELLABLE);
    }

    // ---------------------------------------------------------------- helpers

    private Sale paid(String planId) {
        Plan plan = plans.stream().filter(p -> p.id().equals(planId)).findFirst().orElseThrow();
        Sale sale = purchases.open(purchases.quote(plan), Language.EN);
        PaymentOutcome paid = checkout.payByCard(sale.id(), PaymentMethod.CARD);
        assertThat(paid).isInstanceOf(PaymentOutcome.Paid.class);
        return ((PaymentOutcome.Paid) paid).sale();
    }

    private List<SaleStep> steps(Sale sale) {
        return kiosk.journal.entries(sale.id()).stream().map(JournalEntry::step).toList();
    }

    private StoredNewLine line(Sale sale) throws Exception {
        return backOffice.store.newLineOf(sale.id().value()).orElseThrow();
    }

    private List<Availability> availability(PlanKind kind) {
        return purchases.offers(kind).stream().map(PlanOffer::availability).toList();
    }
}
