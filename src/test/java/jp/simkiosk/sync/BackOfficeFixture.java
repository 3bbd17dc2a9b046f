package jp.simkiosk.sync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.simkiosk.app.config.ConfigException;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.backoffice.BackOfficeServer;
import jp.simkiosk.backoffice.BackOfficeStore;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.backoffice.WalletSettings;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;

/**
 * The reference back office on loopback for the tests: the shipped catalog and demo lines, its own SQLite
 * file, one kiosk with a fixed secret. It can be stopped ("down") and started again on the same port.
 */
final class BackOfficeFixture implements AutoCloseable {

    static final String KIOSK = "TEST-01";
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    static final Path PLANS = Path.of("kiosk-config/plans.yaml");
    static final Path LINES = Path.of("kiosk-config/demo-lines.yaml");

    final Faults faults = new Faults();
    final BackOfficeStore store;
    private final Clock clock;
    private final int port;
    private final List<Plan> plans;
    private final List<LineStatus> lines;
    private final String catalog;
    private final WalletSettings wallet;
    private BackOfficeServer server;

    /** Starts on a free port. */
    BackOfficeFixture(Path dir, Clock clock) throws IOException, ConfigException {
        this(dir, clock, WalletSettings.demo());
    }

    /** Starts on a free port, playing the wallet provider with {@code wallet}. */
    BackOfficeFixture(Path dir, Clock clock, WalletSettings wallet) throws IOException, ConfigException {
        this.clock = clock;
        this.wallet = wallet;
        this.plans = ConfigLoader.readPlans(PLANS);
        this.lines = ConfigLoader.readDemoLines(LINES, plans, clock.instant());
        this.catalog = ConfigLoader.catalogJson(PLANS);
        this.store = BackOfficeStore.open(dir.resolve("backoffice.db"));
        this.server = newServer(0);
        server.start();
        this.port = server.port();
    }

    private BackOfficeServer newServer(int p) throws IOException {
        return new BackOfficeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), "/kiosk/v1",
                Map.of(KIOSK, SECRET), store, catalog, plans, lines, clock, Duration.ofMinutes(5), faults, wallet);
    }

    BackOfficeServer server() {
        return server;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/kiosk/v1");
    }

    /** Nothing listens any more: connections are refused. */
    void down() {
        if (server != null) server.close();
        server = null;
    }

    /** Listens again on the same port, with the same database. */
    void up() throws IOException {
        if (server != null) return;
        server = newServer(port);
        server.start();
    }

    @Override
    public void close() {
        down();
        store.close();
    }
}
