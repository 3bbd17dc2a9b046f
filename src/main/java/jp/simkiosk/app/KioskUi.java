package jp.simkiosk.app;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.ui.Formats;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.IdleMonitor;
import jp.simkiosk.ui.JourneyViewModel;
import jp.simkiosk.ui.KioskView;
import jp.simkiosk.ui.PaymentViewModel;
import jp.simkiosk.ui.PurchaseViewModel;
import jp.simkiosk.ui.RenewalViewModel;
import jp.simkiosk.ui.Session;
import jp.simkiosk.ui.UiTasks;
import jp.simkiosk.ui.operator.OperatorViewModel;
import jp.simkiosk.ui.screens.ViewContext;

/**
 * Wires the customer UI to the assembled kiosk: the view models (session, renewal, purchase, the payment they
 * share) get the use cases, the view gets the view models. Used by the launcher and by the headless UI tests
 * alike. Must be created on the JavaFX thread.
 */
public final class KioskUi {

    private final JourneyViewModel vm;
    private final IdleMonitor idle;
    private final KioskView view;
    private final OperatorViewModel operator;
    private final Scene scene;

    public KioskUi(KioskAssembly kiosk, Clock clock) {
        this(kiosk, clock, Platform::runLater);
    }

    KioskUi(KioskAssembly kiosk, Clock clock, Executor uiThread) {
        KioskConfig cfg = kiosk.config();
        I18n i18n = new I18n(cfg.defaultLanguage());
        UiTasks tasks = new UiTasks(kiosk.background(), uiThread);
        Session session = new Session(i18n);
        PaymentViewModel payment = new PaymentViewModel(session, kiosk.checkout(), tasks, clock, cfg.payment().methods());
        vm = new JourneyViewModel(session, new RenewalViewModel(session, kiosk.renewals(), payment, tasks), payment,
                new PurchaseViewModel(session, kiosk.purchases(), payment, tasks, clock), cfg.defaultLanguage());
        // idleTimeout is the whole time without a touch; the warning takes the last idleWarning of it
        idle = new IdleMonitor(clock, cfg.idleTimeout().minus(cfg.idleWarning()), cfg.idleWarning(), vm::timeOut);
        vm.inServiceProperty().set(kiosk.serviceMonitor().current().inService());
        kiosk.serviceMonitor().addListener(s -> uiThread.execute(() -> vm.inServiceProperty().set(s.inService())));
        ViewContext ctx = new ViewContext(vm, i18n, new Formats(i18n, cfg.zone()), cfg.languages(), cfg.supportContact());
        KioskAssembly.Operations ops = kiosk.operations();
        operator = new OperatorViewModel(ops.access(), ops.maintenance(), ops.sales(), ops.dayClose(), ops.export(),
                ops.deviceSettings(), tasks, clock);
        view = new KioskView(ctx, idle, operator, cfg.zone(), cfg.maintenanceEntryKey());
        scene = new Scene(scaledToFit(view.root(), cfg.display().orientation()), cfg.display().width(), cfg.display().height());
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource("/assets/styles/kiosk.css"),
                "kiosk.css missing from the application").toExternalForm());
    }

    /**
     * The screens are laid out once, at the kiosk panel's own size (1080×1920 portrait, 1920×1080 landscape),
     * and scaled to whatever window or screen shows them, keeping the proportions: the demo window on a laptop
     * shows exactly what the kiosk shows, only smaller.
     */
    static Parent scaledToFit(Region kiosk, KioskConfig.Display.Orientation orientation) {
        double w = orientation == KioskConfig.Display.Orientation.PORTRAIT ? 1080 : 1920;
        double h = orientation == KioskConfig.Display.Orientation.PORTRAIT ? 1920 : 1080;
        kiosk.setMinSize(w, h);
        kiosk.setPrefSize(w, h);
        kiosk.setMaxSize(w, h);
        Scale scale = new Scale(1, 1, 0, 0);
        kiosk.getTransforms().add(scale);
        Pane frame = new Pane(kiosk);
        frame.setStyle("-fx-background-color: black;");
        InvalidationListener fit = o -> {
            double s = Math.min(frame.getWidth() / w, frame.getHeight() / h);
            if (s <= 0) return;
            scale.setX(s);
            scale.setY(s);
            kiosk.relocate((frame.getWidth() - w * s) / 2, (frame.getHeight() - h * s) / 2);
        };
        frame.widthProperty().addListener(fit);
        frame.heightProperty().addListener(fit);
        return frame;
    }

    public Scene scene() {
        return scene;
    }

    public JourneyViewModel viewModel() {
        return vm;
    }

    /** Maintenance mode's view model. */
    public OperatorViewModel operator() {
        return operator;
    }

    public IdleMonitor idleMonitor() {
        return idle;
    }

    public void stop() {
        view.stop();
    }
}
