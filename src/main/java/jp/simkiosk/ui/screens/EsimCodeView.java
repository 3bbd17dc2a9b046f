package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.QrImages;
import jp.simkiosk.ui.Widgets;

/**
 * The new eSIM: its activation code as a QR code to scan with the phone, the SM-DP+ address and activation
 * code for typing it in, the confirmation code when the profile needs one (never in the QR code), the install steps for iPhone or Android, and whether the receipt (with the same
 * code) has printed. Built from the view model's code, which is wiped when the session ends, taking this
 * screen with it.
 */
public final class EsimCodeView {

    /** The QR code's size on screen: an activation code is a 37×37 matrix, 45 modules with the quiet zone, 4 px each. */
    private static final int QR_PIXELS = 200;

    private EsimCodeView() {}

    public static Node build(ViewContext ctx) {
        I18n i = ctx.i18n();
        PurchaseViewModel vm = ctx.vm().purchase();
        ActivationCode code = vm.activationCodeProperty().get();

        ImageView qr = new ImageView(QrImages.of(code.qrText(), QR_PIXELS));
        qr.setId("esimQr");
        qr.setSmooth(false);
        StackPane qrFrame = new StackPane(qr);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);

        HBox qrRow = new HBox(qrFrame);
        qrRow.setAlignment(Pos.CENTER);

        Label smdp = new Label(code.smdpAddress());
        smdp.setId("esimSmdp");
        smdp.getStyleClass().add("code-value");
        smdp.setWrapText(true);
        Label matching = new Label(code.matchingId());
        matching.setId("esimMatchingId");
        matching.getStyleClass().add("code-value");
        matching.setWrapText(true);
        VBox manual = new VBox(2, Widgets.label(i.bind("esimCode.smdp"), "row-label"), smdp,
                Widgets.label(i.bind("esimCode.matchingId"), "row-label"), matching);
        // a profile that needs a confirmation code: the phone asks for it after the scan; never in the QR code
        code.confirmationCode().ifPresent(c -> {
            Label confirmation = new Label(c);
            confirmation.setId("esimConfirmationCode");
            confirmation.getStyleClass().add("code-value");
            manual.getChildren().addAll(Widgets.label(i.bind("esimCode.confirmationCode"), "row-label"), confirmation);
        });

        BooleanProperty android = new SimpleBooleanProperty(false);
        Button iphone = Widgets.button("stepsIphone", i.bind("esimCode.steps.iphone"), () -> android.set(false), "tab");
        Button androidButton = Widgets.button("stepsAndroid", i.bind("esimCode.steps.android"), () -> android.set(true), "tab");
        iphone.pseudoClassStateChanged(SELECTED, true);
        android.addListener((o, was, now) -> {
            iphone.pseudoClassStateChanged(SELECTED, !now);
            androidButton.pseudoClassStateChanged(SELECTED, now);
        });
        HBox tabs = new HBox(12, iphone, androidButton);
        VBox steps = new VBox(6);
        steps.setId("esimSteps");
        for (int n = 1; n <= 3; n++) {
            int step = n;
            Label l = new Label();
            l.getStyleClass().add("step");
            l.setWrapText(true);
            l.textProperty().bind(Bindings.createStringBinding(
                    () -> i.text("esimCode." + (android.get() ? "android." : "iphone.") + step),
                    android, i.languageProperty()));
            steps.getChildren().add(l);
        }

        Label receipt = new Label();
        receipt.setId("esimReceipt");
        receipt.getStyleClass().add("hint");
        receipt.setWrapText(true);
        receipt.textProperty().bind(Bindings.createStringBinding(() -> {
            Boolean printed = vm.esimReceiptPrintedProperty().get();
            String key = printed == null ? "esimCode.receipt.printing"
                    : printed ? "esimCode.receipt.printed" : "esimCode.receipt.failed";
            return i.text(key);
        }, vm.esimReceiptPrintedProperty(), i.languageProperty()));

        Button done = Widgets.button("esimDoneButton", i.bind("esimCode.done"), vm::esimDone, "primary");
        done.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(10, Widgets.label(i.bind("esimCode.title"), "title"),
                Widgets.label(i.bind("esimCode.scan"), "hint"), qrRow, Widgets.label(i.bind("esimCode.manual"), "hint"),
                manual, tabs, steps, receipt, done);
        box.setId("esimCodeScreen");
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("screen");
        // on a small window the steps scroll rather than being cut short; a kiosk's portrait screen shows all
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain-scroll");
        return scroll;
    }

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
}
