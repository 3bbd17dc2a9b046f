package jp.simkiosk.application.port;

/**
 * The steps of a sale written to the journal. Each device action is preceded by its *_REQUESTED
 * intent and followed by its outcome, so that after a crash the journal tells exactly how far a sale got.
 */
public enum SaleStep {
    OPENED,
    PAYMENT_REQUESTED,
    PAYMENT_APPROVED,
    PAYMENT_DECLINED,
    PAYMENT_CANCELLED,
    PAYMENT_TIMED_OUT,
    PAYMENT_DEVICE_ERROR,
    /** A QR wallet payment was created; the detail is when its QR code expires. */
    WALLET_QR_SHOWN,
    /** The QR wallet provider could not create a payment. */
    PAYMENT_UNAVAILABLE,
    /** The QR code expired before the wallet paid. */
    PAYMENT_EXPIRED,
    FULFILMENT_REQUESTED,
    FULFILLED,
    FULFILMENT_REJECTED,
    FULFILMENT_UNAVAILABLE,
    /** Upstream could not be reached; the renewal (a plan sellable offline) is to be applied when it answers. */
    FULFILMENT_DEFERRED,
    CAPTURE_REQUESTED,
    CAPTURED,
    CAPTURE_FAILED,
    /**
     * The card reader has no session for the sale any more (it restarted since: {@code SESSION_LOST}), so the kiosk
     * can never complete the charge: the delivered sale's charge is left to the back office, which settles it with
     * the card network (it has every step from the outbox); an operator resolves the sale with a note.
     */
    CAPTURE_LEFT_TO_BACK_OFFICE,
    VOID_REQUESTED,
    VOIDED,
    VOID_FAILED,
    REFUND_PENDING,
    REFUNDED,
    /** A QR wallet refund was refused or did not get through: the back office refunds it. */
    REFUND_FAILED,
    CANCELLED,
    RECEIPT_REQUESTED,
    RECEIPT_PRINTED,
    RECEIPT_FAILED,
    /**
     * Start-up recovery took the sale up after a restart; the detail names the rule applied (state, last
     * step, action). The recovery action's own intent and outcome steps follow.
     */
    RECOVERY_STARTED,

    // ---- a new physical SIM
    SIM_PRESENT_REQUESTED,
    /** The SIM at the IC station was read; the sale now names its ICCID. */
    SIM_READ,
    SIM_READ_FAILED,
    ACTIVATION_REQUESTED,
    ACTIVATED,
    ACTIVATION_REJECTED,
    ACTIVATION_UNAVAILABLE,
    /** Upstream could not be reached; the plan may be sold offline, so the activation is to be applied later. */
    ACTIVATION_DEFERRED,
    SIM_DISPENSE_REQUESTED,
    /** The SIM is at the gate, waiting for the customer. */
    SIM_DISPENSED,
    SIM_DISPENSE_FAILED,
    SIM_TAKEN,
    SIM_NOT_TAKEN,
    SIM_CAPTURE_REQUESTED,
    /** The SIM went to the reject bin. */
    SIM_CAPTURED,
    SIM_CAPTURE_FAILED,
    ACTIVATION_CANCEL_REQUESTED,
    ACTIVATION_CANCELLED,
    ACTIVATION_CANCEL_FAILED,
    /**
     * The back office did not answer a new line's activation or eSIM issue, so it may have made the line after
     * all: the line is never handed over and its cancellation is queued — this step's event cancels the sale's
     * line at the back office (as {@link #ACTIVATION_CANCEL_FAILED}'s does), without the customer waiting for
     * another request that would most likely time out too.
     */
    ACTIVATION_CANCEL_QUEUED,

    // ---- a new eSIM
    ESIM_CODE_REQUESTED,
    /** Upstream issued the activation code; the journal keeps it until {@link #ESIM_CODE_MASKED}. */
    ESIM_CODE_ISSUED,
    ESIM_CODE_REJECTED,
    ESIM_CODE_UNAVAILABLE,
    /** The receipt was printed (or could not be): the journal now keeps only the masked code. */
    ESIM_CODE_MASKED;

    /**
     * Whether this step's event cancels the sale's new line at the back office (idempotent there: a sale with no
     * line has nothing to cancel) — the reference back office and the simulated one both go by it.
     */
    public boolean cancelsNewLine() {
        return this == ACTIVATION_CANCELLED || this == ACTIVATION_CANCEL_FAILED || this == ACTIVATION_CANCEL_QUEUED;
    }
}
