package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Objects;
import jp.simkiosk.domain.sale.SaleId;

/**
 * One step of a sale as written in the journal.
 *
 * @param detail a short machine-readable detail (a reason code, a decline reason, bytes printed); never
 *               card data or secrets
 */
public record JournalEntry(SaleId saleId, long seq, Instant at, SaleStep step, String detail) {
    public JournalEntry {
        Objects.requireNonNull(saleId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(step);
        Objects.requireNonNull(detail);
    }
}
