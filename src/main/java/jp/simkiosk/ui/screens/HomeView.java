package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.Widgets;

/**
 * Choose what to do: renew a line, buy a new data SIM, buy a new eSIM. A journey that cannot be sold now
 * (no SIMs left in the dispenser) is not shown at all.
 */
public final class HomeView {

    private HomeView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel purchase = ctx.vm().purchase();
        Button renew = Widgets.button("renewButton", i.bind("home.renew"), ctx.vm()::chooseRenewal, "primary", "choice");
        Button newSim = choice(i, "newSimButton", "home.newSim", "home.newSim.hint", purchase::chooseNewSim);
        Button newEsim = choice(i, "newEsimButton", "home.newEsim", "home.newEsim.hint", purchase::chooseNewEsim);
        newSim.visibleProperty().bind(purchase.newSimOfferedProperty());
        newSim.managedProperty().bind(newSim.visibleProperty());
        newEsim.visibleProperty().bind(purchase.newEsimOfferedProperty());
        newEsim.managedProperty().bind(newEsim.visibleProperty());
        for (Button b : new Button[] {renew, newSim, newEsim}) b.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(24, Widgets.label(i.bind("home.title"), "title"), renew, newSim, newEsim);
        box.setId("homeScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }

    /** A big choice button with a line of explanation under its title. */
    private static Button choice(I18n i, String id, String titleKey, String hintKey, Runnable action) {
        Label title = Widgets.label(i.bind(titleKey), "choice-title");
        Label hint = Widgets.label(i.bind(hintKey), "choice-hint");
        VBox content = new VBox(4, title, hint);
        Button b = new Button();
        b.setId(id);
        b.setGraphic(content);
        b.getStyleClass().addAll("touch", "choice");
        b.setOnAction(e -> action.run());
        return b;
    }
}
