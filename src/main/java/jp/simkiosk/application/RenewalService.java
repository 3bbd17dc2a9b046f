package jp.simkiosk.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.ReceiptRenderer;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.application.sync.DeferredRenewals;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RefundSlip;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal journey: look up a line, offer plans, quote, open a sale, take payment, apply the
 * renewal upstream, let the charge stand, print the receipt. Every step is journaled before the device
 * or upstream call it leads to and its outcome right after. Methods block: call them off the UI thread.
 *
 * <p>Offline: when upstream cannot be reached, a line can still be renewed with a plan marked sellable
 * offline ({@link LineLookup.Unavailable#offlineOffers}, {@link #quoteOffline}). The paid sale is journaled
 * {@link SaleStep#FULFILMENT_DEFERRED} ("to be applied"), the charge stands, and the customer is told the
 * renewal will be applied shortly ({@link FulfilmentOutcome.RenewedLater}). The outbox carries that step to
 * upstream, whose answer comes back through {@link DeferredRenewals}: applied, the sale completes with the
 * confirmed expiry; rejected, it goes to refund pending for the operator.
 *
 * <p>When the journal cannot be written ({@link JournalUnavailableException}) the sale stops where the journal
 * says it is: no goods move without their intent in the journal. A held payment for goods not delivered is
 * still released at once, since voiding by sale id is idempotent and is what start-up recovery does next
 * (docs/decisions/0005-crash-recovery-rules.md).
 */
public final class RenewalService implements DeferredRenewals {

    private static final Logger log = LoggerFactory.getLogger(RenewalService.class);

    private final PlanCatalog catalog;
    private final Upstream upstream;
    private final SaleJournal journal;
    private final PaymentTerminal terminal;
    private final ReceiptRenderer renderer;
    private final ReceiptPrinter printer;
    private final Clock clock;
    private final SaleSettings settings;

    public RenewalService(PlanCatalog catalog, Upstream upstream, SaleJournal journal, PaymentTerminal terminal,
                          ReceiptRenderer renderer, ReceiptPrinter printer, Clock clock, SaleSettings settings) {
        this.catalog = Objects.requireNonNull(catalog);
        this.upstream = Objects.requireNonNull(upstream);
        this.journal = Objects.requireNonNull(journal);
        this.terminal = Objects.requireNonNull(terminal);
        this.renderer = Objects.requireNonNull(renderer);
        this.printer = Objects.requireNonNull(printer);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    // ---------------------------------------------------------------- look-up and offers

    /** What the kiosk can do for a line. */
    public sealed interface LineLookup {
        record Renewable(LineStatus status, List<PlanOffer> offers) implements LineLookup {}
        /** Known, but past the point where it may be renewed (e.g. lapsed too long ago). */
        record NotRenewable(LineStatus status) implements LineLookup {}
        record Unknown() implements LineLookup {}

        /**
         * Upstream did not answer: the line's plan and expiry are unknown. {@code offlineOffers} are the renewal
         * plans (of both forms: the customer says which) that may be sold now and applied later.
         */
        record Unavailable(List<PlanOffer> offlineOffers) implements LineLookup {
            public Unavailable {
                offlineOffers = List.copyOf(offlineOffers);
            }
        }
    }

    public LineLookup lookUp(LineId line) {
        LookupResult r = upstream.lookUp(line);
        if (r instanceof LookupResult.Found f) {
            if (!f.status().renewable()) return new LineLookup.NotRenewable(f.status());
            return new LineLookup.Renewable(f.status(), offers(f.status()));
        }
        if (r instanceof LookupResult.NotFound) return new LineLookup.Unknown();
        return new LineLookup.Unavailable(offlineOffers());
    }

    /** The renewal plans that may be sold while upstream is unreachable. */
    public List<PlanOffer> offlineOffers() {
        return catalog.plans().stream()
                .filter(RenewalService::sellableOffline)
                .map(p -> new PlanOffer(p, Availability.SELLABLE))
                .toList();
    }

    private static boolean sellableOffline(Plan p) {
        return p.kind().isRenewal() && p.sellableOffline() && !p.requiresIdCheck();
    }

    /**
     * The quote for a renewal sold while upstream is unreachable: the line's current expiry is unknown, so
     * {@link Quote#newExpiry()} is only the earliest the line will have (validity counted from now); upstream
     * confirms the real one when it applies the renewal.
     */
    public Quote quoteOffline(LineId line, Plan plan) {
        if (!sellableOffline(plan)) {
            throw new IllegalArgumentException("plan " + plan.id() + " is not sellable offline");
        }
        LineForm form = plan.kind() == PlanKind.RENEW_ESIM ? LineForm.ESIM : LineForm.PHYSICAL_SIM;
        LineStatus unknown = new LineStatus(line, form, Optional.empty(), Optional.empty(), true, Set.of());
        return new Quote(unknown, plan, ExpiryRule.newExpiry(plan, Optional.empty(), clock.instant()),
                TaxSummary.single(plan.price(), plan.taxRate()));
    }

    public List<PlanOffer> offers(LineStatus line) {
        PlanKind kind = PlanKind.renewalFor(line.form());
        return catalog.plans().stream()
                .filter(p -> p.kind() == kind)
                .map(p -> new PlanOffer(p, availability(p, line)))
                .toList();
    }

    private static Availability availability(Plan p, LineStatus line) {
        if (p.requiresIdCheck()) return Availability.NEEDS_ID_CHECK;
        if (!line.allows(p.id())) return Availability.NOT_FOR_THIS_LINE;
        return Availability.SELLABLE;
    }

    public Quote quote(LineStatus line, Plan plan) {
        if (availability(plan, line) != Availability.SELLABLE) {
            throw new IllegalArgumentException("plan " + plan.id() + " is not sellable for this line");
        }
        return new Quote(line, plan, ExpiryRule.newExpiry(plan, line.expiry(), clock.instant()),
                TaxSummary.single(plan.price(), plan.taxRate()));
    }

    // ---------------------------------------------------------------- the sale

    /** Opens the sale for a quote: from here on it is in the journal. */
    public Sale open(Quote quote, Language language) {
        Plan plan = quote.plan();
        Sale sale = Sale.open(SaleId.random(), journal.nextReference(settings.kioskId()), SaleKind.RENEWAL,
                Optional.of(quote.line().lineId()), plan.id(), plan.name().in(language), plan.price(),
                plan.taxRate(), language, clock.instant(), quote.line().expiry(), Optional.of(quote.newExpiry()));
        journal.record(sale, SaleStep.OPENED, plan.id());
        log.info("sale {} opened: {} {} for line {}", sale.reference(), plan.id(), plan.price(),
                quote.line().lineId().masked());
        return sale;
    }

    /** How taking the payment went. Anything but {@link Paid} leaves the sale open for a retry or a cancel. */
    public sealed interface PaymentOutcome {
        record Paid(Sale sale) implements PaymentOutcome {}
        record Declined(PaymentTerminal.DeclineReason reason) implements PaymentOutcome {}
        record CancelledByCustomer() implements PaymentOutcome {}
        record TimedOut() implements PaymentOutcome {}
        record DeviceFailed(jp.simkiosk.application.device.DeviceFault fault) implements PaymentOutcome {}
    }

    public PaymentOutcome pay(SaleId id) {
        Sale sale = load(id);
        journal.step(sale, SaleStep.PAYMENT_REQUESTED, sale.price().toString());
        AuthorizationResult r = terminal.authorize(sale.id(), sale.price());
        if (r instanceof AuthorizationResult.Approved a) {
            Sale paid = sale.paid(a.approval());
            try {
                journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
            } catch (JournalUnavailableException e) {
                // the journal says "payment requested": recovery voids by sale id, and so do we, now
                DeviceOutcome v = terminal.voidAuthorization(sale.id());
                log.error("sale {}: the approval could not be journaled; authorization {}", sale.reference(),
                        v.ok() ? "voided" : "left for recovery to void", e);
                throw e;
            }
            log.info("sale {} paid ({})", sale.reference(), a.approval().brand());
            return new PaymentOutcome.Paid(paid);
        }
        if (r instanceof AuthorizationResult.Declined d) {
            journal.step(sale, SaleStep.PAYMENT_DECLINED, d.reason().name());
            log.info("sale {} payment declined: {}", sale.reference(), d.reason());
            return new PaymentOutcome.Declined(d.reason());
        }
        if (r instanceof AuthorizationResult.CancelledByCustomer) {
            journal.step(sale, SaleStep.PAYMENT_CANCELLED, "");
            return new PaymentOutcome.CancelledByCustomer();
        }
        if (r instanceof AuthorizationResult.TimedOut) {
            journal.step(sale, SaleStep.PAYMENT_TIMED_OUT, "");
            return new PaymentOutcome.TimedOut();
        }
        AuthorizationResult.DeviceError e = (AuthorizationResult.DeviceError) r;
        journal.step(sale, SaleStep.PAYMENT_DEVICE_ERROR, e.fault().name());
        log.warn("sale {} payment device error: {}", sale.reference(), e.fault());
        return new PaymentOutcome.DeviceFailed(e.fault());
    }

    /** How delivering a paid renewal went, and so what happened to the customer's money. */
    public sealed interface FulfilmentOutcome {
        Sale sale();

        /** Renewed; the charge stands (or, if the reader did not confirm, recovery will confirm it). */
        record Renewed(Sale sale) implements FulfilmentOutcome {}
        /** Not renewed; the authorization was reversed, the customer is not charged. */
        record NotRenewedVoided(Sale sale, FailureReason reason) implements FulfilmentOutcome {}
        /** Not renewed and the kiosk could not reverse the charge: the back office refunds it. */
        record NotRenewedRefundPending(Sale sale, FailureReason reason) implements FulfilmentOutcome {}
        /**
         * Upstream could not be reached; the plan may be sold offline, so the charge stands and the renewal is
         * applied when upstream answers (minutes, or when the network is back). If upstream then refuses it, the
         * back office refunds the customer.
         */
        record RenewedLater(Sale sale) implements FulfilmentOutcome {}
    }

    public FulfilmentOutcome fulfil(SaleId id) {
        Sale sale = load(id);
        LineId line = sale.lineId().orElseThrow();
        try {
            journal.step(sale, SaleStep.FULFILMENT_REQUESTED, sale.planId());
        } catch (JournalUnavailableException e) {
            log.error("sale {}: the renewal request could not be journaled; not renewed", sale.reference(), e);
            return releaseMoney(sale, FailureReason.JOURNAL_UNAVAILABLE);
        }
        RenewalResult r = upstream.applyRenewal(sale.id(), line, sale.planId());
        if (r instanceof RenewalResult.Applied applied) {
            Sale fulfilled = sale.fulfilled(applied.newExpiry());
            try {
                journal.record(fulfilled, SaleStep.FULFILLED, applied.newExpiry().toString());
                return new FulfilmentOutcome.Renewed(captureCharge(fulfilled));
            } catch (JournalUnavailableException e) {
                log.error("sale {}: renewed, but the journal failed; recovery completes the charge at the next start",
                        sale.reference(), e);
                return new FulfilmentOutcome.Renewed(fulfilled);
            }
        }
        if (r instanceof RenewalResult.Unavailable && catalog.find(sale.planId()).filter(RenewalService::sellableOffline).isPresent()) {
            return defer(sale);
        }
        FailureReason why;
        SaleStep outcome;
        String detail;
        if (r instanceof RenewalResult.Rejected rej) {
            outcome = SaleStep.FULFILMENT_REJECTED;
            detail = rej.reason().name();
            why = FailureReason.RENEWAL_REJECTED;
        } else {
            outcome = SaleStep.FULFILMENT_UNAVAILABLE;
            detail = "";
            why = FailureReason.UPSTREAM_UNAVAILABLE;
        }
        log.warn("sale {} not fulfilled: {}", sale.reference(), why);
        tryRecord(sale, outcome, detail);
        return releaseMoney(sale, why);
    }

    /**
     * Journals the renewal as to be applied and lets the charge stand. The sale stays PAID until upstream's
     * answer to the {@code FULFILMENT_DEFERRED} event settles it ({@link #applied}, {@link #rejected}).
     */
    private FulfilmentOutcome defer(Sale sale) {
        journal.step(sale, SaleStep.FULFILMENT_DEFERRED, sale.planId());
        log.info("sale {}: upstream unreachable, renewal to be applied when it answers", sale.reference());
        confirmDeferredCharge(sale);
        return new FulfilmentOutcome.RenewedLater(sale);
    }

    /**
     * Lets the charge of a renewal sold offline stand while the sale stays PAID (upstream's answer settles it).
     *
     * @return whether the reader confirmed it
     */
    boolean confirmDeferredCharge(Sale sale) {
        journal.step(sale, SaleStep.CAPTURE_REQUESTED, "");
        DeviceOutcome c = terminal.complete(sale.id());
        if (c instanceof DeviceOutcome.Failed f) {
            journal.step(sale, SaleStep.CAPTURE_FAILED, f.fault().name());
            log.warn("sale {}: charge of a deferred renewal not confirmed ({})", sale.reference(), f.fault());
            return false;
        }
        journal.step(sale, SaleStep.CAPTURED, "");
        return true;
    }

    /**
     * Upstream applied a deferred renewal: the sale is fulfilled with the confirmed expiry and, if its charge
     * was confirmed when it was sold, completed. Does nothing for a sale already settled.
     */
    @Override
    public void applied(SaleId id, Instant newExpiry) {
        Sale sale = load(id);
        if (sale.state() != SaleState.PAID) return;
        Sale fulfilled = sale.fulfilled(newExpiry);
        journal.record(fulfilled, SaleStep.FULFILLED, newExpiry.toString());
        if (journal.entries(id).stream().anyMatch(e -> e.step() == SaleStep.CAPTURED)) {
            journal.record(fulfilled.completed(), SaleStep.CAPTURED, "when sold");
        }
        log.info("sale {}: deferred renewal applied upstream, line expires {}", sale.reference(), newExpiry);
    }

    /**
     * Upstream refused a deferred renewal: the customer paid for nothing, so the sale goes to refund pending
     * for the operator. Does nothing for a sale already settled.
     */
    @Override
    public void rejected(SaleId id, String reason) {
        Sale sale = load(id);
        if (sale.state() != SaleState.PAID) return;
        String detail = reason.length() > 200 ? reason.substring(0, 200) : reason;
        journal.step(sale, SaleStep.FULFILMENT_REJECTED, detail);
        journal.record(sale.refundPending(FailureReason.RENEWAL_REJECTED), SaleStep.REFUND_PENDING, "deferred renewal rejected");
        log.warn("sale {}: deferred renewal rejected upstream ({}); refund pending", sale.reference(), detail);
    }

    /** The goods were delivered: let the charge stand. A failure leaves the sale FULFILLED for recovery. */
    Sale captureCharge(Sale fulfilled) {
        journal.step(fulfilled, SaleStep.CAPTURE_REQUESTED, "");
        DeviceOutcome c = terminal.complete(fulfilled.id());
        if (c instanceof DeviceOutcome.Failed f) {
            journal.step(fulfilled, SaleStep.CAPTURE_FAILED, f.fault().name());
            log.warn("sale {} renewed but the charge was not confirmed ({}); recovery will retry",
                    fulfilled.reference(), f.fault());
            return fulfilled;
        }
        Sale done = fulfilled.completed();
        journal.record(done, SaleStep.CAPTURED, "");
        return done;
    }

    /**
     * Reverses the authorization of a paid sale that cannot be delivered. Goes on when the journal fails:
     * the void is what recovery would do from any step before it, and repeating it is harmless.
     */
    FulfilmentOutcome releaseMoney(Sale paid, FailureReason why) {
        tryRecord(paid, SaleStep.VOID_REQUESTED, why.name());
        DeviceOutcome v = terminal.voidAuthorization(paid.id());
        if (v.ok()) {
            Sale voided = paid.voided(why);
            tryRecord(voided, SaleStep.VOIDED, why.name());
            return new FulfilmentOutcome.NotRenewedVoided(voided, why);
        }
        Sale pending = paid.refundPending(why);
        tryRecord(pending, SaleStep.REFUND_PENDING, ((DeviceOutcome.Failed) v).fault().name());
        log.warn("sale {}: void failed, refund pending for the back office", paid.reference());
        return new FulfilmentOutcome.NotRenewedRefundPending(pending, why);
    }

    /** Journals a step whose failure must not stop what follows (see {@link #releaseMoney}). */
    private void tryRecord(Sale sale, SaleStep step, String detail) {
        try {
            journal.record(sale, step, detail);
        } catch (JournalUnavailableException e) {
            log.error("sale {}: step {} could not be journaled; recovery repeats it at the next start",
                    sale.reference(), step, e);
        }
    }

    /** Stops a payment that waits for the customer's card; the waiting {@link #pay} then returns. */
    public void cancelPendingPayment() {
        terminal.cancelPending();
    }

    /** Cancels a sale that has not been paid (customer cancelled, went back, or walked away). */
    public Sale cancel(SaleId id, FailureReason why) {
        Sale sale = load(id);
        if (sale.state().isFinal()) return sale;
        if (sale.state().holdsMoney()) {
            throw new IllegalStateException("sale " + sale.reference() + " is paid: it cannot simply be cancelled");
        }
        Sale cancelled = sale.cancelled(why);
        journal.record(cancelled, SaleStep.CANCELLED, why.name());
        log.info("sale {} cancelled: {}", sale.reference(), why);
        return cancelled;
    }

    // ---------------------------------------------------------------- receipt

    public sealed interface ReceiptOutcome {
        record Printed() implements ReceiptOutcome {}
        record NotPrinted(jp.simkiosk.application.device.DeviceFault fault) implements ReceiptOutcome {}
    }

    /**
     * Prints the sale's paper in {@code language} (the one on screen when it prints: the customer may have
     * switched): its receipt, or — for a sale whose money went back or is to be refunded — its refund slip.
     * Also what an operator's reprint calls. A paper that is not printed stays in the
     * {@link jp.simkiosk.application.port.ReprintQueue}.
     */
    public ReceiptOutcome printReceipt(SaleId id, Language language) {
        Sale sale = load(id);
        boolean slip = needsRefundSlip(sale);
        ReceiptDocument doc = slip ? renderer.renderRefundSlip(refundSlipFor(sale, language))
                : renderer.render(receiptFor(sale, language));
        journal.step(sale, SaleStep.RECEIPT_REQUESTED, slip ? "REFUND_SLIP" : "RECEIPT");
        ReceiptPrinter.PrintResult r = printer.print(doc);
        if (r instanceof ReceiptPrinter.PrintResult.Printed p) {
            tryRecord(sale, SaleStep.RECEIPT_PRINTED, Long.toString(p.bytesSent()));
            return new ReceiptOutcome.Printed();
        }
        ReceiptPrinter.PrintResult.Failed f = (ReceiptPrinter.PrintResult.Failed) r;
        journal.step(sale, SaleStep.RECEIPT_FAILED, f.fault().name());
        log.warn("sale {}: {} not printed ({})", sale.reference(), slip ? "refund slip" : "receipt", f.fault());
        return new ReceiptOutcome.NotPrinted(f.fault());
    }

    /** Whether the sale's paper is a refund slip rather than a receipt: the customer's money went back. */
    public static boolean needsRefundSlip(Sale sale) {
        return sale.state() == SaleState.VOIDED || sale.state() == SaleState.REFUND_PENDING
                || sale.state() == SaleState.REFUNDED;
    }

    /** The refund slip of a sale whose money went back or is to be refunded, in a language. */
    public RefundSlip refundSlipFor(Sale sale, Language language) {
        if (!needsRefundSlip(sale)) throw new IllegalArgumentException("sale " + sale.reference() + " is " + sale.state());
        RefundSlip.MoneyOutcome money = sale.state() == SaleState.VOIDED
                ? RefundSlip.MoneyOutcome.VOIDED : RefundSlip.MoneyOutcome.REFUND_PENDING;
        String item = catalog.find(sale.planId()).map(p -> p.name().in(language)).orElse(sale.planName());
        return new RefundSlip(language, settings.issuer(), settings.kioskId(), sale.reference(), clock.instant(),
                settings.zone(), item, sale.price(), money,
                sale.failure().orElse(FailureReason.RECOVERED_AFTER_RESTART), sale.payment(),
                sale.lineId().map(LineId::display), settings.supportContact());
    }

    /** The receipt of a sale in a language; the plan's name as the catalog gives it in that language. */
    public Receipt receiptFor(Sale sale, Language language) {
        String item = catalog.find(sale.planId()).map(p -> p.name().in(language)).orElse(sale.planName());
        return new Receipt(language, settings.issuer(), settings.kioskId(), sale.reference(), clock.instant(),
                settings.zone(), List.of(new Receipt.Item(item, sale.price(), sale.taxRate())),
                sale.tax(), sale.payment(), sale.lineId().map(LineId::display), sale.newExpiry(),
                settings.supportContact());
    }

    Sale load(SaleId id) {
        return journal.find(id).orElseThrow(() -> new IllegalArgumentException("no such sale: " + id));
    }
}
