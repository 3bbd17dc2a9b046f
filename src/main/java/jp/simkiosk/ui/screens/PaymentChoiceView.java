package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.PaymentViewModel;
import jp.simkiosk.ui.Widgets;

/**
 * How would you like to pay: one big button per method the kiosk's configuration enables, in its order, each
 * with the brands customers recognise (card networks, transport IC cards, QR wallets), and why the last try
 * did not go through when it did not (an expired or cancelled QR code: nothing was charged).
 */
public final class PaymentChoiceView {

    private PaymentChoiceView() {}

    public static Node build(ViewContext ctx) {
        JourneyViewModel vm = ctx.vm();
        PaymentViewModel pay = vm.payment();
        I18n i = ctx.i18n();

        Label total = PaymentLabels.amount(vm, "choiceTotal", () -> amountOfQuote(ctx));

        Label message = PaymentLabels.message(pay, i, "choiceMessage");
        message.managedProperty().bind(message.textProperty().isNotEmpty());

        VBox box = new VBox(20, Widgets.label(i.bind("pay.title"), "title"), total, message);
        for (PaymentMethod m : pay.methods()) {
            Button b = Widgets.choice("pay-" + m.tag(), i.bind("pay.method." + m.name()),
                    i.bind("pay.brands." + m.name()), () -> pay.choose(m));
            b.disableProperty().bind(vm.busyProperty());
            box.getChildren().add(b);
        }
        box.setId("paymentChoiceScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }

    /** Before the sale is opened, the total is the quote's. */
    private static String amountOfQuote(ViewContext ctx) {
        var renewal = ctx.vm().renewal().quoteProperty().get();
        if (renewal != null) return renewal.tax().total().format();
        var purchase = ctx.vm().purchase().quoteProperty().get();
        return purchase == null ? "" : purchase.tax().total().format();
    }
}
