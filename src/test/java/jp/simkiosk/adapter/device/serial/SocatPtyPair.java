package jp.simkiosk.adapter.device.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A linked pair of pseudo-terminals made by socat: the driver under test opens {@link #kioskEnd()}, a
 * protocol peer opens {@link #deviceEnd()}. {@link #unplug()} kills socat: the "cable pulled" case.
 *
 * <p>socat must be installed ({@code apt-get install -y socat}; {@code .ci/run} does it). Without it the
 * tests that need it fail with a message saying so — unless {@code -Dserial.tests.skipWithoutSocat=true}
 * is given, when they are reported as skipped (never silently passed).
 */
public final class SocatPtyPair implements AutoCloseable {

    private final Process socat;
    private final Path dir;
    private final Path kioskEnd;
    private final Path deviceEnd;

    private SocatPtyPair(Process socat, Path dir) {
        this.socat = socat;
        this.dir = dir;
        this.kioskEnd = dir.resolve("kiosk");
        this.deviceEnd = dir.resolve("device");
    }

    public static boolean socatInstalled() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(p, "socat"))) return true;
        }
        return false;
    }

    public static SocatPtyPair start() throws IOException, InterruptedException {
        if (!socatInstalled()) {
            String msg = "socat is not installed: the serial driver tests need it (apt-get install -y socat)";
            if (Boolean.getBoolean("serial.tests.skipWithoutSocat")) Assumptions.abort(msg);
            throw new IllegalStateException(msg);
        }
        Path dir = Files.createTempDirectory("pty");
        Process p = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + dir.resolve("kiosk"),
                "pty,raw,echo=0,link=" + dir.resolve("device"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        SocatPtyPair pair = new SocatPtyPair(p, dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(pair.kioskEnd) && Files.exists(pair.deviceEnd))) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                pair.close();
                throw new IOException("socat did not create the pty pair: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(10);
        }
        return pair;
    }

    public String kioskEnd() {
        return kioskEnd.toString();
    }

    public String deviceEnd() {
        return deviceEnd.toString();
    }

    /** Kills socat: both ends go away, as when the cable is pulled. */
    public void unplug() throws InterruptedException {
        socat.destroyForcibly();
        socat.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        unplug();
        try {
            Files.deleteIfExists(dir.resolve("socat.log"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temp folder; the OS cleans it
        }
    }
}
