package jp.simkiosk.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking work (use cases that talk to devices, the journal, upstream) on a background executor and
 * hands the result back on the UI thread. Nothing blocking runs on the JavaFX thread.
 */
public final class UiTasks {

    private static final Logger log = LoggerFactory.getLogger(UiTasks.class);

    private final Executor background;
    private final Executor uiThread;

    public UiTasks(Executor background, Executor uiThread) {
        this.background = background;
        this.uiThread = uiThread;
    }

    public <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        background.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                log.error("background task failed", e);
                uiThread.execute(() -> onFailure.accept(e));
                return;
            }
            uiThread.execute(() -> onResult.accept(result));
        });
    }

    public void onUiThread(Runnable r) {
        uiThread.execute(r);
    }
}
