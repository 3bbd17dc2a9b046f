package jp.simkiosk.app;

import static jp.simkiosk.application.port.SaleStep.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.payment.sim.SimulatedPaymentProvider;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.testutil.QrDecoder;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.Screen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A customer buys a new data SIM or a new eSIM on the assembled kiosk (demo configuration, simulators, a real
 * SQLite journal and real receipt PDFs), headless, by touching the screen, in several languages; pays by card or
 * QR wallet. The failure branches: a SIM not taken, a dispenser jam, an empty stacker, a QR code that expires or
 * is cancelled, an eSIM code left on screen.
 */
class PurchaseJourneyUiTest extends KioskUiTestBase {

    static final String SIM_PLAN = "new-sim-5gb-8d";        // ¥2,480
    static final String ESIM_PLAN = "new-esim-3gb-8d";      // ¥1,980
    /** The first SIM in kiosk-config/sim-stock.txt. */
    static final Iccid FIRST_SIM = new Iccid("8981109900000010003");
    static final Duration TAKE = Duration.ofSeconds(2);

    final I18n texts = new I18n(Language.EN);

    @Override
    UnaryOperator<KioskConfig> tweak() {
        return cfg -> cfg.withNewSim(new KioskConfig.NewSim(TAKE, cfg.newSim().apn()));
    }

    SimulatedSimDispenser dispenser() {
        return (SimulatedSimDispenser) h.kiosk.simDispenser();
    }

    SimulatedPaymentProvider wallet() {
        return (SimulatedPaymentProvider) h.kiosk.wallet().orElseThrow();
    }

    PurchaseViewModel purchase() {
        return h.ui.viewModel().purchase();
    }

    /** From the attract screen to the payment choice of a new SIM of {@link #SIM_PLAN}. */
    void newSimToPaymentChoice(String lang) {
        h.touch(this, "#start-" + lang);
        h.touch(this, "#newSimButton");
        h.touch(this, "#plan-" + SIM_PLAN);
        h.touch(this, "#payButton");
    }

    /** From the attract screen to the payment choice of a new eSIM of {@link #ESIM_PLAN}. */
    void newEsimToPaymentChoice(String lang) {
        h.touch(this, "#start-" + lang);
        h.touch(this, "#newEsimButton");
        h.touch(this, "#esimReadyButton");
        h.touch(this, "#plan-" + ESIM_PLAN);
        h.touch(this, "#payButton");
    }

