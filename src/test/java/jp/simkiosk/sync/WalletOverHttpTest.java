package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import jp.simkiosk.adapter.upstream.http.HttpPaymentProvider;
import jp.simkiosk.application.port.PaymentProvider.CreateResult;
import jp.simkiosk.application.port.PaymentProvider.RefundResult;
import jp.simkiosk.application.port.PaymentProvider.WalletStatus;
import jp.simkiosk.backoffice.BackOfficeServer;
import jp.simkiosk.backoffice.WalletSettings;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QR wallet payments between the kiosk's {@link HttpPaymentProvider} and the reference back office on
 * loopback: create, paid by the demo wallet (by itself after a delay, or at once through its endpoint),
 * refunded once; expired; cancelled; declined — all idempotent by sale id.
 */
class WalletOverHttpTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            ZoneId.of("Asia/Tokyo"));
    private BackOfficeFixture backOffice;
    private HttpPaymentProvider wallet;

    private void start(WalletSettings settings) throws Exception {
        backOffice = new BackOfficeFixture(dir, clock, settings);
        wallet = new HttpPaymentProvider(backOffice.baseUrl(), BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET,
                Duration.ofMillis(500), Duration.ofSeconds(2), clock);
    }

    @AfterEach
    void stop() {
        if (backOffice != null) backOffice.close();
    }

    private static WalletSettings manual() {
        return new WalletSettings(Optional.empty(), Duration.ofSeconds(120), "PayPay", "https://pay.example/qr/");
    }

    /** The demo wallet's unsigned endpoint, as a phone on the demo network would call it. */
    private int demoWallet(String paymentId, String decision) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backOffice.server().port()
                + BackOfficeServer.WALLET_DEMO_PATH + paymentId + "/" + decision))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String paymentId(CreateResult created) {
        String payload = ((CreateResult.Created) created).qrPayload();
        return payload.substring("https://pay.example/qr/".length(), payload.indexOf('?'));
    }

    @Test
    void createdPaidByTheDemoWalletAfterItsDelayThenRefundedOnce() throws Exception {
        start(WalletSettings.demo());
        SaleId sale = SaleId.random();
        CreateResult created = wallet.create(sale, Yen.of(2480));
        assertThat(created).isInstanceOfSatisfying(CreateResult.Created.class, c -> {
            assertThat(c.qrPayload()).startsWith("https://pay.example/qr/BO").endsWith("?amount=2480");
            assertThat(c.expiresAt()).isEqualTo(clock.instant().plusSeconds(120));
        });
        assertThat(wallet.create(sale, Yen.of(2480))).as("asked again").isEqualTo(created);
        assertThat(wallet.create(sale, Yen.of(999))).isInstanceOf(CreateResult.Unavailable.class);
        assertThat(wallet.status(sale)).isEqualTo(new WalletStatus.Pending());

        clock.advance(Duration.ofSeconds(8));
        WalletStatus paid = wallet.status(sale);
        assertThat(paid).isInstanceOfSatisfying(WalletStatus.Paid.class, p -> {
            assertThat(p.approval().brand()).isEqualTo("PayPay");
            assertThat(p.approval().maskedNumber()).isEmpty();
            assertThat(p.approval().approvalCode()).isEqualTo(paymentId(created));
        });
        assertThat(wallet.cancel(sale)).as("too late to cancel").isEqualTo(paid);
        assertThat(wallet.create(sale, Yen.of(2480))).as("a paid sale keeps its payment").isEqualTo(created);

        assertThat(wallet.refund(sale, Yen.of(100))).isInstanceOf(RefundResult.Failed.class);
        assertThat(wallet.refund(sale, Yen.of(2480))).isEqualTo(new RefundResult.Refunded());
        assertThat(wallet.refund(sale, Yen.of(2480))).as("repeated").isEqualTo(new RefundResult.Refunded());
    }

    @Test
    void notPaidInTimeItExpiresAndTheSaleGetsANewCode() throws Exception {
        start(manual());
        SaleId sale = SaleId.random();
        CreateResult first = wallet.create(sale, Yen.of(1980));
        clock.advance(Duration.ofSeconds(120));
        assertThat(wallet.status(sale)).isEqualTo(new WalletStatus.Expired());
        assertThat(demoWallet(paymentId(first), "pay")).as("an expired code cannot be paid").isEqualTo(409);
        assertThat(wallet.refund(sale, Yen.of(1980))).isInstanceOf(RefundResult.Failed.class);

        CreateResult second = wallet.create(sale, Yen.of(1980));
        assertThat(paymentId(second)).isNotEqualTo(paymentId(first));
        assertThat(demoWallet(paymentId(second), "pay")).isEqualTo(204);
        assertThat(wallet.status(sale)).isInstanceOf(WalletStatus.Paid.class);
    }

    @Test
    void cancelledOrDeclinedItTakesNoMoney() throws Exception {
        start(manual());
        SaleId cancelled = SaleId.random();
        CreateResult shown = wallet.create(cancelled, Yen.of(300));
        assertThat(wallet.cancel(cancelled)).isEqualTo(new WalletStatus.Cancelled());
        assertThat(wallet.cancel(cancelled)).isEqualTo(new WalletStatus.Cancelled());
        assertThat(demoWallet(paymentId(shown), "pay")).isEqualTo(409);
        assertThat(wallet.status(cancelled)).isEqualTo(new WalletStatus.Cancelled());
        assertThat(wallet.refund(cancelled, Yen.of(300))).isInstanceOf(RefundResult.Failed.class);

        SaleId declined = SaleId.random();
        assertThat(demoWallet(paymentId(wallet.create(declined, Yen.of(300))), "decline")).isEqualTo(204);
        assertThat(wallet.status(declined)).isInstanceOf(WalletStatus.Declined.class);

        assertThat(wallet.status(SaleId.random())).isInstanceOf(WalletStatus.Unavailable.class);
        backOffice.down();
        assertThat(wallet.create(SaleId.random(), Yen.of(300))).isInstanceOf(CreateResult.Unavailable.class);
        assertThat(wallet.status(declined)).isInstanceOf(WalletStatus.Unavailable.class);
    }
}
