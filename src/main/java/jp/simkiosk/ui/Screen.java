package jp.simkiosk.ui;

/** The customer screens, in journey order. */
public enum Screen {
    ATTRACT,
    HOME,
    IDENTIFY,
    PLANS,
    CONFIRM,
    PAYMENT,
    RESULT;

    /** Screens where the idle time-out watches for a customer who left. */
    public boolean watchedForIdle() {
        return this != ATTRACT;
    }
}
