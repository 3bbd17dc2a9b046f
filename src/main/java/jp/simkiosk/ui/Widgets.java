package jp.simkiosk.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** Small builders for the kiosk's touch-sized controls, so that every screen looks and reacts alike. */
public final class Widgets {

    private Widgets() {}

    public static Label label(ObservableValue<String> text, String... styleClasses) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    public static Button button(String id, ObservableValue<String> text, Runnable action, String... styleClasses) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(text);
        b.setWrapText(true);
        b.getStyleClass().add("touch");
        b.getStyleClass().addAll(styleClasses);
        b.setOnAction(e -> action.run());
        return b;
    }
}
