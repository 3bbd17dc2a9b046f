package jp.simkiosk.application.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.HeartbeatSink.Heartbeat;
import jp.simkiosk.application.port.Outbox;

/**
 * Tells upstream that the kiosk is alive: each device's last known health (no device is polled for it) and
 * how the outbox stands, with the catalog version in use.
 */
public final class HeartbeatService {

    private final List<Device> devices;
    private final Outbox outbox;
    private final Supplier<Optional<String>> catalogEtag;
    private final HeartbeatSink sink;
    private final Clock clock;

    public HeartbeatService(List<Device> devices, Outbox outbox, Supplier<Optional<String>> catalogEtag,
                            HeartbeatSink sink, Clock clock) {
        this.devices = List.copyOf(devices);
        this.outbox = Objects.requireNonNull(outbox);
        this.catalogEtag = Objects.requireNonNull(catalogEtag);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The heartbeat as it would be sent now. */
    public Heartbeat current() {
        List<DeviceHealth> health = new ArrayList<>();
        for (Device d : devices) health.add(d.health());
        return new Heartbeat(clock.instant(), health, outbox.status(), catalogEtag.get());
    }

    /** Sends one heartbeat; whether upstream took it. */
    public boolean beat() {
        return sink.send(current());
    }
}
