package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.adapter.upstream.http.HttpPaymentProvider;
import jp.simkiosk.application.port.CatalogSource.Fetch;
import jp.simkiosk.application.port.HeartbeatSink.Heartbeat;
import jp.simkiosk.application.port.PaymentProvider.CreateResult;
import jp.simkiosk.application.port.PaymentProvider.RefundResult;
import jp.simkiosk.application.port.PaymentProvider.WalletStatus;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.ActivationResult;
import jp.simkiosk.application.port.Upstream.CancelResult;
import jp.simkiosk.application.port.Upstream.EsimResult;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.application.sync.OutboxSender.Round;
import jp.simkiosk.backoffice.BackOfficeServer.ReceivedRequest;
import jp.simkiosk.backoffice.BackOfficeServer.SentAnswer;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the kiosk sends — event batches, catalog fetches with and without a known ETag, line
 * look-ups, renewals, heartbeats, and for purchases SIM activations, eSIM issues, cancellations and QR wallet
 * payments — is validated, as the back office received it, against the OpenAPI document
 * {@code docs/upstream-api.yaml}; so are the back office's answers to the purchase requests and to an outbox
 * batch holding every step a sale can journal.
 */
class UpstreamContractTest {

    /** The upstream contract, {@code docs/upstream-api.yaml}, as a validator of requests and answers. */
    static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("docs/upstream-api.yaml").toAbsolutePath().toUri().toString())
            .withBasePathOverride("/kiosk/v1")
            .build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final List<SentAnswer> answered = Collections.synchronizedList(new ArrayList<>());
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        backOffice.server().addRequestListener(received::add);
        backOffice.server().addAnswerListener(answered::add);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new RecordingDeferredFulfilments());
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    /** A request as the back office received it, for the validator. */
    static Request asValidatorRequest(ReceivedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.method(), r.path());
        r.headers().forEach((name, values) -> b.withHeader(name, values));
        if (r.query() != null) {
            for (String pair : r.query().split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (r.body().length > 0) b.withBody(new String(r.body(), StandardCharsets.UTF_8));
        return b.build();
    }

    @Test
    void everyKindOfRequestTheKioskSendsMatchesTheDocument() {
        kiosk.sellCompleted(2);
        // a deferred renewal with a line id, a card and the expiries: the richest event
        Sale offline = Sale.open(SaleId.random(), kiosk.journal.nextReference(BackOfficeFixture.KIOSK),
                jp.simkiosk.domain.sale.SaleKind.RENEWAL, Optional.of(new MobileNumber("09012345678")),
                "renew-sim-1gb-3d", "データ追加 1GB", jp.simkiosk.domain.money.Yen.of(300),
                jp.simkiosk.domain.tax.TaxRate.STANDARD_10, jp.simkiosk.domain.Language.JA, clock.instant(),
                Optional.empty(), Optional.of(clock.instant().plus(Duration.ofDays(3))));
        kiosk.journal.record(offline, SaleStep.OPENED, offline.planId());
        Sale paid = offline.paid(new jp.simkiosk.domain.sale.CardApproval("JCB", "************0006", "738261"));
        kiosk.journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
        kiosk.journal.step(paid, SaleStep.FULFILMENT_DEFERRED, paid.planId());
        assertThat(kiosk.drain(10)).last().isEqualTo(new Round.Idle());

        Fetch first = kiosk.upstream.fetch(Optional.empty());
        assertThat(first).isInstanceOf(Fetch.Fetched.class);
        assertThat(kiosk.upstream.fetch(Optional.of(((Fetch.Fetched) first).etag()))).isInstanceOf(Fetch.NotModified.class);
        assertThat(kiosk.upstream.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Found.class);
        assertThat(kiosk.upstream.lookUp(new MobileNumber("08098765432"))).isInstanceOf(LookupResult.NotFound.class);
        assertThat(kiosk.upstream.applyRenewal(SaleId.random(), new MobileNumber("09012345678"), "renew-sim-1gb-3d"))
                .isInstanceOf(RenewalResult.Applied.class);
        assertThat(kiosk.upstream.send(new Heartbeat(clock.instant(), List.of(
                DeviceHealth.ready(DeviceRole.CARD_READER, Set.of(), clock.instant()),
                DeviceHealth.ready(DeviceRole.RECEIPT_PRINTER, Set.of(MediaCondition.PAPER_NEAR_END), clock.instant()),
                DeviceHealth.error(DeviceRole.SIM_DISPENSER, DeviceFault.values()[0], Set.of(MediaCondition.STACKER_EMPTY),
                        clock.instant())),
                kiosk.outbox.status(), Optional.of(((Fetch.Fetched) first).etag())))).isTrue();

        assertThat(received).extracting(r -> r.method() + " " + r.path().replaceAll("/lines/.*", "/lines/{id}"))
                .contains("POST /kiosk/v1/events", "GET /kiosk/v1/catalog", "GET /kiosk/v1/lines/{id}",
                        "POST /kiosk/v1/renewals", "POST /kiosk/v1/heartbeat");
        assertThat(received).anySatisfy(r -> assertThat(r.headers()).containsKey("If-none-match"));
        for (ReceivedRequest r : received) {
            ValidationReport report = CONTRACT.validateRequest(asValidatorRequest(r));
            assertThat(report.getMessages()).as("%s %s", r.method(), r.path()).isEmpty();
        }
    }

    private static SimpleResponse asValidatorResponse(SentAnswer a) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(a.status());
        a.headers().forEach((name, values) -> b.withHeader(name, values));
        if (a.body().length > 0) b.withBody(new String(a.body(), StandardCharsets.UTF_8));
        return b.build();
    }

    private static ValidationReport validate(SentAnswer a) {
        return CONTRACT.validateResponse(a.request().path(), Request.Method.valueOf(a.request().method()),
                asValidatorResponse(a));
    }

    @Test
    void purchaseRequestsAndTheirAnswersMatchTheDocument() throws Exception {
        // new lines: activated, rejected, repeated; eSIM issued and rejected; cancellations
        SaleId simSale = SaleId.random();
        Iccid card = NewLinesOverHttpTest.newCard(900);
        assertThat(kiosk.upstream.activateSim(simSale, card, "new-sim-5gb-8d")).isInstanceOf(ActivationResult.Activated.class);
        assertThat(kiosk.upstream.activateSim(simSale, card, "new-sim-5gb-8d")).isInstanceOf(ActivationResult.Activated.class);
        assertThat(kiosk.upstream.activateSim(SaleId.random(), NewLinesOverHttpTest.newCard(901), "new-esim-3gb-8d"))
                .isInstanceOf(ActivationResult.Rejected.class);
        assertThat(kiosk.upstream.issueEsim(SaleId.random(), "new-esim-3gb-8d")).isInstanceOf(EsimResult.Issued.class);
        backOffice.server().esimConfirmationCodes(true);
        assertThat(kiosk.upstream.issueEsim(SaleId.random(), "new-esim-3gb-8d")).isInstanceOfSatisfying(
                EsimResult.Issued.class, i -> assertThat(i.code().confirmationCodeRequired()).isTrue());
        backOffice.server().esimConfirmationCodes(false);
        assertThat(kiosk.upstream.issueEsim(SaleId.random(), "new-sim-5gb-8d")).isInstanceOf(EsimResult.Rejected.class);
        assertThat(kiosk.upstream.cancelActivation(simSale)).isEqualTo(new CancelResult.Cancelled());
        assertThat(kiosk.upstream.cancelActivation(SaleId.random())).isEqualTo(new CancelResult.Cancelled());

        // QR wallet: created, repeated, other amount refused (409), polled, paid, refunded, cancelled, unknown (404)
        HttpPaymentProvider wallet = new HttpPaymentProvider(backOffice.baseUrl(), BackOfficeFixture.KIOSK,
                BackOfficeFixture.SECRET, Duration.ofMillis(500), Duration.ofSeconds(2), clock);
        SaleId paidSale = SaleId.random();
        assertThat(wallet.create(paidSale, jp.simkiosk.domain.money.Yen.of(2480))).isInstanceOf(CreateResult.Created.class);
        assertThat(wallet.create(paidSale, jp.simkiosk.domain.money.Yen.of(2480))).isInstanceOf(CreateResult.Created.class);
        assertThat(wallet.create(paidSale, jp.simkiosk.domain.money.Yen.of(1))).isInstanceOf(CreateResult.Unavailable.class);
        assertThat(wallet.status(paidSale)).isEqualTo(new WalletStatus.Pending());
        clock.advance(Duration.ofSeconds(8)); // the demo wallet pays by itself after five seconds
        assertThat(wallet.status(paidSale)).isInstanceOf(WalletStatus.Paid.class);
        assertThat(wallet.refund(paidSale, jp.simkiosk.domain.money.Yen.of(99))).isInstanceOf(RefundResult.Failed.class);
        assertThat(wallet.refund(paidSale, jp.simkiosk.domain.money.Yen.of(2480))).isEqualTo(new RefundResult.Refunded());
        SaleId cancelledSale = SaleId.random();
        wallet.create(cancelledSale, jp.simkiosk.domain.money.Yen.of(300));
        assertThat(wallet.cancel(cancelledSale)).isEqualTo(new WalletStatus.Cancelled());
        assertThat(wallet.status(SaleId.random())).isInstanceOf(WalletStatus.Unavailable.class);

        // an outbox batch of a new SIM paid by QR wallet that holds every step a sale can journal
        Sale open = Sale.open(SaleId.random(), kiosk.journal.nextReference(BackOfficeFixture.KIOSK),
                jp.simkiosk.domain.sale.SaleKind.NEW_SIM, Optional.empty(), "new-sim-5gb-8d", "5GB 8日",
                jp.simkiosk.domain.money.Yen.of(2480), jp.simkiosk.domain.tax.TaxRate.STANDARD_10,
                jp.simkiosk.domain.Language.JA, clock.instant(), Optional.empty(), Optional.of(clock.instant()));
        Sale sim = open.paid(new jp.simkiosk.domain.sale.CardApproval("PayPay", "", "BO2345ABCDEF"))
                .forLine(NewLinesOverHttpTest.newCard(902));
        kiosk.journal.record(open, SaleStep.OPENED, open.planId());
        for (SaleStep step : SaleStep.values()) {
            if (step != SaleStep.OPENED) kiosk.journal.record(sim, step, step.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(kiosk.drain(40)).last().isEqualTo(new Round.Idle());
        assertThat(backOffice.store.events()).extracting(e -> e.step())
                .containsAll(Arrays.stream(SaleStep.values()).map(Enum::name).toList());

        assertThat(received).extracting(r -> r.method() + " " + r.path().replaceAll("/wallet-payments/[^/]+", "/wallet-payments/{id}"))
                .contains("POST /kiosk/v1/activations", "POST /kiosk/v1/esims", "POST /kiosk/v1/activation-cancellations",
                        "POST /kiosk/v1/wallet-payments", "GET /kiosk/v1/wallet-payments/{id}",
                        "POST /kiosk/v1/wallet-payments/{id}/cancellation", "POST /kiosk/v1/wallet-payments/{id}/refund",
                        "POST /kiosk/v1/events");
        for (ReceivedRequest r : received) {
            ValidationReport report = CONTRACT.validateRequest(asValidatorRequest(r));
            assertThat(report.getMessages()).as("%s %s", r.method(), r.path()).isEmpty();
        }
        assertThat(answered).extracting(SentAnswer::status).contains(200, 404, 409);
        for (SentAnswer a : answered) {
            assertThat(validate(a).getMessages()).as("answer %s to %s %s", a.status(), a.request().method(),
                    a.request().path()).isEmpty();
        }
    }

    @Test
    void theEventStepsOfTheDocumentAreExactlyTheJournalSteps() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docs/upstream-api.yaml").toFile());
        List<String> documented = new ArrayList<>();
        spec.at("/components/schemas/SaleEvent/properties/step/enum").forEach(n -> documented.add(n.asText()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.stream(SaleStep.values()).map(Enum::name).toList());
    }

    @Test
    void theValidatorDoesCatchAnAnswerOutsideTheDocument() {
        kiosk.upstream.issueEsim(SaleId.random(), "new-esim-3gb-8d");
        SentAnswer sent = answered.get(0);
        String body = new String(sent.body(), StandardCharsets.UTF_8).replace("\"issued\"", "\"handed-out\"");
        SentAnswer tampered = new SentAnswer(sent.request(), sent.status(), sent.headers(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(validate(sent).hasErrors()).isFalse();
        assertThat(validate(tampered).hasErrors()).isTrue();
    }

    @Test
    void theValidatorDoesCatchARequestOutsideTheDocument() {
        kiosk.sellCompleted(1);
        kiosk.drain(3);
        ReceivedRequest sent = received.get(0);
        String body = new String(sent.body(), StandardCharsets.UTF_8).replace("\"sequence\":1", "\"sequence\":0");
        ReceivedRequest tampered = new ReceivedRequest(sent.method(), sent.path(), null, sent.headers(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(CONTRACT.validateRequest(asValidatorRequest(sent)).hasErrors()).isFalse();
        assertThat(CONTRACT.validateRequest(asValidatorRequest(tampered)).hasErrors()).isTrue();
    }

    /** Records what the sender tells about deferred renewals. */
    static final class RecordingDeferredFulfilments implements jp.simkiosk.application.sync.DeferredFulfilments {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void applied(SaleId sale, Instant newExpiry) {
            calls.add("applied " + sale + " " + newExpiry);
        }

        @Override
        public void rejected(SaleId sale, String reason) {
            calls.add("rejected " + sale + " " + reason);
        }
    }
}
