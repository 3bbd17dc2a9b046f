package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.adapter.receipt.pdf.PdfReceiptRenderer;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts;
import jp.simkiosk.adapter.upstream.http.HttpPaymentProvider;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseService.EsimOutcome;
import jp.simkiosk.application.PurchaseSettings;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.SaleSettings;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.sync.OutboxSender.Round;
import jp.simkiosk.backoffice.BackOfficeServer;
import jp.simkiosk.backoffice.BackOfficeServer.ReceivedRequest;
import jp.simkiosk.backoffice.BackOfficeStore.StoredEvent;
import jp.simkiosk.backoffice.WalletSettings;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.testutil.LogCapture;
import jp.simkiosk.testutil.MutableClock;
import jp.simkiosk.testutil.QrDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new eSIM sold end to end through the reference back office on loopback — paid by QR wallet (the demo
 * wallet pays it), the activation code issued by the back office, printed as a QR code, the outbox drained —
 * and its activation code is nowhere but on the receipt: not in any outbox event, not in any event body the
 * kiosk sent or the back office stored, not in either side's log.
 */
class EsimCodeStaysSecretTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            ZoneId.of("Asia/Tokyo"));
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> printed = Collections.synchronizedList(new ArrayList<>());
    private List<Plan> plans;
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;
    private Checkout checkout;
    private PurchaseService purchases;

    @BeforeEach
    void start() throws Exception {
        plans = ConfigLoader.readPlans(BackOfficeFixture.PLANS);
        backOffice = new BackOfficeFixture(dir, clock,
                new WalletSettings(Optional.empty(), Duration.ofSeconds(120), "PayPay", "https://pay.example/qr/"));
        backOffice.server().addRequestListener(received::add);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new UpstreamContractTest.RecordingDeferredFulfilments());
        HttpPaymentProvider wallet = new HttpPaymentProvider(backOffice.baseUrl(), BackOfficeFixture.KIOSK,
                BackOfficeFixture.SECRET, Duration.ofMillis(500), Duration.ofSeconds(2), clock);
        String twelve = "123456789012";
        SaleSettings settings = new SaleSettings(BackOfficeFixture.KIOSK, ZoneId.of("Asia/Tokyo"),
                new Receipt.Issuer("SIM Kiosk KK", new RegistrationNumber("T" + RegistrationNumber.checkDigit(twelve) + twelve),
                        "Narita Airport T1"), "0120-000-000");
        checkout = new Checkout(kiosk.journal, new ReadyDevices.Terminal(clock), Optional.of(wallet),
                new PdfReceiptRenderer(ReceiptFonts.loadFromClasspath()), new KeepingPrinter(), () -> plans,
                new ApnSettings("test.example", "", "", ApnSettings.Authentication.NONE), clock, settings,
                Duration.ofMillis(20));
        Path folder = Files.createDirectories(dir.resolve("dispenser"));
        Path stock = Files.writeString(folder.resolve("stock.txt"), NewLinesOverHttpTest.newCard(77).value() + "\n");
        purchases = new PurchaseService(() -> plans, kiosk.upstream, kiosk.journal, checkout,
                new SimulatedSimDispenser(stock, folder, clock, Duration.ZERO), clock,
                new PurchaseSettings(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    @Test
    void theActivationCodeReachesTheReceiptAndNoEventNorLog() throws Exception {
        Plan plan = plans.stream().filter(p -> p.id().equals("new-esim-3gb-8d")).findFirst().orElseThrow();
        ActivationCode code;
        List<SaleEvent> queued;
        try (LogCapture logs = new LogCapture()) {
            Sale sale = purchases.open(purchases.quote(plan), Language.EN);
            Checkout.WalletStart start = checkout.startWallet(sale.id());
            assertThat(start).isInstanceOf(Checkout.WalletStart.Shown.class);
            assertThat(demoWalletPays(((Checkout.WalletStart.Shown) start).qrPayload())).isEqualTo(204);
            assertThat(checkout.awaitWallet(sale.id(), ((Checkout.WalletStart.Shown) start).expiresAt()))
                    .isInstanceOf(PaymentOutcome.Paid.class);

            EsimOutcome outcome = purchases.deliverEsim(sale.id());
            assertThat(outcome).isInstanceOf(EsimOutcome.Issued.class);
            code = ((EsimOutcome.Issued) outcome).code();
            assertThat(purchases.printReceipt(sale.id(), Language.EN)).isEqualTo(new ReceiptOutcome.Printed());
            assertThat(QrDecoder.decodePdf(printed.get(0))).as("the receipt's QR code").isEqualTo(code.qrText());

            queued = kiosk.outbox.pending(1000);
            assertThat(queued).extracting(SaleEvent::step).contains(SaleStep.WALLET_QR_SHOWN, SaleStep.PAYMENT_APPROVED,
                    SaleStep.ESIM_CODE_REQUESTED, SaleStep.ESIM_CODE_ISSUED, SaleStep.ESIM_CODE_MASKED);
            assertThat(kiosk.drain(20)).last().isEqualTo(new Round.Idle());
            assertThat(kiosk.journal.find(sale.id()).orElseThrow().state()).isEqualTo(SaleState.COMPLETED);
            assertThat(kiosk.journal.activationCode(sale.id())).as("masked after printing").isEmpty();
            assertThat(kiosk.journal.entries(sale.id())).extracting(JournalEntry::detail)
                    .contains(code.masked());

            List<String> messages = logs.messages();
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("eSIM issue of sale " + sale.id()));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("eSIM issued (" + code.masked() + ")"));
            assertThat(messages).noneSatisfy(m -> assertThat(m).contains(code.matchingId()));
        }

        String matchingId = code.matchingId();
        assertThat(matchingId).isNotBlank().isNotEqualTo(code.maskedMatchingId());
        assertThat(queued).isNotEmpty().allSatisfy(e -> {
            assertThat(e.detail()).doesNotContain(matchingId).doesNotContain(code.qrText());
            assertThat(e.sale().toString()).doesNotContain(matchingId);
        });
        List<String> eventBatches = received.stream().filter(r -> r.path().endsWith("/events"))
                .map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
        assertThat(eventBatches).isNotEmpty().anySatisfy(b -> assertThat(b).contains("ESIM_CODE_ISSUED"))
                .allSatisfy(b -> assertThat(b).doesNotContain(matchingId));
        List<StoredEvent> stored = backOffice.store.events();
        assertThat(stored).extracting(StoredEvent::step).contains("ESIM_CODE_ISSUED", "ESIM_CODE_MASKED");
        assertThat(stored).allSatisfy(e -> assertThat(e.body()).doesNotContain(matchingId));
        // the only place the back office keeps the code: the new line it issued, to answer a repeat the same
        assertThat(backOffice.store.newLineOf(queued.get(0).sale().id().value()).orElseThrow().matchingId())
                .contains(matchingId);
    }

    /** The customer's wallet app pays the code shown (the back office's demo-only endpoint). */
    private int demoWalletPays(String qrPayload) throws Exception {
        String paymentId = qrPayload.substring("https://pay.example/qr/".length(), qrPayload.indexOf('?'));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backOffice.server().port()
                        + BackOfficeServer.WALLET_DEMO_PATH + paymentId + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A printer that always prints and keeps each PDF. */
    private final class KeepingPrinter implements ReceiptPrinter {
        private final ReceiptPrinter ready = new ReadyDevices.Printer(clock);

        @Override
        public PrintResult print(ReceiptDocument document) {
            printed.add(document.pdf());
            return ready.print(document);
        }

        @Override
        public DeviceRole role() {
            return ready.role();
        }

        @Override
        public jp.simkiosk.application.device.DeviceHealth health() {
            return ready.health();
        }

        @Override
        public jp.simkiosk.application.device.DeviceHealth poll() {
            return ready.poll();
        }

        @Override
        public void addHealthListener(java.util.function.Consumer<jp.simkiosk.application.device.DeviceHealth> l) {
            ready.addHealthListener(l);
        }

        @Override
        public void close() {
            ready.close();
        }
    }
}
