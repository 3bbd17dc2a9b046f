package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.port.CatalogCache;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.sync.CatalogService;
import jp.simkiosk.application.sync.CatalogService.Refresh;
import jp.simkiosk.application.sync.HeartbeatService;
import jp.simkiosk.application.sync.UpstreamSync;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog from upstream (validated, signed, cached, last good kept), the heartbeat, and pruning. */
class CatalogAndHeartbeatTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final ObjectMapper json = new ObjectMapper();
    private List<Plan> shipped;
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;

    @BeforeEach
    void start() throws Exception {
        shipped = ConfigLoader.readPlans(BackOfficeFixture.PLANS);
        backOffice = new BackOfficeFixture(dir, clock);
        kiosk = newKiosk();
    }

    private KioskSide newKiosk() {
        return new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new UpstreamContractTest.RecordingDeferredFulfilments());
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    private CatalogService catalog(List<Plan> shippedPlans) {
        return new CatalogService(kiosk.upstream, kiosk.journal.catalogCache(), ConfigLoader.catalogValidator(),
                shippedPlans, clock);
    }

    /** The served catalog with the first plan's price changed. */
    private String catalogWithFirstPrice(long yen) throws Exception {
        JsonNode doc = json.readTree(ConfigLoader.catalogJson(BackOfficeFixture.PLANS));
        ((ObjectNode) doc.get("plans").get(0)).put("priceYen", yen);
        return json.writeValueAsString(doc);
    }

    @Test
    void startsFromTheShippedFileThenTakesUpstreamsCatalogAndAsksOnlyForChanges() throws Exception {
        CatalogService catalog = catalog(shipped);
        assertThat(catalog.plans()).isEqualTo(shipped);
        assertThat(catalog.etag()).isEmpty();

        Refresh first = catalog.refresh();
        assertThat(first).isInstanceOf(Refresh.Updated.class);
        assertThat(catalog.plans()).isEqualTo(shipped);
        assertThat(catalog.etag()).contains(((Refresh.Updated) first).etag());
        assertThat(catalog.refresh()).isEqualTo(new Refresh.Unchanged());

        backOffice.faults.catalogOverride(Optional.of(catalogWithFirstPrice(350)));
        assertThat(catalog.refresh()).isInstanceOf(Refresh.Updated.class);
        assertThat(catalog.plans().get(0).price().amount()).isEqualTo(350);
    }

    @Test
    void aMalformedInvalidOrUnsignedCatalogIsRefusedAndTheLastGoodOneKept() throws Exception {
        CatalogService catalog = catalog(shipped);
        catalog.refresh();
        Optional<String> good = catalog.etag();

        backOffice.faults.catalogOverride(Optional.of("{\"plans\": [ {\"id\": "));
        assertThat(catalog.refresh()).isInstanceOf(Refresh.Refused.class);
        backOffice.faults.catalogOverride(Optional.of(catalogWithFirstPrice(-5)));
        Refresh invalid = catalog.refresh();
        assertThat(invalid).isInstanceOf(Refresh.Refused.class);
        assertThat(((Refresh.Refused) invalid).reason()).contains("plans[0].priceYen");

        backOffice.faults.catalogOverride(Optional.of(catalogWithFirstPrice(350)));
        backOffice.faults.unsigned(true);
        assertThat(catalog.refresh()).isInstanceOf(Refresh.Unavailable.class);
        backOffice.down();
        assertThat(catalog.refresh()).isInstanceOf(Refresh.Unavailable.class);

        assertThat(catalog.etag()).isEqualTo(good);
        assertThat(catalog.plans()).isEqualTo(shipped);
        assertThat(kiosk.journal.catalogCache().load().orElseThrow().etag()).isEqualTo(good.orElseThrow());
    }

    @Test
    void afterARestartWithUpstreamDownTheCachedCatalogIsSold() throws Exception {
        backOffice.faults.catalogOverride(Optional.of(catalogWithFirstPrice(350)));
        catalog(shipped).refresh();
        kiosk.close();
        backOffice.down();

        kiosk = newKiosk();
        CatalogService restarted = catalog(shipped);
        assertThat(restarted.plans().get(0).price().amount()).isEqualTo(350);
        assertThat(restarted.refresh()).isInstanceOf(Refresh.Unavailable.class);
        assertThat(restarted.plans().get(0).price().amount()).isEqualTo(350);
    }

    @Test
    void aCorruptCacheFallsBackToTheShippedFile() {
        kiosk.journal.catalogCache().save(new CatalogCache.Cached("\"x\"", clock.instant(), "{\"plans\": 3}"));
        CatalogService catalog = catalog(shipped);
        assertThat(catalog.plans()).isEqualTo(shipped);
        assertThat(catalog.etag()).isEmpty();
    }

    @Test
    void theHeartbeatCarriesDeviceHealthAndQueueDepth() throws Exception {
        kiosk.sellCompleted(2);
        CatalogService catalog = catalog(shipped);
        catalog.refresh();
        List<Device> devices = List.of(new ReadyDevices.Terminal(clock), new ReadyDevices.Printer(clock));
        HeartbeatService heartbeat = new HeartbeatService(devices, kiosk.outbox, catalog::etag, kiosk.upstream, clock);
        assertThat(heartbeat.beat()).isTrue();

        JsonNode got = json.readTree(backOffice.store.heartbeats().get(0));
        assertThat(got.get("queue").get("pending").asLong()).isEqualTo(6);
        assertThat(got.get("queue").get("rejected").asLong()).isZero();
        assertThat(got.get("devices")).extracting(d -> d.get("role").asText() + " " + d.get("state").asText())
                .containsExactly("CARD_READER READY", "RECEIPT_PRINTER READY");
        assertThat(got.get("catalogEtag").asText()).isEqualTo(catalog.etag().orElseThrow());

        backOffice.down();
        assertThat(heartbeat.beat()).isFalse();
    }

    @Test
    void acknowledgedEventsArePrunedAfterTheConfiguredDaysRejectedOnesKept() {
        kiosk.sellCompleted(1);
        List<String> ids = kiosk.allEventIds();
        kiosk.outbox.settle(List.of(new Outbox.Settlement(ids.get(0), Outbox.Outcome.ACCEPTED, ""),
                new Outbox.Settlement(ids.get(1), Outbox.Outcome.REJECTED, "no")), clock.instant());
        CatalogService catalog = catalog(shipped);
        UpstreamSync sync = new UpstreamSync(kiosk.sender, kiosk.closeSender, catalog,
                new HeartbeatService(List.of(), kiosk.outbox, catalog::etag, kiosk.upstream, clock), kiosk.outbox, clock,
                UpstreamSync.Settings.withKeepDays(30));

        clock.advance(Duration.ofDays(29));
        assertThat(sync.prune()).isZero();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(sync.prune()).isEqualTo(1);
        assertThat(kiosk.outbox.statusesInOrder()).containsExactly("REJECTED", "PENDING");
    }
}
