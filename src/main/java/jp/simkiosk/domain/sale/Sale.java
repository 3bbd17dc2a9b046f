package jp.simkiosk.domain.sale;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;

/**
 * One sale, as an immutable value: every change of state returns a new {@code Sale} and is checked
 * against {@link SaleState}'s transitions.
 *
 * @param reference   short number the customer can quote to support (kiosk id + sequence)
 * @param planName    the plan's name in the customer's language when sold, kept for receipts
 * @param currentExpiry the line's expiry before a renewal, when upstream told it
 * @param newExpiry   the expiry the renewal gives (quoted before payment, confirmed by upstream)
 */
public record Sale(
        SaleId id,
        String reference,
        SaleKind kind,
        Optional<LineId> lineId,
        String planId,
        String planName,
        Yen price,
        TaxRate taxRate,
        Language language,
        Instant createdAt,
        SaleState state,
        Optional<CardApproval> payment,
        Optional<Instant> currentExpiry,
        Optional<Instant> newExpiry,
        Optional<FailureReason> failure) {

    public Sale {
        Objects.requireNonNull(id);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(lineId);
        Objects.requireNonNull(planId);
        Objects.requireNonNull(planName);
        Objects.requireNonNull(price);
        Objects.requireNonNull(taxRate);
        Objects.requireNonNull(language);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(state);
        Objects.requireNonNull(payment);
        Objects.requireNonNull(currentExpiry);
        Objects.requireNonNull(newExpiry);
        Objects.requireNonNull(failure);
        if (price.amount() <= 0) throw new IllegalArgumentException("price must be positive");
        if (price.amount() >= 50_000) {
            throw new IllegalArgumentException("a sale of ¥50,000 or more would need a revenue stamp on its receipt");
        }
    }

    public static Sale open(SaleId id, String reference, SaleKind kind, Optional<LineId> lineId, String planId,
                            String planName, Yen price, TaxRate rate, Language language, Instant now,
                            Optional<Instant> currentExpiry, Optional<Instant> quotedExpiry) {
        return new Sale(id, reference, kind, lineId, planId, planName, price, rate, language, now,
                SaleState.CREATED, Optional.empty(), currentExpiry, quotedExpiry, Optional.empty());
    }

    /**
     * The sale with the line it turned out to be for: a new SIM's ICCID once the dispenser has read it, a new
     * eSIM's profile once upstream has issued it. The state does not change.
     *
     * @throws IllegalStateException when the sale is already for another line
     */
    public Sale forLine(LineId line) {
        Objects.requireNonNull(line);
        if (lineId.isPresent() && !lineId.get().equals(line)) {
            throw new IllegalStateException("sale " + id + " is already for another line");
        }
        return new Sale(id, reference, kind, Optional.of(line), planId, planName, price, taxRate, language, createdAt,
                state, payment, currentExpiry, newExpiry, failure);
    }

    public TaxSummary tax() {
        return TaxSummary.single(price, taxRate);
    }

    private Sale to(SaleState target, Optional<CardApproval> pay, Optional<Instant> expiry, Optional<FailureReason> why) {
        if (!state.canMoveTo(target)) throw new IllegalSaleTransition(id, state, target);
        return new Sale(id, reference, kind, lineId, planId, planName, price, taxRate, language, createdAt,
                target, pay, currentExpiry, expiry, why);
    }

    public Sale paid(CardApproval approval) {
        return to(SaleState.PAID, Optional.of(approval), newExpiry, failure);
    }

    public Sale fulfilled(Instant confirmedExpiry) {
        return to(SaleState.FULFILLED, payment, Optional.of(confirmedExpiry), failure);
    }

    public Sale completed() {
        return to(SaleState.COMPLETED, payment, newExpiry, failure);
    }

    public Sale cancelled(FailureReason why) {
        return to(SaleState.CANCELLED, payment, newExpiry, Optional.of(why));
    }

    public Sale voided(FailureReason why) {
        return to(SaleState.VOIDED, payment, newExpiry, Optional.of(why));
    }

    public Sale refundPending(FailureReason why) {
        return to(SaleState.REFUND_PENDING, payment, newExpiry, Optional.of(why));
    }

    public Sale refunded() {
        return to(SaleState.REFUNDED, payment, newExpiry, failure);
    }
}
