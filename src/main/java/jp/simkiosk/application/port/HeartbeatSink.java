package jp.simkiosk.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.device.DeviceHealth;

/** Where the kiosk reports that it is alive: device health and how far behind its outbox is. */
public interface HeartbeatSink {

    /** @return whether upstream took it */
    boolean send(Heartbeat heartbeat);

    /**
     * @param catalogEtag the version of the catalog the kiosk sells from, if it came from upstream
     */
    record Heartbeat(Instant at, List<DeviceHealth> devices, Outbox.Status queue, Optional<String> catalogEtag) {
        public Heartbeat {
            Objects.requireNonNull(at);
            devices = List.copyOf(devices);
            Objects.requireNonNull(queue);
            Objects.requireNonNull(catalogEtag);
        }
    }
}
