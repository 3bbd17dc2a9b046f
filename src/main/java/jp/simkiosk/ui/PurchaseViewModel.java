package jp.simkiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.PurchaseQuote;
import jp.simkiosk.application.PurchaseService;
import jp.simkiosk.application.PurchaseService.EsimOutcome;
import jp.simkiosk.application.PurchaseService.SimOutcome;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.Sale;

/**
 * The purchase journeys' state and steps: a new data SIM (plans, confirm, then — after the payment — the SIM
 * is prepared and handed out with a countdown) and a new eSIM (compatibility check, plans, confirm, then the
 * activation code on screen). Which journeys the home screen offers follows the SIM dispenser's stock. The
 * activation code is held only while its screen is shown and is wiped when the session ends. All methods run
 * on the UI thread; the use case runs through {@link UiTasks}.
 */
public final class PurchaseViewModel {

    /** Where the SIM hand-over is. */
    public enum SimPhase {
        /** Reading and activating the SIM inside the kiosk. */
        PREPARING,
        /** The SIM is at the gate: take it before the countdown ends. */
        TAKE,
        PRINTING
    }

    private final Session session;
    private final PurchaseService purchases;
    private final PaymentViewModel payment;
    private final UiTasks tasks;
    private final Clock clock;

    private final BooleanProperty newSimOffered = new SimpleBooleanProperty(false);
    private final BooleanProperty newEsimOffered = new SimpleBooleanProperty(false);
    private final ObjectProperty<PlanKind> kind = new SimpleObjectProperty<>();
    private final ObservableList<PlanOffer> offers = FXCollections.observableArrayList();
    private final ObjectProperty<PurchaseQuote> quote = new SimpleObjectProperty<>();
    private final ObjectProperty<SimPhase> simPhase = new SimpleObjectProperty<>();
    private final ReadOnlyLongWrapper takeSecondsLeft = new ReadOnlyLongWrapper(0);
    private final ObjectProperty<ActivationCode> activationCode = new SimpleObjectProperty<>();
    /** Null while the eSIM receipt is printing. */
    private final ObjectProperty<Boolean> esimReceiptPrinted = new SimpleObjectProperty<>();
    private Instant takeDeadline;

    public PurchaseViewModel(Session session, PurchaseService purchases, PaymentViewModel payment, UiTasks tasks,
                             Clock clock) {
        this.session = session;
        this.purchases = purchases;
        this.payment = payment;
        this.tasks = tasks;
        this.clock = clock;
        purchases.addJourneysListener(j -> tasks.onUiThread(() -> show(j)));
        show(purchases.journeys());
    }

    public BooleanProperty newSimOfferedProperty() { return newSimOffered; }
    public BooleanProperty newEsimOfferedProperty() { return newEsimOffered; }
    public ObjectProperty<PlanKind> kindProperty() { return kind; }
    public ObservableList<PlanOffer> offers() { return offers; }
    public ObjectProperty<PurchaseQuote> quoteProperty() { return quote; }
    public ObjectProperty<SimPhase> simPhaseProperty() { return simPhase; }
    public ReadOnlyLongProperty takeSecondsLeftProperty() { return takeSecondsLeft.getReadOnlyProperty(); }
    /** The new eSIM's code while its screen is shown; null otherwise. */
    public ObjectProperty<ActivationCode> activationCodeProperty() { return activationCode; }
    public ObjectProperty<Boolean> esimReceiptPrintedProperty() { return esimReceiptPrinted; }

    private void show(PurchaseService.Journeys j) {
        newSimOffered.set(j.newSim());
        newEsimOffered.set(j.newEsim());
    }

    /** Asks again which journeys can be sold (when a session starts). */
    void refresh() {
        show(purchases.journeys());
    }

    // ------------------------------------------------------------------ choosing

    public void chooseNewSim() {
        if (!newSimOffered.get()) return;
        kind.set(PlanKind.NEW_SIM);
        offers.setAll(purchases.offers(PlanKind.NEW_SIM));
        session.show(Screen.PURCHASE_PLANS);
    }

    public void chooseNewEsim() {
        if (!newEsimOffered.get()) return;
        kind.set(PlanKind.NEW_ESIM);
        session.show(Screen.ESIM_CHECK);
    }

    /** "My phone is ready" on the eSIM check screen. */
    public void esimPhoneReady() {
        offers.setAll(purchases.offers(PlanKind.NEW_ESIM));
        session.show(Screen.PURCHASE_PLANS);
    }

    /** "Buy a SIM card instead" on the eSIM check screen. */
    public void simInstead() {
        chooseNewSim();
    }

    /** The offers in display order: what can be bought first. */
    public List<PlanOffer> sortedOffers() {
        return offers.stream().sorted((a, b) -> Boolean.compare(!a.sellable(), !b.sellable())).toList();
    }

    public void choosePlan(PlanOffer offer) {
        if (!offer.sellable()) return;
        quote.set(purchases.quote(offer.plan()));
        session.show(Screen.PURCHASE_CONFIRM);
    }

