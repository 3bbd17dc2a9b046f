package jp.simkiosk.app.config;

import java.nio.file.Path;

/**
 * A configuration that cannot be used. The message is one line naming the file, the key and what is
 * wrong, e.g. {@code kiosk-config/kiosk.yaml: display.width: must be a whole number from 320 to 7680, got "wide"}.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final String key;

    public ConfigException(Path file, String key, String problem) {
        super(file + ": " + key + ": " + problem);
        this.file = file;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    public String key() {
        return key;
    }
}
