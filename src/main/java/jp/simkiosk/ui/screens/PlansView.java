package jp.simkiosk.ui.screens;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.RenewalViewModel;
import jp.simkiosk.ui.Widgets;

/**
 * Choose a plan: one card per plan with data, days, voice/SMS and price — a renewal's plans for its line, or
 * the plans of a new SIM or eSIM. Plans this kiosk may not sell (identity check needed, not allowed for this
 * line) are shown greyed with the reason.
 */
public final class PlansView {

    private static final int COLUMNS = 2;

    private PlansView() {}

    /** The renewal's plans for the line it identified (or, offline, for the form the customer says). */
    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        RenewalViewModel vm = ctx.vm().renewal();
        if (vm.offline()) return offline(ctx, vm);
        LineStatus line = vm.lineProperty().get();
        return build(i.bind("plans.title"), Bindings.createStringBinding(() -> line == null ? "" : line.expiry()
                        .map(e -> i.text("plans.lineWithExpiry", line.lineId().display(), ctx.formats().dateTime(e)))
                        .orElse(i.text("plans.line", line.lineId().display())),
                i.languageProperty()), cardList(ctx, vm.sortedOffers(), vm::choosePlan), "plansScreen");
    }

    /** The plans of a new SIM or eSIM. */
    public static Node buildPurchase(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();
        return build(i.bind("buy.plans.title." + vm.kindProperty().get().name()), i.bind("buy.plans.hint"),
                cardList(ctx, vm.sortedOffers(), vm::choosePlan), "purchasePlansScreen");
    }

    private static Node build(ObservableValue<String> title, ObservableValue<String> info, Node cards, String id) {
        Label lineInfo = new Label();
        lineInfo.setId("lineInfo");
        lineInfo.getStyleClass().add("hint");
        lineInfo.setWrapText(true);
        lineInfo.textProperty().bind(info);

        VBox box = new VBox(16, Widgets.label(title, "title"), lineInfo, cards);
        box.setId(id);
        box.getStyleClass().add("screen");
        return box;
    }

    /**
     * Upstream cannot be reached: say so, ask whether the line is a SIM card or an eSIM, then show the plans
     * that may be sold offline for that form.
     */
    private static Node offline(ViewContext ctx, RenewalViewModel vm) {
        I18n i = ctx.i18n();
        Label notice = Widgets.label(i.bind("plans.offline.notice"), "notice");
        notice.setId("offlineNotice");
        javafx.scene.control.Button sim = Widgets.button("formSim", i.bind("plans.offline.sim"),
                () -> vm.chooseOfflineForm(jp.simkiosk.domain.plan.LineForm.PHYSICAL_SIM), "choice-small");
        javafx.scene.control.Button esim = Widgets.button("formEsim", i.bind("plans.offline.esim"),
                () -> vm.chooseOfflineForm(jp.simkiosk.domain.plan.LineForm.ESIM), "choice-small");
        javafx.scene.layout.HBox forms = new javafx.scene.layout.HBox(20, sim, esim);
        VBox box = new VBox(16, Widgets.label(i.bind("plans.title"), "title"), notice,
                Widgets.label(i.bind("plans.offline.form"), "hint"), forms);
        box.setId("plansScreen");
        box.getStyleClass().add("screen");
        Runnable refresh = () -> {
            var form = vm.offlineFormProperty().get();
            sim.pseudoClassStateChanged(CHOSEN, form == jp.simkiosk.domain.plan.LineForm.PHYSICAL_SIM);
            esim.pseudoClassStateChanged(CHOSEN, form == jp.simkiosk.domain.plan.LineForm.ESIM);
            if (box.getChildren().size() > 4) box.getChildren().remove(4);
            if (form != null) box.getChildren().add(cardList(ctx, vm.sortedOffers(), vm::choosePlan));
        };
        vm.offlineFormProperty().addListener((o, was, now) -> refresh.run());
        refresh.run();
        return box;
    }

    private static final javafx.css.PseudoClass CHOSEN = javafx.css.PseudoClass.getPseudoClass("selected");

    private static Node cardList(ViewContext ctx, List<PlanOffer> offers, Consumer<PlanOffer> choose) {
        GridPane cards = new GridPane();
        cards.setId("planCards");
        cards.setHgap(20);
        cards.setVgap(20);
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints col = new ColumnConstraints();
            col.setPercentWidth(100.0 / COLUMNS);
            col.setFillWidth(true);
            cards.getColumnConstraints().add(col);
        }
        for (int k = 0; k < offers.size(); k++) {
            Node card = card(ctx, offers.get(k), choose);
            GridPane.setFillHeight(card, true);
            cards.add(card, k % COLUMNS, k / COLUMNS);
        }

        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        // the list takes the room left under the title, never the title's own (a long title wraps, not cut short)
        scroll.setPrefViewportHeight(100);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    private static Node card(ViewContext ctx, PlanOffer offer, Consumer<PlanOffer> choose) {
        I18n i = ctx.i18n();
        Plan p = offer.plan();
        Label name = new Label();
        name.getStyleClass().add("plan-name");
        name.setWrapText(true);
        name.textProperty().bind(Bindings.createStringBinding(() -> p.name().in(i.language()), i.languageProperty()));

        Label data = new Label();
        data.getStyleClass().add("plan-data");
        data.textProperty().bind(Bindings.createStringBinding(() -> p.data().unlimited()
                ? i.text("plan.unlimited") : p.data().amountText(), i.languageProperty()));

        Label days = Widgets.label(i.bind("plan.days", p.validityDays()), "plan-detail");
        Label extras = new Label();
        extras.getStyleClass().add("plan-detail");
        extras.setWrapText(true);
        extras.textProperty().bind(Bindings.createStringBinding(() -> extrasText(i, p), i.languageProperty()));

        Label desc = new Label();
        desc.getStyleClass().add("plan-desc");
        desc.setWrapText(true);
        desc.textProperty().bind(Bindings.createStringBinding(() -> p.description().in(i.language()), i.languageProperty()));

        Label price = new Label(p.price().format());
        price.getStyleClass().add("plan-price");
        Label taxNote = Widgets.label(i.bind("plan.taxIncluded"), "plan-detail");
        HBox priceRow = new HBox(8, price, taxNote);
        priceRow.setAlignment(Pos.BASELINE_LEFT);

        VBox content = new VBox(6, name, data, days, extras, desc, priceRow);
        if (!offer.sellable()) {
            Label why = Widgets.label(i.bind("plan.unavailable." + offer.availability().name()), "plan-unavailable");
            content.getChildren().add(why);
        }
        // a card is one big touch target; a VBox (not a Button with a graphic) so that its texts wrap
        content.setId("plan-" + p.id());
        content.getStyleClass().addAll("touch", "plan-card");
        if (!offer.sellable()) content.getStyleClass().add("unavailable");
        content.setMaxWidth(Double.MAX_VALUE);
        content.setMaxHeight(Double.MAX_VALUE);
        content.setOnMouseClicked(e -> choose.accept(offer));
        for (Node n : content.getChildren()) {
            if (n instanceof Label l) {
                l.setMaxWidth(Double.MAX_VALUE);
                l.setWrapText(true);
            }
        }
        return content;
    }

    private static String extrasText(I18n i, Plan p) {
        StringBuilder sb = new StringBuilder();
        if (p.voiceMinutes().isPresent()) sb.append(i.text("plan.voice", p.voiceMinutes().getAsInt()));
        if (p.sms().isPresent()) {
            if (sb.length() > 0) sb.append(" · ");
            sb.append(p.sms().getAsInt() == 0 ? i.text("plan.smsUnlimited") : i.text("plan.sms", p.sms().getAsInt()));
        }
        if (sb.length() == 0) sb.append(i.text("plan.dataOnly"));
        return sb.toString();
    }
}
