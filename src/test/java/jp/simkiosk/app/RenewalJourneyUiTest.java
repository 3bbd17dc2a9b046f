package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.Screen;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A customer renews a line on the assembled kiosk (demo configuration, simulators, a real SQLite journal
 * and real receipt PDFs), headless, by touching the screen — in several languages.
 */
class RenewalJourneyUiTest extends KioskUiTestBase {

    static final String LINE = "09012345678";              // demo line: active SIM, expires in 2 days
    static final String PLAN = "renew-sim-10gb-7d";         // ¥1,430, stacks
    static final String UNKNOWN_LINE = "08098765432";
    static final String LINE_BEYOND_RENEWAL = "07034567890";

    final I18n texts = new I18n(Language.EN);

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"JA", "ZH_HANS", "EN"})
    void renewsALineAndPrintsTheReceipt(Language lang) throws IOException {
        h.touch(this, "#start-" + lang.tag());
        assertThat(KioskUiHarness.text(this, "#renewButton")).isEqualTo(texts.text(lang, "home.renew"));
        h.touch(this, "#renewButton");
        h.type(this, LINE);
        assertThat(KioskUiHarness.text(this, "#lineDisplay")).isEqualTo("090-1234-5678");
        h.touch(this, "#nextButton");
        h.waitForScreen(Screen.PLANS);
        h.touch(this, "#plan-" + PLAN);
        h.waitForScreen(Screen.CONFIRM);
        assertThat(KioskUiHarness.text(this, "#confirmTotal")).isEqualTo("¥1,430");
        assertThat(KioskUiHarness.text(this, "#confirmTax")).contains("¥130");
        h.touch(this, "#payButton");
        h.waitForScreen(Screen.PAYMENT_CHOICE);
        h.touch(this, "#pay-card");
        h.waitForScreen(Screen.RESULT);
        int touchesToReceipt = h.touches;

        assertThat(KioskUiHarness.text(this, "#resultTitle")).isEqualTo(texts.text(lang, "result.title.RENEWED"));
        assertThat(KioskUiHarness.text(this, "#resultReceipt")).isEqualTo(texts.text(lang, "result.takeReceipt"));

        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(sale.language()).isEqualTo(lang);
        assertThat(sale.lineId().orElseThrow().value()).isEqualTo(LINE);
        assertThat(steps(sale)).containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED, SaleStep.PAYMENT_APPROVED,
                SaleStep.FULFILMENT_REQUESTED, SaleStep.FULFILLED, SaleStep.CAPTURE_REQUESTED, SaleStep.CAPTURED,
                SaleStep.RECEIPT_REQUESTED, SaleStep.RECEIPT_PRINTED);
        assertThat(KioskUiHarness.text(this, "#resultReference")).contains(sale.reference());

        Path pdf = receiptFile(sale);
        assertThat(pdf).exists();
        String receipt = pdfText(pdf);
        String planName = h.kiosk.config().plans().stream().filter(p -> p.id().equals(PLAN)).findFirst().orElseThrow()
                .name().in(lang);
        assertThat(receipt).contains(planName).contains("¥1,430").contains("¥130").contains(sale.reference());

        long bytes = Long.parseLong(h.kiosk.journal().entries(sale.id()).stream()
                .filter(e -> e.step() == SaleStep.RECEIPT_PRINTED).findFirst().orElseThrow().detail());
        assertThat(bytes).as("ESC/POS bytes of the receipt").isBetween(10_000L, 200_000L);

        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.ATTRACT);
        System.out.printf("FIGURE renewal touches attract→receipt (%s): %d%n", lang.tag(), touchesToReceipt);
        System.out.printf("FIGURE renewal receipt (%s): %,d bytes to the printer = %.1f s at 115,200 baud, %.1f s at 9,600 baud%n",
                lang.tag(), bytes, bytes * 10 / 115_200.0, bytes * 10 / 9_600.0);
    }

    @Test
    void theLanguageCanBeSwitchedOnAnyScreenWithoutLosingTheSession() {
        h.renewalToPlans(this, Language.JA);
        h.touch(this, "#lang-ko");
        assertThat(h.ui.viewModel().i18n().language()).isEqualTo(Language.KO);
        assertThat(lookup(".title").queryLabeled().getText()).isEqualTo(texts.text(Language.KO, "plans.title"));
        h.touch(this, "#lang-zh-Hant");
        assertThat(lookup(".title").queryLabeled().getText()).isEqualTo(texts.text(Language.ZH_HANT, "plans.title"));
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.PLANS);
        assertThat(h.ui.viewModel().renewal().lineProperty().get().lineId().value()).isEqualTo(LINE);
    }

    @Test
    void wrongNumbersAreExplainedInTheCustomersLanguageAsTheyAreTyped() {
        h.touch(this, "#start-ja");
        h.touch(this, "#renewButton");
        h.type(this, "060");
        assertThat(KioskUiHarness.text(this, "#identifyError")).contains(texts.text(Language.JA, "lineId.problem.MOBILE_NOT_MOBILE_PREFIX"));
        h.touch(this, "#key-clear");
        assertThat(KioskUiHarness.text(this, "#identifyError")).isEmpty();
        h.type(this, "0901234");
        h.touch(this, "#nextButton");
        assertThat(KioskUiHarness.text(this, "#identifyError")).contains(texts.text(Language.JA, "lineId.problem.MOBILE_TOO_SHORT"));
        h.touch(this, "#lang-en");
        assertThat(KioskUiHarness.text(this, "#identifyError")).contains(texts.text(Language.EN, "lineId.problem.MOBILE_TOO_SHORT"));
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.IDENTIFY);
    }

    @Test
    void unknownAndLapsedLinesAreToldApartAndNothingIsSold() {
        h.touch(this, "#start-en");
        h.touch(this, "#renewButton");
        h.type(this, UNKNOWN_LINE);
        h.touch(this, "#nextButton");
        KioskUiHarness.waitFor(() -> !KioskUiHarness.text(this, "#identifyError").isEmpty(), "an error");
        assertThat(KioskUiHarness.text(this, "#identifyError")).contains(texts.text(Language.EN, "identify.error.unknown"));
        h.touch(this, "#key-clear");
        h.type(this, LINE_BEYOND_RENEWAL);
        h.touch(this, "#nextButton");
        KioskUiHarness.waitFor(() -> KioskUiHarness.text(this, "#identifyError")
                .contains(texts.text(Language.EN, "identify.error.notRenewable")), "not renewable");
        assertThat(h.kiosk.journal().recent(10)).isEmpty();
    }

    @Test
    void plansNeedingAnIdCheckAreShownButNotSold() {
        h.renewalToPlans(this, Language.EN);
        String idPlan = h.kiosk.config().plans().stream().filter(p -> p.requiresIdCheck() && p.kind().isRenewal())
                .filter(p -> p.kind() == jp.simkiosk.domain.plan.PlanKind.RENEW_SIM)
                .findFirst().orElseThrow().id();
        assertThat(lookup("#plan-" + idPlan).query().getStyleClass()).contains("unavailable");
        KioskUiHarness.scrollIntoView(lookup("#plan-" + idPlan).query());
        clickOn("#plan-" + idPlan);
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.PLANS);
    }

    static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
