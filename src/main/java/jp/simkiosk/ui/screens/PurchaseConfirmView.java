package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import jp.simkiosk.application.PurchaseQuote;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.Widgets;

/** Check a new SIM or eSIM before paying: what you get, the plan, until when it is valid, the total with its tax. */
public final class PurchaseConfirmView {

    private PurchaseConfirmView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();
        PurchaseQuote q = vm.quoteProperty().get();
        GridPane rows = ConfirmView.rows("purchaseRows");

        int r = 0;
        ConfirmView.add(rows, r++, i.bind("buy.confirm.product"), i.bind("buy.confirm.product." + q.plan().kind().name()),
                "purchaseProduct");
        ConfirmView.add(rows, r++, i.bind("confirm.plan"), Bindings.createStringBinding(
                () -> q.plan().name().in(i.language()), i.languageProperty()), "purchasePlan");
        ConfirmView.add(rows, r++, i.bind("buy.confirm.validUntil"), Bindings.createStringBinding(
                () -> ctx.formats().dateTime(q.validUntil()), i.languageProperty()), "purchaseValidUntil");
        ConfirmView.addTotal(rows, r, i, q.tax(), "purchaseTotal", "purchaseTax");

        VBox box = new VBox(24, Widgets.label(i.bind("buy.confirm.title"), "title"), rows,
                Widgets.label(i.bind("buy.confirm.note." + q.plan().kind().name()), "hint"),
                ConfirmView.payButton(ctx, vm::pay));
        box.setId("purchaseConfirmScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
