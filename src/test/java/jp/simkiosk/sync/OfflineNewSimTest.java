package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseService.SimOutcome;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;

/**
 * A new SIM handed over while the reference back office is down: journaled {@code ACTIVATION_DEFERRED}, taken
 * and charged, the sale PAID; when the queue drains the back office activates it and the sale completes with
 * its expiry, or, refused, goes to refund pending.
 */
class OfflineNewSimTest extends OfflineSellingTestBase {

    /** A card the back office does not know. */
    static final Iccid CARD = NewLinesOverHttpTest.newCard(41);
    /** A card that is a demo line already: the back office refuses to activate it again. */
    static final Iccid DEMO_LINE_CARD = new Iccid("8981102000004182366");

    private PurchaseService purchases;

    /** A simulated dispenser holding the one card, and the purchase service selling from it. */
    private void stockDispenserWith(Iccid card) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dispenser"));
        Path stock = Files.writeString(folder.resolve("stock.txt"), card.value() + "\n");
        purchases = new PurchaseService(() -> plans, kiosk.upstream, kiosk.journal, checkout,
                new SimulatedSimDispenser(stock, folder, clock, Duration.ZERO), clock,
                new PurchaseSettings(Duration.ofMillis(200)));
    }

    /** Opens, pays by card and delivers a new SIM of the offline-sellable plan while the back office is down. */
    private Sale sellWhileDown() {
        Sale sale = purchases.open(purchases.quote(plan("new-sim-5gb-8d")), Language.JA);
        assertThat(checkout.payByCard(sale.id(), PaymentMethod.CARD)).isInstanceOf(PaymentOutcome.Paid.class);
        SimOutcome outcome = purchases.deliverSim(sale.id(), (iccid, within) -> { });
        assertThat(outcome).isInstanceOf(SimOutcome.DeliveredActivationPending.class);
        Sale stored = kiosk.journal.find(sale.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(SaleState.PAID);
        assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::step).containsSubsequence(
                SaleStep.ACTIVATION_REQUESTED, SaleStep.ACTIVATION_DEFERRED, SaleStep.SIM_DISPENSED, SaleStep.SIM_TAKEN,
                SaleStep.CAPTURE_REQUESTED, SaleStep.CAPTURED);
        return stored;
    }

    @Test
    void aSimHandedOverWhileDownIsActivatedWhenTheQueueDrainsAndTheSaleCompletes() throws Exception {
        stockDispenserWith(CARD);
        backOffice.down();
        Sale sale = sellWhileDown();
        assertThat(sale.lineId()).contains(CARD);
        assertThat(terminal.completed).containsExactly(sale.id());

        backOffice.up();
        kiosk.drain(30);

        Sale done = kiosk.journal.find(sale.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(SaleState.COMPLETED);
        LookupResult.Found line = (LookupResult.Found) kiosk.upstream.lookUp(CARD);
        assertThat(line.status().renewable()).isTrue();
        assertThat(done.newExpiry()).isEqualTo(line.status().expiry());
        assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::step)
                .endsWith(SaleStep.FULFILLED, SaleStep.CAPTURED);
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(kiosk.outbox.status().rejected()).isZero();
        assertThat(backOffice.store.events()).filteredOn(e -> e.step().equals("ACTIVATION_DEFERRED")).singleElement()
                .satisfies(e -> assertThat(e.appliedExpiry()).isEqualTo(line.status().expiry()));
    }

    @Test
    void aSimHandedOverWhileDownThatTheBackOfficeRefusesGoesToRefundPending() throws Exception {
        stockDispenserWith(DEMO_LINE_CARD);
        backOffice.down();
        Sale sale = sellWhileDown();

        backOffice.up();
        kiosk.drain(30);

        Sale refused = kiosk.journal.find(sale.id()).orElseThrow();
        assertThat(refused.state()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(refused.failure()).contains(FailureReason.ACTIVATION_REJECTED);
        assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::step)
                .endsWith(SaleStep.ACTIVATION_REJECTED, SaleStep.REFUND_PENDING);
        assertThat(kiosk.outbox.rejected(10)).singleElement().satisfies(r -> {
            assertThat(r.event().step()).isEqualTo(SaleStep.ACTIVATION_DEFERRED);
            assertThat(r.reason()).isEqualTo("OTHER");
        });
        assertThat(kiosk.outbox.status().pending()).isZero();
    }
}
