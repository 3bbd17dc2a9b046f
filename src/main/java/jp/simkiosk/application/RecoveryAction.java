package jp.simkiosk.application;

/**
 * What start-up recovery does with a sale that was in flight, chosen by {@link RecoveryRules} from the sale's
 * state and its last decisive step. Each action journals its own intent and outcome, so a crash during
 * recovery is recovered by the next start the same way.
 */
public enum RecoveryAction {
    /** No money is held (the last payment attempt ended without approval): cancel the sale. */
    CANCEL,
    /**
     * A payment was requested and its outcome never journaled: void by sale id (the reader may have
     * approved; a QR wallet payment is refunded if the provider took it, cancelled if still open), then cancel
     * the sale once nothing is held.
     */
    VOID_BY_SALE_ID,
    /** Paid but not delivered: void the authorization (refund pending when the reader cannot), print a refund slip. */
    VOID,
    /** The renewal was requested upstream, its answer unknown: ask again (idempotent by sale id) and go on from the answer. */
    ASK_UPSTREAM_AGAIN,
    /**
     * A new SIM was being read, activated or handed over: capture it to the reject bin, cancel its activation,
     * give the money back (all idempotent by sale id); a SIM that cannot be captured may be in the customer's
     * hand, so its sale goes to refund pending for the back office instead.
     */
    RETRIEVE_SIM_AND_VOID,
    /** A new eSIM's code was asked for and never received: cancel whatever upstream issued, give the money back. */
    CANCEL_ESIM_AND_VOID,
    /** Delivered but the charge not confirmed: complete it (idempotent by sale id). */
    COMPLETE_CHARGE,
    /**
     * A renewal sold while upstream was unreachable, to be applied when it answers: confirm the charge as the
     * sale would have (idempotent by sale id); the outbox still carries the renewal to upstream.
     */
    CONFIRM_DEFERRED_CHARGE,
    /** A renewal sold offline whose charge is confirmed: the outbox settles it with upstream's answer. */
    AWAIT_UPSTREAM,
    /**
     * The money is the back office's: a refund pending, or the charge of a delivered sale the card reader can no
     * longer complete (it lost the sale's session). Nothing for the kiosk but the customer's paper; an operator
     * resolves the sale with a note.
     */
    BACK_OFFICE,
    /** No rule for this state and step: left as it is and reported for the operator. */
    LEAVE_FOR_OPERATOR
}
