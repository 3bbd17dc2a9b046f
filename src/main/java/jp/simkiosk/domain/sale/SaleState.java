package jp.simkiosk.domain.sale;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a sale. The happy path is CREATED → PAID → FULFILLED → COMPLETED. A sale that is not paid
 * ends CANCELLED; a paid one that cannot be fulfilled ends VOIDED (authorization reversed) or, when the
 * money cannot be given back by the kiosk itself, REFUND_PENDING for the back office, which ends REFUNDED.
 */
public enum SaleState {
    CREATED,
    PAID,
    FULFILLED,
    COMPLETED,
    CANCELLED,
    VOIDED,
    REFUND_PENDING,
    REFUNDED;

    public Set<SaleState> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(FULFILLED, VOIDED, REFUND_PENDING);
            case FULFILLED -> EnumSet.of(COMPLETED, REFUND_PENDING);
            case REFUND_PENDING -> EnumSet.of(REFUNDED);
            case COMPLETED, CANCELLED, VOIDED, REFUNDED -> EnumSet.noneOf(SaleState.class);
        };
    }

    public boolean canMoveTo(SaleState target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** The customer's money is held or taken: paid but the sale has not reached an end yet. */
    public boolean holdsMoney() {
        return this == PAID || this == FULFILLED;
    }
}
