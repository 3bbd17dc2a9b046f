package jp.simkiosk.application;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.PlanOffer.Availability;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.ExpiryRule;
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
 * The renewal journey: look up a line, offer plans, quote, open a sale, (payment: {@link Checkout}), apply
 * the renewal upstream, let the charge stand or give the money back, print the receipt. Every step is
 * journaled before the device or upstream call it leads to and its outcome right after. Methods block: call
 * them off the UI thread.
 */
public final class RenewalService {

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
        record Unavailable() implements LineLookup {}
    }

    public LineLookup lookUp(LineId line) {
        LookupResult r = upstream.lookUp(line);
        if (r instanceof LookupResult.Found f) {
            if (!f.status().renewable()) return new LineLookup.NotRenewable(f.status());
            return new LineLookup.Renewable(f.status(), offers(f.status()));
        }
        if (r instanceof LookupResult.NotFound) return new LineLookup.Unknown();
        return new LineLookup.Unavailable();
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
        /** Not renewed and the kiosk could not give the money back: the back office refunds it. */
        record NotRenewedRefundPending(Sale sale, FailureReason reason) implements FulfilmentOutcome {}
    }

    public FulfilmentOutcome fulfil(SaleId id) {
        Sale sale = load(id);
        LineId line = sale.lineId().orElseThrow();
        journal.step(sale, SaleStep.FULFILMENT_REQUESTED, sale.planId());
        RenewalResult r = upstream.applyRenewal(sale.id(), line, sale.planId());
        if (r instanceof RenewalResult.Applied applied) {
            Sale fulfilled = sale.fulfilled(applied.newExpiry());
            journal.record(fulfilled, SaleStep.FULFILLED, applied.newExpiry().toString());
            return new FulfilmentOutcome.Renewed(checkout.capture(fulfilled));
        }
        FailureReason why;
        if (r instanceof RenewalResult.Rejected rej) {
            journal.step(sale, SaleStep.FULFILMENT_REJECTED, rej.reason().name());
            why = FailureReason.RENEWAL_REJECTED;
        } else {
            journal.step(sale, SaleStep.FULFILMENT_UNAVAILABLE, "");
            why = FailureReason.UPSTREAM_UNAVAILABLE;
        }
        log.warn("sale {} not fulfilled: {}", sale.reference(), why);
        Checkout.Released released = checkout.release(sale, why);
        return switch (released.money()) {
            case VOIDED -> new FulfilmentOutcome.NotRenewedVoided(released.sale(), why);
            case REFUNDED -> new FulfilmentOutcome.NotRenewedRefunded(released.sale(), why);
            case REFUND_PENDING -> new FulfilmentOutcome.NotRenewedRefundPending(released.sale(), why);
        };
    }

    // ---------------------------------------------------------------- receipt

    public ReceiptOutcome printReceipt(SaleId id) {
        return checkout.print(load(id), Optional.empty());
    }

    private Sale load(SaleId id) {
        return checkout.load(id);
    }
}
