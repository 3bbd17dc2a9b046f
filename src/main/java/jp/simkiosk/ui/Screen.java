package jp.simkiosk.ui;

/** The customer screens, in journey order. */
public enum Screen {
    ATTRACT,
    HOME,
    // renewal
    IDENTIFY,
    PLANS,
    CONFIRM,
    // new SIM or eSIM
    /** Before a new eSIM: the phone must support eSIM and be unlocked. */
    ESIM_CHECK,
    PURCHASE_PLANS,
    PURCHASE_CONFIRM,
    // payment, shared
    PAYMENT_CHOICE,
    /** The card reader: waiting for the card, then processing and printing (renewal, new eSIM). */
    PAYMENT,
    /** The QR code for a wallet, with its countdown. */
    WALLET,
    // delivery of a new line
    /** The SIM is prepared, then waits at the gate with a countdown. */
    SIM_DISPENSE,
    /** The eSIM's activation code as a QR code, in words, and the install steps. */
    ESIM_CODE,
    RESULT,
    /** A required device (or the journal) is not usable: no customer is accepted. */
    OUT_OF_SERVICE;

    /** Screens where the idle time-out watches for a customer who left. */
    public boolean watchedForIdle() {
        return this != ATTRACT && this != OUT_OF_SERVICE;
    }
}
