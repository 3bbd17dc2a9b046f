package jp.simkiosk.ui.screens;

import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import jp.simkiosk.application.Quote;
import jp.simkiosk.domain.tax.TaxSummary;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Widgets;

/** Check a renewal before paying: the line, the plan, current and new expiry, the total with its tax. */
public final class ConfirmView {

    private ConfirmView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        Quote q = ctx.vm().renewal().quoteProperty().get();
        GridPane rows = rows("confirmRows");

        int r = 0;
        add(rows, r++, i.bind("confirm.line"), fixed(q.line().lineId().display()), "confirmLine");
        add(rows, r++, i.bind("confirm.plan"), Bindings.createStringBinding(() -> q.plan().name().in(i.language()),
                i.languageProperty()), "confirmPlan");
        if (q.line().expiry().isPresent()) {
            add(rows, r++, i.bind("confirm.currentExpiry"), Bindings.createStringBinding(
                    () -> ctx.formats().dateTime(q.line().expiry().get()), i.languageProperty()), "confirmCurrentExpiry");
        }
        boolean offline = ctx.vm().renewal().offline();
        add(rows, r++, i.bind("confirm.newExpiry"), Bindings.createStringBinding(() -> offline
                ? i.text("confirm.offline.expiry", ctx.formats().dateTime(q.newExpiry()))
                : ctx.formats().dateTime(q.newExpiry()), i.languageProperty()), "confirmNewExpiry");
        addTotal(rows, r, i, q.tax(), "confirmTotal", "confirmTax");

        Button pay = payButton(ctx, ctx.vm().renewal()::pay);

        VBox box = new VBox(24, Widgets.label(i.bind("confirm.title"), "title"), rows,
                acceptedMethods(ctx), pay);
        box.setId("confirmScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }

    /** "Go to payment" (or "Pay by card", when the card is the only way), shared with the purchase confirm screen. */
    static Button payButton(ViewContext ctx, Runnable action) {
        var methods = ctx.vm().payment().methods();
        String key = methods.size() == 1 ? "pay.with." + methods.get(0).name() : "pay.next";
        Button pay = Widgets.button("payButton", ctx.i18n().bind(key), action, "primary");
        pay.setMaxWidth(Double.MAX_VALUE);
        pay.disableProperty().bind(ctx.vm().busyProperty());
        return pay;
    }

    /** The payment methods this kiosk takes, in the order of the choice screen: "Credit or debit card · …". */
    static Label acceptedMethods(ViewContext ctx) {
        I18n i = ctx.i18n();
        Label l = new Label();
        l.setId("acceptedMethods");
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> ctx.vm().payment().methods().stream()
                .map(m -> i.text("pay.method." + m.name())).collect(Collectors.joining(" · ")), i.languageProperty()));
        return l;
    }

    /** The grid of a confirm screen: labels on the left, values on the right. */
    static GridPane rows(String id) {
        GridPane rows = new GridPane();
        rows.setId(id);
        rows.setHgap(16);
        rows.setVgap(12);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setHalignment(HPos.RIGHT);
        rows.getColumnConstraints().addAll(labels, values);
        return rows;
    }

    /** The total, then a line per tax rate, from {@code row} on; shared with the purchase confirm screen. */
    static void addTotal(GridPane rows, int row, I18n i, TaxSummary tax, String totalId, String taxId) {
        int r = row;
        Label total = add(rows, r++, i.bind("confirm.total"), fixed(tax.total().format()), totalId);
        total.getStyleClass().add("total");
        for (TaxSummary.RateTotal rate : tax.rates()) {
            add(rows, r++, fixed(""), i.bind("confirm.taxLine", rate.rate().percent(), rate.tax().format()), taxId);
        }
    }

    static ObservableValue<String> fixed(String s) {
        return Bindings.createStringBinding(() -> s);
    }

    static Label add(GridPane grid, int row, ObservableValue<String> label, ObservableValue<String> value, String id) {
        Label l = Widgets.label(label, "row-label");
        Label v = Widgets.label(value, "row-value");
        v.setId(id);
        grid.add(l, 0, row);
        grid.add(v, 1, row);
        return v;
    }
}
