package jp.simkiosk.application.sync;

import java.time.Instant;
import jp.simkiosk.domain.sale.SaleId;

/**
 * Told how upstream settled what the kiosk sold while upstream was unreachable: a renewal (a
 * {@code FULFILMENT_DEFERRED} event) or a new SIM handed over before its activation (an
 * {@code ACTIVATION_DEFERRED} event). Both calls must be idempotent: after a restart the same answer may come
 * again.
 */
public interface DeferredFulfilments {

    /** Upstream applied the renewal or activated the SIM: the line now expires at {@code newExpiry}. */
    void applied(SaleId sale, Instant newExpiry);

    /** Upstream refused it: the customer's money must go back. */
    void rejected(SaleId sale, String reason);
}
