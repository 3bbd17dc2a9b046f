package jp.simkiosk.domain.plan;

/** What a plan is sold for. */
public enum PlanKind {
    /** A top-up of an existing physical SIM. */
    RENEW_SIM,
    /** A top-up of an existing eSIM profile (adds a bundle; no new profile). */
    RENEW_ESIM,
    /** A new physical data SIM, dispensed by the kiosk. */
    NEW_SIM,
    /** A new eSIM, delivered as an activation code. */
    NEW_ESIM;

    public boolean isRenewal() {
        return this == RENEW_SIM || this == RENEW_ESIM;
    }

    /** The renewal kind that applies to a line of this form factor. */
    public static PlanKind renewalFor(LineForm form) {
        return form == LineForm.ESIM ? RENEW_ESIM : RENEW_SIM;
    }
}
