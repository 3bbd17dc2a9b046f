package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.Widgets;

/**
 * Before a new eSIM: the phone must support eSIM and be unlocked, and how to find out; it needs internet to
 * install. "My phone is ready" goes on to the plans; "Buy a SIM card instead" to the SIM plans, when the
 * kiosk has SIMs.
 */
public final class EsimCheckView {

    private EsimCheckView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();
        VBox points = new VBox(14,
                Widgets.label(i.bind("esimCheck.supports"), "check-point"),
                Widgets.label(i.bind("esimCheck.supports.how"), "hint"),
                Widgets.label(i.bind("esimCheck.unlocked"), "check-point"),
                Widgets.label(i.bind("esimCheck.unlocked.how"), "hint"),
                Widgets.label(i.bind("esimCheck.internet"), "check-point"));
        Button ready = Widgets.button("esimReadyButton", i.bind("esimCheck.ready"), vm::esimPhoneReady, "primary");
        ready.setMaxWidth(Double.MAX_VALUE);
        Button sim = Widgets.button("simInsteadButton", i.bind("esimCheck.simInstead"), vm::simInstead, "secondary");
        sim.setMaxWidth(Double.MAX_VALUE);
        sim.visibleProperty().bind(vm.newSimOfferedProperty());
        sim.managedProperty().bind(sim.visibleProperty());
        VBox box = new VBox(24, Widgets.label(i.bind("esimCheck.title"), "title"), points, ready, sim);
        box.setId("esimCheckScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
