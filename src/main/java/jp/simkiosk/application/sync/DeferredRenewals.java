package jp.simkiosk.application.sync;

import java.time.Instant;
import jp.simkiosk.domain.sale.SaleId;

/**
 * Told how upstream settled a renewal the kiosk sold while upstream was unreachable (a
 * {@code FULFILMENT_DEFERRED} event). Both calls must be idempotent: after a restart the same answer may come
 * again.
 */
public interface DeferredRenewals {

    /** Upstream applied the renewal: the line now expires at {@code newExpiry}. */
    void applied(SaleId sale, Instant newExpiry);

    /** Upstream refused the renewal: the customer's money must go back. */
    void rejected(SaleId sale, String reason);
}
