package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.PaymentViewModel;
import jp.simkiosk.ui.PaymentViewModel.Phase;
import jp.simkiosk.ui.Widgets;

/**
 * The card reader and what follows it: "present your card" (or "touch your IC card") with the amount; then
 * what the journey does after payment and printing; or, when the card did not go through, why (in the
 * customer's language) with "try again".
 */
public final class PaymentView {

    private PaymentView() {}

    public static Node build(ViewContext ctx) {
        JourneyViewModel vm = ctx.vm();
        PaymentViewModel pay = vm.payment();
        I18n i = ctx.i18n();

        Label amount = PaymentLabels.amount(vm, "paymentAmount", () -> "");

        Label headline = new Label();
        headline.setId("paymentHeadline");
        headline.getStyleClass().add("title");
        headline.setWrapText(true);
        headline.textProperty().bind(Bindings.createStringBinding(() -> {
            Phase ph = pay.phaseProperty().get();
            if (ph == null) return "";
            if (ph == Phase.PROCESSING) return i.text(pay.processingKeyProperty().get());
            if (ph == Phase.WAITING_FOR_CARD && pay.methodProperty().get() == PaymentMethod.TRANSPORT_IC) {
                return i.text("pay.ic.touch");
            }
            return i.text("payment.phase." + ph.name());
        }, pay.phaseProperty(), pay.methodProperty(), pay.processingKeyProperty(), i.languageProperty()));

        Label message = PaymentLabels.message(pay, i, "paymentMessage");

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(96, 96);
        spinner.visibleProperty().bind(pay.phaseProperty().isNotEqualTo(Phase.FAILED));
        spinner.managedProperty().bind(spinner.visibleProperty());

        Label accepted = new Label();
        accepted.getStyleClass().add("hint");
        accepted.setWrapText(true);
        accepted.textProperty().bind(Bindings.createStringBinding(() -> pay.methodProperty().get() == null ? ""
                : i.text("pay.brands." + pay.methodProperty().get().name()), pay.methodProperty(), i.languageProperty()));
        accepted.visibleProperty().bind(pay.phaseProperty().isEqualTo(Phase.WAITING_FOR_CARD));

        Button retry = Widgets.button("retryButton", i.bind("payment.retry"), pay::authorize, "primary");
        retry.visibleProperty().bind(pay.phaseProperty().isEqualTo(Phase.FAILED));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(24, headline, amount, spinner, accepted, message, retry);
        box.setId("paymentScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
