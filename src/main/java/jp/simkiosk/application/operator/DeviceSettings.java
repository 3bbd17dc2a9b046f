package jp.simkiosk.application.operator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import jp.simkiosk.application.device.DeviceRole;

/**
 * How each device is configured, as read once from the kiosk file at start, and which file that was: what the
 * technician's Device settings page shows beside each device's live health. Read-only: a setting changes by
 * editing the file and restarting (one validated source of truth).
 *
 * @param configFile the kiosk configuration file in effect
 */
public record DeviceSettings(Path configFile, List<Setting> devices) {

    public DeviceSettings {
        Objects.requireNonNull(configFile);
        devices = List.copyOf(devices);
    }

    /** The driver a device runs with. */
    public enum Driver { SIMULATOR, SERIAL }

    /**
     * One device's configuration.
     *
     * @param model    the device family the serial driver speaks to, or the simulator stands in for; the drivers do
     *                 not read a model or firmware version from the devices
     * @param required whether the kiosk sells only while this device works
     * @param port     the serial port (serial driver)
     * @param baud     the serial rate (serial driver)
     * @param timeout  the time-out of each call (serial driver)
     * @param delay    the artificial delay of each operation (simulator)
     */
    public record Setting(DeviceRole role, Driver driver, String model, boolean required, Optional<String> port,
                          OptionalInt baud, Optional<Duration> timeout, Optional<Duration> delay) {
        public Setting {
            Objects.requireNonNull(role);
            Objects.requireNonNull(driver);
            Objects.requireNonNull(model);
            Objects.requireNonNull(port);
            Objects.requireNonNull(baud);
            Objects.requireNonNull(timeout);
            Objects.requireNonNull(delay);
        }
    }

    /** The setting of the device in {@code role}. */
    public Optional<Setting> of(DeviceRole role) {
        return devices.stream().filter(d -> d.role() == role).findFirst();
    }
}
