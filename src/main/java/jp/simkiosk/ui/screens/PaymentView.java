package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.JourneyViewModel.PaymentPhase;
import jp.simkiosk.ui.Widgets;

/**
 * Payment and what follows it: "present your card" with the amount; then renewing and printing; or,
 * when the card did not go through, why (in the customer's language) with "try again".
 */
public final class PaymentView {

    private PaymentView() {}

    public static Node build(ViewContext ctx) {
        JourneyViewModel vm = ctx.vm();
        I18n i = ctx.i18n();

        Label amount = new Label();
        amount.setId("paymentAmount");
        amount.getStyleClass().add("amount");
        amount.textProperty().bind(Bindings.createStringBinding(
                () -> vm.saleProperty().get() == null ? "" : vm.saleProperty().get().price().format(), vm.saleProperty()));

        Label headline = new Label();
        headline.setId("paymentHeadline");
        headline.getStyleClass().add("title");
        headline.setWrapText(true);
        headline.textProperty().bind(Bindings.createStringBinding(() -> {
            PaymentPhase ph = vm.paymentPhaseProperty().get();
            return ph == null ? "" : i.text("payment.phase." + ph.name());
        }, vm.paymentPhaseProperty(), i.languageProperty()));

        Label message = new Label();
        message.setId("paymentMessage");
        message.getStyleClass().add("error");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = i.text(vm.paymentMessageProperty().get());
            return t.isEmpty() ? "" : "⚠ " + t;
        }, vm.paymentMessageProperty(), i.languageProperty()));

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(96, 96);
        spinner.visibleProperty().bind(vm.paymentPhaseProperty().isNotEqualTo(PaymentPhase.FAILED));
        spinner.managedProperty().bind(spinner.visibleProperty());

        Label cards = Widgets.label(i.bind("confirm.cardsAccepted"), "hint");
        cards.visibleProperty().bind(vm.paymentPhaseProperty().isEqualTo(PaymentPhase.WAITING_FOR_CARD));

        Button retry = Widgets.button("retryButton", i.bind("payment.retry"), vm::authorize, "primary");
        retry.visibleProperty().bind(vm.paymentPhaseProperty().isEqualTo(PaymentPhase.FAILED));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(24, headline, amount, spinner, cards, message, retry);
        box.setId("paymentScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
