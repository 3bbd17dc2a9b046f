package jp.simkiosk.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of selling while the back office is down share: the reference back office (which a test takes
 * down and up), the kiosk's half ({@link KioskSide}) with a card reader that approves, the checkout (no receipt
 * is printed) and the renewal service, which the outbox sender tells of deferred sales applied or refused.
 */
abstract class OfflineSellingTestBase {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            ZoneId.of("Asia/Tokyo"));
    List<Plan> plans;
    BackOfficeFixture backOffice;
    KioskSide kiosk;
    ReadyDevices.Terminal terminal;
    RenewalService service;
    Checkout checkout;

    @BeforeEach
    void start() throws Exception {
        plans = ConfigLoader.readPlans(BackOfficeFixture.PLANS);
        backOffice = new BackOfficeFixture(dir, clock);
        terminal = new ReadyDevices.Terminal(clock);
        RenewalService[] self = new RenewalService[1];
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new jp.simkiosk.application.sync.DeferredFulfilments() {
                    @Override
                    public void applied(jp.simkiosk.domain.sale.SaleId sale, Instant newExpiry) {
                        self[0].applied(sale, newExpiry);
                    }

                    @Override
                    public void rejected(jp.simkiosk.domain.sale.SaleId sale, String reason) {
                        self[0].rejected(sale, reason);
                    }
                });
        String twelve = "123456789012";
        SaleSettings settings = new SaleSettings(BackOfficeFixture.KIOSK, ZoneId.of("Asia/Tokyo"),
                new Receipt.Issuer("SIM Kiosk KK", new RegistrationNumber("T" + RegistrationNumber.checkDigit(twelve) + twelve),
                        "Tokyo Station"), "0120-000-000");
        checkout = new Checkout(kiosk.journal, terminal, Optional.empty(),
                new jp.simkiosk.application.port.ReceiptRenderer() {
                    @Override
                    public jp.simkiosk.application.port.ReceiptDocument render(Receipt receipt) {
                        throw new AssertionError("no receipt in this test");
                    }

                    @Override
                    public jp.simkiosk.application.port.ReceiptDocument renderRefundSlip(
                            jp.simkiosk.domain.receipt.RefundSlip slip) {
                        throw new AssertionError("no refund slip in this test");
                    }
                }, new ReadyDevices.Printer(clock), () -> plans,
                new ApnSettings("test.example", "", "", ApnSettings.Authentication.NONE), clock, settings,
                Duration.ofSeconds(1));
        service = new RenewalService(() -> plans, upstream(kiosk.upstream), kiosk.journal, checkout, clock);
        self[0] = service;
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    /** The back office as the kiosk's use cases see it: the kiosk side's HTTP client, unless a test wraps it. */
    jp.simkiosk.application.port.Upstream upstream(jp.simkiosk.application.port.Upstream http) {
        return http;
    }

    Plan plan(String id) {
        return plans.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
