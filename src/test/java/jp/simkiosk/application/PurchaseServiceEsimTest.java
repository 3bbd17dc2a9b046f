package jp.simkiosk.application;

import static jp.simkiosk.application.port.SaleStep.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import javax.imageio.ImageIO;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.PurchaseService.EsimOutcome;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.testutil.LogCapture;
import jp.simkiosk.testutil.QrDecoder;
import org.junit.jupiter.api.Test;

/**
 * A new eSIM after payment, and which purchase journeys the kiosk offers, on real parts. The activation code is
 * a secret: it must reach the receipt's QR code exactly, stay out of the logs and out of every journal step, and
 * be gone from the journal once the receipt has been printed.
 */
class PurchaseServiceEsimTest extends SaleRigTestBase {

    @Test
    void anIssuedCodeIsPrintedAsAQrCodeThatDecodesToItExactlyThenMaskedInTheJournal() throws IOException {
        EsimOutcome r;
        Sale paid;
        try (LogCapture logs = new LogCapture()) {
            paid = rig.paidByCard(SaleRig.NEW_ESIM);
            r = rig.purchases.deliverEsim(paid.id());
            assertThat(r).isInstanceOf(EsimOutcome.Issued.class);
            ActivationCode code = ((EsimOutcome.Issued) r).code();
            assertThat(rig.journal.activationCode(paid.id())).as("kept until printed").contains(code);

            assertThat(rig.purchases.printReceipt(paid.id(), paid.language())).isInstanceOf(ReceiptOutcome.Printed.class);

            assertThat(logs.messages()).isNotEmpty().noneMatch(m -> m.contains(code.matchingId()));
        }
        ActivationCode code = ((EsimOutcome.Issued) r).code();
        Sale sale = rig.load(paid.id());
        assertThat(sale.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(sale.lineId()).as("the profile's ICCID, for later top-ups").get().isInstanceOf(Iccid.class);
        assertThat(rig.steps(paid.id())).containsExactly(OPENED, PAYMENT_REQUESTED, PAYMENT_APPROVED, ESIM_CODE_REQUESTED,
                ESIM_CODE_ISSUED, CAPTURE_REQUESTED, CAPTURED, RECEIPT_REQUESTED, RECEIPT_PRINTED, ESIM_CODE_MASKED);
        assertThat(rig.entries(paid.id())).extracting(JournalEntry::detail).noneMatch(d -> d.contains(code.matchingId()));
        assertThat(rig.entries(paid.id()).get(4).detail()).isEqualTo(code.masked());
        assertThat(rig.journal.activationCode(paid.id())).as("masked once printed").isEmpty();

        byte[] pdf = rig.receiptPdf(sale);
        assertThat(QrDecoder.decodePdf(pdf)).isEqualTo(code.qrText());
        Path raster = data.resolve("receipts").resolve(sale.reference() + ".png");
        assertThat(QrDecoder.decode(ImageIO.read(raster.toFile()))).as("the printer's 1-bit raster").isEqualTo(code.qrText());
        assertThat(PurchaseServiceSimTest.pdfText(pdf)).contains(code.smdpAddress()).contains(code.matchingId())
                .contains("iPhone").contains("Android").contains(sale.lineId().get().display());
    }

    @Test
    void theMaskedCodeIsNoLongerAnywhereInTheDatabaseFilesWhileTheJournalIsOpen() throws IOException {
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        ActivationCode code = ((EsimOutcome.Issued) rig.purchases.deliverEsim(paid.id())).code();
        assertThat(journalFiles()).as("kept until printed, in the write-ahead log").contains(code.matchingId());

        rig.purchases.printReceipt(paid.id(), paid.language());

        // the journal stays open, as on a running kiosk: the database file, its write-ahead log and shared memory
        assertThat(Files.exists(data.resolve("sales.db-wal"))).isTrue();
        assertThat(journalFiles()).doesNotContain(code.matchingId()).contains(code.maskedMatchingId());
        rig.journal.close();
        assertThat(journalFiles()).doesNotContain(code.matchingId());
    }

    /** The bytes of the journal's database file and of its -wal and -shm files (those that exist), as text. */
    private String journalFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("sales.db", "sales.db-wal", "sales.db-shm")) {
            Path f = data.resolve(name);
            if (Files.exists(f)) all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    @Test
    void aProfileThatNeedsAConfirmationCodeGetsItOnTheReceiptBesideAQrCodeThatOnlySaysDollarOne() throws Exception {
        rig.upstream.esimConfirmationCodes(true);
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        ActivationCode code = ((EsimOutcome.Issued) rig.purchases.deliverEsim(paid.id())).code();
        String confirmation = code.confirmationCode().orElseThrow();
        assertThat(rig.journal.activationCode(paid.id())).as("kept with the code until printed").contains(code);

        assertThat(rig.purchases.printReceipt(paid.id(), paid.language())).isInstanceOf(ReceiptOutcome.Printed.class);

        byte[] pdf = rig.receiptPdf(rig.load(paid.id()));
        String qr = QrDecoder.decodePdf(pdf);
        assertThat(qr).isEqualTo("LPA:1$" + code.smdpAddress() + "$" + code.matchingId() + "$$1")
                .as("the confirmation code is never in the QR code").doesNotContain(confirmation);
        assertThat(ActivationCode.parseQrText(qr, Optional.of(confirmation))).isEqualTo(code);
        assertThat(PurchaseServiceSimTest.pdfText(pdf)).contains(confirmation).contains("Confirmation code");
        assertThat(rig.entries(paid.id())).extracting(JournalEntry::detail).noneMatch(d -> d.contains(confirmation));
        assertThat(rig.journal.activationCode(paid.id())).as("masked with the matching ID").isEmpty();
        rig.journal.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sales.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT matching_id, confirmation_code, masked_at FROM esim_activation")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2)).isNull();
            assertThat(rs.getString(3)).isNotNull();
        }
    }

