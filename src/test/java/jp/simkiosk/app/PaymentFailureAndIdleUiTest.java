package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javafx.stage.Stage;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PaymentTerminal.DeclineReason;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;

/** Declined payments, cancelling, and the idle time-out, driven through the screen on the assembled kiosk. */
class PaymentFailureAndIdleUiTest extends KioskUiTestBase {

    SimulatedPaymentTerminal reader;
    final I18n texts = new I18n(Language.EN);

    @Override
    public void start(Stage stage) throws Exception {
        super.start(stage);
        reader = (SimulatedPaymentTerminal) h.kiosk.cardReader();
    }

    private void waitForFailedPayment() {
        KioskUiHarness.waitFor(() -> h.ui.viewModel().payment().phaseProperty().get()
                == jp.simkiosk.ui.PaymentViewModel.Phase.FAILED, "payment failed");
    }

    @Test
    void aDeclinedCardIsExplainedInTheCustomersLanguageAndCanBeRetried() {
        reader.script(new AuthorizationResult.Declined(DeclineReason.INSUFFICIENT_FUNDS));
        h.renewalToConfirm(this, Language.ZH_HANT);
        h.payByCard(this);
        waitForFailedPayment();
        assertThat(KioskUiHarness.text(this, "#paymentMessage"))
                .contains(texts.text(Language.ZH_HANT, "payment.declined.INSUFFICIENT_FUNDS"));
        Sale open = h.kiosk.journal().recent(1).get(0);
        assertThat(open.state()).isEqualTo(SaleState.CREATED);
        assertThat(steps(open)).containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_DECLINED);
        assertThat(reader.ledger().get(open.id())).as("nothing authorized").satisfiesAnyOf(
                e -> assertThat(e).isNull(), e -> assertThat(e.authorized().amount()).isZero());

        h.touch(this, "#retryButton");
        h.waitForScreen(Screen.RESULT);
        Sale done = h.kiosk.journal().find(open.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(steps(done)).startsWith(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_DECLINED,
                SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_APPROVED);
        assertThat(h.kiosk.journal().recent(10)).hasSize(1);
        assertThat(reader.ledger().get(done.id()).captured().amount()).isEqualTo(1430);
    }

    @Test
    void cancellingAfterADeclineCancelsTheSaleAndReturnsToTheStart() {
        reader.script(new AuthorizationResult.Declined(DeclineReason.DECLINED));
        h.renewalToConfirm(this, Language.EN);
        h.payByCard(this);
        waitForFailedPayment();
        h.touch(this, "#cancelButton");
        h.waitForScreen(Screen.ATTRACT);
        KioskUiHarness.waitFor(() -> h.kiosk.journal().recent(1).get(0).state() == SaleState.CANCELLED, "cancelled");
        Sale s = h.kiosk.journal().recent(1).get(0);
        assertThat(s.failure()).contains(FailureReason.CUSTOMER_CANCELLED);
        assertThat(steps(s)).endsWith(SaleStep.CANCELLED);
    }

    @Test
    void theIdleTimeOutWarnsThenCancelsTheSaleAndWipesTheSession() {
        reader.script(new AuthorizationResult.Declined(DeclineReason.CARD_EXPIRED));
        h.renewalToConfirm(this, Language.JA);
        h.payByCard(this);
        waitForFailedPayment();
        Duration warningAt = h.kiosk.config().idleTimeout().minus(h.kiosk.config().idleWarning());

        h.clock.advance(warningAt.plusSeconds(1));
        KioskUiHarness.waitFor(() -> lookup("#idleOverlay").query().isVisible(), "idle warning");
        assertThat(KioskUiHarness.text(this, "#idleCountdown")).isEqualTo(
                texts.text(Language.JA, "idle.countdown", h.kiosk.config().idleWarning().minusSeconds(1).toSeconds()));

        h.touch(this, "#moreTimeButton");  // one tap gives the full time again
        KioskUiHarness.waitFor(() -> !lookup("#idleOverlay").query().isVisible(), "warning gone");
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.PAYMENT);

        h.clock.advance(h.kiosk.config().idleTimeout().plusSeconds(1));
        h.waitForScreen(Screen.ATTRACT);
        KioskUiHarness.waitFor(() -> h.kiosk.journal().recent(1).get(0).state() == SaleState.CANCELLED, "cancelled");
        assertThat(h.kiosk.journal().recent(1).get(0).failure()).contains(FailureReason.IDLE_TIMEOUT);
        var vm = h.ui.viewModel();
        assertThat(vm.renewal().lineInputProperty().get()).isEmpty();
        assertThat(vm.renewal().lineProperty().get()).isNull();
        assertThat(vm.renewal().quoteProperty().get()).isNull();
        assertThat(vm.saleProperty().get()).isNull();
        assertThat(vm.i18n().language()).isEqualTo(h.kiosk.config().defaultLanguage());
        assertThat(lookup("#lineDisplay").tryQuery()).isEmpty();
    }

    @Test
    void theIdleTimeOutOnTheIdentifyScreenWipesWhatWasTyped() {
        h.touch(this, "#start-ko");
        h.touch(this, "#renewButton");
        h.type(this, "0901234");
        h.clock.advance(h.kiosk.config().idleTimeout().plusSeconds(1));
        h.waitForScreen(Screen.ATTRACT);
        assertThat(h.ui.viewModel().renewal().lineInputProperty().get()).isEmpty();
        assertThat(h.kiosk.journal().recent(5)).isEmpty();
    }
}
