package jp.simkiosk.ui.screens;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
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

    private PlansView() {}

    /** The renewal's plans for the line it identified. */
    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        RenewalViewModel vm = ctx.vm().renewal();
        LineStatus line = vm.lineProperty().get();
        return build(ctx, i.bind("plans.title"), Bindings.createStringBinding(() -> line == null ? "" : line.expiry()
                        .map(e -> i.text("plans.lineWithExpiry", line.lineId().display(), ctx.formats().dateTime(e)))
                        .orElse(i.text("plans.line", line.lineId().display())),
                i.languageProperty()), vm.sortedOffers(), vm::choosePlan, "plansScreen");
    }

    /** The plans of a new SIM or eSIM. */
    public static Node buildPurchase(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();
        return build(ctx, i.bind("buy.plans.title." + vm.kindProperty().get().name()), i.bind("buy.plans.hint"),
                vm.sortedOffers(), vm::choosePlan, "purchasePlansScreen");
    }

    private static Node build(ViewContext ctx, ObservableValue<String> title, ObservableValue<String> info,
                              List<PlanOffer> offers, Consumer<PlanOffer> choose, String id) {
        Label lineInfo = new Label();
        lineInfo.setId("lineInfo");
        lineInfo.getStyleClass().add("hint");
        lineInfo.setWrapText(true);
        lineInfo.textProperty().bind(info);

        TilePane cards = new TilePane(16, 16);
        cards.setId("planCards");
        cards.setPrefColumns(2);
        cards.setAlignment(Pos.TOP_CENTER);
        for (PlanOffer offer : offers) cards.getChildren().add(card(ctx, offer, choose));

        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        // the list takes the room left under the title, never the title's own (a long title wraps, not cut short)
        scroll.setPrefViewportHeight(100);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        VBox box = new VBox(16, Widgets.label(title, "title"), lineInfo, scroll);
        box.setId(id);
        box.getStyleClass().add("screen");
        return box;
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
        Region filler = new Region();
        VBox.setVgrow(filler, Priority.ALWAYS);

        Button b = new Button();
        b.setId("plan-" + p.id());
        b.setGraphic(content);
        b.getStyleClass().addAll("touch", "plan-card");
        if (!offer.sellable()) b.getStyleClass().add("unavailable");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setWrapText(true); // the card's height then follows its width, as its wrapped labels' does (see Widgets.choice)
        b.setOnAction(e -> choose.accept(offer));
        return b;
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
