package jp.simkiosk.adapter.upstream.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.simkiosk.adapter.upstream.http.SignedClient.Answer;
import jp.simkiosk.adapter.upstream.http.SignedClient.NoAnswer;
import jp.simkiosk.application.port.PaymentProvider;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QR wallet payments through the back office ({@code /wallet-payments} of {@code docs/upstream-api.yaml}),
 * signed like every other upstream request. Idempotent by sale id, as the port says. Never throws for a
 * network problem: it answers "unavailable" or "failed" with the reason, which is logged.
 */
public final class HttpPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(HttpPaymentProvider.class);

    private final SignedClient client;
    private final Duration requestTimeout;

    /**
     * @param baseUrl        the contract's server URL, e.g. {@code https://backoffice.example.jp/kiosk/v1}
     * @param secret         the kiosk's shared secret
     * @param connectTimeout the longest wait for a connection
     * @param requestTimeout the longest wait for an answer
     */
    public HttpPaymentProvider(URI baseUrl, String kioskId, byte[] secret, Duration connectTimeout,
                               Duration requestTimeout, Clock clock) {
        this.client = new SignedClient(baseUrl, kioskId, secret, connectTimeout, clock);
        this.requestTimeout = requestTimeout;
    }

    @Override
    public CreateResult create(SaleId sale, Yen amount) {
        if (amount.amount() <= 0) throw new IllegalArgumentException("a payment needs a positive amount: " + amount);
        ObjectNode body = client.json().createObjectNode();
        body.put("saleId", sale.value());
        body.put("amountYen", amount.amount());
        try {
            Answer a = client.exchange("POST", "/wallet-payments", client.bytes(body), requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("payment creation answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            return new CreateResult.Created(WireFormat.text(n, "qrPayload"), Instant.parse(WireFormat.text(n, "expiresAt")));
        } catch (NoAnswer | RuntimeException e) {
            log.warn("wallet payment of sale {} not created: {}", sale, e.getMessage());
            return new CreateResult.Unavailable(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public WalletStatus status(SaleId sale) {
        return payment("GET", "/wallet-payments/" + sale.value(), sale);
    }

    @Override
    public WalletStatus cancel(SaleId sale) {
        return payment("POST", "/wallet-payments/" + sale.value() + "/cancellation", sale);
    }

    @Override
    public RefundResult refund(SaleId sale, Yen amount) {
        ObjectNode body = client.json().createObjectNode();
        body.put("amountYen", amount.amount());
        try {
            Answer a = client.exchange("POST", "/wallet-payments/" + sale.value() + "/refund", client.bytes(body),
                    requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("refund answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String outcome = WireFormat.text(n, "outcome");
            if (outcome.equals("refunded")) return new RefundResult.Refunded();
            String why = WireFormat.optionalText(n, "reason").orElse("refused without a reason");
            log.warn("wallet refund of sale {} refused: {}", sale, why);
            return new RefundResult.Failed(why);
        } catch (NoAnswer | RuntimeException e) {
            log.warn("wallet refund of sale {} failed: {}", sale, e.getMessage());
            return new RefundResult.Failed(String.valueOf(e.getMessage()));
        }
    }

    private WalletStatus payment(String method, String path, SaleId sale) {
        byte[] body = method.equals("GET") ? new byte[0] : client.bytes(client.json().createObjectNode());
        try {
            Answer a = client.exchange(method, path, body, requestTimeout, Optional.empty());
            if (a.status() != 200) throw new NoAnswer("payment answered HTTP " + a.status() + a.errorCode());
            JsonNode n = a.json();
            String state = WireFormat.text(n, "state");
            return switch (state) {
                case "pending" -> new WalletStatus.Pending();
                case "paid" -> new WalletStatus.Paid(new CardApproval(WireFormat.text(n, "wallet"), "",
                        WireFormat.text(n, "paymentId")));
                case "declined" -> new WalletStatus.Declined(WireFormat.optionalText(n, "reason").orElse("declined"));
                case "expired" -> new WalletStatus.Expired();
                case "cancelled" -> new WalletStatus.Cancelled();
                default -> throw new NoAnswer("unknown payment state " + state);
            };
        } catch (NoAnswer | RuntimeException e) {
            log.warn("wallet payment of sale {}: no status ({})", sale, e.getMessage());
            return new WalletStatus.Unavailable(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "HttpPaymentProvider[" + client + "]";
    }
}
