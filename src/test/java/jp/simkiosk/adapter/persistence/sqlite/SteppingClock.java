package jp.simkiosk.adapter.persistence.sqlite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that moves on by a fixed step each time it is read, so every instant it gives is distinct. */
final class SteppingClock extends Clock {

    private final Duration step;
    private Instant next;

    SteppingClock(Instant start, Duration step) {
        this.next = start;
        this.step = step;
    }

    @Override
    public synchronized Instant instant() {
        Instant now = next;
        next = next.plus(step);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a stepping clock is UTC only");
    }
}
