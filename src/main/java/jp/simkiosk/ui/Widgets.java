package jp.simkiosk.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

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

    /**
     * A big choice button: a title and a line of explanation under it, both wrapping. The button wraps too, which
     * makes its height depend on its width: otherwise JavaFX asks its height for no width in particular, measures
     * the wrapped labels at their narrowest, and makes the button far too tall.
     */
    public static Button choice(String id, ObservableValue<String> title, ObservableValue<String> hint, Runnable action) {
        VBox content = new VBox(4, label(title, "choice-title"), label(hint, "choice-hint"));
        Button b = new Button();
        b.setId(id);
        b.setGraphic(content);
        b.getStyleClass().addAll("touch", "choice");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setWrapText(true);
        b.setOnAction(e -> action.run());
        return b;
    }
}
