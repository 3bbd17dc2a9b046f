package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Outcome;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;

/**
 * The back office cannot be reached: the customer is told, says whether the line is a SIM or an eSIM, buys a
 * plan marked sellable offline, and is told it will be applied shortly; when the back office answers again,
 * the sync applies it and the sale completes.
 */
class OfflineRenewalUiTest extends KioskUiTestBase {

    final I18n texts = new I18n(Language.EN);

    @Test
    void aRenewalSoldOfflineIsAppliedWhenTheBackOfficeIsBack() {
        SimulatedUpstream upstream = (SimulatedUpstream) h.kiosk.upstream();
        upstream.setReachable(false);
        h.renewalToPlans(this, Language.EN);
        assertThat(KioskUiHarness.text(this, "#offlineNotice")).isEqualTo(texts.text(Language.EN, "plans.offline.notice"));
        assertThat(lookup("#plan-" + RenewalJourneyUiTest.PLAN).tryQuery()).as("no plans before the form is known").isEmpty();
        h.touch(this, "#formSim");
        assertThat(lookup(".plan-card").queryAll().stream().map(javafx.scene.Node::getId).toList()).isNotEmpty().allMatch(id -> id.startsWith("plan-renew-sim"));
        h.touch(this, "#plan-" + RenewalJourneyUiTest.PLAN);
        h.waitForScreen(Screen.CONFIRM);
        assertThat(KioskUiHarness.text(this, "#confirmNewExpiry")).startsWith("confirmed when applied");
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        assertThat(h.ui.viewModel().outcomeProperty().get()).isEqualTo(Outcome.RENEWED_LATER);
        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(Language.EN, "result.title.RENEWED_LATER"));

        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(h.kiosk.journal().entries(sale.id()).stream().map(JournalEntry::step))
                .contains(SaleStep.FULFILMENT_DEFERRED, SaleStep.CAPTURED, SaleStep.RECEIPT_PRINTED);

        upstream.setReachable(true);
        h.kiosk.sync().wake();
        KioskUiHarness.waitFor(() -> h.kiosk.journal().find(sale.id()).orElseThrow().state() == SaleState.COMPLETED,
                "the deferred renewal applied by the sync");
        assertThat(h.kiosk.journal().find(sale.id()).orElseThrow().newExpiry()).isPresent();
    }
}
