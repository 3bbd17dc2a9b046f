package jp.simkiosk.ui.screens;

import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.PaymentViewModel;

/** The labels the payment screens (choice, card reader, QR wallet) share: the amount and why a try failed. */
final class PaymentLabels {

    private PaymentLabels() {}

    /** The sale's price; before the sale is opened, what {@code beforeSale} says. */
    static Label amount(JourneyViewModel vm, String id, Supplier<String> beforeSale) {
        Label amount = new Label();
        amount.setId(id);
        amount.getStyleClass().add("amount");
        amount.textProperty().bind(Bindings.createStringBinding(
                () -> vm.saleProperty().get() == null ? beforeSale.get() : vm.saleProperty().get().price().format(),
                vm.saleProperty()));
        return amount;
    }

    /** The payment's message (why the last try did not go through), in the customer's language, with a warning sign. */
    static Label message(PaymentViewModel pay, I18n i, String id) {
        Label message = new Label();
        message.setId(id);
        message.getStyleClass().add("error");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = i.text(pay.messageProperty().get());
            return t.isEmpty() ? "" : "⚠ " + t;
        }, pay.messageProperty(), i.languageProperty()));
        return message;
    }
}
