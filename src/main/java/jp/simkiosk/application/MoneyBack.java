package jp.simkiosk.application;

/** What happened to the money of a paid sale that could not be delivered. */
public enum MoneyBack {
    /** The card authorization was reversed: the customer was never charged. */
    VOIDED,
    /** The QR wallet payment was refunded to the wallet. */
    REFUNDED,
    /** The kiosk could not give the money back itself: the back office refunds it. */
    REFUND_PENDING
}
