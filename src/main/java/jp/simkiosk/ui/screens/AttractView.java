package jp.simkiosk.ui.screens;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import jp.simkiosk.domain.Language;

/**
 * The idle loop: a welcome that cycles through the kiosk's languages, "touch to start", and a button per
 * language that starts the session in it. A touch anywhere else starts in the current language.
 */
public final class AttractView {

    private AttractView() {}

    public static Node build(ViewContext ctx) {
        Label welcome = new Label();
        welcome.setId("attractWelcome");
        welcome.getStyleClass().add("attract-title");
        welcome.setWrapText(true);
        welcome.setMaxWidth(Double.MAX_VALUE);
        welcome.setAlignment(Pos.CENTER);
        Label sub = new Label();
        sub.getStyleClass().add("attract-subtitle");
        sub.setWrapText(true);
        sub.setMaxWidth(Double.MAX_VALUE);
        sub.setAlignment(Pos.CENTER);

        int[] shown = {0};
        Runnable showNext = () -> {
            Language l = ctx.languages().get(shown[0] % ctx.languages().size());
            welcome.setText(ctx.i18n().text(l, "attract.welcome"));
            sub.setText(ctx.i18n().text(l, "attract.subtitle"));
            welcome.setStyle(FontStyles.familyFor(l));
            sub.setStyle(FontStyles.familyFor(l));
            shown[0]++;
        };
        showNext.run();
        Timeline loop = new Timeline(new KeyFrame(Duration.seconds(3), e -> showNext.run()));
        loop.setCycleCount(Timeline.INDEFINITE);
        loop.play();

        Button start = new Button();
        start.setId("startButton");
        start.getStyleClass().addAll("touch", "primary", "attract-start");
        start.textProperty().bind(ctx.i18n().bind("attract.touchToStart"));
        start.setOnAction(e -> ctx.vm().start());
        start.setWrapText(true);

        FlowPane langs = new FlowPane(16, 16);
        langs.setAlignment(Pos.CENTER);
        for (Language l : ctx.languages()) {
            Button b = new Button(l.nativeName());
            b.setId("start-" + l.tag());
            b.getStyleClass().addAll("touch", "language-big");
            b.setStyle(FontStyles.familyFor(l));
            b.setOnAction(e -> ctx.vm().start(l));
            langs.getChildren().add(b);
        }

        Region top = new Region();
        Region bottom = new Region();
        VBox.setVgrow(top, Priority.ALWAYS);
        VBox.setVgrow(bottom, Priority.ALWAYS);
        VBox box = new VBox(32, top, welcome, sub, start, langs, bottom);
        box.setId("attractScreen");
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("attract");
        box.setOnMouseClicked(e -> {
            if (e.getTarget() == box || e.getTarget() == welcome || e.getTarget() == sub) ctx.vm().start();
        });
        box.sceneProperty().addListener((o, was, now) -> {
            if (now == null) loop.stop();
        });
        return box;
    }
}
