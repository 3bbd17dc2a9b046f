package jp.simkiosk.ui.screens;

import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.PurchaseViewModel.SimPhase;
import jp.simkiosk.ui.Widgets;

/**
 * The new SIM's hand-over: "preparing your SIM" while it is read and activated; then an animation of the
 * card coming out of the slot below the screen, an arrow pointing down to it, and a countdown to take it;
 * then printing.
 */
public final class SimDispenseView {

    private SimDispenseView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();

        Label title = phaseText(vm, i, "simTitle", "title", "sim.title.");
        Label hint = phaseText(vm, i, "simHint", "result-detail", "sim.hint.");

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(96, 96);
        spinner.visibleProperty().bind(vm.simPhaseProperty().isNotEqualTo(SimPhase.TAKE));
        spinner.managedProperty().bind(spinner.visibleProperty());

        Node animation = slotAnimation(vm);

        Label countdown = new Label();
        countdown.setId("simCountdown");
        countdown.getStyleClass().addAll("countdown", "take-countdown");
        countdown.textProperty().bind(Bindings.createStringBinding(
                () -> i.text("sim.take.countdown", vm.takeSecondsLeftProperty().get()),
                vm.takeSecondsLeftProperty(), i.languageProperty()));
        countdown.visibleProperty().bind(vm.simPhaseProperty().isEqualTo(SimPhase.TAKE));

        VBox box = new VBox(20, title, hint, spinner, animation, countdown);
        box.setId("simDispenseScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }

    /** A text that follows the hand-over's phase: {@code keyPrefix} and the phase's name; none without a phase. */
    private static Label phaseText(PurchaseViewModel vm, I18n i, String id, String styleClass, String keyPrefix) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            SimPhase ph = vm.simPhaseProperty().get();
            return ph == null ? "" : i.text(keyPrefix + ph.name());
        }, vm.simPhaseProperty(), i.languageProperty()));
        return l;
    }

    /**
     * A slot in the kiosk's front with the SIM card sliding out of it and an arrow bouncing towards it, shown
     * while the SIM waits to be taken. The animations stop when the screen is left.
     */
    private static Node slotAnimation(PurchaseViewModel vm) {
        Pane pane = new Pane();
        pane.setId("simAnimation");
        pane.setPrefSize(320, 260);
        pane.setMaxSize(320, 260);

        Polygon arrow = new Polygon(140, 0, 180, 0, 180, 50, 205, 50, 160, 95, 115, 50, 140, 50);
        arrow.setFill(Color.web("#0051c7"));

        // the SIM card: a rounded card with a cut corner, a gold chip and the word SIM
        Rectangle card = new Rectangle(110, 120, 100, 64);
        card.setArcWidth(10);
        card.setArcHeight(10);
        card.setFill(Color.WHITE);
        card.setStroke(Color.web("#14213d"));
        card.setStrokeWidth(3);
        Rectangle chip = new Rectangle(125, 138, 30, 26);
        chip.setArcWidth(6);
        chip.setArcHeight(6);
        chip.setFill(Color.web("#d4a017"));
        Text sim = new Text(165, 160, "SIM");
        sim.setFill(Color.web("#14213d"));
        sim.setStyle("-fx-font-family: \"DejaVu Sans\"; -fx-font-size: 18px; -fx-font-weight: bold;");
        Pane simCard = new Pane(card, chip, sim);

        // the slot in the kiosk's front panel, in front of the card's lower part
        Rectangle front = new Rectangle(40, 196, 240, 64);
        front.setFill(Color.web("#0b2545"));
        Rectangle slot = new Rectangle(95, 190, 130, 12);
        slot.setArcWidth(6);
        slot.setArcHeight(6);
        slot.setFill(Color.web("#333b48"));
        Text label = new Text(133, 238, "SIM ▼");
        label.setFill(Color.WHITE);
        label.setStyle("-fx-font-family: \"DejaVu Sans\"; -fx-font-size: 20px; -fx-font-weight: bold;");

        pane.getChildren().addAll(arrow, simCard, front, slot, label);

        TranslateTransition cardOut = new TranslateTransition(Duration.millis(900), simCard);
        cardOut.setFromY(50);
        cardOut.setToY(0);
        cardOut.setAutoReverse(true);
        cardOut.setCycleCount(Animation.INDEFINITE);
        cardOut.setInterpolator(Interpolator.EASE_BOTH);
        TranslateTransition bounce = new TranslateTransition(Duration.millis(600), arrow);
        bounce.setFromY(0);
        bounce.setToY(18);
        bounce.setAutoReverse(true);
        bounce.setCycleCount(Animation.INDEFINITE);

        pane.visibleProperty().bind(vm.simPhaseProperty().isEqualTo(SimPhase.TAKE));
        pane.managedProperty().bind(pane.visibleProperty());
        pane.visibleProperty().addListener((o, was, now) -> {
            if (now) {
                cardOut.play();
                bounce.play();
            } else {
                cardOut.stop();
                bounce.stop();
            }
        });
        pane.sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                cardOut.stop();
                bounce.stop();
            }
        });
        if (pane.isVisible()) {
            cardOut.play();
            bounce.play();
        }
        return pane;
    }
}
