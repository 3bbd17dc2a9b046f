package jp.simkiosk.application.device;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a device's current health and tells listeners when it changes. Every device implementation
 * (simulator or driver) keeps one and calls {@link #update} with what it learned; a poll that finds
 * nothing new tells no one.
 */
public final class HealthTracker {

    private static final Logger log = LoggerFactory.getLogger(HealthTracker.class);

    private final DeviceRole role;
    private final Clock clock;
    private final List<Consumer<DeviceHealth>> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceHealth current;

    public HealthTracker(DeviceRole role, Clock clock) {
        this.role = role;
        this.clock = clock;
        this.current = new DeviceHealth(role, DeviceState.OPENING, Optional.empty(), Set.of(), clock.instant());
    }

    public DeviceRole role() {
        return role;
    }

    public DeviceHealth current() {
        return current;
    }

    public void addListener(Consumer<DeviceHealth> listener) {
        listeners.add(listener);
    }

    public DeviceHealth update(DeviceState state, Optional<DeviceFault> fault, Set<MediaCondition> media) {
        DeviceHealth next = new DeviceHealth(role, state, fault, media, clock.instant());
        DeviceHealth before;
        synchronized (this) {
            before = current;
            current = next;
        }
        if (!next.sameAs(before)) {
            log.info("{}: {} {} {}", role, state, fault.map(Enum::name).orElse(""), media.isEmpty() ? "" : media);
            for (Consumer<DeviceHealth> l : listeners) {
                try {
                    l.accept(next);
                } catch (RuntimeException e) {
                    log.error("device health listener failed", e);
                }
            }
        }
        return next;
    }

    public DeviceHealth ready(Set<MediaCondition> media) {
        return update(DeviceState.READY, Optional.empty(), media);
    }

    public DeviceHealth busy() {
        return update(DeviceState.BUSY, Optional.empty(), current.media());
    }

    public DeviceHealth error(DeviceFault fault, Set<MediaCondition> media) {
        return update(DeviceState.ERROR, Optional.of(fault), media);
    }

    public DeviceHealth offline() {
        return update(DeviceState.OFFLINE, Optional.of(DeviceFault.PORT_UNAVAILABLE), Set.of());
    }
}
