package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import jp.simkiosk.adapter.upstream.http.HttpUpstream;
import jp.simkiosk.adapter.upstream.http.Signatures;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference back office refuses what is not signed by a known kiosk, replays and skewed clocks. */
class BackOfficeSecurityTest {

    private static final String PATH = "/kiosk/v1/lines/09012345678";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now(), ZoneId.of("Asia/Tokyo"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private BackOfficeFixture backOffice;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
    }

    @AfterEach
    void stop() {
        backOffice.close();
    }

    /** A look-up signed with {@code secret}, sent as the kiosk would. */
    private HttpRequest lookUp(String kioskId, byte[] secret, long timestamp, String requestId) {
        String signature = new Signatures(secret).signRequest("GET", PATH, kioskId, timestamp, requestId, new byte[0]);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backOffice.server().port() + PATH))
                .header(Signatures.KIOSK_ID, kioskId)
                .header(Signatures.TIMESTAMP, Long.toString(timestamp))
                .header(Signatures.REQUEST_ID, requestId)
                .header(Signatures.SIGNATURE, signature)
                .GET().build();
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void aProperlySignedRequestIsAnsweredAndTheAnswerIsSigned() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = send(lookUp(BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET, now(), id));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(Signatures.SIGNATURE)).contains(new Signatures(BackOfficeFixture.SECRET)
                .signResponse(id, 200, "", r.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        byte[] wrong = "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = send(lookUp(BackOfficeFixture.KIOSK, wrong, now(), UUID.randomUUID().toString()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("BAD_SIGNATURE");
        assertThat(r.headers().firstValue(Signatures.SIGNATURE)).isEmpty();
    }

    @Test
    void aSignatureOverAnotherPathOrBodyIsRefused() throws Exception {
        HttpRequest signedForLookUp = lookUp(BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET, now(),
                UUID.randomUUID().toString());
        HttpRequest moved = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backOffice.server().port()
                        + "/kiosk/v1/events"))
                .headers(signedForLookUp.headers().map().entrySet().stream()
                        .flatMap(e -> e.getValue().stream().flatMap(v -> java.util.stream.Stream.of(e.getKey(), v)))
                        .toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build();
        assertThat(send(moved).statusCode()).isEqualTo(401);
        assertThat(backOffice.store.events()).isEmpty();
    }

    @Test
    void anUnknownKioskIsRefused() throws Exception {
        HttpResponse<String> r = send(lookUp("NOBODY-9", BackOfficeFixture.SECRET, now(), UUID.randomUUID().toString()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("UNKNOWN_KIOSK");
    }

    @Test
    void aReplayedRequestIsRefusedTheSecondTime() throws Exception {
        HttpRequest once = lookUp(BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET, now(), UUID.randomUUID().toString());
        assertThat(send(once).statusCode()).isEqualTo(200);
        HttpResponse<String> again = send(once);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("REPLAY");
    }

    @Test
    void aTimestampOutsideTheAllowedSkewIsRefusedEitherWay() throws Exception {
        long sixMinutes = Duration.ofMinutes(6).toSeconds();
        for (long ts : new long[] {now() - sixMinutes, now() + sixMinutes}) {
            HttpResponse<String> r = send(lookUp(BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET, ts,
                    UUID.randomUUID().toString()));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("CLOCK_SKEW");
        }
        long fourMinutes = Duration.ofMinutes(4).toSeconds();
        assertThat(send(lookUp(BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET, now() - fourMinutes,
                UUID.randomUUID().toString())).statusCode()).isEqualTo(200);
    }

    @Test
    void aKioskWhoseClockIsOffGetsNoAnswerItWouldUse() {
        MutableClock kioskClock = new MutableClock(clock.instant().plus(Duration.ofMinutes(10)), ZoneId.of("Asia/Tokyo"));
        HttpUpstream skewed = new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET,
                Duration.ofSeconds(1), Duration.ofSeconds(2), kioskClock);
        assertThat(skewed.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Unavailable.class);
        HttpUpstream inTime = new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET,
                Duration.ofSeconds(1), Duration.ofSeconds(2), clock);
        assertThat(inTime.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void theKioskDoesNotBelieveAnAnswerSignedWithAnotherSecret() {
        HttpUpstream impostorKey = new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK,
                "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1),
                Duration.ofSeconds(2), clock);
        // the back office refuses it (unsigned 401) and the kiosk treats that as no answer
        assertThat(impostorKey.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Unavailable.class);
        backOffice.faults.unsigned(true);
        HttpUpstream kiosk = new HttpUpstream(backOffice.baseUrl(), BackOfficeFixture.KIOSK, BackOfficeFixture.SECRET,
                Duration.ofSeconds(1), Duration.ofSeconds(2), clock);
        assertThat(kiosk.lookUp(new MobileNumber("09012345678"))).isInstanceOf(LookupResult.Unavailable.class);
    }
}
