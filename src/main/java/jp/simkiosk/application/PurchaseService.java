package jp.simkiosk.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.application.port.SimDispenser.ReadResult;
import jp.simkiosk.application.port.SimDispenser.TakeResult;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.port.Upstream.ActivationResult;
import jp.simkiosk.application.port.Upstream.EsimResult;
import jp.simkiosk.application.sync.BackOfficeReach;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two purchase journeys: a new physical data SIM from the kiosk's dispenser, and a new eSIM delivered as
 * an activation code. Payment, settling the money and printing are {@link Checkout}'s, shared with renewals.
 *
 * <p>New SIM, after payment: the dispenser moves a SIM to its IC station and reads the ICCID, upstream
 * activates it (offline, for a plan sold offline: journaled to be applied later), the SIM goes to the gate
 * and waits {@link PurchaseSettings#takeTimeout()} for the customer. Taken: the charge stands. Not taken:
 * the SIM is captured to the reject bin, its activation cancelled, and the money given back (ADR 0006).
 *
 * <p>New eSIM, after payment: upstream issues the profile's activation code, which the journal keeps only
 * until the receipt (with the code as a QR) has been printed; then it is masked.
 *
 * <p>Every step is journaled before the device or upstream call it leads to and its outcome right after.
 * Methods block: call them off the UI thread, except {@link #journeys()} and the listeners.
 */
public final class PurchaseService {

    private static final Logger log = LoggerFactory.getLogger(PurchaseService.class);

    private final PlanCatalog catalog;
    private final Upstream upstream;
    private final SaleJournal journal;
    private final Checkout checkout;
    private final SimDispenser dispenser;
    private final Clock clock;
    private final PurchaseSettings settings;
    private final BackOfficeReach reach;
    private final List<Consumer<Journeys>> listeners = new CopyOnWriteArrayList<>();
    private volatile SimDispenser.StockLevel lastStock;

    /** A purchase service that never knows the back office unreachable: every plan is offered. */
    public PurchaseService(PlanCatalog catalog, Upstream upstream, SaleJournal journal, Checkout checkout,
                           SimDispenser dispenser, Clock clock, PurchaseSettings settings) {
        this(catalog, upstream, journal, checkout, dispenser, clock, settings, new BackOfficeReach());
    }

    /**
     * @param reach whether the back office answers now, as the kiosk's latest exchange with it says: while it is
     *              known unreachable, only plans sold offline are offered (see {@link #offers})
     */
    public PurchaseService(PlanCatalog catalog, Upstream upstream, SaleJournal journal, Checkout checkout,
                           SimDispenser dispenser, Clock clock, PurchaseSettings settings, BackOfficeReach reach) {
        this.catalog = Objects.requireNonNull(catalog);
        this.upstream = Objects.requireNonNull(upstream);
        this.journal = Objects.requireNonNull(journal);
        this.checkout = Objects.requireNonNull(checkout);
        this.dispenser = Objects.requireNonNull(dispenser);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.reach = Objects.requireNonNull(reach);
        dispenser.addHealthListener(this::dispenserChanged);
        dispenserChanged(dispenser.health());
    }

    // ---------------------------------------------------------------- which journeys

    /** Which purchase journeys the home screen offers now. */
    public record Journeys(boolean newSim, boolean newEsim) {}

    /**
     * The journeys that can be sold now. A new SIM needs a dispenser that is usable and not empty (as its last
     * known health says: no device I/O, so this may be called on any thread); a new eSIM needs only its plans.
     */
    public Journeys journeys() {
        DeviceHealth h = dispenser.health();
        boolean simStock = h.usable() && !h.media().contains(MediaCondition.STACKER_EMPTY);
        return new Journeys(simStock && hasPlans(PlanKind.NEW_SIM), hasPlans(PlanKind.NEW_ESIM));
    }

    /** Tells {@code listener} (on the thread that noticed it) whenever the dispenser's health may change the journeys. */
    public void addJourneysListener(Consumer<Journeys> listener) {
        listeners.add(listener);
    }

    /** Tells the operator (log; the device health carries STACKER_LOW / STACKER_EMPTY) and the listeners. */
    private void dispenserChanged(DeviceHealth h) {
        SimDispenser.StockLevel level = h.media().contains(MediaCondition.STACKER_EMPTY) ? SimDispenser.StockLevel.EMPTY
                : h.media().contains(MediaCondition.STACKER_LOW) ? SimDispenser.StockLevel.LOW : SimDispenser.StockLevel.ENOUGH;
        if (level != lastStock) {
            if (level == SimDispenser.StockLevel.EMPTY) {
                log.warn("SIM stock empty: the new SIM journey is hidden until the dispenser is refilled");
            } else if (level == SimDispenser.StockLevel.LOW) {
                log.warn("SIM stock low: please refill the dispenser");
            } else if (lastStock != null) {
                log.info("SIM stock refilled");
            }
            lastStock = level;
        }
        Journeys now = journeys();
        for (Consumer<Journeys> l : listeners) l.accept(now);
    }

    private boolean hasPlans(PlanKind kind) {
        return catalog.plans().stream().anyMatch(p -> p.kind() == kind);
    }

    // ---------------------------------------------------------------- offers and quotes

    /**
     * The plans of a purchase kind (NEW_SIM or NEW_ESIM); those that need an ID check are shown but not sold, and
     * so are, while the back office is known unreachable, those not sold offline: as for a renewal whose look-up
     * got no answer, only a plan sold offline can be handed over without the back office (a new SIM whose
     * activation is queued); any other would be paid for, then given up and its money given back.
     */
    public List<PlanOffer> offers(PlanKind kind) {
        if (kind.isRenewal()) throw new IllegalArgumentException("not a purchase: " + kind);
        boolean offline = reach.knownUnreachable();
        return catalog.plans().stream()
                .filter(p -> p.kind() == kind)
                .map(p -> new PlanOffer(p, p.requiresIdCheck() ? Availability.NEEDS_ID_CHECK
                        : offline && !p.sellableOffline() ? Availability.NOT_WHILE_OFFLINE : Availability.SELLABLE))
                .toList();
    }

    public PurchaseQuote quote(Plan plan) {
        if (plan.kind().isRenewal() || plan.requiresIdCheck()) {
            throw new IllegalArgumentException("plan " + plan.id() + " is not sold as a new line here");
        }
        return new PurchaseQuote(plan, clock.instant().plus(Duration.ofDays(plan.validityDays())),
                TaxSummary.single(plan.price(), plan.taxRate()));
    }

    /** Opens the sale for a quote: from here on it is in the journal. Payment is {@link Checkout}'s. */
    public Sale open(PurchaseQuote quote, Language language) {
        SaleKind kind = quote.plan().kind() == PlanKind.NEW_SIM ? SaleKind.NEW_SIM : SaleKind.NEW_ESIM;
        return checkout.open(kind, Optional.empty(), quote.plan(), language, Optional.empty(), quote.validUntil());
    }

    // ---------------------------------------------------------------- new SIM

    /** Told, on the working thread, when the SIM is at the gate and how long the customer has to take it. */
    @FunctionalInterface
    public interface SimProgress {
        void atGate(Iccid iccid, Duration takeWithin);
    }

    /** How delivering a paid new SIM went, and so what happened to the customer's money. */
    public sealed interface SimOutcome {
        Sale sale();

        /** Taken; the line is active and the charge stands. */
        record Delivered(Sale sale, Iccid iccid) implements SimOutcome {}
        /** Taken; upstream was unreachable, the activation is queued (the plan may be sold offline). */
        record DeliveredActivationPending(Sale sale, Iccid iccid) implements SimOutcome {}
        /** Left at the gate: captured to the reject bin, activation cancelled, money given back. */
        record NotTaken(Sale sale, MoneyBack money) implements SimOutcome {}
        /** No SIM could be handed over (dispenser fault, activation refused or unreachable); money given back. */
        record NotDelivered(Sale sale, FailureReason reason, MoneyBack money) implements SimOutcome {}
    }

    /** Delivers the new SIM of a paid sale. */
    public SimOutcome deliverSim(SaleId id, SimProgress progress) {
        Sale sale = checkout.load(id);
        if (sale.kind() != SaleKind.NEW_SIM) throw new IllegalArgumentException("not a new SIM sale: " + sale.reference());
        Plan plan = catalog.find(sale.planId()).orElseThrow();

        journal.step(sale, SaleStep.SIM_PRESENT_REQUESTED, "");
        ReadResult read = dispenser.presentAndRead(id);
        if (read instanceof ReadResult.Failed f) {
            journal.step(sale, SaleStep.SIM_READ_FAILED, f.fault().name());
            log.warn("sale {}: no SIM could be read ({})", sale.reference(), f.fault());
            captureSim(sale);
            return notDelivered(sale, FailureReason.DISPENSER_FAILED);
        }
        Iccid iccid = ((ReadResult.Read) read).iccid();
        sale = sale.forLine(iccid);
        journal.record(sale, SaleStep.SIM_READ, iccid.masked());

        journal.step(sale, SaleStep.ACTIVATION_REQUESTED, plan.id());
        ActivationResult activation = upstream.activateSim(id, iccid, plan.id());
        Optional<Instant> expiry = Optional.empty();
        if (activation instanceof ActivationResult.Activated a) {
            journal.step(sale, SaleStep.ACTIVATED, a.expiry().toString());
            expiry = Optional.of(a.expiry());
        } else if (activation instanceof ActivationResult.Unavailable && plan.sellableOffline()) {
            journal.step(sale, SaleStep.ACTIVATION_DEFERRED, plan.id());
            log.info("sale {}: upstream unreachable, SIM activation to be applied when it answers", sale.reference());
        } else {
            FailureReason why;
            if (activation instanceof ActivationResult.Rejected r) {
                journal.step(sale, SaleStep.ACTIVATION_REJECTED, r.reason().name());
                why = FailureReason.ACTIVATION_REJECTED;
            } else {
                journal.step(sale, SaleStep.ACTIVATION_UNAVAILABLE, "");
                why = FailureReason.UPSTREAM_UNAVAILABLE;
                queueCancellation(sale);
            }
            log.warn("sale {}: SIM not activated ({})", sale.reference(), why);
            captureSim(sale);
            return notDelivered(sale, why);
        }

        journal.step(sale, SaleStep.SIM_DISPENSE_REQUESTED, "");
        DeviceOutcome dispensed = dispenser.dispenseToGate(id);
        if (dispensed instanceof DeviceOutcome.Failed f) {
            journal.step(sale, SaleStep.SIM_DISPENSE_FAILED, f.fault().name());
            log.warn("sale {}: SIM not dispensed ({})", sale.reference(), f.fault());
            captureSim(sale);
            cancelActivation(sale);
            return notDelivered(sale, FailureReason.DISPENSER_FAILED);
        }
        journal.step(sale, SaleStep.SIM_DISPENSED, "");
        progress.atGate(iccid, settings.takeTimeout());

        TakeResult taken = dispenser.awaitTaken(id, settings.takeTimeout());
        if (taken == TakeResult.NOT_TAKEN) {
            journal.step(sale, SaleStep.SIM_NOT_TAKEN, Long.toString(settings.takeTimeout().toSeconds()));
            log.info("sale {}: SIM not taken in {} s; capturing it", sale.reference(), settings.takeTimeout().toSeconds());
            captureSim(sale);
            cancelActivation(sale);
            Checkout.Released released = checkout.release(sale, FailureReason.SIM_NOT_TAKEN);
            return new SimOutcome.NotTaken(released.sale(), released.money());
        }
        if (expiry.isEmpty()) {
            journal.step(sale, SaleStep.SIM_TAKEN, "activation deferred");
            return new SimOutcome.DeliveredActivationPending(checkout.capture(sale), iccid);
        }
        Sale fulfilled = sale.fulfilled(expiry.get());
        journal.record(fulfilled, SaleStep.SIM_TAKEN, "");
        log.info("sale {}: SIM {} taken", sale.reference(), iccid.masked());
        return new SimOutcome.Delivered(checkout.capture(fulfilled), iccid);
    }

    // ---------------------------------------------------------------- start-up recovery

    /**
     * Start-up recovery of a new SIM that was being read, activated or handed over when the kiosk stopped
     * (ADR 0005): the SIM is captured to the reject bin, its activation cancelled and the money given back.
     * When the SIM cannot be captured — it may be in the customer's hand — the money is not simply given back
     * and the activation is left as it is: the sale goes to refund pending, for the back office to decide
     * against the line's activity (a line in use was delivered; a silent one is refunded and cancelled there).
     */
    Sale retrieveAndRelease(Sale sale) {
        if (!captureSim(sale)) {
            Sale pending = sale.refundPending(FailureReason.DISPENSER_FAILED);
            journal.record(pending, SaleStep.REFUND_PENDING, "SIM not captured at restart; it may have been taken");
            log.warn("sale {}: the SIM could not be captured at restart; refund pending for the back office",
                    sale.reference());
            return pending;
        }
        cancelActivation(sale);
        return checkout.release(sale, FailureReason.RECOVERED_AFTER_RESTART).sale();
    }

    /**
     * Start-up recovery of a new eSIM whose activation code was asked for and never received: the customer
     * never saw a code, so any profile upstream issued is cancelled and the money given back.
     */
    Sale cancelEsimAndRelease(Sale sale) {
        cancelActivation(sale);
        return checkout.release(sale, FailureReason.RECOVERED_AFTER_RESTART).sale();
    }

    /** Pulls the sale's SIM (at the IC station or the gate) into the reject bin. */
    private boolean captureSim(Sale sale) {
        journal.step(sale, SaleStep.SIM_CAPTURE_REQUESTED, "");
        DeviceOutcome c = dispenser.captureToRejectBin(sale.id());
        if (c instanceof DeviceOutcome.Failed f) {
            journal.step(sale, SaleStep.SIM_CAPTURE_FAILED, f.fault().name());
            log.error("sale {}: the SIM could not be captured ({}); the dispenser needs the operator", sale.reference(),
                    f.fault());
            return false;
        }
        journal.step(sale, SaleStep.SIM_CAPTURED, "");
        return true;
    }

    /** Undoes the activation of a SIM that never reached the customer. */
    private void cancelActivation(Sale sale) {
        journal.step(sale, SaleStep.ACTIVATION_CANCEL_REQUESTED, "");
        Upstream.CancelResult r = upstream.cancelActivation(sale.id());
        if (r instanceof Upstream.CancelResult.Cancelled) {
            journal.step(sale, SaleStep.ACTIVATION_CANCELLED, "");
        } else {
            journal.step(sale, SaleStep.ACTIVATION_CANCEL_FAILED, "");
            log.warn("sale {}: activation not cancelled (upstream unreachable); the back office learns it from the journal",
                    sale.reference());
        }
    }

    /**
     * The back office did not answer an activation or an eSIM issue (a time-out may come after it did the work):
     * the line it may have made is never handed over, so its cancellation is queued. The step's event tells the
     * back office to cancel the sale's line when the outbox reaches it (idempotent by sale id; a sale with no line
     * has nothing to cancel); the customer does not wait for another request that would most likely fail too.
     */
    private void queueCancellation(Sale sale) {
        journal.step(sale, SaleStep.ACTIVATION_CANCEL_QUEUED, "");
        log.info("sale {}: the back office did not answer; the cancellation of any line it made is queued",
                sale.reference());
    }

    private SimOutcome notDelivered(Sale paid, FailureReason why) {
        Checkout.Released released = checkout.release(paid, why);
        return new SimOutcome.NotDelivered(released.sale(), why, released.money());
    }

    // ---------------------------------------------------------------- new eSIM

    /** How delivering a paid new eSIM went. */
    public sealed interface EsimOutcome {
        Sale sale();

        /** The code to show and print: a secret, for the buyer only. */
        record Issued(Sale sale, ActivationCode code) implements EsimOutcome {}
        /** No code: upstream refused or could not be reached; money given back. */
        record NotIssued(Sale sale, FailureReason reason, MoneyBack money) implements EsimOutcome {}
    }

    /** Obtains the activation code of a paid new eSIM sale. */
    public EsimOutcome deliverEsim(SaleId id) {
        Sale sale = checkout.load(id);
        if (sale.kind() != SaleKind.NEW_ESIM) throw new IllegalArgumentException("not a new eSIM sale: " + sale.reference());
        journal.step(sale, SaleStep.ESIM_CODE_REQUESTED, sale.planId());
        EsimResult r = upstream.issueEsim(id, sale.planId());
        if (r instanceof EsimResult.Issued issued) {
            Sale fulfilled = sale.forLine(issued.iccid()).fulfilled(issued.expiry());
            journal.recordActivationCode(fulfilled, SaleStep.ESIM_CODE_ISSUED, issued.code());
            log.info("sale {}: eSIM issued ({})", sale.reference(), issued.code().masked());
            return new EsimOutcome.Issued(checkout.capture(fulfilled), issued.code());
        }
        FailureReason why;
        if (r instanceof EsimResult.Rejected rej) {
            journal.step(sale, SaleStep.ESIM_CODE_REJECTED, rej.reason().name());
            why = FailureReason.ACTIVATION_REJECTED;
        } else {
            journal.step(sale, SaleStep.ESIM_CODE_UNAVAILABLE, "");
            why = FailureReason.UPSTREAM_UNAVAILABLE;
            queueCancellation(sale);
        }
        log.warn("sale {}: no eSIM issued ({})", sale.reference(), why);
        Checkout.Released released = checkout.release(sale, why);
        return new EsimOutcome.NotIssued(released.sale(), why, released.money());
    }

    // ---------------------------------------------------------------- receipt

    /**
     * Prints the receipt of a purchase in {@code language}: for a delivered SIM with its ICCID and the APN
     * settings, for an issued eSIM with the activation code as a QR code (masked in the journal right after);
     * a sale whose money went back gets a refund slip (see {@link Checkout#printReceipt}).
     */
    public ReceiptOutcome printReceipt(SaleId id, Language language) {
        return checkout.printReceipt(id, language);
    }
}
