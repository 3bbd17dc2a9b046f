package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.simkiosk.adapter.upstream.http.HttpPaymentProvider;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.backoffice.BackOfficeServer;
import jp.simkiosk.backoffice.BackOfficeStore;
import jp.simkiosk.backoffice.Faults;
import jp.simkiosk.backoffice.WalletSettings;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code kiosk-demo-backoffice.yaml}, pointed at a reference back office on a free loopback port,
 * builds a kiosk whose QR wallet is the back office's: a sale opened there is paid by the demo wallet's
 * pay endpoint, and the kiosk sees it paid.
 */
class BackOfficeWalletStartupTest {

    private static final String SECRET = "demo-startup-secret-0123456789abcdef";

    @TempDir
    Path tmp;

    private BackOfficeStore store;
    private BackOfficeServer backOffice;
    private KioskAssembly kiosk;

    @AfterEach
    void stop() {
        if (kiosk != null) kiosk.close();
        if (backOffice != null) backOffice.close();
        if (store != null) store.close();
    }

    @Test
    void theDemoConfigurationBuildsAKioskThatIsPaidThroughTheBackOfficeWallet() throws Exception {
        Clock clock = Clock.systemUTC();
        Path plansFile = Path.of("kiosk-config/plans.yaml");
        List<Plan> plans = ConfigLoader.readPlans(plansFile);
        store = BackOfficeStore.open(tmp.resolve("backoffice.db"));
        backOffice = new BackOfficeServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/kiosk/v1",
                Map.of("DEMO-01", SECRET.getBytes(StandardCharsets.UTF_8)), store, ConfigLoader.catalogJson(plansFile),
                plans, ConfigLoader.readDemoLines(Path.of("kiosk-config/demo-lines.yaml"), plans, clock.instant()),
                clock, Duration.ofMinutes(5), new Faults(),
                new WalletSettings(java.util.Optional.empty(), Duration.ofSeconds(120), "PayPay", "https://pay.example/qr/"));
        backOffice.start();

        // the shipped file beside its plans, with this back office's port and a secret and data folder of the test
        Path cfgDir = Files.createDirectories(tmp.resolve("kiosk-config"));
        for (Path p : Files.list(Path.of("kiosk-config")).toList()) Files.copy(p, cfgDir.resolve(p.getFileName()));
        Path secret = Files.writeString(tmp.resolve("demo-kiosk.secret"), SECRET + "\n");
        Path demo = cfgDir.resolve("kiosk-demo-backoffice.yaml");
        String shipped = Files.readString(demo);
        String text = shipped
                .replace("http://127.0.0.1:8787/kiosk/v1", backOffice.baseUrl().toString())
                .replace("secretFile: ../data/demo-kiosk.secret", "secretFile: " + secret)
                .replace("dataFolder: ../data", "dataFolder: " + tmp.resolve("data"));
        assertThat(text).as("the shipped file still has the keys this test points elsewhere").isNotEqualTo(shipped)
                .contains(backOffice.baseUrl().toString(), secret.toString(), tmp.resolve("data").toString());
        Files.writeString(demo, text);

        KioskConfig cfg = ConfigLoader.load(demo, clock);
        assertThat(cfg.payment().qrWallet()).get().isInstanceOf(KioskConfig.QrWallet.BackOffice.class);
        kiosk = KioskAssembly.build(cfg, clock);
        assertThat(kiosk.wallet()).get().isInstanceOf(HttpPaymentProvider.class);

        Plan plan = plans.stream().filter(p -> p.kind() == PlanKind.NEW_ESIM && !p.requiresIdCheck()).findFirst().orElseThrow();
        Sale sale = kiosk.purchases().open(kiosk.purchases().quote(plan), Language.JA);
        Checkout.WalletStart start = kiosk.checkout().startWallet(sale.id());
        assertThat(start).isInstanceOf(Checkout.WalletStart.Shown.class);
        Checkout.WalletStart.Shown shown = (Checkout.WalletStart.Shown) start;
        assertThat(shown.qrPayload()).startsWith("https://pay.example/qr/").endsWith("?amount=" + plan.price().amount());

        String paymentId = shown.qrPayload().substring("https://pay.example/qr/".length(), shown.qrPayload().indexOf('?'));
        HttpRequest pay = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backOffice.port()
                        + BackOfficeServer.WALLET_DEMO_PATH + paymentId + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(HttpClient.newHttpClient().send(pay, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(204);

        PaymentOutcome outcome = kiosk.checkout().awaitWallet(sale.id(), shown.expiresAt());
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class, p -> {
            assertThat(p.sale().state()).isEqualTo(SaleState.PAID);
            assertThat(p.sale().payment()).get().satisfies(a -> {
                assertThat(a.brand()).isEqualTo("PayPay");
                assertThat(a.approvalCode()).isEqualTo(paymentId);
            });
        });
        assertThat(kiosk.journal().entries(sale.id())).extracting(JournalEntry::step)
                .containsSubsequence(SaleStep.PAYMENT_REQUESTED, SaleStep.WALLET_QR_SHOWN, SaleStep.PAYMENT_APPROVED);
    }
}
