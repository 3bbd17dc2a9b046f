package jp.simkiosk.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer's session and the navigation between screens: start in a language, choose a journey, back,
 * cancel, the idle time-out, and the end that wipes everything. The journeys' own state and steps live in
 * {@link RenewalViewModel}, {@link PurchaseViewModel} and, for the payment they share, {@link PaymentViewModel};
 * this class dispatches "back" and "cancel" to the one whose screen is shown. Views bind to the properties
 * and call the actions; the view models call the use cases through {@link UiTasks}, never a device, the
 * journal or upstream. All methods run on the UI thread.
 */
public final class JourneyViewModel {

    private static final Logger log = LoggerFactory.getLogger(JourneyViewModel.class);

    private final Session session;
    private final RenewalViewModel renewal;
    private final PaymentViewModel payment;
    private final PurchaseViewModel purchase;
    private final Language defaultLanguage;
    private final BooleanProperty inService = new SimpleBooleanProperty(true);
    // held in fields: a binding nobody references is garbage-collected, and its listeners go silent with it
    private final BooleanBinding canGoBack;
    private final BooleanBinding canCancel;
    private final BooleanBinding deviceWorking;

    public JourneyViewModel(Session session, RenewalViewModel renewal, PaymentViewModel payment,
                            PurchaseViewModel purchase, Language defaultLanguage) {
        this.session = session;
        this.renewal = renewal;
        this.payment = payment;
        this.purchase = purchase;
        this.defaultLanguage = defaultLanguage;
        canGoBack = Bindings.createBooleanBinding(() -> !session.busy() && switch (screen()) {
            case HOME, IDENTIFY, PLANS, CONFIRM, ESIM_CHECK, PURCHASE_PLANS, PURCHASE_CONFIRM -> true;
            case PAYMENT_CHOICE, PAYMENT, WALLET -> payment.canGoBack(screen());
            case ATTRACT, SIM_DISPENSE, ESIM_CODE, RESULT, OUT_OF_SERVICE -> false;
        }, screenProperty(), busyProperty(), payment.phaseProperty());
        canCancel = Bindings.createBooleanBinding(() -> switch (screen()) {
            case HOME, IDENTIFY, PLANS, CONFIRM, ESIM_CHECK, PURCHASE_PLANS, PURCHASE_CONFIRM -> !session.busy();
            case PAYMENT_CHOICE, PAYMENT, WALLET -> payment.canCancel(screen());
            case ATTRACT, SIM_DISPENSE, ESIM_CODE, RESULT, OUT_OF_SERVICE -> false;
        }, screenProperty(), busyProperty(), payment.phaseProperty());
        deviceWorking = Bindings.createBooleanBinding(
                () -> session.busy() || payment.working(screen()) || purchase.working(screen()),
                busyProperty(), screenProperty(), payment.phaseProperty());
        // a sale that cannot even be opened (the journal cannot be written) ends the session: nothing was paid,
        // and the kiosk is out of service, so the session ends on that screen
        payment.endSessionWith(this::reset);
        inService.addListener((o, was, now) -> {
            if (!now && screen() == Screen.ATTRACT) session.show(Screen.OUT_OF_SERVICE);
            if (now && screen() == Screen.OUT_OF_SERVICE) session.show(Screen.ATTRACT);
        });
    }

    // ------------------------------------------------------------------ properties

    public RenewalViewModel renewal() { return renewal; }
    public PaymentViewModel payment() { return payment; }
    public PurchaseViewModel purchase() { return purchase; }
    public ReadOnlyObjectProperty<Screen> screenProperty() { return session.screenProperty(); }
    public Screen screen() { return session.screen(); }
    public BooleanProperty busyProperty() { return session.busyProperty(); }
    /** Whether customers are accepted (every required device usable). Set by the service monitor. */
    public BooleanProperty inServiceProperty() { return inService; }
    public ObjectProperty<Sale> saleProperty() { return session.saleProperty(); }
    public ObjectProperty<Outcome> outcomeProperty() { return session.outcomeProperty(); }
    public BooleanProperty receiptPrintedProperty() { return session.receiptPrintedProperty(); }
    public I18n i18n() { return session.i18n(); }

    /** Whether "back" makes sense on the current screen. */
    public BooleanBinding canGoBack() {
        return canGoBack;
    }

    /** Whether "cancel" (end the session) is offered on the current screen. */
    public BooleanBinding canCancel() {
        return canCancel;
    }

    /** Whether a device or provider is serving the customer right now (the idle time-out waits meanwhile). */
    public BooleanBinding deviceWorking() {
        return deviceWorking;
    }

    // ------------------------------------------------------------------ attract and home

    public void start(Language language) {
        if (screen() != Screen.ATTRACT) return;
        i18n().setLanguage(language);
        purchase.refresh();
        session.show(Screen.HOME);
    }

    public void start() {
        start(i18n().language());
    }

    public void chooseRenewal() {
        session.show(Screen.IDENTIFY);
    }

    /** Advances the countdowns on screen (called by the view's timer). */
    public void tick() {
        payment.tick();
        purchase.tick();
    }

    // ------------------------------------------------------------------ navigation

    public void back() {
        if (!canGoBack().get()) return;
        Screen now = screen();
        switch (now) {
            case HOME -> reset();
            case IDENTIFY, PLANS, CONFIRM -> renewal.back(now);
            case ESIM_CHECK, PURCHASE_PLANS, PURCHASE_CONFIRM -> purchase.back(now);
            case PAYMENT_CHOICE, PAYMENT -> payment.back();
            default -> { }
        }
    }

    /** "Cancel" (end the session and go back to the start). */
    public void cancel() {
        if (!canCancel().get()) return;
        switch (screen()) {
            case PAYMENT_CHOICE, PAYMENT, WALLET -> payment.cancel(this::reset);
            default -> reset();
        }
    }

    /** "Done" on the result screen, or its own timer. */
    public void finish() {
        if (screen() == Screen.RESULT) reset();
    }

    /** The idle time-out ran out: cancel any unpaid sale and wipe everything the customer entered or was shown. */
    public void timeOut() {
        if (deviceWorking().get()) return;
        log.info("session timed out on {}", screen());
        payment.cancelOpenSale(FailureReason.IDLE_TIMEOUT);
        reset();
    }

    /** Back to the attract screen with nothing of the customer left. */
    public void reset() {
        renewal.reset();
        purchase.reset();
        payment.reset();
        session.clear();
        i18n().setLanguage(defaultLanguage);
        purchase.refresh();
        session.show(inService.get() ? Screen.ATTRACT : Screen.OUT_OF_SERVICE);
    }
}
