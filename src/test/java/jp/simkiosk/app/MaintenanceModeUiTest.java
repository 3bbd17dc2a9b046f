package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.MouseButton;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.operator.OperatorAccess;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.ui.Screen;
import jp.simkiosk.ui.operator.OperatorViewModel;
import jp.simkiosk.ui.operator.OperatorViewModel.Mode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Maintenance mode driven like station staff do: the hidden corner held on the attract screen, the PIN on
 * the keypad, then the pages. The demo configuration's PINs (1111 operator, 2222 technician); every action
 * is checked in the audit log of the journal.
 */
class MaintenanceModeUiTest extends KioskUiTestBase {

    static final String OPERATOR_PIN = "1111";
    static final String OPERATOR = "佐藤 (demo)";

    /** Holds the top-left corner for a little longer than the 3 s the gesture needs. */
    void holdCorner() {
        KioskUiHarness.waitFor(() -> lookup("#operatorCorner").query().isVisible(), "the hidden corner");
        moveTo("#operatorCorner");
        press(MouseButton.PRIMARY);
        sleep(3_300);
        release(MouseButton.PRIMARY);
        h.waitForOperator(Mode.PIN);
    }

    OperatorViewModel op() {
        return h.ui.operator();
    }

    void enterAsOperator() {
        holdCorner();
        h.enterPin(this, OPERATOR_PIN);
        h.waitForOperator(Mode.OPEN);
    }

    List<AuditLog.Entry> audit() {
        return h.kiosk.journal().operatorStore().recent(1000);
    }

    List<String> actions() {
        return audit().stream().map(AuditLog.Entry::action).toList();
    }

    /** A renewal sold through the customer screens, back on attract afterwards. */
    Sale sell() {
        h.renewalToConfirm(this, Language.EN);
        h.payByCard(this);
        h.waitForScreen(Screen.RESULT);
        h.touch(this, "#doneButton");
        h.waitForScreen(Screen.ATTRACT);
        Sale sale = h.kiosk.journal().recent(1).get(0);
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        return sale;
    }

