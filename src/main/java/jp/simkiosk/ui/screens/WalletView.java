package jp.simkiosk.ui.screens;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.PaymentViewModel;
import jp.simkiosk.ui.QrImages;
import jp.simkiosk.ui.Widgets;

/**
 * Pay by QR wallet: the merchant-presented dynamic QR code for the amount, the wallets that can pay it, a
 * visible countdown until it expires, and "cancel and choose another way to pay".
 */
public final class WalletView {

    /** The QR code's size on screen, in pixels (about 95 mm on a 32-inch portrait panel). */
    private static final int QR_PIXELS = 260;

    private WalletView() {}

    public static Node build(ViewContext ctx) {
        JourneyViewModel vm = ctx.vm();
        PaymentViewModel pay = vm.payment();
        I18n i = ctx.i18n();

        Label amount = PaymentLabels.amount(vm, "walletAmount", () -> "");

        ImageView qr = new ImageView();
        qr.setId("walletQr");
        qr.setSmooth(false);
        qr.imageProperty().bind(Bindings.createObjectBinding(() -> pay.qrPayloadProperty().get() == null ? null
                : QrImages.of(pay.qrPayloadProperty().get(), QR_PIXELS), pay.qrPayloadProperty()));
        StackPane qrFrame = new StackPane(qr);
        qrFrame.getStyleClass().add("qr-frame");
        qrFrame.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);

        Label countdown = new Label();
        countdown.setId("walletCountdown");
        countdown.getStyleClass().add("countdown");
        countdown.textProperty().bind(Bindings.createStringBinding(
                () -> i.text("wallet.countdown", pay.secondsLeftProperty().get()),
                pay.secondsLeftProperty(), i.languageProperty()));

        Button cancel = Widgets.button("walletCancelButton", i.bind("wallet.cancel"), pay::cancelWallet, "secondary");
        cancel.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(16,
                Widgets.label(i.bind("payment.phase.WAITING_FOR_WALLET"), "title"),
                amount, qrFrame,
                Widgets.label(i.bind("wallet.hint"), "hint"),
                countdown, cancel);
        box.setId("walletScreen");
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("screen");
        return box;
    }
}
