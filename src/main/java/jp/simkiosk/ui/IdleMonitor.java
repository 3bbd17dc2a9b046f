package jp.simkiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Watches for a customer who walked away. After {@code idle} without a touch it shows a warning with a
 * countdown of {@code warning} (at least 20 s, extendable with one tap as often as needed: WCAG 2.2.1);
 * when that runs out, the session is ended. Time is read from the injected {@link Clock}; {@link #tick()}
 * is called by a timer on the UI thread (and by tests, after moving a test clock).
 */
public final class IdleMonitor {

    private final Clock clock;
    private final Duration idle;
    private final Duration warning;
    private final Runnable onTimeout;
    private final ReadOnlyBooleanWrapper warningShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper secondsLeft = new ReadOnlyLongWrapper(0);
    private Instant lastTouch;
    private boolean active;

    public IdleMonitor(Clock clock, Duration idle, Duration warning, Runnable onTimeout) {
        this.clock = clock;
        this.idle = idle;
        this.warning = warning;
        this.onTimeout = onTimeout;
        this.lastTouch = clock.instant();
    }

    /** Whether the session is watched (not on the attract screen, not while a device works). */
    public void setActive(boolean active) {
        this.active = active;
        touch();
    }

    public boolean isActive() {
        return active;
    }

    /** Any touch: the customer is there. Also what "more time" does. */
    public void touch() {
        lastTouch = clock.instant();
        warningShown.set(false);
    }

    public void tick() {
        if (!active) {
            warningShown.set(false);
            return;
        }
        Duration since = Duration.between(lastTouch, clock.instant());
        if (since.compareTo(idle) < 0) {
            warningShown.set(false);
            return;
        }
        Duration left = idle.plus(warning).minus(since);
        if (left.isNegative() || left.isZero()) {
            active = false;
            warningShown.set(false);
            onTimeout.run();
            return;
        }
        secondsLeft.set((left.toMillis() + 999) / 1000);
        warningShown.set(true);
    }

    public ReadOnlyBooleanProperty warningShownProperty() {
        return warningShown.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }
}
