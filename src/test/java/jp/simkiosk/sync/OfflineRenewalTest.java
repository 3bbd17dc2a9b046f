package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.RenewalService.FulfilmentOutcome;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;

/**
 * A renewal sold while the back office is down: journaled "to be applied", applied when the queue drains,
 * or sent to refund pending when upstream then refuses it.
 */
class OfflineRenewalTest extends OfflineSellingTestBase {

    /** Look-up (unavailable), offline quote, open, pay and fulfil: the customer's side of an offline renewal. */
    private Sale sellOffline(LineId line, String planId) {
        LineLookup lookup = service.lookUp(line);
        assertThat(lookup).isInstanceOf(LineLookup.Unavailable.class);
        assertThat(((LineLookup.Unavailable) lookup).offlineOffers()).extracting(o -> o.plan().id())
                .containsExactly("renew-sim-1gb-3d", "renew-sim-10gb-7d", "renew-esim-daypass-1gb", "renew-esim-3gb-30d");
        assertThat(((LineLookup.Unavailable) lookup).offlineOffers()).allMatch(PlanOffer::sellable);
        Quote quote = service.quoteOffline(line, plan(planId));
        Sale sale = service.open(quote, Language.EN);
        assertThat(checkout.payByCard(sale.id(), PaymentMethod.CARD)).isInstanceOf(PaymentOutcome.Paid.class);
        FulfilmentOutcome outcome = service.fulfil(sale.id());
        assertThat(outcome).isInstanceOf(FulfilmentOutcome.RenewedLater.class);
        return outcome.sale();
    }

    private Sale stored(Sale sale) {
        return kiosk.journal.find(sale.id()).orElseThrow();
    }

    @Test
    void soldWhileUpstreamIsDownThenAppliedWhenTheQueueDrains() throws Exception {
        MobileNumber line = new MobileNumber("09012345678");
        backOffice.down();
        Sale sale = sellOffline(line, "renew-sim-1gb-3d");

        assertThat(stored(sale).state()).isEqualTo(SaleState.PAID);
        assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::step).containsSubsequence(
                SaleStep.FULFILMENT_REQUESTED, SaleStep.FULFILMENT_DEFERRED, SaleStep.CAPTURE_REQUESTED, SaleStep.CAPTURED);
        assertThat(terminal.completed).containsExactly(sale.id());
        assertThat(terminal.voided).isEmpty();
        assertThat(kiosk.drain(3)).allMatch(r -> r instanceof jp.simkiosk.application.sync.OutboxSender.Round.Failed);

        backOffice.up();
        kiosk.drain(30);

        Sale done = stored(sale);
        assertThat(done.state()).isEqualTo(SaleState.COMPLETED);
        LookupResult.Found now = (LookupResult.Found) kiosk.upstream.lookUp(line);
        assertThat(done.newExpiry()).isEqualTo(now.status().expiry());
        // the demo line expired in 2 days; the 3-day top-up stacks on it
        assertThat(now.status().expiry().orElseThrow()).isAfter(clock.instant().plus(Duration.ofDays(4)));
        assertThat(kiosk.outbox.status().pending()).isZero();
        assertThat(kiosk.outbox.status().rejected()).isZero();
        assertThat(backOffice.store.events()).filteredOn(e -> e.step().equals("FULFILMENT_DEFERRED")).singleElement()
                .satisfies(e -> assertThat(e.appliedExpiry()).isEqualTo(now.status().expiry()));
        // the kiosk reported the completion too
        assertThat(backOffice.store.events()).extracting(e -> e.step()).endsWith("FULFILLED", "CAPTURED");
    }

    @Test
    void soldWhileUpstreamIsDownThenRefusedGoesToRefundPending() throws Exception {
        LineId lapsed = new MobileNumber("07034567890");   // an eSIM line expired beyond renewal
        backOffice.down();
        Sale sale = sellOffline(lapsed, "renew-esim-3gb-30d");

        backOffice.up();
        kiosk.drain(30);

        Sale refused = stored(sale);
        assertThat(refused.state()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(refused.failure()).contains(FailureReason.RENEWAL_REJECTED);
        assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::step)
                .endsWith(SaleStep.FULFILMENT_REJECTED, SaleStep.REFUND_PENDING);
        assertThat(kiosk.outbox.rejected(10)).singleElement().satisfies(r -> {
            assertThat(r.event().step()).isEqualTo(SaleStep.FULFILMENT_DEFERRED);
            assertThat(r.reason()).isEqualTo("LINE_NOT_RENEWABLE");
        });
        assertThat(kiosk.outbox.status().pending()).isZero();
        // the back office learnt of the refund pending
        assertThat(backOffice.store.events()).extracting(e -> e.step()).endsWith("FULFILMENT_REJECTED", "REFUND_PENDING");
    }

    @Test
    void aPlanNotSellableOfflineCannotBeQuotedOffline() {
        backOffice.down();
        for (String id : List.of("renew-esim-20gb-30d", "renew-sim-voice-7gb-30d", "new-sim-5gb-8d")) {
            assertThatThrownBy(() -> service.quoteOffline(new MobileNumber("09012345678"), plan(id)))
                    .as(id).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
