package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
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
}
