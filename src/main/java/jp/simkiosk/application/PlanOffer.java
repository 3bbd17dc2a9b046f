package jp.simkiosk.application;

import jp.simkiosk.domain.plan.Plan;

/** A plan as offered to a customer: shown always, sold only when {@link Availability#SELLABLE}. */
public record PlanOffer(Plan plan, Availability availability) {

    public enum Availability {
        SELLABLE,
        /** Needs an identity check: "ask at a staffed counter". */
        NEEDS_ID_CHECK,
        /** Upstream says this line may not take this plan. */
        NOT_FOR_THIS_LINE,
        /** The back office cannot be reached now and the plan is not sold offline: "please try again later". */
        NOT_WHILE_OFFLINE
    }

    public boolean sellable() {
        return availability == Availability.SELLABLE;
    }
}
