package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.LineIds;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.ui.RenewalViewModel;
import jp.simkiosk.ui.Widgets;

/**
 * Identify the line: an on-screen keypad for the phone number or the ICCID printed on the SIM card,
 * checked on every key press, with the reason in the customer's language when it cannot be right.
 */
public final class IdentifyView {

    private IdentifyView() {}

    public static Node build(ViewContext ctx) {
        RenewalViewModel vm = ctx.vm().renewal();
        BooleanProperty busy = ctx.vm().busyProperty();
        var i = ctx.i18n();

        Label display = new Label();
        display.setId("lineDisplay");
        display.getStyleClass().add("entry");
        display.setMaxWidth(Double.MAX_VALUE);
        display.textProperty().bind(Bindings.createStringBinding(() -> shown(vm.lineInputProperty().get()),
                vm.lineInputProperty()));

        Label kind = new Label();
        kind.setId("lineKind");
        kind.getStyleClass().add("hint");
        kind.textProperty().bind(Bindings.createStringBinding(() -> i.text(kindKey(vm.lineCheckProperty().get())),
                vm.lineCheckProperty(), i.languageProperty()));

        Label error = new Label();
        error.setId("identifyError");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(Bindings.createStringBinding(() -> {
            String t = i.text(vm.identifyErrorProperty().get());
            return t.isEmpty() ? "" : "⚠ " + t;
        }, vm.identifyErrorProperty(), i.languageProperty()));

        GridPane keypad = new GridPane();
        keypad.setId("keypad");
        keypad.setHgap(12);
        keypad.setVgap(12);
        keypad.setAlignment(Pos.CENTER);
        String[] keys = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "⌫"};
        for (int k = 0; k < keys.length; k++) {
            String key = keys[k];
            Button b = new Button(key);
            b.getStyleClass().addAll("touch", "key");
            switch (key) {
                case "C" -> {
                    b.setId("key-clear");
                    b.setOnAction(e -> vm.clearInput());
                }
                case "⌫" -> {
                    b.setId("key-delete");
                    b.setOnAction(e -> vm.deleteDigit());
                }
                default -> {
                    b.setId("key-" + key);
                    b.setOnAction(e -> vm.typeDigit(key.charAt(0)));
                }
            }
            b.disableProperty().bind(busy);
            keypad.add(b, k % 3, k / 3);
        }

        Button next = Widgets.button("nextButton", i.bind("identify.next"), vm::submitLine, "primary");
        next.disableProperty().bind(busy.or(vm.lineInputProperty().isEmpty()));
        next.setMaxWidth(Double.MAX_VALUE);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.visibleProperty().bind(busy);
        spinner.setMaxSize(48, 48);
        Label checking = Widgets.label(i.bind("identify.checking"), "hint");
        checking.visibleProperty().bind(busy);
        HBox status = new HBox(12, spinner, checking);
        status.setAlignment(Pos.CENTER);

        VBox box = new VBox(16,
                Widgets.label(i.bind("identify.title"), "title"),
                Widgets.label(i.bind("identify.hint"), "hint"),
                display, kind, error, keypad, next, status);
        box.setId("identifyScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }

    /** What the customer typed, grouped as it is printed: 090-1234-5678, or the ICCID in fours. */
    static String shown(String digits) {
        if (digits.isEmpty()) return " ";
        LineIdCheck c = LineIds.check(digits);
        if (c instanceof LineIdCheck.Valid v) return v.lineId().display();
        if (digits.startsWith("0") && digits.length() <= 11) {
            if (digits.length() <= 3) return digits;
            if (digits.length() <= 7) return digits.substring(0, 3) + "-" + digits.substring(3);
            return digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < digits.length(); k += 4) {
            if (k > 0) sb.append(' ');
            sb.append(digits, k, Math.min(digits.length(), k + 4));
        }
        return sb.toString();
    }

    private static String kindKey(LineIdCheck c) {
        LineIdCheck.Kind k;
        if (c instanceof LineIdCheck.Valid v) {
            k = v.lineId() instanceof MobileNumber ? LineIdCheck.Kind.MOBILE_NUMBER : LineIdCheck.Kind.ICCID;
        } else if (c instanceof LineIdCheck.Incomplete inc) {
            k = inc.kind();
        } else {
            k = ((LineIdCheck.Invalid) c).kind();
        }
        return "identify.kind." + k.name();
    }
}
