package jp.simkiosk.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/** A journal that hands every call to the kiosk's own; the tests' journal views override {@link #record}. */
abstract class ForwardingJournal implements SaleJournal {

    protected final SaleJournal journal;

    ForwardingJournal(SaleJournal journal) {
        this.journal = Objects.requireNonNull(journal);
    }

    @Override
    public void record(Sale sale, SaleStep step, String detail) {
        journal.record(sale, step, detail);
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
