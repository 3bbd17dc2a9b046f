package jp.simkiosk.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The journal as the use cases get it: before a new sale takes its reference it checks the service
 * conditions (free space in the data folder) and refuses while an alarm stands, so that a full disk stops new
 * sales rather than failing one midway; and a journal that cannot be written or read raises the alarm that
 * keeps the kiosk out of service until an operator restarts it (start-up recovery then settles the sale).
 */
final class MonitoredJournal implements SaleJournal {

    private final SaleJournal journal;
    private final ServiceMonitor monitor;

    MonitoredJournal(SaleJournal journal, ServiceMonitor monitor) {
        this.journal = Objects.requireNonNull(journal);
        this.monitor = Objects.requireNonNull(monitor);
    }

    /** @throws JournalUnavailableException when an alarm stands (no new sale), or the journal fails */
    @Override
    public String nextReference(String kioskId) {
        monitor.checkConditions();
        List<Alarm> alarms = monitor.current().alarms();
        if (!alarms.isEmpty()) {
            throw new JournalUnavailableException("no new sale while " + alarms.get(0).kind() + ": " + alarms.get(0).detail());
        }
        return guarded(() -> journal.nextReference(kioskId));
    }

    @Override
    public void record(Sale sale, SaleStep step, String detail) {
        guarded(() -> {
            journal.record(sale, step, detail);
            return null;
        });
    }

    @Override
    public void step(Sale sale, SaleStep step, String detail) {
        guarded(() -> {
            journal.step(sale, step, detail);
            return null;
        });
    }

    @Override
    public void recordActivationCode(Sale sale, SaleStep step, ActivationCode code) {
        guarded(() -> {
            journal.recordActivationCode(sale, step, code);
            return null;
        });
    }

    @Override
    public Optional<ActivationCode> activationCode(SaleId id) {
        return journal.activationCode(id);
    }

    @Override
    public void maskActivationCode(Sale sale, SaleStep step, String detail) {
        guarded(() -> {
            journal.maskActivationCode(sale, step, detail);
            return null;
        });
    }

    @Override
    public Optional<Sale> find(SaleId id) {
        return guarded(() -> journal.find(id));
    }

    @Override
    public Optional<Sale> findByReference(String reference) {
        return guarded(() -> journal.findByReference(reference));
    }

    @Override
    public List<JournalEntry> entries(SaleId id) {
        return guarded(() -> journal.entries(id));
    }

    @Override
    public List<Sale> unresolved() {
        return guarded(journal::unresolved);
    }

    @Override
    public List<Sale> recent(int limit) {
        return guarded(() -> journal.recent(limit));
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (JournalUnavailableException e) {
            monitor.raise(new Alarm(Alarm.Kind.JOURNAL_FAILED, String.valueOf(e.getMessage())));
            throw e;
        }
    }
}