    /** "Go to payment" on the confirm screen. */
    public void pay() {
        PurchaseQuote q = quote.get();
        if (session.busy() || q == null) return;
        Language lang = session.i18n().language();
        PlanKind k = kind.get();
        payment.begin(new PaymentViewModel.Journey() {
            @Override
            public Sale open() {
                return purchases.open(q, lang);
            }

            @Override
            public Screen confirmScreen() {
                return Screen.PURCHASE_CONFIRM;
            }

            @Override
            public String processingKey() {
                return "buy.processing." + k.name();
            }

            @Override
            public void paid(Sale sale) {
                if (k == PlanKind.NEW_SIM) {
                    deliverSim(sale);
                } else {
                    deliverEsim(sale);
                }
            }
        });
    }

    // ------------------------------------------------------------------ new SIM

    private void deliverSim(Sale paid) {
        simPhase.set(SimPhase.PREPARING);
        session.show(Screen.SIM_DISPENSE);
        session.busyProperty().set(true);
        tasks.run(() -> purchases.deliverSim(paid.id(), (iccid, within) -> tasks.onUiThread(() -> atGate(within))),
                r -> {
                    session.saleProperty().set(r.sale());
                    if (r instanceof SimOutcome.Delivered) {
                        session.outcomeProperty().set(Outcome.SIM_READY);
                    } else if (r instanceof SimOutcome.DeliveredActivationPending) {
                        session.outcomeProperty().set(Outcome.SIM_READY_ACTIVATING);
                    } else if (r instanceof SimOutcome.NotTaken nt) {
                        session.outcomeProperty().set(Outcome.simNotTaken(nt.money()));
                    } else {
                        session.outcomeProperty().set(Outcome.notDelivered(((SimOutcome.NotDelivered) r).money()));
                    }
                    simPhase.set(SimPhase.PRINTING);
                    printThenResult();
                }, t -> {
                    // the journal knows where the sale stopped; start-up recovery resolves it
                    session.busyProperty().set(false);
                    session.outcomeProperty().set(Outcome.NOT_DELIVERED_REFUND_PENDING);
                    session.show(Screen.RESULT);
                });
    }

    private void atGate(Duration within) {
        takeDeadline = clock.instant().plus(within);
        simPhase.set(SimPhase.TAKE);
        tick();
    }

    /** Counts the seconds left to take the SIM down (called by the view's timer). */
    public void tick() {
        if (simPhase.get() != SimPhase.TAKE || takeDeadline == null) return;
        long ms = Duration.between(clock.instant(), takeDeadline).toMillis();
        takeSecondsLeft.set(Math.max(0, (ms + 999) / 1000));
    }

    // ------------------------------------------------------------------ new eSIM

    private void deliverEsim(Sale paid) {
        session.busyProperty().set(true);
        tasks.run(() -> purchases.deliverEsim(paid.id()), r -> {
            session.saleProperty().set(r.sale());
            if (r instanceof EsimOutcome.Issued issued) {
                session.busyProperty().set(false);
                session.outcomeProperty().set(Outcome.ESIM_READY);
                activationCode.set(issued.code());
                esimReceiptPrinted.set(null);
                session.show(Screen.ESIM_CODE);
                printEsimReceipt(r.sale());
            } else {
                session.outcomeProperty().set(Outcome.notDelivered(((EsimOutcome.NotIssued) r).money()));
                payment.printing();
                printThenResult();
            }
        }, t -> {
            session.busyProperty().set(false);
            session.outcomeProperty().set(Outcome.NOT_DELIVERED_REFUND_PENDING);
            session.show(Screen.RESULT);
        });
    }

    /** Prints while the code is on screen; the customer may go on meanwhile. */
    private void printEsimReceipt(Sale sale) {
        Language lang = session.i18n().language();
        tasks.run(() -> purchases.printReceipt(sale.id(), lang), r -> printed(sale, r instanceof ReceiptOutcome.Printed),
                t -> printed(sale, false));
    }

    private void printed(Sale sale, boolean printed) {
        Sale now = session.sale();
        if (now == null || !now.id().equals(sale.id())) return; // that session has ended
        session.receiptPrintedProperty().set(printed);
        if (activationCode.get() != null) esimReceiptPrinted.set(printed);
    }

    /** "Done" on the eSIM code screen: the code leaves the screen. */
    public void esimDone() {
        if (session.screen() != Screen.ESIM_CODE) return;
        activationCode.set(null);
        session.show(Screen.RESULT);
    }

    private void printThenResult() {
        payment.printThenResult(purchases::printReceipt);
    }

    // ------------------------------------------------------------------ navigation

    /** "Back" on a purchase screen. */
    void back(Screen screen) {
        switch (screen) {
            case ESIM_CHECK -> session.show(Screen.HOME);
            case PURCHASE_PLANS -> session.show(kind.get() == PlanKind.NEW_ESIM ? Screen.ESIM_CHECK : Screen.HOME);
            case PURCHASE_CONFIRM -> {
                quote.set(null);
                session.show(Screen.PURCHASE_PLANS);
            }
            default -> { }
        }
    }

    /** Whether the dispenser is serving the customer (the idle time-out waits). */
    boolean working(Screen screen) {
        return screen == Screen.SIM_DISPENSE;
    }

    /** The session ends: the activation code and everything chosen are wiped. */
    void reset() {
        activationCode.set(null);
        esimReceiptPrinted.set(null);
        kind.set(null);
        offers.clear();
        quote.set(null);
        simPhase.set(null);
        takeSecondsLeft.set(0);
        takeDeadline = null;
    }
}
