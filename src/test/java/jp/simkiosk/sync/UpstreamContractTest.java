package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.CatalogSource.Fetch;
import jp.simkiosk.application.port.HeartbeatSink.Heartbeat;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.application.sync.OutboxSender.Round;
import jp.simkiosk.backoffice.BackOfficeServer.ReceivedRequest;
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
 * look-ups, renewals, heartbeats — is validated, as the back office received it, against the OpenAPI
 * document {@code docs/upstream-api.yaml}.
 */
class UpstreamContractTest {

    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("docs/upstream-api.yaml").toAbsolutePath().toUri().toString())
            .withBasePathOverride("/kiosk/v1")
            .build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        backOffice.server().addRequestListener(received::add);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new RecordingDeferredFulfilments());
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    private static Request asValidatorRequest(ReceivedRequest r) {
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
