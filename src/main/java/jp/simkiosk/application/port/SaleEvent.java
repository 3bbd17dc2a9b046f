package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.Objects;
import jp.simkiosk.domain.sale.Sale;

/**
 * One step of a sale as reported to the back office: written to the outbox in the same transaction as
 * the step itself.
 *
 * @param eventId  unique id of this event: the back office's idempotency key
 * @param sequence the kiosk's sequence number, increasing by event, never reused
 * @param at       when the step was written
 * @param sale     the sale as it was right after the step
 */
public record SaleEvent(String eventId, long sequence, Instant at, SaleStep step, String detail, Sale sale) {
    public SaleEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(step);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(sale);
        if (sequence < 1) throw new IllegalArgumentException("sequence must be positive: " + sequence);
    }
}
