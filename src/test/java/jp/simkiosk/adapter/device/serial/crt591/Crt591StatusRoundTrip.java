package jp.simkiosk.adapter.device.serial.crt591;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SocatPtyPair;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;

/**
 * Harness (not a test): the round-trip time of a dispenser status command (frame, ACK, answer, ACK)
 * through jssc over a socat pty pair against {@link Crt591Peer}. Prints median, p95 and max of the polls.
 * A pty moves bytes at memory speed whatever the baud rate: on a real line at 38,400 baud the 9 + 1 bytes
 * out and 1 + 11 bytes back add about 5.7 ms of line time (at 9,600 baud about 23 ms).
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   jp.simkiosk.adapter.device.serial.crt591.Crt591StatusRoundTrip [polls, default 200]</pre>
 */
public final class Crt591StatusRoundTrip {

    private Crt591StatusRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int polls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmUp = 20;
        long[] nanos = new long[polls];
        int failures = 0;
        try (SocatPtyPair pair = SocatPtyPair.start();
             Crt591Peer peer = Crt591Peer.start(pair.deviceEnd(), Crt591DispenserPtyTest.iccids(10));
             Crt591Dispenser dispenser = new Crt591Dispenser(JsscSerialLink.open(pair.kioskEnd(), 38400),
                     Clock.systemUTC(), Crt591Dispenser.Settings.withTimeout(Duration.ofSeconds(1)),
                     java.nio.file.Files.createTempDirectory("crt591-state"))) {
            for (int i = 0; i < warmUp; i++) dispenser.poll();
            for (int i = 0; i < polls; i++) {
                long t = System.nanoTime();
                DeviceHealth h = dispenser.poll();
                nanos[i] = System.nanoTime() - t;
                if (h.state() != DeviceState.READY) {
                    failures++;
                    System.out.println("poll " + i + ": " + h.state() + " " + h.fault().map(Enum::name).orElse(""));
                }
            }
            long odd = peer.hostControlBytes().stream().filter(b -> b != 0x06).count();
            System.out.printf("  status commands the peer answered: %d; host bytes other than ACK after answers: %d;"
                    + " corrupt frames at the peer: %d%n", peer.count(Crt591Commands.Command.STATUS), odd,
                    peer.corruptFramesReceived());
        }
        Arrays.sort(nanos);
        System.out.printf("CRT-591 status round trip over a socat pty, %d polls after %d warm-up:%n", polls, warmUp);
        System.out.printf("  median %.2f ms, p95 %.2f ms, max %.2f ms, failures %d%n", ms(nanos[polls / 2]),
                ms(nanos[(int) Math.ceil(polls * 0.95) - 1]), ms(nanos[polls - 1]), failures);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
