package jp.simkiosk.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineIdCheck;
import jp.simkiosk.domain.line.LineIds;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.Sale;

/**
 * The renewal journey's state and steps: identify the line on the keypad, choose a plan, confirm; after the
 * payment ({@link PaymentViewModel}) apply the renewal and print the receipt. When upstream cannot be reached,
 * the customer says whether the line is a SIM card or an eSIM and is offered the plans that may be sold offline.
 * All methods run on the UI thread; the use case runs through {@link UiTasks}.
 */
public final class RenewalViewModel {

    private static final int MAX_INPUT = 20;

    private final Session session;
    private final RenewalService renewals;
    private final PaymentViewModel payment;
    private final UiTasks tasks;

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

    public RenewalViewModel(Session session, RenewalService renewals, PaymentViewModel payment, UiTasks tasks) {
        this.session = session;
        this.renewals = renewals;
        this.payment = payment;
        this.tasks = tasks;
        lineInput.addListener((o, was, now) -> {
            lineCheck.set(LineIds.check(now));
            LineIdCheck c = lineCheck.get();
            identifyError.set(c instanceof LineIdCheck.Invalid inv ? problemMessage(inv) : null);
        });
    }

    public StringProperty lineInputProperty() { return lineInput; }
    public ReadOnlyObjectProperty<LineIdCheck> lineCheckProperty() { return lineCheck.getReadOnlyProperty(); }
    public ObjectProperty<Message> identifyErrorProperty() { return identifyError; }
    public ObjectProperty<LineStatus> lineProperty() { return line; }
    public ObservableList<PlanOffer> offers() { return offers; }
    public ObjectProperty<Quote> quoteProperty() { return quote; }
    /** The line typed while upstream was unreachable (null when upstream answered). */
    public ObjectProperty<LineId> offlineLineProperty() { return offlineLine; }
    /** The form (SIM or eSIM) the customer says their line is, when selling offline. */
    public ObjectProperty<LineForm> offlineFormProperty() { return offlineForm; }
    public boolean offline() { return offlineLine.get() != null; }

    // ------------------------------------------------------------------ identify

    public void typeDigit(char c) {
        if (session.busy() || lineInput.get().length() >= MAX_INPUT) return;
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
        if (session.busy()) return;
        LineIdCheck c = LineIds.checkFinal(lineInput.get());
        if (c instanceof LineIdCheck.Invalid inv) {
            identifyError.set(problemMessage(inv));
            return;
        }
        LineIdCheck.Valid valid = (LineIdCheck.Valid) c;
        identifyError.set(null);
        session.busyProperty().set(true);
        tasks.run(() -> renewals.lookUp(valid.lineId()), this::onLookup, t -> {
            session.busyProperty().set(false);
            identifyError.set(new Message("identify.error.unavailable"));
        });
    }

    private void onLookup(LineLookup r) {
        session.busyProperty().set(false);
        if (session.screen() != Screen.IDENTIFY) return; // the session ended meanwhile
        if (r instanceof LineLookup.Renewable ok) {
            line.set(ok.status());
            offers.setAll(ok.offers());
            session.show(Screen.PLANS);
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
            session.show(Screen.PLANS);
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
        session.show(Screen.CONFIRM);
    }

    /** The offers in display order: what can be bought first. */
    public List<PlanOffer> sortedOffers() {
        return offers.stream().sorted((a, b) -> Boolean.compare(!a.sellable(), !b.sellable())).toList();
    }

    /** "Go to payment" on the confirm screen. */
    public void pay() {
        Quote q = quote.get();
        if (session.busy() || q == null) return;
        Language lang = session.i18n().language();
        payment.begin(new PaymentViewModel.Journey() {
            @Override
            public Sale open() {
                return renewals.open(q, lang);
            }

            @Override
            public Screen confirmScreen() {
                return Screen.CONFIRM;
            }

            @Override
            public String processingKey() {
                return "payment.phase.PROCESSING";
            }

            @Override
            public void paid(Sale sale) {
                fulfil(sale);
            }
        });
    }

    // ------------------------------------------------------------------ after payment

    private void fulfil(Sale s) {
        session.busyProperty().set(true);
        tasks.run(() -> renewals.fulfil(s.id()), r -> {
            session.saleProperty().set(r.sale());
            if (r instanceof FulfilmentOutcome.Renewed) {
                session.outcomeProperty().set(Outcome.RENEWED);
            } else if (r instanceof FulfilmentOutcome.RenewedLater) {
                session.outcomeProperty().set(Outcome.RENEWED_LATER);
            } else if (r instanceof FulfilmentOutcome.NotRenewedVoided) {
                session.outcomeProperty().set(Outcome.NOT_RENEWED_VOIDED);
            } else if (r instanceof FulfilmentOutcome.NotRenewedRefunded) {
                session.outcomeProperty().set(Outcome.NOT_RENEWED_REFUNDED);
            } else {
                session.outcomeProperty().set(Outcome.NOT_RENEWED_REFUND_PENDING);
            }
            printReceipt();
        }, t -> {
            // the journal knows where the sale stopped; start-up recovery resolves it
            session.busyProperty().set(false);
            session.outcomeProperty().set(Outcome.NOT_RENEWED_REFUND_PENDING);
            session.show(Screen.RESULT);
        });
    }

    private void printReceipt() {
        payment.printing();
        payment.printThenResult(renewals::printReceipt);
    }

    // ------------------------------------------------------------------ navigation

    /** "Back" on a renewal screen. */
    void back(Screen screen) {
        switch (screen) {
            case IDENTIFY -> session.show(Screen.HOME);
            case PLANS -> {
                offlineLine.set(null);
                offlineForm.set(null);
                session.show(Screen.IDENTIFY);
            }
            case CONFIRM -> {
                quote.set(null);
                session.show(Screen.PLANS);
            }
            default -> { }
        }
    }

    /** The session ends: nothing the customer typed is kept. */
    void reset() {
        lineInput.set("");
        identifyError.set(null);
        line.set(null);
        offers.clear();
        offlineLine.set(null);
        offlineOffers.clear();
        offlineForm.set(null);
        quote.set(null);
    }
}
