package jp.simkiosk.application.port;

import java.util.List;
import java.util.Optional;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The durable record of every sale. Each call is one transaction, committed durably before it returns:
 * the caller does the device action that the step announces only after this returns.
 */
public interface SaleJournal {

    /** The next reference number to give a sale: kiosk id, a dash and a sequence ("TYO01-000042"). */
    String nextReference(String kioskId);

    /** Writes the sale as it is now and appends the step, in one durable transaction. */
    void record(Sale sale, SaleStep step, String detail);

    /** Appends a step without changing the sale (intents, receipt outcomes). */
    default void step(Sale sale, SaleStep step, String detail) {
        record(sale, step, detail);
    }

    Optional<Sale> find(SaleId id);

    Optional<Sale> findByReference(String reference);

    /** The sale's steps in the order they were written. */
    List<JournalEntry> entries(SaleId id);

    /** Sales not in a final state, oldest first: what recovery looks at. */
    List<Sale> unresolved();

    /** The newest sales first, at most {@code limit}. */
    List<Sale> recent(int limit);
}
