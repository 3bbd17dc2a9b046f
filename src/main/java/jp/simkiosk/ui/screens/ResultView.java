package jp.simkiosk.ui.screens;

import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.Outcome;
import jp.simkiosk.ui.Widgets;

/**
 * The end of the session: thank you and the new expiry, or — when the plan could not be renewed or the new
 * SIM or eSIM not delivered — why, what happens to the money and the refund slip, with the reference number
 * to quote to support.
 */
public final class ResultView {

    /**
     * The reasons a customer is told on this screen (the others cannot end a paid sale, or the outcome's own
     * text says it, as for a SIM not taken).
     */
    public static final Set<FailureReason> REASONS_SHOWN = Set.of(FailureReason.RENEWAL_REJECTED,
            FailureReason.ACTIVATION_REJECTED, FailureReason.UPSTREAM_UNAVAILABLE, FailureReason.DISPENSER_FAILED,
            FailureReason.JOURNAL_UNAVAILABLE);

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

        boolean good = outcome.success();
        Label reason = new Label();
        reason.setId("resultReason");
        reason.getStyleClass().add("result-detail");
        reason.setWrapText(true);
        FailureReason why = sale == null || good ? null
                : sale.failure().filter(REASONS_SHOWN::contains).orElse(null);
        reason.setVisible(why != null);
        reason.setManaged(why != null);
        reason.textProperty().bind(Bindings.createStringBinding(
                () -> why == null ? "" : i.text("result.reason." + why.name()), i.languageProperty()));

        // not delivered: the paper is the refund slip, saying what happened to the money
        String paper = good ? "Receipt" : "Slip";
        Label receipt = new Label();
        receipt.setId("resultReceipt");
        receipt.getStyleClass().add("hint");
        receipt.setWrapText(true);
        receipt.textProperty().bind(Bindings.createStringBinding(() -> vm.receiptPrintedProperty().get()
                ? i.text("result.take" + paper) : i.text("result.no" + paper), vm.receiptPrintedProperty(), i.languageProperty()));

        Label reference = Widgets.label(i.bind("result.reference", ref), "reference");
        reference.setId("resultReference");

        Button done = Widgets.button("doneButton", i.bind("result.done"), vm::finish, "primary");
        done.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(24, title, reason, detail, receipt, reference, done);
        box.setId("resultScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().addAll("screen", good ? "success" : "failure");
        return box;
    }
}
