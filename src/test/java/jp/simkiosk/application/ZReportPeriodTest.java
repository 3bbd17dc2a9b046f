package jp.simkiosk.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import jp.simkiosk.adapter.persistence.sqlite.SqliteOperatorStore;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.PdfZReportRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.operator.DayClose;
import jp.simkiosk.application.operator.Maintenance;
import jp.simkiosk.application.operator.Operator;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.OperatorSession;
import jp.simkiosk.application.operator.PinHash;
import jp.simkiosk.application.operator.SalesAdmin;
import jp.simkiosk.application.operator.SimStock;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.operator.ZReport.Line;
import jp.simkiosk.application.operator.ZReport.PaymentLine;
import jp.simkiosk.application.port.Consumables;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two closes on a real journal, with the sales made through the use cases on the simulators, over two business
 * days: every money event lands in exactly one Z report — a sale when its charge is taken, a void, refund or
 * cancel when it happens — and the SIMs that leave the stacker are counted. The expected figures are written out
 * by hand from the story below (prices: renewal ¥300, new eSIM ¥1,980, new SIM ¥2,480, new SIM sold offline ¥980,
 * all at 10%, tax in each: ¥27, ¥180, ¥225, ¥89).
 *
 * <pre>
 * day 1 (2026-11-26, JST)
 * 08:45  stacker counted: 7 SIMs                                         stock
 * 08:50  refill by count: a box of 50                                    stock
 * 09:00  S1 renewal, card                      sold ¥300
 * 09:10  S2 new eSIM, QR wallet                sold ¥1,980
 * 09:20  S3 new SIM, card, taken               sold ¥2,480               SIM taken
 * 09:30  S4 new SIM, card, left at the gate    voided ¥2,480             SIM captured
 * 09:40  S5 renewal, QR wallet, refused        sold ¥300, refunded ¥300 (the wallet's refund)
 * 09:50  S6 renewal, card, refused, void fails refund pending ¥300
 * 10:00  S7 new SIM sold offline, card, taken  sold ¥980 (captured now, activated on day 2)   SIM taken
 * 10:10  S8 renewal, cancelled before paying   cancelled ¥300
 * 10:30  device test card                                                stock, SIM to the bin
 * 12:00  CLOSE day 1
 * 13:00  S9 renewal, card                      sold ¥300: after the close, in day 2's report
 * 13:10  reject bin emptied (2 cards)                                    stock
 * day 2 (2026-11-27)
 * 10:00  S6 resolved by the operator           refunded ¥300
 * 10:05  S7 activated: completed               nothing (sold on day 1)
 * 10:10  S10 new SIM, transport IC, taken      sold ¥2,480               SIM taken
 * 18:00  CLOSE day 2
 * </pre>
 */
class ZReportPeriodTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final MobileNumber LINE = new MobileNumber("09012345678");
    static final LocalDate DAY_1 = LocalDate.of(2026, 11, 26);
    static final LocalDate DAY_2 = LocalDate.of(2026, 11, 27);

    @TempDir
    Path data;
    SaleRig rig;
    SqliteOperatorStore store;
    DayClose dayClose;
    Maintenance maintenance;
    SalesAdmin salesAdmin;
    /** Whether the dispenser tells how many cards were in its bin (the simulator does, the CRT-591 cannot). */
    boolean deviceCountsBin = true;
    final OperatorSession op = new OperatorSession(new Operator("佐藤", OperatorRole.OPERATOR,
            PinHash.of("1111", new java.security.SecureRandom())), Instant.EPOCH);

    @BeforeEach
    void build() throws IOException {
        rig = new SaleRig(data, List.of(new LineStatus(LINE, LineForm.PHYSICAL_SIM, Optional.of(SaleRig.RENEWAL.id()),
                Optional.of(Instant.parse("2026-12-27T05:00:00Z")), true, Set.of())));
        store = rig.journal.operatorStore();
        ReceiptFonts fonts = ReceiptFonts.loadFromClasspath();
        dayClose = new DayClose(store, store, store, store, () -> { }, new PdfZReportRenderer(fonts), rig.printer, store,
                data.resolve("reports"), "TEST-01", TOKYO, rig.clock);
        ServiceMonitor monitor = new ServiceMonitor(List.of(new ServiceMonitor.Slot(rig.dispenser, true),
                new ServiceMonitor.Slot(rig.printer, true), new ServiceMonitor.Slot(rig.terminal, true)), null,
                Duration.ofSeconds(5));
        // what the composition root's DeviceConsumables does for the simulators
        Consumables consumables = new Consumables() {
            @Override
            public void simsLoaded(List<Iccid> iccids) {
                rig.dispenser.load(iccids);
            }

            @Override
            public void simsLoaded(int count) {
                rig.dispenser.loadUnscanned(count);
            }

            @Override
            public int rejectBinEmptied() {
                int cards = rig.dispenser.emptyRejectBin();
                return deviceCountsBin ? cards : -1;
            }

            @Override
            public void paperReplaced() {
            }
        };
        maintenance = new Maintenance(rig.terminal, rig.printer, rig.dispenser, monitor, rig.journal.outbox(), store,
                () -> { }, consumables, store, new SimStock(store, store), store, new PdfReceiptRenderer(fonts),
                new SaleSettings("TEST-01", TOKYO, new Receipt.Issuer("Test Mobile K.K.",
                        new RegistrationNumber("T7123456789012"), "Test hall"), "0120-000-000"),
                data, "test", () -> { }, rig.clock);
        salesAdmin = new SalesAdmin(rig.journal, store, rig.journal, rig.checkout, store, SalesAdmin.defaultResolutions());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    /** Sets the clock to a time of day 1 or 2 in Tokyo (it only moves forward). */
    void at(LocalDate day, String time) {
        Instant t = day.atTime(java.time.LocalTime.parse(time)).atZone(TOKYO).toInstant();
        assertThat(t).isAfterOrEqualTo(rig.clock.instant());
        rig.clock.advance(Duration.between(rig.clock.instant(), t));
    }

    Sale renewalOpened() {
        LineStatus status = ((Upstream.LookupResult.Found) rig.upstream.lookUp(LINE)).status();
        return rig.renewals.open(rig.renewals.quote(status, SaleRig.RENEWAL), Language.EN);
    }

    Sale renewalByCard() {
        Sale sale = renewalOpened();
        assertThat(rig.checkout.payByCard(sale.id(), PaymentMethod.CARD)).isInstanceOf(PaymentOutcome.Paid.class);
        return rig.renewals.fulfil(sale.id()).sale();
    }

    Sale newSim(Sale paid) {
        return rig.purchases.deliverSim(paid.id(), (iccid, within) -> { }).sale();
    }

    @Test
    void everyMoneyEventAndEverySimLandsInExactlyOneReport() throws IOException {
        // ---- day 1
        at(DAY_1, "08:45");
        maintenance.recordSimCount(op, 7);
        at(DAY_1, "08:50");
        maintenance.recordSimRefill(op, 50);

        at(DAY_1, "09:00");
        assertThat(renewalByCard().state()).isEqualTo(SaleState.COMPLETED);
        at(DAY_1, "09:10");
        Sale s2 = rig.paidByWallet(SaleRig.NEW_ESIM);
        assertThat(rig.purchases.deliverEsim(s2.id()).sale().state()).isEqualTo(SaleState.COMPLETED);
        at(DAY_1, "09:20");
        assertThat(newSim(rig.paidByCard(SaleRig.NEW_SIM)).state()).isEqualTo(SaleState.COMPLETED);
        at(DAY_1, "09:30");
        rig.dispenser.setCardNotTaken(true);
        assertThat(newSim(rig.paidByCard(SaleRig.NEW_SIM)).state()).isEqualTo(SaleState.VOIDED);
        rig.dispenser.setCardNotTaken(false);
        at(DAY_1, "09:40");
        Sale s5 = rig.payByWallet(renewalOpened());
        rig.upstream.rejectNextRenewal(Upstream.RejectReason.PLAN_NOT_ALLOWED);
        assertThat(rig.renewals.fulfil(s5.id()).sale().state()).isEqualTo(SaleState.REFUNDED);
        at(DAY_1, "09:50");
        Sale s6 = renewalOpened();
        rig.checkout.payByCard(s6.id(), PaymentMethod.CARD);
        rig.upstream.rejectNextRenewal(Upstream.RejectReason.PLAN_NOT_ALLOWED);
        rig.terminal.failVoidNext(DeviceFault.TIMEOUT);
        assertThat(rig.renewals.fulfil(s6.id()).sale().state()).isEqualTo(SaleState.REFUND_PENDING);
        at(DAY_1, "10:00");
        rig.upstream.setReachable(false);
        Sale s7 = newSim(rig.paidByCard(SaleRig.NEW_SIM_OFFLINE));
        assertThat(s7.state()).isEqualTo(SaleState.PAID);
        rig.upstream.setReachable(true);
        at(DAY_1, "10:10");
        assertThat(rig.checkout.cancel(renewalOpened().id(), FailureReason.CUSTOMER_CANCELLED).state())
                .isEqualTo(SaleState.CANCELLED);
        at(DAY_1, "10:30");
        assertThat(maintenance.dispenseTestCard(op).ok()).isTrue();

        at(DAY_1, "12:00");
        Instant close1 = rig.clock.instant();
        DayClose.Result closed1 = dayClose.close(op, DAY_1);
        ZReport day1 = closed1.report();

        assertThat(day1.day()).isEqualTo(DAY_1);
        assertThat(day1.from()).as("the first close starts at the journal's first event").isEqualTo(
                DAY_1.atTime(8, 45).atZone(TOKYO).toInstant());
        assertThat(day1.to()).isEqualTo(close1);
        assertThat(day1.closedAt()).isEqualTo(close1);
        assertThat(day1.sold()).isEqualTo(new Line("sold", 5, Yen.of(6_040)));
        assertThat(day1.byPlan()).containsExactly(new Line("new-esim-3gb", 1, Yen.of(1_980)),
                new Line("new-sim-1gb-offline", 1, Yen.of(980)), new Line("new-sim-5gb", 1, Yen.of(2_480)),
                new Line("renew-1gb", 2, Yen.of(600)));
        assertThat(day1.byPayment()).containsExactly(
                new PaymentLine("card", 3, Yen.of(3_760), List.of(new Line("VISA", 3, Yen.of(3_760)))),
                new PaymentLine("qr-wallet", 2, Yen.of(2_280), List.of(new Line("PayPay", 2, Yen.of(2_280)))));
        assertThat(day1.byTaxRate()).containsExactly(new ZReport.TaxLine(TaxRate.STANDARD_10, 5, Yen.of(6_040),
                Yen.of(548)));
        assertThat(day1.refunded()).isEqualTo(new Line("REFUNDED", 1, Yen.of(300)));
        assertThat(day1.refundPending()).isEqualTo(new Line("REFUND_PENDING", 1, Yen.of(300)));
        assertThat(day1.voided()).isEqualTo(new Line("VOIDED", 1, Yen.of(2_480)));
        assertThat(day1.cancelled()).isEqualTo(new Line("CANCELLED", 1, Yen.of(300)));
        assertThat(day1.stock()).extracting(m -> m.kind() + " " + m.count() + " " + m.detail())
                .containsExactly("SIM_COUNTED 7 ", "SIM_REFILL 50 by count", "TEST_CARD 1 ");
        assertThat(day1.sims()).isEqualTo(new ZReport.Sims(2, 1, 1, OptionalInt.of(53), 2));
        assertThat(rig.dispenser.remaining()).as("the simulator agrees with the kiosk's count").isEqualTo(53);
        assertThat(rig.dispenser.captured()).isEqualTo(2);

        // the PDF says the same, read back
        String pdf = pdfText(closed1.pdf());
        assertThat(pdf).contains("TEST-01").contains("2026-11-26 08:45").contains("2026-11-26 12:00");
        assertRow(pdf, "合計 Total (5)", "¥6,040");
        assertRow(pdf, "renew-1gb (2)", "¥600");
        assertRow(pdf, "new-sim-1gb-offline (1)", "¥980");
        assertRow(pdf, "クレジットカード Card (3)", "¥3,760");
        assertRow(pdf, "VISA (3)", "¥3,760");
        assertRow(pdf, "QRコード決済 QR wallet (2)", "¥2,280");
        assertRow(pdf, "PayPay (2)", "¥2,280");
        assertRow(pdf, "10% 対象 base (5)", "¥6,040");
        assertRow(pdf, "10% 消費税 tax", "¥548");
        assertRow(pdf, "返金済 Refunded (1)", "¥300");
        assertRow(pdf, "返金待ち Refund pending (1)", "¥300");
        assertRow(pdf, "取消 Voided (1)", "¥2,480");
        assertRow(pdf, "中止 Cancelled (1)", "¥300");
        assertRow(pdf, "お客様へ Taken", "2");
        assertRow(pdf, "回収箱へ Captured", "1");
        assertRow(pdf, "テスト Tested", "1");
        assertRow(pdf, "スタッカー残 In stacker", "53");
        assertRow(pdf, "回収箱内 In reject bin", "2");
        assertThat(pdf).contains("SIM_REFILL").contains("TEST_CARD");

        assertThatThrownBy(() -> dayClose.close(op, DAY_1)).isInstanceOf(DayCloses.AlreadyClosed.class);
        assertThat(store.owed()).extracting(o -> o.report()).containsExactly(day1);

        // after the close, on day 1: the next report's
        at(DAY_1, "13:00");
        assertThat(renewalByCard().state()).isEqualTo(SaleState.COMPLETED);
        at(DAY_1, "13:10");
        maintenance.recordRejectBinEmptied(op);
        assertThat(dayClose.preview(DAY_1, "佐藤").sold()).as("what the End-of-day page shows after the close")
                .isEqualTo(new Line("sold", 1, Yen.of(300)));

        // ---- day 2
        at(DAY_2, "10:00");
        assertThat(salesAdmin.resolve(op, s6.id(), "refunded in cash at the counter").state()).isEqualTo(SaleState.REFUNDED);
        at(DAY_2, "10:05");
        rig.renewals.applied(s7.id(), Instant.parse("2026-12-05T01:05:00Z"));
        assertThat(rig.load(s7.id()).state()).isEqualTo(SaleState.COMPLETED);
        at(DAY_2, "10:10");
        Sale s10 = rig.purchases.open(rig.purchases.quote(SaleRig.NEW_SIM), Language.JA);
        assertThat(rig.checkout.payByCard(s10.id(), PaymentMethod.TRANSPORT_IC)).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(newSim(rig.load(s10.id())).state()).isEqualTo(SaleState.COMPLETED);

        at(DAY_2, "18:00");
        ZReport day2 = dayClose.close(op, DAY_2).report();
        assertThat(day2.from()).as("day 2 begins where day 1 closed").isEqualTo(close1);
        assertThat(day2.sold()).isEqualTo(new Line("sold", 2, Yen.of(2_780)));
        assertThat(day2.byPlan()).containsExactly(new Line("new-sim-5gb", 1, Yen.of(2_480)),
                new Line("renew-1gb", 1, Yen.of(300)));
        assertThat(day2.byPayment()).containsExactly(
                new PaymentLine("card", 1, Yen.of(300), List.of(new Line("VISA", 1, Yen.of(300)))),
                new PaymentLine("transport-ic", 1, Yen.of(2_480), List.of(new Line("VISA", 1, Yen.of(2_480)))));
        assertThat(day2.byTaxRate()).containsExactly(new ZReport.TaxLine(TaxRate.STANDARD_10, 2, Yen.of(2_780),
                Yen.of(252)));
        assertThat(day2.refunded()).as("S6, refunded by the operator").isEqualTo(new Line("REFUNDED", 1, Yen.of(300)));
        assertThat(day2.refundPending()).isEqualTo(new Line("REFUND_PENDING", 0, Yen.ZERO));
        assertThat(day2.voided()).isEqualTo(new Line("VOIDED", 0, Yen.ZERO));
        assertThat(day2.cancelled()).isEqualTo(new Line("CANCELLED", 0, Yen.ZERO));
        assertThat(day2.stock()).extracting(m -> m.kind() + " " + m.count())
                .as("the bin's two cards, as the simulator counted them").containsExactly("REJECT_BIN_EMPTIED 2");
        assertThat(day2.sims()).isEqualTo(new ZReport.Sims(1, 0, 0, OptionalInt.of(52), 0));

        // nothing left over, and days close in order
        at(DAY_2, "18:30");
        ZReport next = dayClose.preview(DAY_2.plusDays(1), "佐藤");
        assertThat(next.sold().count() + next.refunded().count() + next.voided().count() + next.cancelled().count()
                + next.refundPending().count() + next.stock().size() + next.sims().out()).isZero();
        assertThatThrownBy(() -> dayClose.close(op, DAY_1.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(DAY_1.minusDays(1))).isEmpty();
    }

    @Test
    void withoutACountTheStackerIsCountedFromEmptyAndNotKnownWhenThatGoesBelowZero() {
        SimStock sims = new SimStock(store, store);
        assertThat(sims.countAt(rig.clock.instant())).isEqualTo(new SimStock.Count(OptionalInt.of(0), 0));
        assertThat(maintenance.dispenseTestCard(op).ok()).isTrue();
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(sims.countAt(rig.clock.instant())).as("a card out of a stacker never refilled")
                .isEqualTo(new SimStock.Count(OptionalInt.empty(), 1));
        maintenance.recordSimRefill(op, 20);
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(sims.countAt(rig.clock.instant()).inStacker()).as("19: still the card the kiosk was never told of")
                .hasValue(19);
        maintenance.recordSimCount(op, 26);
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(newSim(rig.paidByCard(SaleRig.NEW_SIM)).state()).isEqualTo(SaleState.COMPLETED);
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(sims.countAt(rig.clock.instant())).isEqualTo(new SimStock.Count(OptionalInt.of(25), 1));
        assertThat(rig.dispenser.remaining()).isEqualTo(25);
    }

    @Test
    void aDispenserThatCannotCountItsBinHasTheKiosksCountRecordedWhenItIsEmptied() {
        deviceCountsBin = false;
        rig.dispenser.setCardNotTaken(true);
        assertThat(newSim(rig.paidByCard(SaleRig.NEW_SIM)).state()).isEqualTo(SaleState.VOIDED);
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(maintenance.dispenseTestCard(op).ok()).isTrue();
        rig.clock.advance(Duration.ofMinutes(1));
        maintenance.recordRejectBinEmptied(op);
        assertThat(store.between(Instant.EPOCH, rig.clock.instant().plusSeconds(1)))
                .extracting(m -> m.kind() + " " + m.count())
                .containsExactly("TEST_CARD 1", "REJECT_BIN_EMPTIED 2");
        assertThat(store.recent(1).get(0).after()).endsWith("2 card(s) by the kiosk's count");
        rig.clock.advance(Duration.ofMinutes(1));
        assertThat(new SimStock(store, store).countNow().inRejectBin()).isZero();
    }

    static String pdfText(Path pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(d);
        }
    }

    static void assertRow(String text, String label, String value) {
        assertThat(text).containsPattern(Pattern.quote(label) + "\\s+" + Pattern.quote(value) + "\\s");
    }
}
