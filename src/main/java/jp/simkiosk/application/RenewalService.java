package jp.simkiosk.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.application.sync.DeferredFulfilments;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal journey: look up a line, offer plans, quote, open a sale, (payment: {@link Checkout}), apply
 * the renewal upstream, let the charge stand or give the money back, print the receipt. Every step is journaled before the device
 * or upstream call it leads to and its outcome right after. Methods block: call them off the UI thread.
 *
 * <p>Offline: when upstream cannot be reached, a line can still be renewed with a plan marked sellable
 * offline ({@link LineLookup.Unavailable#offlineOffers}, {@link #quoteOffline}). The paid sale is journaled
 * {@link SaleStep#FULFILMENT_DEFERRED} ("to be applied"), the charge stands, and the customer is told the
 * renewal will be applied shortly ({@link FulfilmentOutcome.RenewedLater}). The outbox carries that step to
 * upstream, whose answer comes back through {@link DeferredFulfilments}: applied, the sale completes with the
 * confirmed expiry; rejected, it goes to refund pending for the operator.
 *
 * <p>When the journal cannot be written ({@link JournalUnavailableException}) the sale stops where the journal
 * says it is: no goods move without their intent in the journal. A held payment for goods not delivered is
 * still released at once, since voiding by sale id is idempotent and is what start-up recovery does next
 * (docs/decisions/0005-crash-recovery-rules.md).
 */
public final class RenewalService implements DeferredFulfilments {

    private static final Logger log = LoggerFactory.getLogger(RenewalService.class);

    private final PlanCatalog catalog;
    private final Upstream upstream;
    private final SaleJournal journal;
    private final Checkout checkout;
    private final Clock clock;

    public RenewalService(PlanCatalog catalog, Upstream upstream, SaleJournal journal, Checkout checkout, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog);
        this.upstream = Objects.requireNonNull(upstream);
        this.journal = Objects.requireNonNull(journal);
        this.checkout = Objects.requireNonNull(checkout);
        this.clock = Objects.requireNonNull(clock);
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

    /** Opens the sale for a quote: from here on it is in the journal. Payment is {@link Checkout}'s. */
    public Sale open(Quote quote, Language language) {
        return checkout.open(SaleKind.RENEWAL, Optional.of(quote.line().lineId()), quote.plan(), language,
                quote.line().expiry(), quote.newExpiry());
    }

    /** How delivering a paid renewal went, and so what happened to the customer's money. */
    public sealed interface FulfilmentOutcome {
        Sale sale();

        /** Renewed; the charge stands (or, if the reader did not confirm, recovery will confirm it). */
        record Renewed(Sale sale) implements FulfilmentOutcome {}
        /** Not renewed; the card authorization was reversed, the customer is not charged. */
        record NotRenewedVoided(Sale sale, FailureReason reason) implements FulfilmentOutcome {}
        /** Not renewed; the QR wallet payment was refunded. */
        record NotRenewedRefunded(Sale sale, FailureReason reason) implements FulfilmentOutcome {}
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
                return new FulfilmentOutcome.Renewed(checkout.capture(fulfilled));
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
        checkout.tryRecord(sale, outcome, detail);
        return releaseMoney(sale, why);
    }

    /**
     * Journals the renewal as to be applied and lets the charge stand. The sale stays PAID until upstream's
     * answer to the {@code FULFILMENT_DEFERRED} event settles it ({@link #applied}, {@link #rejected}).
     */
    private FulfilmentOutcome defer(Sale sale) {
        journal.step(sale, SaleStep.FULFILMENT_DEFERRED, sale.planId());
        log.info("sale {}: upstream unreachable, renewal to be applied when it answers", sale.reference());
        checkout.capture(sale);
        return new FulfilmentOutcome.RenewedLater(sale);
    }

    /**
     * Upstream applied a deferred renewal, or activated a new SIM handed over while it was unreachable: the sale
     * is fulfilled with the confirmed expiry and, if its charge was confirmed when it was sold, completed. Does
     * nothing for a sale already settled (or whose SIM never reached the customer).
     */
    @Override
    public void applied(SaleId id, Instant newExpiry) {
        Sale sale = load(id);
        if (sale.state() != SaleState.PAID) return;
        Sale fulfilled = sale.fulfilled(newExpiry);
        journal.record(fulfilled, SaleStep.FULFILLED, newExpiry.toString());
        List<JournalEntry> entries = journal.entries(id);
        if (entries.stream().anyMatch(e -> e.step() == SaleStep.CAPTURED)) {
            journal.record(fulfilled.completed(), SaleStep.CAPTURED, "when sold");
        } else if (entries.stream().anyMatch(e -> e.step() == SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE)) {
            // the reader could not complete the charge when it was sold: still the back office's, for an operator
            journal.step(fulfilled, SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE, "when sold");
        }
        log.info("sale {}: deferred {} applied upstream, line expires {}", sale.reference(), what(sale), newExpiry);
    }

    /**
     * Upstream refused a deferred renewal or SIM activation: the customer paid for nothing, so the sale goes to
     * refund pending for the operator. Does nothing for a sale already settled.
     */
    @Override
    public void rejected(SaleId id, String reason) {
        Sale sale = load(id);
        if (sale.state() != SaleState.PAID) return;
        String detail = reason.length() > 200 ? reason.substring(0, 200) : reason;
        boolean newSim = sale.kind() == SaleKind.NEW_SIM;
        journal.step(sale, newSim ? SaleStep.ACTIVATION_REJECTED : SaleStep.FULFILMENT_REJECTED, detail);
        journal.record(sale.refundPending(newSim ? FailureReason.ACTIVATION_REJECTED : FailureReason.RENEWAL_REJECTED),
                SaleStep.REFUND_PENDING, "deferred " + what(sale) + " rejected");
        log.warn("sale {}: deferred {} rejected upstream ({}); refund pending", sale.reference(), what(sale), detail);
    }

    private static String what(Sale sale) {
        return sale.kind() == SaleKind.NEW_SIM ? "SIM activation" : "renewal";
    }

    /** Gives the money of a renewal that cannot be delivered back (see {@link Checkout#release}). */
    FulfilmentOutcome releaseMoney(Sale paid, FailureReason why) {
        Checkout.Released released = checkout.release(paid, why);
        return switch (released.money()) {
            case VOIDED -> new FulfilmentOutcome.NotRenewedVoided(released.sale(), why);
            case REFUNDED -> new FulfilmentOutcome.NotRenewedRefunded(released.sale(), why);
            case REFUND_PENDING -> new FulfilmentOutcome.NotRenewedRefundPending(released.sale(), why);
        };
    }

    /** Prints the sale's receipt or refund slip in {@code language} (see {@link Checkout#printReceipt}). */
    public ReceiptOutcome printReceipt(SaleId id, Language language) {
        return checkout.printReceipt(id, language);
    }

    Sale load(SaleId id) {
        return checkout.load(id);
    }
}
