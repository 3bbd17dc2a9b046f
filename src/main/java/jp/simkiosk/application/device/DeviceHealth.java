package jp.simkiosk.application.device;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A snapshot of one device's health, published whenever it changes. */
public record DeviceHealth(
        DeviceRole role,
        DeviceState state,
        Optional<DeviceFault> fault,
        Set<MediaCondition> media,
        Instant at) {

    public DeviceHealth {
        Objects.requireNonNull(role);
        Objects.requireNonNull(state);
        Objects.requireNonNull(fault);
        media = media.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(media));
        Objects.requireNonNull(at);
    }

    public static DeviceHealth ready(DeviceRole role, Set<MediaCondition> media, Instant at) {
        return new DeviceHealth(role, DeviceState.READY, Optional.empty(), media, at);
    }

    public static DeviceHealth error(DeviceRole role, DeviceFault fault, Set<MediaCondition> media, Instant at) {
        return new DeviceHealth(role, DeviceState.ERROR, Optional.of(fault), media, at);
    }

    public static DeviceHealth offline(DeviceRole role, Instant at) {
        return new DeviceHealth(role, DeviceState.OFFLINE, Optional.of(DeviceFault.PORT_UNAVAILABLE), Set.of(), at);
    }

    /** Ready (or busy serving a customer) with no consumable condition that blocks use. */
    public boolean usable() {
        return (state == DeviceState.READY || state == DeviceState.BUSY)
                && media.stream().noneMatch(MediaCondition::blocksUse);
    }

    /** Same state, fault and media: a poll that changes nothing publishes nothing. */
    public boolean sameAs(DeviceHealth other) {
        return other != null && role == other.role && state == other.state
                && fault.equals(other.fault) && media.equals(other.media);
    }
}
