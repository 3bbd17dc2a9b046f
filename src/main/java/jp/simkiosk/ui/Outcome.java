package jp.simkiosk.ui;

import jp.simkiosk.application.MoneyBack;

/**
 * How a paid session ended, as the result screen tells it: its title and detail are the texts
 * {@code result.title.<name>} and {@code result.detail.<name>}. The detail's argument is the new expiry for
 * {@link #showsExpiry()} outcomes and the support contact for the others.
 */
public enum Outcome {
    RENEWED,
    /** Paid while upstream was unreachable: the renewal is applied when it answers (the charge stands). */
    RENEWED_LATER,
    NOT_RENEWED_VOIDED,
    NOT_RENEWED_REFUNDED,
    NOT_RENEWED_REFUND_PENDING,
    SIM_READY,
    /** The SIM was taken; upstream was unreachable and activates it later. */
    SIM_READY_ACTIVATING,
    ESIM_READY,
    NOT_DELIVERED_VOIDED,
    NOT_DELIVERED_REFUNDED,
    NOT_DELIVERED_REFUND_PENDING,
    SIM_NOT_TAKEN_VOIDED,
    SIM_NOT_TAKEN_REFUNDED,
    SIM_NOT_TAKEN_REFUND_PENDING;

    /** The customer got what they paid for. */
    public boolean success() {
        return this == RENEWED || this == RENEWED_LATER || this == SIM_READY || this == SIM_READY_ACTIVATING
                || this == ESIM_READY;
    }

    /** The detail shows the line's new expiry. */
    public boolean showsExpiry() {
        return this == RENEWED || this == SIM_READY || this == ESIM_READY;
    }

    static Outcome notDelivered(MoneyBack money) {
        return switch (money) {
            case VOIDED -> NOT_DELIVERED_VOIDED;
            case REFUNDED -> NOT_DELIVERED_REFUNDED;
            case REFUND_PENDING -> NOT_DELIVERED_REFUND_PENDING;
        };
    }

    static Outcome simNotTaken(MoneyBack money) {
        return switch (money) {
            case VOIDED -> SIM_NOT_TAKEN_VOIDED;
            case REFUNDED -> SIM_NOT_TAKEN_REFUNDED;
            case REFUND_PENDING -> SIM_NOT_TAKEN_REFUND_PENDING;
        };
    }
}