    @Test
    void aCodeWhoseReceiptDidNotPrintIsMaskedAllTheSame() {
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        rig.purchases.deliverEsim(paid.id());
        rig.printer.failNext(jp.simkiosk.application.device.DeviceFault.JAM);

        ReceiptOutcome printed = rig.purchases.printReceipt(paid.id(), paid.language());

        assertThat(printed).isInstanceOf(ReceiptOutcome.NotPrinted.class);
        assertThat(rig.steps(paid.id())).endsWith(RECEIPT_REQUESTED, RECEIPT_FAILED, ESIM_CODE_MASKED);
        assertThat(rig.journal.activationCode(paid.id())).isEmpty();
    }

    @Test
    void noCodeWithTheBackOfficeUnreachableAndAWalletPaymentIsRefunded() {
        rig.upstream.setReachable(false);
        Sale paid = rig.paidByWallet(SaleRig.NEW_ESIM);

        EsimOutcome r = rig.purchases.deliverEsim(paid.id());

        assertThat(r).isInstanceOfSatisfying(EsimOutcome.NotIssued.class, n -> {
            assertThat(n.reason()).isEqualTo(FailureReason.UPSTREAM_UNAVAILABLE);
            assertThat(n.money()).isEqualTo(MoneyBack.REFUNDED);
        });
        assertThat(rig.steps(paid.id())).endsWith(ESIM_CODE_REQUESTED, ESIM_CODE_UNAVAILABLE, ACTIVATION_CANCEL_QUEUED,
                REFUND_PENDING, REFUNDED);
        assertThat(rig.wallet.ledger().get(paid.id()).refunded()).isEqualTo(Yen.of(1980));
        assertThat(rig.journal.activationCode(paid.id())).isEmpty();
    }

