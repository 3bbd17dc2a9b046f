package jp.simkiosk.app;

/** The kiosk cannot start (a device port that does not open, a data folder that cannot be written). */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
