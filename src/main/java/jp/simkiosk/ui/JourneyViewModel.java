package jp.simkiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.RenewalService.FulfilmentOutcome;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.RenewalService.PaymentOutcome;
import jp.simkiosk.application.RenewalService.ReceiptOutcome;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.LineIds;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one customer's session and the journey through the screens. Views bind to its
 * properties and call its actions; it calls the use cases through {@link UiTasks}, never a device,
 * the journal or upstream itself. All methods run on the UI thread.
 */
public final class JourneyViewModel {

    private static final Logger log = LoggerFactory.getLogger(JourneyViewModel.class);
    private static final int MAX_INPUT = 20;

    /** Where the payment screen is. */
    public enum PaymentPhase {
        /** Waiting for the customer's card on the reader. */
        WAITING_FOR_CARD,
        /** Approved; the plan is being applied and the charge confirmed. */
        PROCESSING,
        PRINTING,
        /** The payment did not go through: the customer may retry or cancel. */
        FAILED
    }

    /** How the session ended, shown on the result screen. */
    public enum Outcome { RENEWED, RENEWED_LATER, NOT_RENEWED_VOIDED, NOT_RENEWED_REFUND_PENDING }

    private final RenewalService renewals;
    private final UiTasks tasks;
    private final I18n i18n;
    private final Language defaultLanguage;

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.ATTRACT);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty inService = new SimpleBooleanProperty(true);

    private final StringProperty lineInput = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<LineIdCheck> lineCheck = new ReadOnlyObjectWrapper<>(LineIds.check(""));
    private final ObjectProperty<Message> identifyError = new SimpleObjectProperty<>();

    private final ObjectProperty<LineStatus> line = new SimpleObjectProperty<>();
    private final ObservableList<PlanOffer> offers = FXCollections.observableArrayList();
    /** Upstream could not be reached: the line is not known, offline plans are offered for the form the customer says. */
    private final ObjectProperty<LineId> offlineLine = new SimpleObjectProperty<>();
    private final List<PlanOffer> offlineOffers = new ArrayList<>();
    private final ObjectProperty<LineForm> offlineForm = new SimpleObjectProperty<>();
    private final ObjectProperty<Quote> quote = new SimpleObjectProperty<>();

    private final ObjectProperty<Sale> sale = new SimpleObjectProperty<>();
    private final ObjectProperty<PaymentPhase> paymentPhase = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> paymentMessage = new SimpleObjectProperty<>();

    private final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>();
    private final BooleanProperty receiptPrinted = new SimpleBooleanProperty(false);

    // held in fields: a binding nobody references is garbage-collected, and its listeners go silent with it
    private final BooleanBinding canGoBack = Bindings.createBooleanBinding(() -> !busy.get() && switch (screen.get()) {
        case HOME, IDENTIFY, PLANS, CONFIRM -> true;
        case PAYMENT -> paymentPhase.get() == PaymentPhase.FAILED;
        case ATTRACT, RESULT, OUT_OF_SERVICE -> false;
    }, screen, busy, paymentPhase);

    private final BooleanBinding canCancel = Bindings.createBooleanBinding(() -> switch (screen.get()) {
        case HOME, IDENTIFY, PLANS, CONFIRM -> !busy.get();
        case PAYMENT -> paymentPhase.get() == PaymentPhase.FAILED || paymentPhase.get() == PaymentPhase.WAITING_FOR_CARD;
        case ATTRACT, RESULT, OUT_OF_SERVICE -> false;
    }, screen, busy, paymentPhase);

    private final BooleanBinding deviceWorking = Bindings.createBooleanBinding(() -> busy.get()
            || (screen.get() == Screen.PAYMENT && paymentPhase.get() != PaymentPhase.FAILED), busy, screen, paymentPhase);

    public JourneyViewModel(RenewalService renewals, UiTasks tasks, I18n i18n, Language defaultLanguage) {
        this.renewals = renewals;
        this.tasks = tasks;
        this.i18n = i18n;
        this.defaultLanguage = defaultLanguage;
        inService.addListener((o, was, now) -> {
            if (!now && screen.get() == Screen.ATTRACT) screen.set(Screen.OUT_OF_SERVICE);
            if (now && screen.get() == Screen.OUT_OF_SERVICE) screen.set(Screen.ATTRACT);
        });
        lineInput.addListener((o, was, now) -> {
            lineCheck.set(LineIds.check(now));
            LineIdCheck c = lineCheck.get();
            identifyError.set(c instanceof LineIdCheck.Invalid inv ? problemMessage(inv) : null);
        });
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Screen> screenProperty() { return screen.getReadOnlyProperty(); }
    public Screen screen() { return screen.get(); }
    public BooleanProperty busyProperty() { return busy; }
    /** Whether customers are accepted (every required device usable). Set by the service monitor. */
    public BooleanProperty inServiceProperty() { return inService; }
    public StringProperty lineInputProperty() { return lineInput; }
    public ReadOnlyObjectProperty<LineIdCheck> lineCheckProperty() { return lineCheck.getReadOnlyProperty(); }
    public ObjectProperty<Message> identifyErrorProperty() { return identifyError; }
    public ObjectProperty<LineStatus> lineProperty() { return line; }
    public ObservableList<PlanOffer> offers() { return offers; }
    /** The line typed while upstream was unreachable (null when upstream answered). */
    public ObjectProperty<LineId> offlineLineProperty() { return offlineLine; }
    /** The form (SIM or eSIM) the customer says their line is, when selling offline. */
    public ObjectProperty<LineForm> offlineFormProperty() { return offlineForm; }
    public boolean offline() { return offlineLine.get() != null; }
    public ObjectProperty<Quote> quoteProperty() { return quote; }
    public ObjectProperty<Sale> saleProperty() { return sale; }
    public ObjectProperty<PaymentPhase> paymentPhaseProperty() { return paymentPhase; }
    public ObjectProperty<Message> paymentMessageProperty() { return paymentMessage; }
    public ObjectProperty<Outcome> outcomeProperty() { return outcome; }
    public BooleanProperty receiptPrintedProperty() { return receiptPrinted; }
    public I18n i18n() { return i18n; }

    /** Whether "back" makes sense on the current screen. */
    public BooleanBinding canGoBack() {
        return canGoBack;
    }

    /** Whether "cancel" (end the session) is offered on the current screen. */
    public BooleanBinding canCancel() {
        return canCancel;
    }

    /** Whether the customer is being served by a device right now (the idle time-out waits meanwhile). */
    public BooleanBinding deviceWorking() {
        return deviceWorking;
    }

    // ------------------------------------------------------------------ attract and home

    public void start(Language language) {
        if (screen.get() != Screen.ATTRACT) return;
        i18n.setLanguage(language);
        screen.set(Screen.HOME);
    }

    public void start() {
        start(i18n.language());
    }

    public void chooseRenewal() {
        screen.set(Screen.IDENTIFY);
    }

    // ------------------------------------------------------------------ identify

    public void typeDigit(char c) {
        if (busy.get() || lineInput.get().length() >= MAX_INPUT) return;
        lineInput.set(lineInput.get() + c);
    }

    public void deleteDigit() {
        String s = lineInput.get();
        if (!s.isEmpty()) lineInput.set(s.substring(0, s.length() - 1));
    }

    public void clearInput() {
        lineInput.set("");
    }

    /** "Next" on the identify screen: checks what was typed, then asks upstream about the line. */
    public void submitLine() {
        if (busy.get()) return;
        LineIdCheck c = LineIds.checkFinal(lineInput.get());
        if (c instanceof LineIdCheck.Invalid inv) {
            identifyError.set(problemMessage(inv));
            return;
        }
        LineIdCheck.Valid valid = (LineIdCheck.Valid) c;
        identifyError.set(null);
        busy.set(true);
        tasks.run(() -> renewals.lookUp(valid.lineId()), this::onLookup, this::onLookupFailure);
    }

    private void onLookup(LineLookup r) {
        busy.set(false);
        if (screen.get() != Screen.IDENTIFY) return; // the session ended meanwhile
        if (r instanceof LineLookup.Renewable ok) {
            line.set(ok.status());
            offers.setAll(ok.offers());
            screen.set(Screen.PLANS);
        } else if (r instanceof LineLookup.NotRenewable) {
            identifyError.set(new Message("identify.error.notRenewable"));
        } else if (r instanceof LineLookup.Unknown) {
            identifyError.set(new Message("identify.error.unknown"));
        } else if (r instanceof LineLookup.Unavailable u && !u.offlineOffers().isEmpty()) {
            offlineLine.set(((LineIdCheck.Valid) LineIds.checkFinal(lineInput.get())).lineId());
            offlineOffers.clear();
            offlineOffers.addAll(u.offlineOffers());
            offlineForm.set(null);
            offers.clear();
            screen.set(Screen.PLANS);
        } else {
            identifyError.set(new Message("identify.error.unavailable"));
        }
    }

    /** Offline selling: the customer says whether the line is a SIM card or an eSIM; its plans are shown. */
    public void chooseOfflineForm(LineForm form) {
        if (!offline()) return;
        PlanKind kind = PlanKind.renewalFor(form);
        offers.setAll(offlineOffers.stream().filter(o -> o.plan().kind() == kind).toList());
        offlineForm.set(form); // after the offers: the view redraws the cards when the form changes
    }

    private void onLookupFailure(Throwable t) {
        busy.set(false);
        identifyError.set(new Message("identify.error.unavailable"));
    }

    private static Message problemMessage(LineIdCheck.Invalid inv) {
        return new Message("lineId.problem." + inv.problem().name());
    }

    // ------------------------------------------------------------------ plans and confirm

    public void choosePlan(PlanOffer offer) {
        if (!offer.sellable()) return;
        if (offline()) {
            quote.set(renewals.quoteOffline(offlineLine.get(), offer.plan()));
        } else if (line.get() != null) {
            quote.set(renewals.quote(line.get(), offer.plan()));
        } else {
            return;
        }
        screen.set(Screen.CONFIRM);
    }

    // ------------------------------------------------------------------ payment

    /** "Pay by card" on the confirm screen: opens the sale in the journal and starts the card reader. */
    public void pay() {
        if (busy.get() || quote.get() == null) return;
        Quote q = quote.get();
        Language lang = i18n.language();
        busy.set(true);
        tasks.run(() -> renewals.open(q, lang), opened -> {
            busy.set(false);
            sale.set(opened);
            screen.set(Screen.PAYMENT);
            authorize();
        }, t -> {
            // no sale could be opened (no space left for the journal, or it failed): nothing was paid; the
            // kiosk is out of service, so the session ends on that screen
            log.warn("sale not opened: {}", t.toString());
            reset();
        });
    }

    /** Asks the card reader to take the payment (again, after a decline). */
    public void authorize() {
        Sale s = sale.get();
        if (s == null || paymentPhase.get() == PaymentPhase.WAITING_FOR_CARD && busy.get()) return;
        paymentPhase.set(PaymentPhase.WAITING_FOR_CARD);
        paymentMessage.set(null);
        busy.set(true);
        tasks.run(() -> renewals.pay(s.id()), this::onPayment, t -> {
            busy.set(false);
            paymentPhase.set(PaymentPhase.FAILED);
            paymentMessage.set(new Message("payment.error.device"));
        });
    }

    private void onPayment(PaymentOutcome r) {
        busy.set(false);
        if (r instanceof PaymentOutcome.Paid paid) {
            sale.set(paid.sale());
            fulfil();
            return;
        }
        if (cancelRequested) {
            cancelRequested = false;
            endAfterCancel();
            return;
        }
        paymentPhase.set(PaymentPhase.FAILED);
        if (r instanceof PaymentOutcome.Declined d) {
            paymentMessage.set(new Message("payment.declined." + d.reason().name()));
        } else if (r instanceof PaymentOutcome.CancelledByCustomer) {
            paymentMessage.set(new Message("payment.cancelled"));
        } else if (r instanceof PaymentOutcome.TimedOut) {
            paymentMessage.set(new Message("payment.timedOut"));
        } else {
            paymentMessage.set(new Message("payment.error.device"));
        }
    }

    private void fulfil() {
        Sale s = sale.get();
        paymentPhase.set(PaymentPhase.PROCESSING);
        busy.set(true);
        tasks.run(() -> renewals.fulfil(s.id()), r -> {
            sale.set(r.sale());
            if (r instanceof FulfilmentOutcome.Renewed) {
                outcome.set(Outcome.RENEWED);
            } else if (r instanceof FulfilmentOutcome.RenewedLater) {
                outcome.set(Outcome.RENEWED_LATER);
            } else if (r instanceof FulfilmentOutcome.NotRenewedVoided) {
                outcome.set(Outcome.NOT_RENEWED_VOIDED);
            } else {
                outcome.set(Outcome.NOT_RENEWED_REFUND_PENDING);
            }
            printReceipt();
        }, t -> {
            // the journal knows where the sale stopped; start-up recovery resolves it
            busy.set(false);
            outcome.set(Outcome.NOT_RENEWED_REFUND_PENDING);
            screen.set(Screen.RESULT);
        });
    }

    private void printReceipt() {
        Sale s = sale.get();
        paymentPhase.set(PaymentPhase.PRINTING);
        Language lang = i18n.language();
        tasks.run(() -> renewals.printReceipt(s.id(), lang), r -> {
            busy.set(false);
            receiptPrinted.set(r instanceof ReceiptOutcome.Printed);
            screen.set(Screen.RESULT);
        }, t -> {
            busy.set(false);
            receiptPrinted.set(false);
            screen.set(Screen.RESULT);
        });
    }

    private boolean cancelRequested;

    /** The customer cancels on the payment screen: stop the reader if it waits, cancel the sale. */
    private void cancelPayment() {
        if (paymentPhase.get() == PaymentPhase.WAITING_FOR_CARD && busy.get()) {
            cancelRequested = true;
            tasks.run(() -> {
                renewals.cancelPendingPayment();
                return Boolean.TRUE;
            }, x -> { }, t -> { });
            return;
        }
        endAfterCancel();
    }

    private void endAfterCancel() {
        cancelOpenSale(FailureReason.CUSTOMER_CANCELLED);
        reset();
    }

    // ------------------------------------------------------------------ navigation

    public void back() {
        if (!canGoBack().get()) return;
        switch (screen.get()) {
            case HOME -> reset();
            case IDENTIFY -> screen.set(Screen.HOME);
            case PLANS -> {
                offlineLine.set(null);
                offlineForm.set(null);
                screen.set(Screen.IDENTIFY);
            }
            case CONFIRM -> {
                quote.set(null);
                screen.set(Screen.PLANS);
            }
            case PAYMENT -> {
                cancelOpenSale(FailureReason.CUSTOMER_CANCELLED);
                sale.set(null);
                paymentPhase.set(null);
                paymentMessage.set(null);
                screen.set(Screen.CONFIRM);
            }
            default -> { }
        }
    }

    /** "Cancel" (end the session and go back to the start). */
    public void cancel() {
        if (!canCancel().get()) return;
        if (screen.get() == Screen.PAYMENT) {
            cancelPayment();
            return;
        }
        reset();
    }

    /** "Done" on the result screen, or its own timer. */
    public void finish() {
        if (screen.get() == Screen.RESULT) reset();
    }

    /** The idle time-out ran out: cancel any unpaid sale and wipe everything the customer entered. */
    public void timeOut() {
        if (deviceWorking().get()) return;
        log.info("session timed out on {}", screen.get());
        cancelOpenSale(FailureReason.IDLE_TIMEOUT);
        reset();
    }

    private void cancelOpenSale(FailureReason why) {
        Sale s = sale.get();
        if (s == null || s.state().isFinal() || s.state().holdsMoney()) return;
        tasks.run(() -> renewals.cancel(s.id(), why), x -> { }, t -> { });
    }

    /** Back to the attract screen with nothing of the customer left. */
    public void reset() {
        lineInput.set("");
        identifyError.set(null);
        line.set(null);
        offers.clear();
        offlineLine.set(null);
        offlineOffers.clear();
        offlineForm.set(null);
        quote.set(null);
        sale.set(null);
        paymentPhase.set(null);
        paymentMessage.set(null);
        outcome.set(null);
        receiptPrinted.set(false);
        cancelRequested = false;
        busy.set(false);
        i18n.setLanguage(defaultLanguage);
        screen.set(inService.get() ? Screen.ATTRACT : Screen.OUT_OF_SERVICE);
    }

    /** The offers in display order: what can be bought first. */
    public List<PlanOffer> sortedOffers() {
        return offers.stream().sorted((a, b) -> Boolean.compare(!a.sellable(), !b.sellable())).toList();
    }

    public Optional<Sale> currentSale() {
        return Optional.ofNullable(sale.get());
    }
}
