package jp.simkiosk.app;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import jp.simkiosk.application.operator.Maintenance;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.ui.KioskFonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts JavaFX and shows the kiosk. Start-up work (database and migrations, devices, fonts) runs on
 * background threads while the toolkit starts; the JavaFX thread only builds the scene.
 */
final class KioskLauncher {

    private static final Logger log = LoggerFactory.getLogger(KioskLauncher.class);

    private KioskLauncher() {}

    static int run(KioskConfig cfg, Clock clock, long launchedNanos) throws StartupException {
        CompletableFuture<KioskAssembly> assembly = CompletableFuture.supplyAsync(() -> {
            try {
                return KioskAssembly.build(cfg, clock);
            } catch (StartupException e) {
                throw new IllegalStateException(e);
            }
        });
        Platform.setImplicitExit(true);
        Platform.startup(() -> { });
        CompletableFuture<Void> fonts = CompletableFuture.runAsync(KioskFonts::register);

        KioskAssembly kiosk;
        try {
            fonts.get();
            kiosk = assembly.get();
        } catch (ExecutionException e) {
            Platform.exit();
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException ise && ise.getCause() instanceof StartupException se) throw se;
            throw new StartupException(String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.exit();
            return 1;
        }

        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            KioskUi ui = new KioskUi(kiosk, clock);
            show(stage, ui, cfg.display());
            kiosk.operations().restart().onRestart(() -> Platform.runLater(stage::hide));
            stage.setOnHidden(e -> {
                ui.stop();
                closed.countDown();
            });
            long ms = (System.nanoTime() - launchedNanos) / 1_000_000;
            long sinceJvm = ProcessHandle.current().info().startInstant()
                    .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
            log.info("attract screen shown {} ms after main, {} ms after the process started", ms, sinceJvm);
            System.out.println("sim-kiosk: attract screen shown " + sinceJvm + " ms after the process started");
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kiosk.close();
            Platform.exit();
        }
        return kiosk.operations().restart().requested() ? Maintenance.RESTART_EXIT_CODE : 0;
    }

    /**
     * Window mode: a normal, closable window of the configured size. Full screen: undecorated and sized to
     * the screen (so it fills it with or without a window manager), full-screen mode on, and — when the
     * configuration disables the exit key — no key combination and no close request ends it.
     */
    static void show(Stage stage, KioskUi ui, KioskConfig.Display display) {
        stage.setTitle("SIM Kiosk");
        stage.setScene(ui.scene());
        if (display.mode() == KioskConfig.Display.Mode.FULL_SCREEN) {
            stage.initStyle(StageStyle.UNDECORATED);
            Rectangle2D b = Screen.getPrimary().getBounds();
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
            stage.setFullScreenExitHint("");
            if (!display.exitKeyEnabled()) {
                stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
                stage.setOnCloseRequest(e -> e.consume());
            }
            stage.setFullScreen(true);
        } else {
            stage.setWidth(display.width());
            stage.setHeight(display.height());
        }
        stage.show();
    }
}
