package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.app.StepTrace.Point;
import jp.simkiosk.app.StepTrace.When;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;

/**
 * What the crash matrices ({@link KioskCrashMatrixTest}, {@link PurchaseCrashMatrixTest}) share: the crash points
 * of a trace, the child killed at one ({@link CrashMatrixChild}), the data folders under the test's temporary
 * folder, and the walk over every case — each crash point of the sale and, for some, each of the recovery after
 * it — restarted and checked by the matrix's own invariants.
 */
final class CrashMatrix {

    private static final long CHILD_TIMEOUT_SECONDS = 90;

    /** The kiosk's configuration on a data folder ({@link TestKiosks#demo} or {@link TestKiosks#purchases}). */
    interface Config {
        KioskConfig on(Path data, Clock clock) throws Exception;
    }

    /** Plays a scenario on the kiosk. */
    interface Play {
        void on(KioskAssembly kiosk) throws Exception;
    }

    /** Restarts the kiosk on a killed data folder, checks the invariants; a line of the matrix, "BROKEN" in it if any failed. */
    interface Check<S extends Enum<S>> {
        String restartAndCheck(Case<S> c, Path data, List<String> problems) throws Exception;
    }

    /** One crash point: the scenario, the point in the sale, and optionally a point in the recovery after it. */
    record Case<S extends Enum<S>>(S scenario, Point salePoint, Optional<Point> recoveryPoint) {
        String name() {
            return scenario + " " + salePoint + recoveryPoint.map(p -> " then recovery " + p).orElse("");
        }
    }

    /** The matrix played: a line per case, the problems found, how many cases were in recovery, how many broke. */
    record Result(List<String> matrix, List<String> problems, int recoveryCases, int broken) {}

    private final Path tmp;
    private final Clock clock;
    private final Config config;
    private int folders;

    CrashMatrix(Path tmp, Clock clock, Config config) {
        this.tmp = tmp;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Kills the child at every case's sale point and checks the restart; for the sale points named in
     * {@code killRecoveryToo} ("SCENARIO POINT"), also kills the recovery after it at each of its own crash points.
     */
    <S extends Enum<S>> Result play(Collection<Case<S>> saleCases, List<String> killRecoveryToo,
                                    Set<SaleStep> outcomes, Check<S> check) throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> matrix = new ArrayList<>();
        int recoveryCases = 0;
        int broken = 0;
        for (Case<S> c : saleCases) {
            Path data = newFolder();
            killAt(data, "sale", c.scenario().name(), c.salePoint());
            if (killRecoveryToo.contains(c.scenario() + " " + c.salePoint())) {
                List<SaleStep> recoverySteps = traceRecovery(copy(data));
                assertThat(recoverySteps).as("recovery after " + c.name()).isNotEmpty();
                for (Point rp : points(recoverySteps, null, outcomes).values()) {
                    Case<S> nested = new Case<>(c.scenario(), c.salePoint(), Optional.of(rp));
                    Path again = copy(data);
                    killAt(again, "recover", c.scenario().name(), rp);
                    matrix.add(check.restartAndCheck(nested, again, problems));
                    recoveryCases++;
                    if (matrix.get(matrix.size() - 1).contains("BROKEN")) broken++;
                }
            }
            matrix.add(check.restartAndCheck(c, data, problems));
            if (matrix.get(matrix.size() - 1).contains("BROKEN")) broken++;
        }
        return new Result(matrix, problems, recoveryCases, broken);
    }

    // ---------------------------------------------------------------- crash points

    /**
     * The crash points of a trace, by a key that names the steps before them, so that two scenarios that are
     * the same up to a point share it: AFTER every step, BEFORE every one of {@code outcomes}.
     */
    static Map<String, Point> points(List<SaleStep> steps, SaleStep coverUpTo, Set<SaleStep> outcomes) {
        Map<String, Point> points = new LinkedHashMap<>();
        Map<SaleStep, Integer> seen = new LinkedHashMap<>();
        List<String> before = new ArrayList<>();
        for (SaleStep step : steps) {
            int n = seen.merge(step, 1, Integer::sum);
            String prefix = String.join(",", before);
            if (outcomes.contains(step)) points.put(prefix + " BEFORE " + step, new Point(When.BEFORE, step, n));
            points.put(prefix + " AFTER " + step, new Point(When.AFTER, step, n));
            before.add(step.name());
            if (step == coverUpTo) break;
        }
        return points;
    }

    /** The steps one scenario writes, played in this JVM without a crash. */
    List<SaleStep> traceSale(Play scenario) throws Exception {
        StepTrace[] trace = new StepTrace[1];
        try (KioskAssembly kiosk = KioskAssembly.build(config.on(newFolder(), clock), clock,
                j -> trace[0] = new StepTrace(j, Optional.empty(), System.out))) {
            scenario.on(kiosk);
        }
        return trace[0].written();
    }

    /** The steps start-up recovery writes on (a copy of) a crashed data folder. */
    List<SaleStep> traceRecovery(Path data) throws Exception {
        StepTrace[] trace = new StepTrace[1];
        try (KioskAssembly kiosk = KioskAssembly.build(config.on(data, clock), clock,
                j -> trace[0] = new StepTrace(j, Optional.empty(), System.out))) {
            return trace[0].written();
        }
    }

    // ---------------------------------------------------------------- the child

    /** Runs the child on a scenario (named as {@link CrashMatrixChild} takes it) until it reports the crash point, then kills it (SIGKILL). */
    static void killAt(Path data, String phase, String scenario, Point point) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CrashMatrixChild.class.getName(), data.toString(), phase, scenario, point.toString())
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) lines.add(l);
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
            lines.add("<end of output>");
        });
        reader.setDaemon(true);
        reader.start();
        List<String> tail = new ArrayList<>();
        try {
            while (true) {
                String l = lines.poll(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (l == null) throw new AssertionError(scenario + " " + phase + " " + point + ": no crash point within "
                        + CHILD_TIMEOUT_SECONDS + " s; last output " + tail);
                if (l.startsWith(StepTrace.REACHED)) return;
                tail.add(l);
                if (tail.size() > 20) tail.remove(0);
                if (l.startsWith(CrashMatrixChild.SESSION_END) || l.startsWith(CrashMatrixChild.RECOVERY_END)
                        || l.equals("<end of output>")) {
                    throw new AssertionError(scenario + " " + phase + " " + point + ": the child never reached its crash point: " + tail);
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ---------------------------------------------------------------- after the restart

    /** How many steps the journal holds for the sales. */
    static long steps(SqliteSaleJournal journal, List<Sale> sales) {
        return sales.stream().mapToLong(s -> journal.entries(s.id()).size()).sum();
    }

    /** How many SIMs a stock file lists (blank lines and comments aside). */
    static long stock(Path stockFile) throws IOException {
        try (Stream<String> lines = Files.lines(stockFile)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        }
    }

    // ---------------------------------------------------------------- folders

    Path newFolder() throws IOException {
        return Files.createDirectories(tmp.resolve("kiosk-" + (++folders)));
    }

    /** A copy of a (killed) kiosk's data folder. */
    Path copy(Path data) throws IOException {
        Path target = newFolder();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(data.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    try {
                        Files.copy(f, to);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return target;
    }
}
