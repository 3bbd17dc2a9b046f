package jp.simkiosk.app.burnin;

import java.util.Random;

/**
 * One kind of customer session the burn-in plays, through the same use cases the screens call: renewals are
 * {@link RenewalSession}, new SIMs and new eSIMs {@link PurchaseSession}; {@link BurnIn#sessionKinds} lists them.
 */
public interface ScriptedSession {

    /** A short name for the per-sale line ("renewal"). */
    String kind();

    /**
     * Plays one session with a mix of faults and declines drawn from {@code random}, and leaves the simulators
     * as it found them (no fault switch left set).
     */
    SessionResult play(Random random);
}
