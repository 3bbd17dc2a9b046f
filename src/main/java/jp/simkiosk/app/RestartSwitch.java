package jp.simkiosk.app;

import java.util.concurrent.atomic.AtomicBoolean;
import jp.simkiosk.application.operator.Maintenance;

/**
 * The operator's "restart the application": remembers that a restart was asked and closes the window (the
 * launcher registers how); the launcher then exits with {@link Maintenance#RESTART_EXIT_CODE}, on which the
 * service manager starts the kiosk again.
 */
final class RestartSwitch implements Runnable {

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Runnable closeWindow = () -> { };

    void onRestart(Runnable closeWindow) {
        this.closeWindow = closeWindow;
    }

    boolean requested() {
        return requested.get();
    }

    @Override
    public void run() {
        requested.set(true);
        closeWindow.run();
    }
}
