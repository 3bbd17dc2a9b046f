package jp.simkiosk.domain.sale;

/** Why a sale did not complete. Each has a localized text for the customer and for receipts and slips. */
public enum FailureReason {
    CUSTOMER_CANCELLED,
    IDLE_TIMEOUT,
    RENEWAL_REJECTED,
    /** Upstream refused to activate a new SIM or issue a new eSIM. */
    ACTIVATION_REJECTED,
    UPSTREAM_UNAVAILABLE,
    PAYMENT_DEVICE_ERROR,
    VOID_FAILED,
    CAPTURE_FAILED,
    DISPENSER_FAILED,
    SIM_NOT_TAKEN,
    RECOVERED_AFTER_RESTART,
    /** The kiosk could not write the sale's journal (disk full or failing) and stopped the sale. */
    JOURNAL_UNAVAILABLE
}