    // ------------------------------------------------------------------ new SIM

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"JA", "EN"})
    void buysANewSimByCardAndTakesItWithItsReceipt(Language lang) throws IOException {
        int stock = dispenser().remaining();
        h.touch(this, "#start-" + lang.tag());
        assertThat(KioskUiHarness.text(this, "#newSimButton .choice-title")).isEqualTo(texts.text(lang, "home.newSim"));
        h.screenshot("home-" + lang.tag());
        h.touch(this, "#newSimButton");
        h.waitForScreen(Screen.PURCHASE_PLANS);
        h.screenshot("purchase-plans-sim-" + lang.tag());
        h.touch(this, "#plan-" + SIM_PLAN);
        h.waitForScreen(Screen.PURCHASE_CONFIRM);
        assertThat(KioskUiHarness.text(this, "#purchaseTotal")).isEqualTo("¥2,480");
        assertThat(KioskUiHarness.text(this, "#purchaseTax")).contains("¥225");
        h.screenshot("purchase-confirm-sim-" + lang.tag());
        h.touch(this, "#payButton");
        h.waitForScreen(Screen.PAYMENT_CHOICE);
        h.screenshot("payment-choice-" + lang.tag());
        h.touch(this, "#pay-card");
        h.waitForScreen(Screen.RESULT);
        int touchesToReceipt = h.touches;

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(lang, "result.title.SIM_READY"));
        assertThat(KioskUiHarness.text(this, "#resultReceipt")).isEqualTo(texts.text(lang, "result.takeReceipt"));
        h.screenshot("result-sim-" + lang.tag());
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.kind()).isEqualTo(SaleKind.NEW_SIM);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(sale.language()).isEqualTo(lang);
        assertThat(sale.lineId()).as("the dispensed SIM").contains(FIRST_SIM);
        assertThat(steps(sale)).containsExactly(OPENED, PAYMENT_REQUESTED, PAYMENT_APPROVED, SIM_PRESENT_REQUESTED,
                SIM_READ, ACTIVATION_REQUESTED, ACTIVATED, SIM_DISPENSE_REQUESTED, SIM_DISPENSED, SIM_TAKEN,
                CAPTURE_REQUESTED, CAPTURED, RECEIPT_REQUESTED, RECEIPT_PRINTED);
        assertThat(dispenser().remaining()).isEqualTo(stock - 1);
        assertThat(dispenser().dispensed()).isEqualTo(1);

        String receipt = RenewalJourneyUiTest.pdfText(receiptFile(sale));
        assertThat(receipt).contains(FIRST_SIM.display()).contains(planName(SIM_PLAN, lang)).contains("¥2,480")
                .contains("sample.jp").contains(sale.reference());
        java.util.ResourceBundle receiptTexts = java.util.ResourceBundle.getBundle("i18n.receipt", lang.locale(),
                java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
        assertThat(receipt).as("how to insert the SIM, in the customer's language")
                .contains(receiptTexts.getString("newSim.insert.title"));

        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.ATTRACT);
        System.out.printf("FIGURE new SIM touches attract→receipt (%s, card): %d%n", lang.tag(), touchesToReceipt);
    }

    @Test
    void aSimNotTakenInTimeIsCapturedAndTheWalletPaymentRefunded() {
        dispenser().setCardNotTaken(true);
        newSimToPaymentChoice("en");
        h.touch(this, "#pay-qr-wallet");
        h.waitForScreen(Screen.WALLET);
        h.clock.advance(Duration.ofSeconds(8));
        KioskUiHarness.waitFor(() -> purchase().simPhaseProperty().get() == PurchaseViewModel.SimPhase.TAKE, "the SIM at the gate");
        assertThat(lookup("#simCountdown").queryLabeled().isVisible()).isTrue();
        assertThat(KioskUiHarness.text(this, "#simCountdown")).isEqualTo(texts.text(Language.EN, "sim.take.countdown", 2L));
        assertThat(lookup("#simAnimation").query().isVisible()).isTrue();
        h.screenshot("sim-take-en");

        h.waitForScreen(Screen.RESULT);

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(Language.EN, "result.title.SIM_NOT_TAKEN_REFUNDED"));
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.REFUNDED);
        assertThat(steps(sale)).containsSubsequence(SIM_DISPENSED, SIM_NOT_TAKEN, SIM_CAPTURE_REQUESTED, SIM_CAPTURED,
                ACTIVATION_CANCELLED, REFUND_PENDING, REFUNDED);
        assertThat(dispenser().captured()).isEqualTo(1);
        assertThat(wallet().ledger().get(sale.id()).refunded()).isEqualTo(Yen.of(2480));
        assertThat(h.kiosk.upstream().lookUp(FIRST_SIM)).isInstanceOf(Upstream.LookupResult.NotFound.class);
    }

    @Test
    void aDispenserJamAfterPaymentVoidsTheCardPayment() {
        int stock = dispenser().remaining();
        newSimToPaymentChoice("ja");
        dispenser().jamNextMove();
        h.touch(this, "#pay-card");
        h.waitForScreen(Screen.RESULT);

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(Language.JA, "result.title.NOT_DELIVERED_VOIDED"));
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.VOIDED);
        assertThat(steps(sale)).containsSubsequence(PAYMENT_APPROVED, SIM_PRESENT_REQUESTED, SIM_READ_FAILED,
                VOID_REQUESTED, VOIDED);
        assertThat(((SimulatedPaymentTerminal) h.kiosk.cardReader()).ledger().get(sale.id()).voided()).isEqualTo(Yen.of(2480));
        assertThat(dispenser().remaining()).isEqualTo(stock);
        h.screenshot("result-not-delivered-ja");
    }

    @Test
    void aPlanThatNeedsAnIdCheckIsShownButNotSold() {
        int stock = dispenser().remaining();
        h.touch(this, "#start-en");
        h.touch(this, "#newSimButton");
        h.waitForScreen(Screen.PURCHASE_PLANS);
        String voice = "#plan-new-sim-voice-10gb-30d";
        assertThat(lookup(voice).query().getStyleClass()).contains("unavailable");
        assertThat(KioskUiHarness.text(this, voice + " .plan-unavailable"))
                .isEqualTo(texts.text(Language.EN, "plan.unavailable.NEEDS_ID_CHECK"));

        h.touch(this, voice);

        assertThat(h.ui.viewModel().screen()).as("nothing to pay for").isEqualTo(Screen.PURCHASE_PLANS);
        assertThat(h.kiosk.journal().recent(1)).as("no sale opened").isEmpty();
        assertThat(dispenser().remaining()).isEqualTo(stock);
    }

    @Test
    void anEmptyStackerHidesTheNewSimJourneyUntilItIsRefilled() {
        dispenser().setStackerEmpty(true);
        h.touch(this, "#start-en");
        h.waitForScreen(Screen.HOME);

        assertThat(lookup("#newSimButton").query().isVisible()).isFalse();
        assertThat(lookup("#newEsimButton").query().isVisible()).isTrue();
        assertThat(lookup("#renewButton").query().isVisible()).isTrue();
        assertThat(h.kiosk.serviceMonitor().current().inService()).as("renewals and eSIMs go on").isTrue();
        h.touch(this, "#newEsimButton");
        assertThat(lookup("#simInsteadButton").query().isVisible()).isFalse();

        dispenser().setStackerEmpty(false);
        KioskUiHarness.waitFor(() -> lookup("#simInsteadButton").query().isVisible(), "the SIM journey back");
    }

    // ------------------------------------------------------------------ new eSIM

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"ZH_HANS", "KO"})
    void buysANewEsimByQrWalletAndScansItsCode(Language lang) throws IOException {
        h.touch(this, "#start-" + lang.tag());
        h.touch(this, "#newEsimButton");
        h.waitForScreen(Screen.ESIM_CHECK);
        h.screenshot("esim-check-" + lang.tag());
        h.touch(this, "#esimReadyButton");
        h.touch(this, "#plan-" + ESIM_PLAN);
        h.waitForScreen(Screen.PURCHASE_CONFIRM);
        h.touch(this, "#payButton");
        h.touch(this, "#pay-qr-wallet");
        h.waitForScreen(Screen.WALLET);
        assertThat(KioskUiHarness.text(this, "#walletCountdown")).isEqualTo(texts.text(lang, "wallet.countdown", 120L));
        assertThat(screenQr("#walletQr")).startsWith("https://qr.pay.demo.sim-kiosk.example/");
        h.screenshot("wallet-" + lang.tag());
        h.clock.advance(Duration.ofSeconds(5));
        KioskUiHarness.waitFor(() -> KioskUiHarness.text(this, "#walletCountdown")
                .equals(texts.text(lang, "wallet.countdown", 115L)), "the countdown");

        h.clock.advance(Duration.ofSeconds(3)); // the simulated customer pays 8 s after the code shows
        h.waitForScreen(Screen.ESIM_CODE);
        KioskUiHarness.waitFor(() -> Boolean.TRUE.equals(purchase().esimReceiptPrintedProperty().get()), "the receipt");
        int touchesToReceipt = h.touches;

        ActivationCode code = purchase().activationCodeProperty().get();
        assertThat(code.smdpAddress()).isEqualTo(SimulatedUpstream.SMDP_ADDRESS);
        assertThat(KioskUiHarness.text(this, "#esimSmdp")).isEqualTo(code.smdpAddress());
        assertThat(KioskUiHarness.text(this, "#esimMatchingId")).isEqualTo(code.matchingId());
        assertThat(screenQr("#esimQr")).isEqualTo(code.qrText());
        assertThat(KioskUiHarness.text(this, "#esimReceipt")).isEqualTo(texts.text(lang, "esimCode.receipt.printed"));
        h.screenshot("esim-code-" + lang.tag());
        h.touch(this, "#stepsAndroid");
        h.screenshot("esim-code-android-" + lang.tag());

        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.kind()).isEqualTo(SaleKind.NEW_ESIM);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(sale.payment().orElseThrow().brand()).isEqualTo("PayPay");
        assertThat(steps(sale)).containsExactly(OPENED, PAYMENT_REQUESTED, WALLET_QR_SHOWN, PAYMENT_APPROVED,
                ESIM_CODE_REQUESTED, ESIM_CODE_ISSUED, CAPTURED, RECEIPT_REQUESTED, RECEIPT_PRINTED, ESIM_CODE_MASKED);
        assertThat(h.kiosk.journal().activationCode(sale.id())).as("masked after printing").isEmpty();
        assertThat(wallet().ledger().get(sale.id()).paid()).isEqualTo(Yen.of(1980));
        byte[] pdf = receiptPdf(sale);
        assertThat(QrDecoder.decodePdf(pdf)).isEqualTo(code.qrText());
        assertThat(RenewalJourneyUiTest.pdfText(receiptFile(sale))).contains(planName(ESIM_PLAN, lang)).contains("¥1,980")
                .contains("PayPay").contains(code.matchingId());

        h.touch(this, "#esimDoneButton");
        h.waitForScreen(Screen.RESULT);
        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(lang, "result.title.ESIM_READY"));
        assertThat(purchase().activationCodeProperty().get()).as("gone from the screen").isNull();
        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.ATTRACT);
        System.out.printf("FIGURE new eSIM touches attract→receipt (%s, QR wallet): %d%n", lang.tag(), touchesToReceipt);
    }

    @Test
    void theEsimCodeIsWipedFromTheScreenWhenTheSessionTimesOut() {
        ((SimulatedUpstream) h.kiosk.upstream()).esimConfirmationCodes(true);
        newEsimToPaymentChoice("ja");
        h.touch(this, "#pay-card");
        h.waitForScreen(Screen.ESIM_CODE);
        KioskUiHarness.waitFor(() -> purchase().esimReceiptPrintedProperty().get() != null, "the receipt");
        ActivationCode code = purchase().activationCodeProperty().get();
        String confirmation = code.confirmationCode().orElseThrow();
        assertThat(KioskUiHarness.text(this, "#esimConfirmationCode")).as("beside the QR code").isEqualTo(confirmation);
        assertThat(screenQr("#esimQr")).as("the QR code only says one is needed").endsWith("$$1")
                .doesNotContain(confirmation);
        h.screenshot("esim-code-confirmation-ja");
        Sale sale = h.kiosk.journal().recent(1).get(0);

        h.clock.advance(h.kiosk.config().idleTimeout().plusSeconds(1));
        h.waitForScreen(Screen.ATTRACT);

        assertThat(purchase().activationCodeProperty().get()).isNull();
        assertThat(lookup("#esimQr").tryQuery()).isEmpty();
        assertThat(lookup("#esimMatchingId").tryQuery()).isEmpty();
        assertThat(lookup("#esimConfirmationCode").tryQuery()).isEmpty();
        assertThat(h.kiosk.journal().find(sale.id()).orElseThrow().state()).as("a delivered eSIM stays sold")
                .isEqualTo(SaleState.COMPLETED);
    }

    // ------------------------------------------------------------------ QR wallet

    @Test
    void anExpiredQrCodeChargesNothingAndTheCustomerChoosesAgain() {
        wallet().script(SimulatedPaymentProvider.Behaviour.NEVER_PAY);
        newEsimToPaymentChoice("en");
        h.touch(this, "#pay-qr-wallet");
        h.waitForScreen(Screen.WALLET);

        h.clock.advance(Duration.ofSeconds(120));
        h.waitForScreen(Screen.PAYMENT_CHOICE);

        assertThat(KioskUiHarness.text(this, "#choiceMessage")).contains(texts.text(Language.EN, "wallet.expired"));
        h.screenshot("payment-choice-expired-en");
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.CREATED);
        assertThat(steps(sale)).endsWith(WALLET_QR_SHOWN, PAYMENT_EXPIRED);
        assertThat(wallet().ledger()).isEmpty();

        h.touch(this, "#pay-card");
        h.waitForScreen(Screen.ESIM_CODE);
        KioskUiHarness.waitFor(() -> purchase().esimReceiptPrintedProperty().get() != null, "the receipt");
        assertThat(h.kiosk.journal().find(sale.id()).orElseThrow().state()).as("the same sale, paid by card")
                .isEqualTo(SaleState.COMPLETED);
    }

    @Test
    void aCancelledQrCodeChargesNothingAndCancelEndsTheSession() {
        newSimToPaymentChoice("en");
        h.touch(this, "#pay-qr-wallet");
        h.waitForScreen(Screen.WALLET);

        h.touch(this, "#walletCancelButton");
        h.waitForScreen(Screen.PAYMENT_CHOICE);

        assertThat(KioskUiHarness.text(this, "#choiceMessage")).contains(texts.text(Language.EN, "wallet.cancelled"));
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(steps(sale)).endsWith(WALLET_QR_SHOWN, PAYMENT_CANCELLED);
        h.touch(this, "#cancelButton");
        h.waitForScreen(Screen.ATTRACT);
        KioskUiHarness.waitFor(() -> h.kiosk.journal().find(sale.id()).orElseThrow().state() == SaleState.CANCELLED,
                "the sale cancelled");
        assertThat(wallet().ledger()).isEmpty();
        assertThat(dispenser().dispensed()).isZero();
    }

    @Test
    void aRenewalCanBePaidByQrWallet() throws IOException {
        h.renewalToConfirm(this, Language.EN);
        h.touch(this, "#payButton");
        h.touch(this, "#pay-qr-wallet");
        h.waitForScreen(Screen.WALLET);
        h.clock.advance(Duration.ofSeconds(8));
        h.waitForScreen(Screen.RESULT);
        int touchesToReceipt = h.touches;

        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(steps(sale)).containsExactly(OPENED, PAYMENT_REQUESTED, WALLET_QR_SHOWN, PAYMENT_APPROVED,
                FULFILMENT_REQUESTED, FULFILLED, CAPTURED, RECEIPT_REQUESTED, RECEIPT_PRINTED);
        assertThat(RenewalJourneyUiTest.pdfText(receiptFile(sale))).contains("PayPay").contains("¥1,430");
        System.out.printf("FIGURE renewal touches attract→receipt (en, QR wallet): %d%n", touchesToReceipt);
    }

    // ------------------------------------------------------------------ helpers

    private byte[] receiptPdf(Sale sale) throws IOException {
        return Files.readAllBytes(receiptFile(sale));
    }

    private String planName(String planId, Language lang) {
        return h.kiosk.config().plans().stream().filter(p -> p.id().equals(planId)).findFirst().orElseThrow().name().in(lang);
    }

    /** Reads the QR code an ImageView on screen shows, pixel by pixel, as a phone camera would. */
    private String screenQr(String query) {
        Image image = ((ImageView) lookup(query).query()).getImage();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return QrDecoder.decode(argb, w, h);
    }
}
