package jp.simkiosk.adapter.device.serial.mdb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.SocatPtyPair;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.SaleId;

/**
 * Prints figures for {@link MdbCardReader} over a socat pty pair (not a test; nothing is asserted):
 * the time of a whole sale (authorize + complete) against the peer, and the CPU the driver's thread uses
 * while it waits for a customer who never pays, next to what a single jssc read with the same time-out
 * costs. Run: {@code java -cp target/classes:target/test-classes:<deps> ...MdbCardReaderHarness [sales]}.
 */
public final class MdbCardReaderHarness {

    private MdbCardReaderHarness() {
    }

    public static void main(String[] args) throws Exception {
        int sales = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration wait = Duration.ofSeconds(3);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (SocatPtyPair pair = SocatPtyPair.start(); MdbBridgePeer peer = MdbBridgePeer.start(pair.deviceEnd())) {
            MdbCardReader reader = new MdbCardReader(JsscSerialLink.open(pair.kioskEnd(), 115_200),
                    Clock.systemUTC(), Duration.ofSeconds(1), wait);
            reader.poll();

            long[] micros = new long[sales];
            for (int i = 0; i < sales; i++) {
                SaleId sale = SaleId.random();
                long t0 = System.nanoTime();
                AuthorizationResult r = reader.authorize(sale, Yen.of(1430));
                DeviceOutcome c = reader.complete(sale);
                micros[i] = (System.nanoTime() - t0) / 1000;
                if (!(r instanceof AuthorizationResult.Approved) || !c.ok()) throw new IllegalStateException(r + " " + c);
            }
            Arrays.sort(micros);
            System.out.printf("sale round trip (authorize+complete, 2 lines out, 3 in) over %d sales: "
                            + "median %.1f ms, p95 %.1f ms, max %.1f ms%n", sales,
                    micros[sales / 2] / 1000.0, micros[(int) (sales * 0.95)] / 1000.0, micros[sales - 1] / 1000.0);

            peer.nextVend(); // never pays
            Future<long[]> waiting = worker.submit(() -> {
                long cpu0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                AuthorizationResult r = reader.authorize(SaleId.random(), Yen.of(1430));
                if (!(r instanceof AuthorizationResult.TimedOut)) throw new IllegalStateException(r.toString());
                return new long[] {cpu.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - t0};
            });
            long[] w = waiting.get();
            System.out.printf("driver waiting %.2f s for a card: %.0f ms CPU (%.1f %% of a core)%n",
                    w[1] / 1e9, w[0] / 1e6, 100.0 * w[0] / w[1]);
            reader.close();

            try (SerialLink raw = JsscSerialLink.open(pair.kioskEnd(), 115_200)) {
                Future<long[]> spin = worker.submit(() -> {
                    long cpu0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    try {
                        raw.readByte(wait);
                    } catch (SerialLinkException expected) {
                        // time-out: nothing was sent
                    }
                    return new long[] {cpu.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - t0};
                });
                long[] s = spin.get();
                System.out.printf("one jssc read waiting %.2f s: %.0f ms CPU (%.1f %% of a core)%n",
                        s[1] / 1e9, s[0] / 1e6, 100.0 * s[0] / s[1]);
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
