package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.Outcome;
import jp.simkiosk.ui.Widgets;

/**
 * The end of the session: thank you and the new expiry, or — when the plan could not be renewed or the new
 * SIM or eSIM not delivered — what happens to the money, with the reference number to quote to support.
 */
public final class ResultView {

    private ResultView() {}

    public static Node build(ViewContext ctx) {
        JourneyViewModel vm = ctx.vm();
        I18n i = ctx.i18n();
        Outcome outcome = vm.outcomeProperty().get();
        Sale sale = vm.saleProperty().get();
        String ref = sale == null ? "" : sale.reference();

        Label title = Widgets.label(i.bind("result.title." + outcome.name()), "title");
        title.setId("resultTitle");

        Label detail = new Label();
        detail.setId("resultDetail");
        detail.getStyleClass().add("result-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(Bindings.createStringBinding(() -> {
            if (outcome.showsExpiry() && sale != null && sale.newExpiry().isPresent()) {
                return i.text("result.detail." + outcome.name(), ctx.formats().dateTime(sale.newExpiry().get()));
            }
            return i.text("result.detail." + outcome.name(), ctx.supportContact());
        }, i.languageProperty()));

        Label receipt = new Label();
        receipt.setId("resultReceipt");
        receipt.getStyleClass().add("hint");
        receipt.setWrapText(true);
        receipt.textProperty().bind(Bindings.createStringBinding(() -> vm.receiptPrintedProperty().get()
                ? i.text("result.takeReceipt") : i.text("result.noReceipt"), vm.receiptPrintedProperty(), i.languageProperty()));

        Label reference = Widgets.label(i.bind("result.reference", ref), "reference");
        reference.setId("resultReference");

        Button done = Widgets.button("doneButton", i.bind("result.done"), vm::finish, "primary");
        done.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(24, title, detail, receipt, reference, done);
        box.setId("resultScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().addAll("screen", outcome.success() ? "success" : "failure");
        return box;
    }
}
