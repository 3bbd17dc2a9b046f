package jp.simkiosk.domain.receipt;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;

/**
 * What a refund slip says: the paper a customer gets instead of a receipt when a paid sale could not be
 * delivered, telling what happened to the money and the reference to quote to support. Not an invoice:
 * nothing was sold.
 *
 * @param description what the customer tried to buy (the plan's name as sold)
 * @param amount      the amount that was authorized on the card or paid by wallet
 * @param outcome     what happened to that amount
 * @param reason      why the sale was not delivered
 */
public record RefundSlip(
        Language language,
        Receipt.Issuer issuer,
        String kioskId,
        String reference,
        Instant issuedAt,
        ZoneId zone,
        String description,
        Yen amount,
        MoneyOutcome outcome,
        FailureReason reason,
        Optional<CardApproval> payment,
        Optional<String> lineDisplay,
        String supportContact) {

    /** What happened to the customer's money. */
    public enum MoneyOutcome {
        /** The authorization was reversed at the kiosk: the card is not charged. */
        VOIDED,
        /** The kiosk could not reverse it: the operator's back office refunds the amount to the card. */
        REFUND_PENDING,
        /** The QR wallet payment was refunded at the kiosk: the money is back in the customer's wallet. */
        REFUNDED
    }

    public RefundSlip {
        Objects.requireNonNull(language);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(description);
        Objects.requireNonNull(amount);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(payment);
        Objects.requireNonNull(lineDisplay);
        Objects.requireNonNull(supportContact);
    }
}
