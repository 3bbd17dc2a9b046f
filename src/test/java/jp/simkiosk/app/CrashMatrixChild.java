package jp.simkiosk.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import jp.simkiosk.app.burnin.SessionResult;

/**
 * The kiosk process the crash matrix kills: assembles the kiosk from the demo configuration on the data
 * folder named by its first argument (start-up recovery included), then either plays one scenario — a renewal's
 * {@link CrashScenario} or a purchase's {@link PurchaseCrashScenario} ({@code sale}) — or stops after recovery
 * ({@code recover}). A purchase scenario's kiosk runs {@link TestKiosks#purchases}, a renewal's {@link TestKiosks#demo}. Its journal is a {@link StepTrace} that halts the
 * process at the crash point given, for the parent to kill it there.
 *
 * <p>Arguments: data folder, {@code sale|recover}, scenario name, crash point ({@code AFTER:STEP:n},
 * {@code BEFORE:STEP:n} or {@code NONE}).
 */
public final class CrashMatrixChild {

    static final String SESSION_END = "CHILD-SESSION-END";
    static final String RECOVERY_END = "CHILD-RECOVERY-END";

    private CrashMatrixChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        boolean sale = args[1].equals("sale");
        Optional<PurchaseCrashScenario> purchase = PurchaseCrashScenario.named(args[2]);
        Optional<StepTrace.Point> point = args[3].equals("NONE") ? Optional.empty() : Optional.of(StepTrace.Point.parse(args[3]));
        Clock clock = Clock.systemUTC();
        KioskAssembly kiosk = KioskAssembly.build(purchase.isPresent() ? TestKiosks.purchases(data, clock)
                : TestKiosks.demo(data, clock), clock, journal -> new StepTrace(journal, point, System.out));
        if (sale) {
            SessionResult r = purchase.isPresent() ? purchase.get().play(kiosk) : CrashScenario.valueOf(args[2]).play(kiosk);
            System.out.println(SESSION_END + " " + r.end());
        } else {
            System.out.println(RECOVERY_END);
        }
        System.out.flush();
        kiosk.close();
        System.exit(0);
    }
}
