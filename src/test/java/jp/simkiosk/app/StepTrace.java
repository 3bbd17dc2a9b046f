package jp.simkiosk.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;

/**
 * The journal as the crash tests see it: it records every step written, in order, and at its {@link Point}
 * stops the process dead — it prints {@value #REACHED} and the point on standard output and blocks the
 * calling thread until the test kills the process. AFTER a step: the step is committed, the action it
 * announces not yet done. BEFORE a step: the action before it is done (the card reader approved, upstream
 * answered), its outcome not yet in the journal.
 */
final class StepTrace extends ForwardingJournal {

    static final String REACHED = "CRASH-POINT-REACHED";

    enum When { BEFORE, AFTER }

    /** The {@code occurrence}-th time {@code step} is written in this process, before or after its commit. */
    record Point(When when, SaleStep step, int occurrence) {
        static Point parse(String s) {
            String[] p = s.split(":");
            return new Point(When.valueOf(p[0]), SaleStep.valueOf(p[1]), Integer.parseInt(p[2]));
        }

        @Override
        public String toString() {
            return when + ":" + step + ":" + occurrence;
        }
    }

    private final Optional<Point> crashAt;
    private final PrintStream out;
    private final List<SaleStep> written = new ArrayList<>();
    private final Map<SaleStep, Integer> counts = new EnumMap<>(SaleStep.class);

    StepTrace(SaleJournal journal, Optional<Point> crashAt, PrintStream out) {
        super(journal);
        this.crashAt = crashAt;
        this.out = out;
    }

    /** The steps written so far, in order. */
    synchronized List<SaleStep> written() {
        return List.copyOf(written);
    }

    @Override
    protected void write(Sale sale, SaleStep step, Runnable write) {
        int n;
        synchronized (this) {
            n = counts.merge(step, 1, Integer::sum);
        }
        stopIf(When.BEFORE, step, n);
        write.run();
        synchronized (this) {
            written.add(step);
        }
        stopIf(When.AFTER, step, n);
    }

    private void stopIf(When when, SaleStep step, int occurrence) {
        if (crashAt.isEmpty() || !crashAt.get().equals(new Point(when, step, occurrence))) return;
        out.printf(Locale.ROOT, "%s %s%n", REACHED, crashAt.get());
        out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the crash point", e);
        }
    }
}
