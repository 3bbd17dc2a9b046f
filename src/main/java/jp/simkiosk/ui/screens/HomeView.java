package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
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
        Button newSim = Widgets.choice("newSimButton", i.bind("home.newSim"), i.bind("home.newSim.hint"),
                purchase::chooseNewSim);
        Button newEsim = Widgets.choice("newEsimButton", i.bind("home.newEsim"), i.bind("home.newEsim.hint"),
                purchase::chooseNewEsim);
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
}