    @Test
    void theCornerGestureAndACorrectPinOpenMaintenanceAndLeavingReturnsToTheCustomerSide() {
        h.waitForScreen(Screen.ATTRACT);
        // a short press does nothing
        moveTo("#operatorCorner");
        press(MouseButton.PRIMARY);
        sleep(500);
        release(MouseButton.PRIMARY);
        sleep(3_000);
        assertThat(op().modeProperty().get()).isEqualTo(Mode.CLOSED);

        enterAsOperator();
        assertThat(KioskUiHarness.text(this, "#opWho")).contains(OPERATOR);
        assertThat(KioskUiHarness.text(this, "#opDevice-SIM_DISPENSER")).contains("SIM");
        assertThat(KioskUiHarness.text(this, "#opVersion")).contains(KioskAssembly.VERSION).contains("DEMO-01");
        h.touch(this, "#opLang-en");
        assertThat(KioskUiHarness.text(this, "#opService")).isEqualTo("In service");
        assertThat(audit().get(0).action()).isEqualTo("pin.ok");
        assertThat(audit().get(0).who()).isEqualTo(OPERATOR);

        h.touch(this, "#opLeave");
        assertThat(op().modeProperty().get()).isEqualTo(Mode.CLOSED);
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.ATTRACT);
        KioskUiHarness.waitFor(() -> actions().get(0).equals("maintenance.leave"), "leaving audited");
        assertThat(audit().get(0).who()).isEqualTo(OPERATOR);
        assertThat(audit().get(0).after()).isEqualTo("manual");
        h.touch(this, "#startButton");
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.HOME);
        assertThat(lookup("#operatorCorner").query().isVisible())
                .as("no way into maintenance from a customer's session").isFalse();
    }

    @Test
    void twoMinutesWithoutATouchCloseMaintenanceMode() {
        enterAsOperator();
        h.clock.advance(OperatorViewModel.IDLE_LIMIT.minusSeconds(5));
        sleep(600);
        assertThat(op().modeProperty().get()).isEqualTo(Mode.OPEN);
        h.clock.advance(Duration.ofSeconds(6));
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.CLOSED, "maintenance closed by the idle limit");
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.ATTRACT);
        KioskUiHarness.waitFor(() -> actions().get(0).equals("maintenance.leave"), "leaving audited");
        assertThat(audit().get(0).who()).isEqualTo(OPERATOR);
        assertThat(audit().get(0).after()).isEqualTo("idle");
    }

    @Test
    void keysTypedCountAsTouchesForTheIdleLimit() {
        enterAsOperator();
        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        clickOn("#opIccids");
        h.clock.advance(OperatorViewModel.IDLE_LIMIT.minusSeconds(10));
        write(iccid(20001)); // a barcode scanner types like a keyboard
        h.clock.advance(Duration.ofSeconds(30)); // past the limit after the last touch, not after the last key
        interact(() -> op().tick());
        assertThat(op().modeProperty().get()).isEqualTo(Mode.OPEN);
        assertThat(op().iccidsProperty().get()).isEqualTo(iccid(20001));

        h.clock.advance(OperatorViewModel.IDLE_LIMIT);
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.CLOSED, "maintenance closed by the idle limit");
        KioskUiHarness.waitFor(() -> actions().get(0).equals("maintenance.leave"), "leaving audited");
        assertThat(audit().get(0).after()).isEqualTo("idle");
    }

    @Test
    void fiveWrongPinsLockEntryForAGrowingTimeAndEveryAttemptIsAudited() {
        holdCorner();
        for (int n = 1; n <= 4; n++) {
            h.enterPin(this, "0000");
            h.waitForOperatorIdle();
            assertThat(KioskUiHarness.text(this, "#opPinMessage")).contains(Integer.toString(5 - n));
        }
        h.enterPin(this, "0000");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opPinMessage")).contains("60");
        h.enterPin(this, OPERATOR_PIN); // the right PIN, but locked
        h.waitForOperatorIdle();
        assertThat(op().modeProperty().get()).isEqualTo(Mode.PIN);

        h.clock.advance(OperatorAccess.FIRST_LOCK.plusSeconds(1));
        for (int n = 0; n < 5; n++) {
            h.enterPin(this, "9876");
            h.waitForOperatorIdle();
        }
        assertThat(KioskUiHarness.text(this, "#opPinMessage")).as("the second lock is twice as long").contains("120");
        h.clock.advance(OperatorAccess.FIRST_LOCK.multipliedBy(2).plusSeconds(1));
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.CLOSED, "the keypad closed after 2 idle minutes");
        holdCorner();
        h.enterPin(this, OPERATOR_PIN);
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.OPEN, "entry after the lock");

        List<String> actions = actions();
        assertThat(actions).hasSize(12);
        assertThat(actions.stream().filter("pin.wrong"::equals).count()).isEqualTo(10);
        assertThat(actions.stream().filter("pin.locked"::equals).count()).isEqualTo(1);
        assertThat(actions.get(0)).isEqualTo("pin.ok");
        assertThat(audit()).allSatisfy(e -> assertThat(e.before() + e.after()).doesNotContain("0000", "9876", OPERATOR_PIN));
    }

    @Test
    void refillingSimsBringsTheNewSimJourneyBack() {
        SimulatedSimDispenser sims = (SimulatedSimDispenser) h.kiosk.simDispenser();
        sims.setStackerEmpty(true);
        h.kiosk.serviceMonitor().pollAll();
        // no SIMs left: the new-SIM journey is hidden, renewals and eSIMs go on (issue 5)
        KioskUiHarness.waitFor(() -> !h.kiosk.purchases().journeys().newSim(), "new SIM journey hidden");
        assertThat(h.kiosk.serviceMonitor().current().inService()).isTrue();

        enterAsOperator();
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opStockLevel")).contains("empty").contains("no SIMs");
        String first = iccid(20001);
        String last = iccid(20020);
        clickOn("#opIccids").write(first + "-" + iccid(20019) + "\n" + last);
        h.touch(this, "#opRefill");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("20 SIMs recorded.");
        assertThat(KioskUiHarness.text(this, "#opStockLevel")).contains("enough").contains("ready");
        assertThat(h.kiosk.simDispenser().stock()).isEqualTo(SimDispenser.StockLevel.ENOUGH);
        assertThat(h.kiosk.serviceMonitor().current().inService()).isTrue();
        assertThat(h.kiosk.purchases().journeys().newSim()).as("the new-SIM journey is back").isTrue();

        h.touch(this, "#opPaper");
        h.waitForOperatorIdle();
        h.touch(this, "#opRejectBin");
        h.waitForOperatorIdle();
        List<StockLedger.Movement> moves = h.kiosk.journal().operatorStore()
                .between(h.clock.instant().minusSeconds(60), h.clock.instant().plusSeconds(1));
        assertThat(moves).extracting(StockLedger.Movement::kind).containsExactly(StockLedger.Kind.SIM_REFILL,
                StockLedger.Kind.PAPER_REPLACED, StockLedger.Kind.REJECT_BIN_EMPTIED);
        assertThat(moves.get(0).count()).isEqualTo(20);
        AuditLog.Entry refill = audit().stream().filter(e -> e.action().equals("stock.refill")).findFirst().orElseThrow();
        assertThat(refill.before()).isEqualTo("EMPTY");
        assertThat(refill.after()).isEqualTo("ENOUGH +20 " + new jp.simkiosk.domain.line.Iccid(first).masked() + " … "
                + new jp.simkiosk.domain.line.Iccid(last).masked());

        h.touch(this, "#opLeave");
        h.waitForScreen(Screen.ATTRACT);
    }

    @Test
    void aRefillByCountATestCardAndAStackerCountChangeTheKiosksCountOnTheStatusPage() {
        SimulatedSimDispenser sims = (SimulatedSimDispenser) h.kiosk.simDispenser();
        int inSimulator = sims.remaining();
        enterAsOperator();
        h.touch(this, "#opLang-en");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSimCount"))
                .isEqualTo("Kiosk count: 0 SIMs in the stacker, 0 cards in the reject bin");

        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        clickOn("#opIccids").write("50");
        h.touch(this, "#opRefill");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("50 SIMs recorded.");
        assertThat(KioskUiHarness.text(this, "#opStockCount")).startsWith("Kiosk count: 50 SIMs in the stacker");
        h.touch(this, "#opTab-STATUS");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSimCount"))
                .isEqualTo("Kiosk count: 50 SIMs in the stacker, 0 cards in the reject bin");
        assertThat(sims.remaining()).as("the simulator got a box of 50").isEqualTo(inSimulator + 50);

        h.touch(this, "#opTab-TESTS");
        h.waitForOperatorIdle();
        h.clock.advance(Duration.ofSeconds(1));
        h.touch(this, "#opTestDispense");
        h.waitForOperatorIdle();
        h.clock.advance(Duration.ofSeconds(1));
        h.touch(this, "#opTab-STATUS");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSimCount"))
                .isEqualTo("Kiosk count: 49 SIMs in the stacker, 1 cards in the reject bin");

        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        clickOn("#opIccids").write("2001");
        h.touch(this, "#opRefill");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).contains("1 to 2000");
        clickOn("#opIccids").eraseText(4);
        clickOn("#opStackerCount").write("12");
        h.touch(this, "#opRecordCount");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Stacker count recorded: 12 SIMs.");
        h.clock.advance(Duration.ofSeconds(1));
        h.touch(this, "#opTab-STATUS");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSimCount"))
                .isEqualTo("Kiosk count: 12 SIMs in the stacker, 1 cards in the reject bin");

        List<StockLedger.Movement> moves = h.kiosk.journal().operatorStore()
                .between(h.clock.instant().minusSeconds(600), h.clock.instant().plusSeconds(1));
        assertThat(moves).extracting(m -> m.kind() + " " + m.count() + " " + m.detail())
                .containsExactly("SIM_REFILL 50 by count", "TEST_CARD 1 ", "SIM_COUNTED 12 ");
        assertThat(actions()).containsSubsequence("stock.count", "test.dispense", "stock.refill");
    }

    static String iccid(int serial) {
        String body = String.format("898110990000%06d", serial);
        return body + Luhn.checkDigit(body);
    }

    @Test
    void aReceiptIsReprintedFromTheSalesPageFoundByNumberOrReference() throws Exception {
        Sale sale = sell();
        enterAsOperator();
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        clickOn("#opSearch").write("090-1234-5678");
        h.touch(this, "#opSearchButton");
        h.waitForOperatorIdle();
        h.touch(this, "#opSale-" + sale.reference());
        h.touch(this, "#opReprint");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).contains(sale.reference());
        List<SaleStep> steps = steps(sale);
        assertThat(steps.stream().filter(s -> s == SaleStep.RECEIPT_PRINTED).count()).isEqualTo(2);
        assertThat(RenewalJourneyUiTest.pdfText(receiptFile(sale)))
                .contains(sale.reference());
        AuditLog.Entry e = audit().get(0);
        assertThat(e.action()).isEqualTo("sale.reprint");
        assertThat(e.before()).isEqualTo(sale.reference());
        assertThat(e.after()).isEqualTo("printed");
        assertThat(h.kiosk.operations().sales().search(sale.reference().substring(3), 5)).extracting(Sale::id)
                .containsExactly(sale.id());
    }

    @Test
    void aRefundPendingSaleIsResolvedWithANote() {
        Sale pending = refundPendingSale();
        enterAsOperator();
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        h.touch(this, "#opSale-" + pending.reference());
        h.touch(this, "#opResolve");
        assertThat(KioskUiHarness.text(this, "#opResult")).isNotEmpty(); // a note is needed first
        assertThat(h.kiosk.journal().find(pending.id()).orElseThrow().state()).isEqualTo(SaleState.REFUND_PENDING);
        clickOn("#opNote").write("cash refund at counter 3");
        h.touch(this, "#opResolve");
        h.waitForOperatorIdle();
        assertThat(h.kiosk.journal().find(pending.id()).orElseThrow().state()).isEqualTo(SaleState.REFUNDED);
        JournalEntry last = h.kiosk.journal().entries(pending.id()).get(h.kiosk.journal().entries(pending.id()).size() - 1);
        assertThat(last.step()).isEqualTo(SaleStep.REFUNDED);
        assertThat(last.detail()).isEqualTo("operator " + OPERATOR + ": cash refund at counter 3");
        AuditLog.Entry e = audit().get(0);
        assertThat(e.action()).isEqualTo("sale.resolve");
        assertThat(e.before()).isEqualTo(pending.reference() + " REFUND_PENDING");
        assertThat(e.after()).isEqualTo("REFUNDED cash refund at counter 3");
        assertThat(lookup("#opResolve").tryQuery()).as("nothing left to resolve").isEmpty();
    }

    @Test
    void aChargeLeftToTheBackOfficeNeedsAPersonAndIsMarkedSettledWithANote() {
        Sale left = fulfilledSale(true);
        Sale notYet = fulfilledSale(false);
        enterAsOperator();
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opSale-" + left.reference())).contains("needs a person");
        assertThat(KioskUiHarness.text(this, "#opSale-" + notYet.reference()))
                .as("a charge not yet tried is the next start's, not a person's").doesNotContain("needs a person");
        h.touch(this, "#opSale-" + notYet.reference());
        assertThat(lookup("#opResolve").tryQuery()).isEmpty();

        h.touch(this, "#opSale-" + left.reference());
        assertThat(KioskUiHarness.text(this, "#opResolve")).isEqualTo("Mark the charge as settled by the back office");
        clickOn("#opNote").write("captured by the back office, ref CB-778");
        h.touch(this, "#opResolve");
        h.waitForOperatorIdle();

        assertThat(h.kiosk.journal().find(left.id()).orElseThrow().state()).isEqualTo(SaleState.COMPLETED);
        assertThat(KioskUiHarness.text(this, "#opSale-" + left.reference())).doesNotContain("needs a person");
        assertThat(lookup("#opResolve").tryQuery()).as("nothing left to resolve").isEmpty();
        AuditLog.Entry e = audit().get(0);
        assertThat(e.action()).isEqualTo("sale.resolve");
        assertThat(e.before()).isEqualTo(left.reference() + " FULFILLED");
    }

    /**
     * A paid renewal accepted upstream whose charge is not taken; with {@code leftToBackOffice}, the card reader
     * could not complete it after a restart and it was left to the back office (as recovery writes it).
     */
    Sale fulfilledSale(boolean leftToBackOffice) {
        Sale s = Sale.open(SaleId.random(), h.kiosk.journal().nextReference("DEMO-01"), SaleKind.RENEWAL,
                Optional.of(new MobileNumber("08011113333")), "renew-sim-10gb-7d", "10GB 7 days", Yen.of(1430),
                TaxRate.STANDARD_10, Language.EN, h.clock.instant(), Optional.empty(), Optional.empty());
        h.kiosk.journal().record(s, SaleStep.OPENED, "");
        s = s.paid(new CardApproval("VISA", "**** 4242", "A1B2C3"));
        h.kiosk.journal().record(s, SaleStep.PAYMENT_APPROVED, "");
        s = s.fulfilled(h.clock.instant().plus(Duration.ofDays(7)));
        h.kiosk.journal().record(s, SaleStep.FULFILLED, "");
        if (leftToBackOffice) {
            h.kiosk.journal().record(s, SaleStep.CAPTURE_REQUESTED, "");
            h.kiosk.journal().record(s, SaleStep.CAPTURE_FAILED, "SESSION_LOST");
            h.kiosk.journal().record(s, SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE, "");
        }
        return s;
    }

    /** A paid renewal upstream refused after payment: written through the journal as the sale service does. */
    Sale refundPendingSale() {
        Sale s = Sale.open(SaleId.random(), h.kiosk.journal().nextReference("DEMO-01"), SaleKind.RENEWAL,
                Optional.of(new MobileNumber("08011112222")), "renew-sim-10gb-7d", "10GB 7 days", Yen.of(1430),
                TaxRate.STANDARD_10, Language.EN, h.clock.instant(), Optional.empty(), Optional.empty());
        h.kiosk.journal().record(s, SaleStep.OPENED, "");
        s = s.paid(new CardApproval("VISA", "**** 4242", "A1B2C3"));
        h.kiosk.journal().record(s, SaleStep.PAYMENT_APPROVED, "");
        s = s.refundPending(FailureReason.RENEWAL_REJECTED);
        h.kiosk.journal().record(s, SaleStep.REFUND_PENDING, "");
        return s;
    }

    @Test
    void outOfServiceSetByTheOperatorStaysAfterLeavingUntilPutBack() {
        enterAsOperator();
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        h.touch(this, "#opOutOfService");
        h.waitForOperatorIdle();
        assertThat(h.kiosk.serviceMonitor().current().heldByOperator()).isTrue();
        h.touch(this, "#opLeave");
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        h.kiosk.serviceMonitor().pollAll(); // the devices are fine: the operator's hold keeps it out
        sleep(300);
        assertThat(h.ui.viewModel().screen()).isEqualTo(Screen.OUT_OF_SERVICE);
        assertThat(lookup("#startButton").tryQuery()).isEmpty();

        enterAsOperator(); // the corner works on the out-of-service screen too
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        h.touch(this, "#opBackInService");
        h.waitForOperatorIdle();
        h.touch(this, "#opLeave");
        h.waitForScreen(Screen.ATTRACT);
        assertThat(actions()).containsSubsequence("service.back", "pin.ok", "service.out", "pin.ok");
    }

    /** A time as the operator screens show it, in the kiosk's zone. */
    String shown(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm").format(t.atZone(h.kiosk.config().zone()));
    }

    @Test
    void theStatusPageNamesEveryReasonForBeingOutOfServiceAndTheAlarmsThatStand() {
        ((jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter) h.kiosk.receiptPrinter()).setOffline(true);
        h.kiosk.serviceMonitor().raise(new Alarm(Alarm.Kind.JOURNAL_FAILED, "disk I/O error"));
        h.kiosk.serviceMonitor().pollAll();
        h.waitForScreen(Screen.OUT_OF_SERVICE);
        enterAsOperator();
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        h.touch(this, "#opOutOfService");
        h.waitForOperatorIdle();
        h.touch(this, "#opTab-STATUS");
        h.waitForOperatorIdle();
        String printer = "Receipt printer: offline · Error reported: port unavailable (as of " + shown(h.clock.instant()) + ")";
        assertThat(KioskUiHarness.text(this, "#opDevice-RECEIPT_PRINTER")).isEqualTo(printer);
        assertThat(KioskUiHarness.text(this, "#opDevice-CARD_READER")).isEqualTo("Card reader: ready");
        assertThat(KioskUiHarness.text(this, "#opService")).isEqualTo("Out of service, because of:"
                + "\n  staff took the kiosk out of service (Service page)"
                + "\n  " + printer
                + "\n  alarm: journal write failed");
        assertThat(KioskUiHarness.text(this, "#opAlarms")).isEqualTo("Alarms:"
                + "\n  Writing or reading the journal failed: disk I/O error. No sales until the application is restarted"
                + " (technician); the sale in progress is settled then.");
        h.touch(this, "#opLang-ja");
        assertThat(KioskUiHarness.text(this, "#opService")).startsWith("休止中。理由：\n  担当者による休止")
                .contains("レシートプリンター").endsWith("\n  警報：ジャーナル書き込み失敗");
        assertThat(KioskUiHarness.text(this, "#opAlarms")).startsWith("警報：\n  ジャーナルの読み書きに失敗しました：disk I/O error。");

        // the printer back, the hold released: the alarm alone keeps the kiosk out
        ((jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter) h.kiosk.receiptPrinter()).setOffline(false);
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        h.touch(this, "#opBackInService");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opServiceState")).isEqualTo("休止中。理由：\n  警報：ジャーナル書き込み失敗");
    }

    @Test
    void theStatusPageShowsNoAlarmWhileInServiceTheLastSuccessfulSyncAndTheFreeDisk() throws Exception {
        enterAsOperator();
        h.touch(this, "#opLang-en");
        assertThat(KioskUiHarness.text(this, "#opAlarms")).isEqualTo("No alarms.");
        assertThat(KioskUiHarness.text(this, "#opLastSync")).as("nothing sent yet").isEqualTo("Last sync: —");
        h.touch(this, "#opLeave");

        h.clock.advance(Duration.ofMinutes(95));
        sell();
        KioskUiHarness.waitFor(() -> h.kiosk.journal().operatorStore().lastSettledAt().isPresent(), "the sale's events sent");
        java.time.Instant settled = h.kiosk.journal().operatorStore().lastSettledAt().orElseThrow();
        enterAsOperator();
        h.touch(this, "#opLang-en");
        assertThat(KioskUiHarness.text(this, "#opLastSync")).isEqualTo("Last sync: " + shown(settled))
                .isNotEqualTo("Last sync: " + shown(h.clock.instant().minus(Duration.ofMinutes(95))));

        long megabyte = 1024L * 1024;
        long shownMb = Long.parseLong(KioskUiHarness.text(this, "#opDisk").replaceAll("[^0-9]", ""));
        assertThat(KioskUiHarness.text(this, "#opDisk")).matches("Free disk: [0-9,]+ MB");
        assertThat(shownMb).isEqualTo(op().statusProperty().get().freeDiskBytes() / megabyte);
        java.nio.file.FileStore disk = Files.getFileStore(data);
        assertThat(shownMb).as("the data folder's disk").isPositive()
                .isLessThanOrEqualTo(disk.getTotalSpace() / megabyte)
                .isCloseTo(disk.getUsableSpace() / megabyte, org.assertj.core.data.Offset.offset(1024L));
    }

    @Test
    void deviceTestsShowTheirResultAndAreAudited() {
        SimulatedSimDispenser sims = (SimulatedSimDispenser) h.kiosk.simDispenser();
        int left = sims.remaining();
        enterAsOperator();
        h.touch(this, "#opLang-en");
        h.touch(this, "#opTab-TESTS");
        h.waitForOperatorIdle();
        h.touch(this, "#opTestPrint");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).startsWith("Test passed: test receipt printed (")
                .endsWith(" bytes sent)");
        assertThat(data.resolve("receipts").resolve("TEST.pdf")).exists();
        h.touch(this, "#opTestDispense");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).startsWith("Test passed: read 8981")
                .endsWith(" and put it in the reject bin");
        assertThat(audit().get(0).after()).startsWith("OK read 8981").endsWith(", captured");
        assertThat(sims.captured()).isEqualTo(1);
        assertThat(sims.remaining()).isEqualTo(left - 1);
        ((jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal) h.kiosk.cardReader()).setOffline(true);
        h.touch(this, "#opTestReader");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Test failed: card reader offline (port unavailable)");
        h.touch(this, "#opLang-ja");
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("テスト失敗：カードリーダー：未接続（ポート使用不可）");
        assertThat(actions()).containsSubsequence("test.cardReader", "test.dispense", "test.print", "pin.ok");
        assertThat(audit().get(0).after()).isEqualTo("FAILED OFFLINE PORT_UNAVAILABLE");

        ((jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter) h.kiosk.receiptPrinter()).setOffline(true);
        h.touch(this, "#opTestPrint");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("テスト失敗：テストレシートを印刷できません：ポート使用不可");
        assertThat(audit().get(0).after()).isEqualTo("FAILED PORT_UNAVAILABLE");
    }

    @Test
    void saleFailuresRejectedStepsAndRefillProblemsAreWordedInTheOperatorsLanguage() {
        SimulatedUpstream upstream = (SimulatedUpstream) h.kiosk.upstream();
        upstream.setReachable(false);
        Sale pending = refundPendingSale();
        KioskUiHarness.waitFor(() -> h.kiosk.journal().outbox().pending(10).stream()
                .anyMatch(e -> e.step() == SaleStep.REFUND_PENDING), "the refund-pending event queued");
        jp.simkiosk.application.port.SaleEvent event = h.kiosk.journal().outbox().pending(10).stream()
                .filter(e -> e.step() == SaleStep.REFUND_PENDING).findFirst().orElseThrow();
        h.kiosk.journal().outbox().settle(List.of(new jp.simkiosk.application.port.Outbox.Settlement(event.eventId(),
                jp.simkiosk.application.port.Outbox.Outcome.REJECTED, "LINE_NOT_RENEWABLE")), h.clock.instant());

        enterAsOperator(); // Japanese first
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        h.touch(this, "#opSale-" + pending.reference());
        assertThat(KioskUiHarness.text(this, "#opSaleSelected")).endsWith("\n理由：バックオフィスが更新を拒否")
                .doesNotContain("RENEWAL_REJECTED");
        h.touch(this, "#opLang-en");
        assertThat(KioskUiHarness.text(this, "#opSaleSelected")).endsWith("\nWhy: the back office refused the renewal");
        ((jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter) h.kiosk.receiptPrinter()).setOffline(true);
        h.touch(this, "#opReprint");
        h.waitForOperatorIdle();
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Receipt not printed: port unavailable");

        h.touch(this, "#opTab-SYNC");
        h.waitForOperatorIdle();
        String row = "#opRejected-" + event.eventId();
        assertThat(KioskUiHarness.text(this, row)).isEqualTo(pending.reference() + " refund pending · LINE_NOT_RENEWABLE · "
                + shown(h.clock.instant()));
        h.touch(this, "#opLang-ja");
        assertThat(KioskUiHarness.text(this, row)).startsWith(pending.reference() + " 返金待ち · ")
                .doesNotContain("REFUND_PENDING");

        h.touch(this, "#opTab-STOCK");
        h.waitForOperatorIdle();
        String backwards = iccid(20005) + "-" + iccid(20001);
        clickOn("#opIccids").write(backwards);
        h.touch(this, "#opRefill");
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("記録できません：範囲 " + backwards + " が逆順です（最初-最後）");
        h.touch(this, "#opLang-en");
        assertThat(KioskUiHarness.text(this, "#opResult")).isEqualTo("Not recorded: the range " + backwards
                + " runs backwards (first-last)");
        assertThat(h.kiosk.journal().operatorStore().between(h.clock.instant().minusSeconds(60),
                h.clock.instant().plusSeconds(1))).as("nothing recorded").isEmpty();
    }

    @Test
    void onlyATechnicianRestartsTheApplication() {
        enterAsOperator();
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        assertThat(lookup("#opRestart").query().isDisabled()).as("an operator cannot restart").isTrue();
        assertThatThrownBy(() -> h.kiosk.operations().maintenance().restart(op().sessionProperty().get()))
                .isInstanceOf(SecurityException.class);
        h.touch(this, "#opLeave");
        holdCorner();
        h.enterPin(this, "2222");
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.OPEN, "maintenance mode open");
        h.touch(this, "#opTab-SERVICE");
        h.waitForOperatorIdle();
        h.touch(this, "#opRestart");
        h.waitForOperatorIdle();
        assertThat(h.kiosk.operations().restart().requested()).isTrue();
        AuditLog.Entry e = audit().get(0);
        assertThat(e.action()).isEqualTo("service.restart");
        assertThat(e.who()).isEqualTo("田中 (demo tech)");
        assertThat(e.after()).isEqualTo("exit 75");
    }

    @Test
    void closingTheDayPrintsSavesAndSendsAZReportWhoseFiguresMatchTheJournalAndOnlyOnce() throws Exception {
        Sale a = sell();
        Sale b = sell();
        Sale pending = refundPendingSale();
        h.clock.advance(Duration.ofMinutes(5)); // the close's period ends at the close: after the sales
        enterAsOperator();
        h.touch(this, "#opTab-DAY");
        h.waitForOperatorIdle();
        h.touch(this, "#opCloseDay");
        h.waitForOperatorIdle();
        LocalDate day = LocalDate.ofInstant(h.clock.instant(), h.kiosk.config().zone());
        Path pdf = data.resolve("reports").resolve("z-report-DEMO-01-" + day + ".pdf");
        assertThat(pdf).exists();
        assertThat(data.resolve("receipts").resolve("Z-" + day + ".pdf")).as("printed on the receipt printer").exists();

        // the figures known by hand: two renewals of renew-sim-10gb-7d at ¥1,430 (10%, tax ¥130 each) by card
        // (the simulated reader approves as VISA), and one renewal of ¥1,430 left refund pending
        assertThat(List.of(a.planId(), b.planId())).containsOnly("renew-sim-10gb-7d");
        assertThat(List.of(a.price(), b.price(), pending.price())).containsOnly(Yen.of(1_430));
        String text;
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(d);
        }
        assertThat(text).contains("DEMO-01").contains(day.toString());
        assertThat(text).containsPattern("合計 Total \\(2\\)\\s+¥2,860");
        assertThat(text).containsPattern("renew-sim-10gb-7d \\(2\\)\\s+¥2,860");
        assertThat(text).containsPattern("クレジットカード Card \\(2\\)\\s+¥2,860");
        assertThat(text).containsPattern("VISA \\(2\\)\\s+¥2,860");
        assertThat(text).containsPattern("10% 対象 base \\(2\\)\\s+¥2,860");
        assertThat(text).containsPattern("10% 消費税 tax\\s+¥260");
        assertThat(text).containsPattern("返金待ち Refund pending \\(1\\)\\s+¥1,430");
        assertThat(text).containsPattern("取消 Voided \\(0\\)");
        assertThat(b.reference()).isNotEqualTo(a.reference());

        assertThat(h.kiosk.journal().operatorStore().find(day)).isPresent();
        assertThat(lookup("#opCloseDay").query().isDisabled()).as("a closed day cannot be closed again").isTrue();
        assertThatThrownBy(() -> h.kiosk.operations().dayClose().close(op().sessionProperty().get(), day))
                .isInstanceOf(DayCloses.AlreadyClosed.class);
        AuditLog.Entry e = audit().get(0);
        assertThat(e.action()).isEqualTo("day.close");
        assertThat(e.after()).startsWith("sold 2 2860 yen").endsWith("; printed");

        // the close reaches the (simulated) back office after the day's events, and the screens say so
        SimulatedUpstream upstream = (SimulatedUpstream) h.kiosk.upstream();
        KioskUiHarness.waitFor(() -> !upstream.closesTaken().isEmpty(), "the close at the back office");
        ZReport sent = upstream.closesTaken().get(0);
        assertThat(sent.day()).isEqualTo(day);
        assertThat(sent.kioskId()).isEqualTo("DEMO-01");
        assertThat(sent.closedBy()).isEqualTo(OPERATOR);
        assertThat(sent.sold().count()).isEqualTo(2);
        assertThat(sent.sold().total()).isEqualTo(Yen.of(2_860));
        assertThat(sent.refundPending().count()).isEqualTo(1);
        assertThat(h.kiosk.journal().outbox().status().oldestPendingAt().filter(t -> !t.isAfter(sent.closedAt())))
                .as("no event written up to the close is still waiting").isEmpty();
        KioskUiHarness.waitFor(() -> h.kiosk.journal().operatorStore().waiting() == 0, "the close settled");
        h.touch(this, "#opTab-SYNC");
        h.waitForOperatorIdle();
        assertThat(lookup("#opSyncCloses").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("送信待ちの締め：0 件");
        h.touch(this, "#opTab-DAY");
        h.waitForOperatorIdle();
        KioskUiHarness.waitFor(() -> lookup("#opDayUpstream-" + day).tryQuery().isPresent(), "the close's state");
        assertThat(lookup("#opDayUpstream-" + day).queryAs(javafx.scene.control.Label.class).getText())
                .startsWith(day + "：送信済み");
        h.touch(this, "#opLang-en");
        assertThat(lookup("#opDayUpstream-" + day).queryAs(javafx.scene.control.Label.class).getText())
                .startsWith(day + ": sent (");
        assertThat(upstream.closesTaken()).as("sent once").hasSize(1);
    }

    /** Every maintenance page, Japanese and English, saved as PNGs under target/screens/ for people to look at. */
    @Test
    void screenTour() throws Exception {
        sell();
        refundPendingSale();
        java.nio.file.Files.createDirectories(ScreenTourTest.OUT);
        holdCorner();
        h.enterPin(this, "0000"); // one wrong PIN: the keypad with its message
        h.waitForOperatorIdle();
        h.touch(this, "#opKey-1");
        h.touch(this, "#opKey-2");
        snap("op-01-pin");
        h.touch(this, "#opKeyDel");
        h.touch(this, "#opKeyDel");
        h.enterPin(this, "2222");
        KioskUiHarness.waitFor(() -> op().modeProperty().get() == Mode.OPEN, "maintenance mode open");
        h.waitForOperatorIdle();
        snap("op-02-status-ja");
        h.touch(this, "#opLang-en");
        snap("op-02-status-en");
        for (OperatorViewModel.Page p : OperatorViewModel.Page.values()) {
            h.touch(this, "#opTab-" + p.name());
            h.waitForOperatorIdle();
            if (p == OperatorViewModel.Page.SALES) {
                h.touch(this, "#opToday");
                h.waitForOperatorIdle();
                String ref = h.kiosk.journal().recent(1).get(0).reference();
                h.touch(this, "#opSale-" + ref);
            }
            snap("op-" + String.format("%02d", p.ordinal() + 3) + "-" + p.name().toLowerCase(java.util.Locale.ROOT) + "-en");
        }
        h.touch(this, "#opLang-ja");
        snap("op-10-day-ja");
        h.touch(this, "#opTab-SALES");
        h.waitForOperatorIdle();
        snap("op-11-sales-ja");
    }

    private void snap(String name) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage img = org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> h.ui.scene().snapshot(null)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        var buffered = javafx.embed.swing.SwingFXUtils.fromFXImage(img, null);
        int[] px = buffered.getRGB(0, 0, buffered.getWidth(), buffered.getHeight(), null, 0, buffered.getWidth());
        assertThat(java.util.Arrays.stream(px).distinct().count()).as("a screen with something on it").isGreaterThan(10);
        javax.imageio.ImageIO.write(buffered, "png", ScreenTourTest.OUT.resolve(name + ".png").toFile());
    }
}
