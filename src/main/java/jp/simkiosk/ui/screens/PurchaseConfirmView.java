package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.simkiosk.application.PurchaseQuote;
import jp.simkiosk.domain.tax.TaxSummary;
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
        GridPane rows = new GridPane();
        rows.setId("purchaseRows");
        rows.setHgap(16);
        rows.setVgap(12);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setHalignment(HPos.RIGHT);
        rows.getColumnConstraints().addAll(labels, values);

        int r = 0;
        ConfirmView.add(rows, r++, i.bind("buy.confirm.product"), i.bind("buy.confirm.product." + q.plan().kind().name()),
                "purchaseProduct");
        ConfirmView.add(rows, r++, i.bind("confirm.plan"), Bindings.createStringBinding(
                () -> q.plan().name().in(i.language()), i.languageProperty()), "purchasePlan");
        ConfirmView.add(rows, r++, i.bind("buy.confirm.validUntil"), Bindings.createStringBinding(
                () -> ctx.formats().dateTime(q.validUntil()), i.languageProperty()), "purchaseValidUntil");
        Label total = ConfirmView.add(rows, r++, i.bind("confirm.total"), ConfirmView.fixed(q.tax().total().format()),
                "purchaseTotal");
        total.getStyleClass().add("total");
        for (TaxSummary.RateTotal rate : q.tax().rates()) {
            ConfirmView.add(rows, r++, ConfirmView.fixed(""), i.bind("confirm.taxLine", rate.rate().percent(),
                    rate.tax().format()), "purchaseTax");
        }

        VBox box = new VBox(24, Widgets.label(i.bind("buy.confirm.title"), "title"), rows,
                Widgets.label(i.bind("buy.confirm.note." + q.plan().kind().name()), "hint"),
                ConfirmView.payButton(ctx, vm::pay));
        box.setId("purchaseConfirmScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
