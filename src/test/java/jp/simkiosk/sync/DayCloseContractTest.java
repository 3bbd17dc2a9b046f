package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jp.simkiosk.adapter.upstream.http.HttpUpstream;
import jp.simkiosk.adapter.upstream.http.Signatures;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.DayCloseSink.CloseDelivery;
import jp.simkiosk.backoffice.BackOfficeServer.ReceivedRequest;
import jp.simkiosk.backoffice.BackOfficeStore.StoredDayClose;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.testutil.MutableClock;
import jp.simkiosk.testutil.ZReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The close of a day between the kiosk's HTTP adapter and the reference back office on loopback: the request
 * matches {@code docs/upstream-api.yaml} and carries every figure in yen; the back office stores it once by
 * kiosk and day (a resend is a duplicate), rejects a different report of the same day, another kiosk's report
 * and figures that do not add up (by plan, by payment method and its brands, by tax rate), and takes nothing
 * from a request signed with another secret — while the
 * kiosk takes no answer that is not signed with its own.
 */
class DayCloseContractTest {

    private static final OpenApiInteractionValidator CONTRACT = UpstreamContractTest.CONTRACT;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private BackOfficeFixture backOffice;
    private HttpUpstream kiosk;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        backOffice.server().addRequestListener(received::add);
        kiosk = http(BackOfficeFixture.SECRET);
    }

    @AfterEach
    void stop() {
        backOffice.close();
    }

    private HttpUpstream http(byte[] secret) {
        return new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK, secret, Duration.ofSeconds(1),
                Duration.ofSeconds(2), clock);
    }

    private ZReport report(int sold) {
        return ZReports.of(BackOfficeFixture.KIOSK, DAY, clock.instant(), "佐藤", sold);
    }

    @Test
    void aCloseIsStoredOnceAndAResendIsADuplicate() throws Exception {
        ZReport report = report(5);
        assertThat(kiosk.deliver(report)).isEqualTo(new CloseDelivery.Accepted());
        assertThat(kiosk.deliver(report)).isEqualTo(new CloseDelivery.Duplicate());

        assertThat(backOffice.store.dayCloses()).singleElement().satisfies(c -> {
            assertThat(c.kioskId()).isEqualTo(BackOfficeFixture.KIOSK);
            assertThat(c.day()).isEqualTo(DAY.toString());
            assertThat(c.closedAt()).isEqualTo(report.closedAt());
            assertThat(c.closedBy()).isEqualTo("佐藤");
            assertThat(c.soldCount()).isEqualTo(5);
            assertThat(c.soldTotalYen()).isEqualTo(report.sold().total().amount());
        });
        JsonNode body = json.readTree(backOffice.store.dayCloses().get(0).body());
        assertThat(body.get("zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(body.get("from").asText()).isEqualTo(report.from().toString());
        assertThat(body.get("to").asText()).isEqualTo(report.to().toString());
        assertThat(body.get("byPlan")).extracting(n -> n.get("planId").asText() + " " + n.get("count").asInt() + " "
                + n.get("totalYen").asLong()).containsExactly("renew-sim-1gb-3d 4 1200", "renew-sim-5gb-7d 1 1080");
        assertThat(body.get("byPayment")).extracting(n -> n.get("method").asText() + " " + n.get("count").asInt() + " "
                + n.get("totalYen").asLong() + " " + n.get("brands").get(0).get("brand").asText())
                .containsExactly("card 4 1200 VISA", "qr-wallet 1 1080 PayPay");
        assertThat(body.get("byTaxRate")).extracting(n -> n.get("rate").asText() + " " + n.get("totalIncludingTaxYen")
                .asLong() + " " + n.get("taxYen").asLong()).containsExactly("REDUCED_8 1080 80", "STANDARD_10 1200 108");
        for (String figure : List.of("refunded", "refundPending", "voided", "cancelled")) {
            Yen total = figure.equals("cancelled") ? report.cancelled().total() : Yen.of(300);
            assertThat(body.get(figure).get("totalYen").isIntegralNumber()).isTrue();
            assertThat(body.get(figure).get("totalYen").asLong()).as(figure).isEqualTo(total.amount());
        }
        assertThat(body.get("stock")).extracting(n -> n.get("kind").asText() + " " + n.get("count").asInt() + " "
                + n.get("by").asText()).containsExactly("SIM_REFILL 20 佐藤", "PAPER_REPLACED 0 佐藤", "TEST_CARD 1 佐藤");
        assertThat(body.get("sims").toString())
                .isEqualTo("{\"taken\":2,\"captured\":1,\"tested\":1,\"inStacker\":16,\"inRejectBin\":2}");

        assertThat(received).hasSize(2).allSatisfy(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("POST /kiosk/v1/day-closes");
            assertThat(CONTRACT.validateRequest(UpstreamContractTest.asValidatorRequest(r)).getMessages()).isEmpty();
        });
    }

    @Test
    void theValidatorCatchesAReportOutsideTheDocument() {
        kiosk.deliver(report(3));
        ReceivedRequest sent = received.get(0);
        String body = new String(sent.body(), StandardCharsets.UTF_8).replace("\"totalYen\":300", "\"totalYen\":\"300\"");
        assertThat(body).isNotEqualTo(new String(sent.body(), StandardCharsets.UTF_8));
        SimpleRequest.Builder b = new SimpleRequest.Builder(sent.method(), sent.path());
        sent.headers().forEach(b::withHeader);
        b.withBody(body);
        assertThat(CONTRACT.validateRequest(b.build()).hasErrors()).isTrue();
    }

    @Test
    void aDifferentReportOfADayOnRecordIsRejectedWithItsReason() {
        assertThat(kiosk.deliver(report(5))).isEqualTo(new CloseDelivery.Accepted());
        CloseDelivery second = kiosk.deliver(report(6));
        assertThat(second).isInstanceOf(CloseDelivery.Rejected.class);
        assertThat(((CloseDelivery.Rejected) second).reason()).startsWith("DIFFERENT_REPORT").contains(DAY.toString());
        assertThat(backOffice.store.dayCloses()).extracting(StoredDayClose::soldCount).containsExactly(5L);
        assertThat(kiosk.deliver(report(5))).as("the first report is still a duplicate")
                .isEqualTo(new CloseDelivery.Duplicate());
    }

    @Test
    void anotherKiosksReportAndFiguresThatDoNotAddUpAreRejected() {
        ZReport r = report(4);
        ZReport ofAnother = new ZReport("OSA-02", r.day(), r.zone(), r.from(), r.to(), r.closedAt(), r.closedBy(),
                r.sold(), r.byPlan(), r.byPayment(), r.byTaxRate(), r.refunded(), r.refundPending(), r.voided(),
                r.cancelled(), r.stock(), r.sims());
        assertThat(kiosk.deliver(ofAnother)).isInstanceOf(CloseDelivery.Rejected.class)
                .extracting(d -> ((CloseDelivery.Rejected) d).reason()).asString().startsWith("WRONG_KIOSK");
        ZReport badSum = new ZReport(r.kioskId(), r.day(), r.zone(), r.from(), r.to(), r.closedAt(), r.closedBy(),
                new ZReport.Line("sold", 4, r.sold().total().plus(Yen.of(1))), r.byPlan(), r.byPayment(),
                r.byTaxRate(), r.refunded(), r.refundPending(), r.voided(), r.cancelled(), r.stock(), r.sims());
        assertThat(kiosk.deliver(badSum)).isInstanceOf(CloseDelivery.Rejected.class)
                .extracting(d -> ((CloseDelivery.Rejected) d).reason()).asString().startsWith("FIGURES_DO_NOT_ADD_UP");
        ZReport.PaymentLine card = r.byPayment().get(0);
        ZReport badBrands = new ZReport(r.kioskId(), r.day(), r.zone(), r.from(), r.to(), r.closedAt(), r.closedBy(),
                r.sold(), r.byPlan(), List.of(new ZReport.PaymentLine(card.method(), card.count(), card.total(),
                        List.of(new ZReport.Line("VISA", card.count() - 1, card.total()))), r.byPayment().get(1)),
                r.byTaxRate(), r.refunded(), r.refundPending(), r.voided(), r.cancelled(), r.stock(), r.sims());
        assertThat(kiosk.deliver(badBrands)).isInstanceOf(CloseDelivery.Rejected.class)
                .extracting(d -> ((CloseDelivery.Rejected) d).reason()).asString()
                .startsWith("FIGURES_DO_NOT_ADD_UP: the brands of card");
        ZReport badTax = new ZReport(r.kioskId(), r.day(), r.zone(), r.from(), r.to(), r.closedAt(), r.closedBy(),
                r.sold(), r.byPlan(), r.byPayment(), r.byTaxRate().subList(0, 1), r.refunded(), r.refundPending(),
                r.voided(), r.cancelled(), r.stock(), r.sims());
        assertThat(kiosk.deliver(badTax)).isInstanceOf(CloseDelivery.Rejected.class)
                .extracting(d -> ((CloseDelivery.Rejected) d).reason()).asString()
                .startsWith("FIGURES_DO_NOT_ADD_UP: byTaxRate");
        assertThat(backOffice.store.dayCloses()).isEmpty();
        assertThat(kiosk.deliver(r)).isEqualTo(new CloseDelivery.Accepted());
    }

    @Test
    void signaturesAreCheckedBothWays() {
        HttpUpstream impostor = http("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        assertThat(impostor.deliver(report(3))).isInstanceOf(CloseDelivery.Failed.class);
        assertThat(backOffice.store.dayCloses()).as("nothing taken from a bad signature").isEmpty();
        assertThat(received).singleElement().satisfies(r -> assertThat(r.headers().keySet())
                .anyMatch(h -> h.equalsIgnoreCase(Signatures.SIGNATURE)));

        backOffice.faults.unsigned(true);
        CloseDelivery unsigned = kiosk.deliver(report(3));
        assertThat(unsigned).isInstanceOf(CloseDelivery.Failed.class);
        assertThat(((CloseDelivery.Failed) unsigned).reason()).contains("without a valid signature");
        backOffice.faults.unsigned(false);
        assertThat(kiosk.deliver(report(3))).as("stored by the unsigned round; the kiosk did not believe it")
                .isEqualTo(new CloseDelivery.Duplicate());
    }

    @Test
    void aLostAnswerIsAFailureAndTheResendADuplicate() {
        backOffice.faults.set(Faults.Mode.DROP_AFTER_STORE);
        assertThat(kiosk.deliver(report(3))).isInstanceOf(CloseDelivery.Failed.class);
        backOffice.faults.set(Faults.Mode.ERROR_500);
        assertThat(kiosk.deliver(report(3))).isInstanceOf(CloseDelivery.Failed.class);
        backOffice.faults.clear();
        assertThat(kiosk.deliver(report(3))).isEqualTo(new CloseDelivery.Duplicate());
        assertThat(backOffice.store.dayCloses()).hasSize(1);
    }
}