    @Test
    void aRefusedCodeWithARefundTheWalletRefusesIsLeftToTheBackOffice() {
        rig.upstream.rejectNextActivation(Upstream.RejectReason.PLAN_NOT_ALLOWED);
        Sale paid = rig.paidByWallet(SaleRig.NEW_ESIM);
        rig.wallet.failNextRefund();

        EsimOutcome r = rig.purchases.deliverEsim(paid.id());

        assertThat(r).isInstanceOfSatisfying(EsimOutcome.NotIssued.class, n -> {
            assertThat(n.reason()).isEqualTo(FailureReason.ACTIVATION_REJECTED);
            assertThat(n.money()).isEqualTo(MoneyBack.REFUND_PENDING);
        });
        assertThat(rig.steps(paid.id())).endsWith(ESIM_CODE_REJECTED, REFUND_PENDING, REFUND_FAILED);
        assertThat(rig.load(paid.id()).state()).isEqualTo(SaleState.REFUND_PENDING);
        assertThat(rig.wallet.ledger().get(paid.id()).refunded()).isEqualTo(Yen.ZERO);
    }

    @Test
    void askingTheBackOfficeAgainForTheSameSaleAnswersTheSameCode() {
        Sale paid = rig.paidByCard(SaleRig.NEW_ESIM);
        ActivationCode code = ((EsimOutcome.Issued) rig.purchases.deliverEsim(paid.id())).code();

        Upstream.EsimResult again = rig.upstream.issueEsim(paid.id(), SaleRig.NEW_ESIM.id());

        assertThat(again).isInstanceOfSatisfying(Upstream.EsimResult.Issued.class, i -> assertThat(i.code()).isEqualTo(code));
    }

    // ------------------------------------------------------------------ offers and journeys

    @Test
    void plansThatNeedAnIdCheckAreOfferedButNotSold() {
        List<PlanOffer> offers = rig.purchases.offers(PlanKind.NEW_SIM);

        assertThat(offers).extracting(o -> o.plan().id())
                .containsExactly(SaleRig.NEW_SIM.id(), SaleRig.NEW_SIM_OFFLINE.id(), SaleRig.NEW_SIM_ID_CHECK.id());
        assertThat(offers.get(2).availability()).isEqualTo(Availability.NEEDS_ID_CHECK);
        assertThatThrownBy(() -> rig.purchases.quote(SaleRig.NEW_SIM_ID_CHECK)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rig.purchases.offers(PlanKind.NEW_ESIM)).extracting(o -> o.plan().id()).containsExactly(SaleRig.NEW_ESIM.id());
    }

    @Test
    void anEmptyStackerHidesTheNewSimJourneyAndTellsTheOperator() {
        List<PurchaseService.Journeys> told = new ArrayList<>();
        rig.purchases.addJourneysListener(told::add);
        assertThat(rig.purchases.journeys()).isEqualTo(new PurchaseService.Journeys(true, true));

        try (LogCapture logs = new LogCapture()) {
            rig.dispenser.setStackerEmpty(true);

            assertThat(rig.purchases.journeys()).isEqualTo(new PurchaseService.Journeys(false, true));
            assertThat(told).last().isEqualTo(new PurchaseService.Journeys(false, true));
            assertThat(rig.dispenser.health().media()).contains(jp.simkiosk.application.device.MediaCondition.STACKER_EMPTY);
            assertThat(logs.messages()).anyMatch(m -> m.contains("SIM stock empty"));
        }
        rig.dispenser.setStackerEmpty(false);
        assertThat(told).last().isEqualTo(new PurchaseService.Journeys(true, true));
    }

    @Test
    void aLowStockStillSellsButTellsTheOperator() {
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 2; i++) {
                Sale paid = rig.paidByCard(SaleRig.NEW_SIM);
                rig.purchases.deliverSim(paid.id(), (iccid, within) -> { });
            }
            assertThat(rig.dispenser.remaining()).isEqualTo(5);
            assertThat(rig.purchases.journeys().newSim()).isTrue();
            assertThat(logs.messages()).anyMatch(m -> m.contains("SIM stock low"));
        }
    }
}
