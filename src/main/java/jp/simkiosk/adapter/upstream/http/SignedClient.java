package jp.simkiosk.adapter.upstream.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kiosk's signed exchanges with the back office ({@code docs/upstream-api.yaml}): each request carries the
 * kiosk id, a timestamp, a fresh request id and the HMAC signature ({@link Signatures}); an answer counts only
 * when the back office's signature, bound to that request id, checks out. Shared by {@link HttpUpstream} and
 * {@link HttpPaymentProvider}.
 */
final class SignedClient {

    private static final Logger log = LoggerFactory.getLogger(SignedClient.class);

    private final URI baseUrl;
    private final String basePath;
    private final String kioskId;
    private final Signatures signatures;
    private final Clock clock;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    /** @param connectTimeout the longest wait for a connection to be made */
    SignedClient(URI baseUrl, String kioskId, byte[] secret, Duration connectTimeout, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.kioskId = Objects.requireNonNull(kioskId, "kioskId");
        this.signatures = new Signatures(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ObjectMapper json() {
        return json;
    }

    /** A signed answer: status, body, ETag ("" when none). */
    record Answer(int status, byte[] body, String etag, ObjectMapper mapper) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("malformed JSON answer: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("malformed JSON answer: " + e.getMessage());
            }
        }

        /** The contract's error code of an error answer, for messages. */
        String errorCode() {
            try {
                JsonNode n = mapper.readTree(body);
                return n != null && n.hasNonNull("error") ? " " + n.get("error").asText() : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** No usable answer. */
    static final class NoAnswer extends Exception {
        NoAnswer(String message) {
            super(message);
        }
    }

    Answer exchange(String method, String relativePath, byte[] body, Duration timeout,
                            Optional<String> ifNoneMatch) throws NoAnswer {
        String path = basePath + relativePath;
        String requestId = UUID.randomUUID().toString();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header(Signatures.KIOSK_ID, kioskId)
                .header(Signatures.TIMESTAMP, Long.toString(timestamp))
                .header(Signatures.REQUEST_ID, requestId)
                .header(Signatures.SIGNATURE, signatures.signRequest(method, path, kioskId, timestamp, requestId, body))
                .header("Accept", "application/json");
        ifNoneMatch.ifPresent(t -> b.header("If-None-Match", t));
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new NoAnswer("unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted");
        }
        String etag = r.headers().firstValue("ETag").orElse("");
        Answer answer = new Answer(r.statusCode(), r.body(), etag, json);
        String expected = signatures.signResponse(requestId, r.statusCode(), etag, r.body());
        if (!Signatures.matches(expected, r.headers().firstValue(Signatures.SIGNATURE).orElse(null))) {
            if (r.statusCode() == 401 && answer.errorCode().contains("CLOCK_SKEW")) {
                log.error("the back office refuses this kiosk's clock ({}): check the time synchronisation",
                        Instant.ofEpochSecond(timestamp));
            }
            throw new NoAnswer("answer HTTP " + r.statusCode() + answer.errorCode() + " without a valid signature");
        }
        return answer;
    }

    byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
