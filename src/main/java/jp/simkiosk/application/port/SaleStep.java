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
    FULFILMENT_REQUESTED,
    FULFILLED,
    FULFILMENT_REJECTED,
    FULFILMENT_UNAVAILABLE,
    /** Upstream could not be reached; the renewal (a plan sellable offline) is to be applied when it answers. */
    FULFILMENT_DEFERRED,
    CAPTURE_REQUESTED,
    CAPTURED,
    CAPTURE_FAILED,
    VOID_REQUESTED,
    VOIDED,
    VOID_FAILED,
    REFUND_PENDING,
    REFUNDED,
    CANCELLED,
    RECEIPT_REQUESTED,
    RECEIPT_PRINTED,
    RECEIPT_FAILED,
    /**
     * Start-up recovery took the sale up after a restart; the detail names the rule applied (state, last
     * step, action). The recovery action's own intent and outcome steps follow.
     */
    RECOVERY_STARTED
}
