package jp.simkiosk.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/**
 * A journal that hands every call to the kiosk's own; the tests' journal views override {@link #write}, which
 * every journal write (a step, an activation code kept or masked) goes through.
 */
abstract class ForwardingJournal implements SaleJournal {

    protected final SaleJournal journal;

    ForwardingJournal(SaleJournal journal) {
        this.journal = Objects.requireNonNull(journal);
    }

    /** Runs one journal write of {@code step}; a view overrides it to watch or disturb the writes. */
    protected void write(Sale sale, SaleStep step, Runnable write) {
        write.run();
    }

    @Override
    public final void record(Sale sale, SaleStep step, String detail) {
        write(sale, step, () -> journal.record(sale, step, detail));
    }

    @Override
    public final void recordActivationCode(Sale sale, SaleStep step, ActivationCode code) {
        write(sale, step, () -> journal.recordActivationCode(sale, step, code));
    }

    @Override
    public Optional<ActivationCode> activationCode(SaleId id) {
        return journal.activationCode(id);
    }

    @Override
    public final void maskActivationCode(Sale sale, SaleStep step, String detail) {
        write(sale, step, () -> journal.maskActivationCode(sale, step, detail));
    }

    @Override
    public void step(Sale sale, SaleStep step, String detail) {
        record(sale, step, detail);
    }

    @Override
    public String nextReference(String kioskId) {
        return journal.nextReference(kioskId);
    }

    @Override
    public Optional<Sale> find(SaleId id) {
        return journal.find(id);
    }

    @Override
    public Optional<Sale> findByReference(String reference) {
        return journal.findByReference(reference);
    }

    @Override
    public List<JournalEntry> entries(SaleId id) {
        return journal.entries(id);
    }

    @Override
    public List<Sale> unresolved() {
        return journal.unresolved();
    }

    @Override
    public List<Sale> recent(int limit) {
        return journal.recent(limit);
    }
}
