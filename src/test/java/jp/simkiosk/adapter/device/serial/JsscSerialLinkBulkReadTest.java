package jp.simkiosk.adapter.device.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A read of many kilobytes in one call over a socat pty pair, as a printer peer reads a raster band.
 * Needs socat: without it {@link SocatPtyPair#start()} fails saying so.
 */
class JsscSerialLinkBulkReadTest {

    @Test
    void readsABlockLargerThanThePtyBufferInOneCall() throws Exception {
        byte[] sent = new byte[20_000];
        for (int i = 0; i < sent.length; i++) sent[i] = (byte) (i * 31 + i / 256);
        try (SocatPtyPair pair = SocatPtyPair.start();
             JsscSerialLink writer = JsscSerialLink.open(pair.kioskEnd(), 115_200);
             JsscSerialLink reader = JsscSerialLink.open(pair.deviceEnd(), 115_200)) {

            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.read(sent.length, Duration.ofSeconds(5));
                } catch (SerialLinkException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);
            writer.write(sent);

            assertThat(received.get()).isEqualTo(sent);
        }
    }
}
