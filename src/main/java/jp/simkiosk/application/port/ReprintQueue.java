package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import jp.simkiosk.domain.sale.Sale;

/**
 * The sales whose customer did not get their paper (receipt or refund slip): the printer failed, or the
 * kiosk restarted before it printed. An operator screen offers to reprint them; printing the sale's
 * document again ({@code RECEIPT_PRINTED}) takes it off the list.
 */
public interface ReprintQueue {

    /** Oldest first. */
    List<Sale> toReprint();

    /** The same list with why and since when each sale waits, oldest first (the Sales screen shows it). */
    List<Waiting> waiting();

    /**
     * A sale waiting for its paper.
     *
     * @param since  when its paper failed (when it was put on the list)
     * @param reason the failed step's detail: a {@code DeviceFault} name, or {@code INTERRUPTED} /
     *               {@code NOT_PRINTED} when start-up recovery found the paper cut short or never printed
     */
    record Waiting(Sale sale, Instant since, String reason) {
        public Waiting {
            Objects.requireNonNull(sale);
            Objects.requireNonNull(since);
            Objects.requireNonNull(reason);
        }
    }
}
