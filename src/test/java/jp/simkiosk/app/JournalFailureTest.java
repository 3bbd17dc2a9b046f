package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal.LedgerEntry;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.RenewalService.FulfilmentOutcome;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal write that fails mid-sale (the database file locked by another connection, so SQLite refuses the
 * write) ends the sale in a defined state: no goods move without their intent journaled, a held payment for
 * goods not delivered is voided at once, the kiosk goes out of service with an alarm, and the next start
 * settles the sale from what the journal holds.
 */
class JournalFailureTest {

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theApprovalCannotBeJournaled() throws Exception {
        Sale sale;
        try (KioskAssembly kiosk = build(SaleStep.PAYMENT_APPROVED)) {
            sale = open(kiosk);
            assertThatThrownBy(() -> kiosk.checkout().payByCard(sale.id(), PaymentMethod.CARD)).isInstanceOf(JournalUnavailableException.class);
            assertThat(ledger(kiosk, sale).voided()).as("the hold is released at once").isEqualTo(sale.price());
            assertThat(steps(kiosk, sale)).containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED);
            assertOutOfServiceWithAlarm(kiosk);
        }
        try (KioskAssembly restarted = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            Sale after = restarted.journal().find(sale.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(SaleState.CANCELLED);
            assertThat(steps(restarted, sale)).endsWith(SaleStep.RECOVERY_STARTED, SaleStep.VOID_REQUESTED,
                    SaleStep.VOIDED, SaleStep.CANCELLED);
            assertThat(ledger(restarted, sale).captured().amount()).isZero();
            assertThat(restarted.serviceMonitor().current().alarms()).isEmpty();
        }
    }

    @Test
    void theRenewalRequestCannotBeJournaled() throws Exception {
        Sale sale;
        try (KioskAssembly kiosk = build(SaleStep.FULFILMENT_REQUESTED)) {
            sale = open(kiosk);
            assertThat(kiosk.checkout().payByCard(sale.id(), PaymentMethod.CARD)).isInstanceOf(PaymentOutcome.Paid.class);
            FulfilmentOutcome outcome = kiosk.renewals().fulfil(sale.id());
            // what the customer is told: not renewed, the payment cancelled, a technical problem
            assertThat(outcome).isInstanceOf(FulfilmentOutcome.NotRenewedVoided.class);
            assertThat(outcome.sale().failure()).contains(FailureReason.JOURNAL_UNAVAILABLE);
            assertThat(ledger(kiosk, sale).voided()).isEqualTo(sale.price());
            assertThat(((jp.simkiosk.adapter.upstream.sim.SimulatedUpstream) kiosk.upstream()).answers())
                    .as("upstream was never asked").doesNotContainKey(sale.id());
            assertThat(steps(kiosk, sale)).endsWith(SaleStep.PAYMENT_APPROVED, SaleStep.VOID_REQUESTED, SaleStep.VOIDED);
            assertOutOfServiceWithAlarm(kiosk);
        }
        try (KioskAssembly restarted = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            assertThat(restarted.journal().find(sale.id()).orElseThrow().state()).isEqualTo(SaleState.VOIDED);
            assertThat(steps(restarted, sale)).as("the refund slip is printed at the start")
                    .endsWith(SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        }
    }

    @Test
    void theRenewalIsAppliedButCannotBeJournaled() throws Exception {
        Sale sale;
        try (KioskAssembly kiosk = build(SaleStep.FULFILLED)) {
            sale = open(kiosk);
            kiosk.checkout().payByCard(sale.id(), PaymentMethod.CARD);
            FulfilmentOutcome outcome = kiosk.renewals().fulfil(sale.id());
            assertThat(outcome).as("the customer has the renewal").isInstanceOf(FulfilmentOutcome.Renewed.class);
            assertThat(outcome.sale().newExpiry()).isPresent();
            assertThat(ledger(kiosk, sale).open()).as("no charge without its intent journaled").isTrue();
            assertThat(kiosk.journal().find(sale.id()).orElseThrow().state()).isEqualTo(SaleState.PAID);
            assertOutOfServiceWithAlarm(kiosk);
        }
        try (KioskAssembly restarted = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            Sale after = restarted.journal().find(sale.id()).orElseThrow();
            assertThat(after.state()).isEqualTo(SaleState.COMPLETED);
            assertThat(ledger(restarted, sale).captured()).isEqualTo(sale.price());
            assertThat(restarted.journal().toReprint()).extracting(Sale::id).containsExactly(sale.id());
        }
    }

    private KioskAssembly build(SaleStep failing) throws Exception {
        Path db = data.resolve("journal").resolve("sales.db");
        return KioskAssembly.build(TestKiosks.demo(data, clock), clock, j -> new LockingJournal(j, db, failing));
    }

    private static Sale open(KioskAssembly kiosk) {
        LineLookup.Renewable line = (LineLookup.Renewable) kiosk.renewals().lookUp(LineId.parseNormalized("09012345678"));
        PlanOffer offer = line.offers().stream().filter(PlanOffer::sellable).findFirst().orElseThrow();
        Quote quote = kiosk.renewals().quote(line.status(), offer.plan());
        return kiosk.renewals().open(quote, Language.EN);
    }

    private static LedgerEntry ledger(KioskAssembly kiosk, Sale sale) {
        return ((SimulatedPaymentTerminal) kiosk.cardReader()).ledger().get(sale.id());
    }

    private static List<SaleStep> steps(KioskAssembly kiosk, Sale sale) {
        return kiosk.journal().entries(sale.id()).stream().map(JournalEntry::step).toList();
    }

    private static void assertOutOfServiceWithAlarm(KioskAssembly kiosk) {
        assertThat(kiosk.serviceMonitor().current().inService()).isFalse();
        assertThat(kiosk.serviceMonitor().current().alarms()).extracting(Alarm::kind).contains(Alarm.Kind.JOURNAL_FAILED);
        assertThatThrownBy(() -> open(kiosk)).as("no new sale opens").isInstanceOf(JournalUnavailableException.class);
    }
}
