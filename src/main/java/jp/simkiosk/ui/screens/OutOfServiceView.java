package jp.simkiosk.ui.screens;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.Language;

/**
 * "Out of service", in every language the kiosk offers at once (nobody has chosen one), with the
 * support contact. It goes away by itself when the kiosk is back in service.
 */
public final class OutOfServiceView {

    private OutOfServiceView() {}

    public static Node build(ViewContext ctx) {
        VBox box = new VBox(28);
        box.setId("outOfServiceScreen");
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().addAll("screen", "out-of-service");
        for (Language l : ctx.languages()) {
            Label title = new Label(ctx.i18n().text(l, "outOfService.title"));
            title.getStyleClass().add("oos-title");
            title.setStyle(FontStyles.familyFor(l));
            title.setWrapText(true);
            Label body = new Label(ctx.i18n().text(l, "outOfService.body", ctx.supportContact()));
            body.getStyleClass().add("hint");
            body.setStyle(FontStyles.familyFor(l));
            body.setWrapText(true);
            VBox one = new VBox(4, title, body);
            one.setAlignment(Pos.CENTER);
            box.getChildren().add(one);
        }
        return box;
    }
}
