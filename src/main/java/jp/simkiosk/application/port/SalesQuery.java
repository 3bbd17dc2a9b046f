package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.domain.sale.Sale;

/** The reads the operator screens need from the sale journal besides those of {@link SaleJournal}. */
public interface SalesQuery {

    /** Sales created in {@code [from, to)}, oldest first. */
    List<Sale> createdBetween(Instant from, Instant to);

    /**
     * Sales whose reference, line id (number or ICCID) contains {@code text} (digits compared without
     * separators), newest first, at most {@code limit}.
     */
    List<Sale> search(String text, int limit);

    /**
     * The sales that went through a step among {@code steps} in {@code [from, to)}, oldest sale first, each with
     * all its steps among {@code steps} written before {@code to} (earlier periods included, in the order they
     * were written): what a period's report needs to tell whether a step is the first of its kind for the sale.
     */
    List<History> withStepsBetween(Set<SaleStep> steps, Instant from, Instant to);

    /** When the journal's first sale was opened; empty for a journal without sales. */
    Optional<Instant> firstSaleAt();

    /**
     * A sale (as it is now: what never changes, plan, price, tax rate, kind, is what a report reads of it) and
     * some of its steps.
     */
    record History(Sale sale, List<JournalEntry> steps) {
        public History {
            Objects.requireNonNull(sale);
            steps = List.copyOf(steps);
        }
    }
}
