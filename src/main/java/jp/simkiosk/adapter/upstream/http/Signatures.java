package jp.simkiosk.adapter.upstream.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signatures of the upstream contract ({@code docs/upstream-api.yaml}), shared by the kiosk
 * and the reference back office so that both compute exactly the same bytes.
 *
 * <p>A request is signed over {@code METHOD \n PATH \n KIOSK-ID \n TIMESTAMP \n REQUEST-ID \n SHA256(body)};
 * a response over {@code "response" \n REQUEST-ID \n STATUS \n ETAG \n SHA256(body)}, so that an answer
 * cannot be replayed for another request and a catalog cannot be altered on the way. Signatures and hashes
 * are lower-case hex; the key is the kiosk's secret.
 */
public final class Signatures {

    /** Header names of the contract. */
    public static final String KIOSK_ID = "X-Kiosk-Id";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String SIGNATURE = "X-Signature";

    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param secret the kiosk's shared secret (at least 32 bytes) */
    public Signatures(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) throw new IllegalArgumentException("a kiosk secret needs at least 32 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * @param path      the raw request path from the server root, with {@code ?query} if any
     * @param timestamp seconds since the epoch, as sent in {@value #TIMESTAMP}
     */
    public String signRequest(String method, String path, String kioskId, long timestamp, String requestId, byte[] body) {
        return hmac(method + "\n" + path + "\n" + kioskId + "\n" + timestamp + "\n" + requestId + "\n" + sha256(body));
    }

    /** @param etag the response's ETag header, or "" */
    public String signResponse(String requestId, int status, String etag, byte[] body) {
        return hmac("response\n" + requestId + "\n" + status + "\n" + etag + "\n" + sha256(body));
    }

    /** Compares in constant time; a null or malformed signature does not match. */
    public static boolean matches(String expected, String given) {
        if (given == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
