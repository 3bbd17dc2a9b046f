package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import jp.simkiosk.ui.Widgets;

/** Choose what to do: renew a line; buying a new SIM or eSIM comes later and says so. */
public final class HomeView {

    private HomeView() {}

    public static Node build(ViewContext ctx) {
        var i = ctx.i18n();
        Button renew = Widgets.button("renewButton", i.bind("home.renew"), ctx.vm()::chooseRenewal, "primary", "choice");
        Button newSim = Widgets.button("newSimButton", i.bind("home.newSim.comingSoon"), () -> { }, "choice");
        Button newEsim = Widgets.button("newEsimButton", i.bind("home.newEsim.comingSoon"), () -> { }, "choice");
        newSim.setDisable(true);
        newEsim.setDisable(true);
        for (Button b : new Button[] {renew, newSim, newEsim}) b.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(24, Widgets.label(i.bind("home.title"), "title"), renew, newSim, newEsim);
        box.setId("homeScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
