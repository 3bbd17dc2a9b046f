package jp.simkiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment part of every journey: the choice of payment method, the card reader (cards and transport IC
 * cards) and the QR wallet with its countdown. A journey hands over with {@link #begin} and gets the paid
 * sale back; a payment that does not go through leaves the sale open and uncharged, for a retry or another
 * method. All methods run on the UI thread; the use cases run through {@link UiTasks}.
 */
public final class PaymentViewModel {

    private static final Logger log = LoggerFactory.getLogger(PaymentViewModel.class);

    /** Where the payment is. */
    public enum Phase {
        /** Waiting for the customer's card (or IC card) on the reader. */
        WAITING_FOR_CARD,
        /** The QR code is shown; waiting for the wallet to pay it. */
        WAITING_FOR_WALLET,
        /** Paid; the journey delivers what was bought. */
        PROCESSING,
        PRINTING,
        /** The card payment did not go through: the customer may retry, go back or cancel. */
        FAILED
    }

    /** What a journey tells the payment part. */
    public interface Journey {
        /** Opens the sale (runs on the background executor). */
        Sale open();

        /** The screen "back" returns to from the payment choice. */
        Screen confirmScreen();

        /** The text key of what the payment screen says while the journey delivers after payment. */
        String processingKey();

        /** The sale is paid: deliver (on the UI thread). */
        void paid(Sale sale);
    }

    private final Session session;
    private final Checkout checkout;
    private final UiTasks tasks;
    private final Clock clock;
    private final List<PaymentMethod> methods;

    private final ObjectProperty<PaymentMethod> method = new SimpleObjectProperty<>();
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>();
    private final ObjectProperty<Message> message = new SimpleObjectProperty<>();
    private final StringProperty qrPayload = new SimpleStringProperty();
    private final ReadOnlyLongWrapper secondsLeft = new ReadOnlyLongWrapper(0);
    private final StringProperty processingKey = new SimpleStringProperty("payment.phase.PROCESSING");
    private Journey journey;
    private Instant qrExpiresAt;
    /** The customer asked to end the session while a payment was waiting. */
    private Runnable endAfterPayment;
    /** Ends the whole session (set by the session's view model). */
    private Runnable endSession = () -> { };

    /** @param methods the payment methods the kiosk offers, in the order of the choice screen */
    public PaymentViewModel(Session session, Checkout checkout, UiTasks tasks, Clock clock, List<PaymentMethod> methods) {
        this.session = session;
        this.checkout = checkout;
        this.tasks = tasks;
        this.clock = clock;
        this.methods = List.copyOf(methods);
        if (this.methods.isEmpty()) throw new IllegalArgumentException("no payment method");
    }

    /** What ends the whole session when no sale can be opened. */
    void endSessionWith(Runnable end) {
        endSession = end;
    }

    public List<PaymentMethod> methods() { return methods; }
    public ObjectProperty<PaymentMethod> methodProperty() { return method; }
    public ObjectProperty<Phase> phaseProperty() { return phase; }
    public Phase phase() { return phase.get(); }
    public ObjectProperty<Message> messageProperty() { return message; }
    /** What the QR code on the wallet screen encodes; null when none is shown. */
    public StringProperty qrPayloadProperty() { return qrPayload; }
    /** Seconds until the QR code expires. */
    public ReadOnlyLongProperty secondsLeftProperty() { return secondsLeft.getReadOnlyProperty(); }
    /** The text key of the payment screen's headline while the journey delivers. */
    public StringProperty processingKeyProperty() { return processingKey; }

    // ------------------------------------------------------------------ start

    /** A journey's confirm screen hands over: the choice of method, or straight to the only one. */
    public void begin(Journey j) {
        journey = j;
        processingKey.set(j.processingKey());
        clearPayment();
        if (methods.size() == 1) {
            choose(methods.get(0));
        } else {
            session.show(Screen.PAYMENT_CHOICE);
        }
    }

    /** The customer chose how to pay: opens the sale if need be, then starts the reader or shows the QR code. */
    public void choose(PaymentMethod m) {
        if (session.busy() || journey == null || !methods.contains(m)) return;
        method.set(m);
        message.set(null);
        withOpenSale(() -> {
            if (m.usesCardReader()) {
                session.show(Screen.PAYMENT);
                authorize();
            } else {
                startWallet();
            }
        });
    }

    private void withOpenSale(Runnable next) {
        Sale s = session.sale();
        if (s != null && s.state() == SaleState.CREATED) {
            next.run();
            return;
        }
        Supplier<Sale> open = journey::open;
        session.busyProperty().set(true);
        tasks.run(open, opened -> {
            session.busyProperty().set(false);
            session.saleProperty().set(opened);
            next.run();
        }, t -> {
            // no sale could be opened (no space left for the journal, or it failed): nothing was paid; the
            // kiosk is out of service, so the session ends on that screen
            log.warn("sale not opened: {}", t.toString());
            session.busyProperty().set(false);
            endSession.run();
        });
    }

    // ------------------------------------------------------------------ card reader

    /** Asks the card reader to take the payment (again, after a decline). */
    public void authorize() {
        Sale s = session.sale();
        if (s == null || method.get() == null || session.busy()) return;
        PaymentMethod m = method.get();
        phase.set(Phase.WAITING_FOR_CARD);
        message.set(null);
        session.busyProperty().set(true);
        tasks.run(() -> checkout.payByCard(s.id(), m), this::onPayment, failed(Phase.FAILED));
    }

    // ------------------------------------------------------------------ QR wallet

    private void startWallet() {
        Sale s = session.sale();
        session.busyProperty().set(true);
        tasks.run(() -> checkout.startWallet(s.id()), start -> {
            session.busyProperty().set(false);
            if (start instanceof Checkout.WalletStart.Shown shown) {
                qrPayload.set(shown.qrPayload());
                qrExpiresAt = shown.expiresAt();
                phase.set(Phase.WAITING_FOR_WALLET);
                tick();
                session.show(Screen.WALLET);
                session.busyProperty().set(true);
                tasks.run(() -> checkout.awaitWallet(s.id(), shown.expiresAt()), this::onPayment, failed(null));
            } else {
                backToChoice(new Message("wallet.unavailable"));
            }
        }, failed(null));
    }

    /** "Cancel and choose another way to pay" on the QR screen: the provider cancels, the wait returns. */
    public void cancelWallet() {
        Sale s = session.sale();
        if (s == null || phase.get() != Phase.WAITING_FOR_WALLET) return;
        tasks.run(() -> {
            checkout.cancelWallet(s.id());
            return Boolean.TRUE;
        }, x -> { }, t -> { });
    }

    /** Counts the QR code's seconds down (called by the view's timer). */
    public void tick() {
        if (phase.get() != Phase.WAITING_FOR_WALLET || qrExpiresAt == null) return;
        long ms = Duration.between(clock.instant(), qrExpiresAt).toMillis();
        secondsLeft.set(Math.max(0, (ms + 999) / 1000));
    }

    // ------------------------------------------------------------------ outcome

    private void onPayment(PaymentOutcome r) {
        session.busyProperty().set(false);
        boolean wallet = phase.get() == Phase.WAITING_FOR_WALLET;
        if (r instanceof PaymentOutcome.Paid paid) {
            endAfterPayment = null;
            qrPayload.set(null);
            session.saleProperty().set(paid.sale());
            phase.set(Phase.PROCESSING);
            journey.paid(paid.sale());
            return;
        }
        if (endAfterPayment != null) {
            Runnable end = endAfterPayment;
            endAfterPayment = null;
            cancelOpenSale(FailureReason.CUSTOMER_CANCELLED);
            end.run();
            return;
        }
        if (wallet) {
            qrPayload.set(null);
            if (r instanceof PaymentOutcome.TimedOut) {
                backToChoice(new Message("wallet.expired"));
            } else if (r instanceof PaymentOutcome.CancelledByCustomer) {
                backToChoice(new Message("wallet.cancelled"));
            } else if (r instanceof PaymentOutcome.Declined) {
                backToChoice(new Message("wallet.declined"));
            } else {
                backToChoice(new Message("wallet.unavailable"));
            }
            return;
        }
        phase.set(Phase.FAILED);
        if (r instanceof PaymentOutcome.Declined d) {
            message.set(new Message("payment.declined." + d.reason().name()));
        } else if (r instanceof PaymentOutcome.CancelledByCustomer) {
            message.set(new Message("payment.cancelled"));
        } else if (r instanceof PaymentOutcome.TimedOut) {
            message.set(new Message("payment.timedOut"));
        } else {
            message.set(new Message("payment.error.device"));
        }
    }

    private Consumer<Throwable> failed(Phase then) {
        return t -> {
            session.busyProperty().set(false);
            if (then == null) {
                backToChoice(new Message("wallet.unavailable"));
            } else {
                phase.set(then);
                message.set(new Message("payment.error.device"));
            }
        };
    }

    /** The wallet did not pay: nothing charged, the sale stays open, the customer chooses again. */
    private void backToChoice(Message why) {
        phase.set(null);
        qrPayload.set(null);
        qrExpiresAt = null;
        message.set(why);
        session.show(Screen.PAYMENT_CHOICE);
    }

    /** The journey moves on after payment: printing. */
    public void printing() {
        phase.set(Phase.PRINTING);
    }

    /**
     * A journey's last step: prints the session's sale's receipt with {@code print} (the journey's use case), in
     * the language on screen now (the customer may have switched), then shows the result, printed or not.
     */
    void printThenResult(BiFunction<SaleId, Language, ReceiptOutcome> print) {
        Sale s = session.sale();
        Language lang = session.i18n().language();
        tasks.run(() -> print.apply(s.id(), lang), r -> showResult(r instanceof ReceiptOutcome.Printed),
                t -> showResult(false));
    }

    private void showResult(boolean receiptPrinted) {
        session.busyProperty().set(false);
        session.receiptPrintedProperty().set(receiptPrinted);
        session.show(Screen.RESULT);
    }

    // ------------------------------------------------------------------ navigation

    /** Whether "back" makes sense on a payment screen. */
    boolean canGoBack(Screen screen) {
        return switch (screen) {
            case PAYMENT_CHOICE -> !session.busy();
            case PAYMENT -> phase.get() == Phase.FAILED;
            default -> false;
        };
    }

    /** Whether "cancel" (end the session) is offered on a payment screen. */
    boolean canCancel(Screen screen) {
        return switch (screen) {
            case PAYMENT_CHOICE -> !session.busy();
            case PAYMENT -> phase.get() == Phase.FAILED || phase.get() == Phase.WAITING_FOR_CARD;
            case WALLET -> phase.get() == Phase.WAITING_FOR_WALLET;
            default -> false;
        };
    }

    /** Whether a payment device or provider is serving the customer (the idle time-out waits). */
    boolean working(Screen screen) {
        return (screen == Screen.PAYMENT && phase.get() != Phase.FAILED)
                || (screen == Screen.WALLET && phase.get() == Phase.WAITING_FOR_WALLET);
    }

    /** "Back": from a failed card payment to the choice; from the choice to the journey's confirm screen. */
    void back() {
        Screen now = session.screen();
        if (now == Screen.PAYMENT && methods.size() > 1) {
            phase.set(null);
            message.set(null);
            session.show(Screen.PAYMENT_CHOICE);
            return;
        }
        cancelOpenSale(FailureReason.CUSTOMER_CANCELLED);
        session.saleProperty().set(null);
        clearPayment();
        session.show(journey.confirmScreen());
    }

    /** "Cancel" on a payment screen: stop what waits for the customer, cancel the sale, then {@code end}. */
    void cancel(Runnable end) {
        Sale s = session.sale();
        if (phase.get() == Phase.WAITING_FOR_CARD && session.busy()) {
            endAfterPayment = end;
            tasks.run(() -> {
                checkout.cancelPendingCard();
                return Boolean.TRUE;
            }, x -> { }, t -> { });
            return;
        }
        if (phase.get() == Phase.WAITING_FOR_WALLET && s != null) {
            endAfterPayment = end;
            cancelWallet();
            return;
        }
        cancelOpenSale(FailureReason.CUSTOMER_CANCELLED);
        end.run();
    }

    /** Cancels the session's sale if it is open and unpaid. */
    void cancelOpenSale(FailureReason why) {
        Sale s = session.sale();
        if (s == null || s.state().isFinal() || s.state().holdsMoney()) return;
        tasks.run(() -> checkout.cancel(s.id(), why), x -> { }, t -> { });
    }

    private void clearPayment() {
        method.set(null);
        phase.set(null);
        message.set(null);
        qrPayload.set(null);
        qrExpiresAt = null;
        secondsLeft.set(0);
        endAfterPayment = null;
    }

    /** The session ends. */
    void reset() {
        clearPayment();
        journey = null;
        processingKey.set("payment.phase.PROCESSING");
    }
}
