package jp.simkiosk.ui;

/** The customer screens, in journey order. */
public enum Screen {
    ATTRACT,
    HOME,
    IDENTIFY,
    PLANS,
    CONFIRM,
    PAYMENT,
    RESULT,
    /** A required device (or the journal) is not usable: no customer is accepted. */
    OUT_OF_SERVICE;

    /** Screens where the idle time-out watches for a customer who left. */
    public boolean watchedForIdle() {
        return this != ATTRACT && this != OUT_OF_SERVICE;
    }
}
