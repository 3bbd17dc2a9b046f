package jp.simkiosk.backoffice;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import jp.simkiosk.backoffice.BackOfficeStore.StoredPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference back office standing in for a QR wallet provider: merchant-presented dynamic QR payments by
 * sale id (pending, paid, declined, expired, cancelled) and their refunds, kept in the {@link BackOfficeStore}.
 * A sale's open or paid payment is answered again on a repeated create; a new one replaces a declined, expired
 * or cancelled one. For demonstrations "the customer's wallet" pays by itself {@link WalletSettings#approveAfter}
 * after creation (if set), and {@link #pay} / {@link #decline} decide a payment at once. Time is the clock:
 * a payment is brought up to it whenever it is read. Methods run inside the caller's transaction.
 */
final class WalletDesk {

    private static final Logger log = LoggerFactory.getLogger(WalletDesk.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The contract's payment states, as stored (upper case) and answered (lower case). */
    static final String PENDING = "PENDING", PAID = "PAID", DECLINED = "DECLINED", EXPIRED = "EXPIRED",
            CANCELLED = "CANCELLED";

    /** A create asked for another amount than the sale's open payment. */
    static final class AmountMismatch extends Exception {
        AmountMismatch(String message) {
            super(message);
        }
    }

    private final BackOfficeStore store;
    private final WalletSettings settings;
    private final RandomGenerator random;

    WalletDesk(BackOfficeStore store, WalletSettings settings, RandomGenerator random) {
        this.store = store;
        this.settings = settings;
        this.random = random;
    }

    String payload(StoredPayment p) {
        return settings.payloadBase() + p.paymentId() + "?amount=" + p.amountYen();
    }

    StoredPayment create(String kioskId, String saleId, long amountYen, Instant now) throws SQLException, AmountMismatch {
        if (amountYen < 1) throw new IllegalArgumentException("amount must be positive");
        Optional<StoredPayment> latest = current(kioskId, saleId, now);
        if (latest.isPresent() && (latest.get().state().equals(PENDING) || latest.get().state().equals(PAID))) {
            if (latest.get().amountYen() != amountYen) {
                throw new AmountMismatch("sale " + saleId + " has a payment of " + latest.get().amountYen() + " yen");
            }
            return latest.get();
        }
        StoredPayment p = new StoredPayment(newId(), kioskId, saleId, amountYen, PENDING, now,
                settings.approveAfter().map(now::plus), now.plus(settings.qrValidity()), Optional.empty(),
                Optional.empty(), 0);
        store.insertPayment(p);
        log.info("wallet payment {} of {} yen for sale {} created", p.paymentId(), amountYen, saleId);
        return p;
    }

    /** The sale's latest payment, brought up to {@code now}. */
    Optional<StoredPayment> current(String kioskId, String saleId, Instant now) throws SQLException {
        Optional<StoredPayment> p = store.latestPayment(kioskId, saleId);
        return p.isEmpty() ? p : Optional.of(settle(p.get(), now));
    }

    Optional<StoredPayment> cancel(String kioskId, String saleId, Instant now) throws SQLException {
        Optional<StoredPayment> p = current(kioskId, saleId, now);
        if (p.isEmpty() || !p.get().state().equals(PENDING)) return p;
        StoredPayment cancelled = p.get().with(CANCELLED, Optional.empty(), Optional.empty(), 0);
        store.updatePayment(cancelled);
        log.info("wallet payment {} cancelled", cancelled.paymentId());
        return Optional.of(cancelled);
    }

    /** Refunds the sale's paid payment in full; empty when done (now or before), else why not. */
    Optional<String> refund(String kioskId, String saleId, long amountYen, Instant now) throws SQLException {
        Optional<StoredPayment> p = current(kioskId, saleId, now);
        if (p.isEmpty() || !p.get().state().equals(PAID)) return Optional.of("sale " + saleId + " has no paid payment");
        if (p.get().amountYen() != amountYen) {
            return Optional.of("refund of " + amountYen + " yen, paid " + p.get().amountYen());
        }
        if (p.get().refundedYen() == 0) {
            store.updatePayment(p.get().with(PAID, p.get().wallet(), p.get().reason(), amountYen));
            log.info("wallet payment {} of sale {} refunded {} yen", p.get().paymentId(), saleId, amountYen);
        }
        return Optional.empty();
    }

    /** The customer's wallet pays the payment now; false when it cannot be paid any more. */
    boolean pay(String paymentId, Instant now) throws SQLException {
        return decide(paymentId, now, PAID, Optional.of(settings.walletName()), Optional.empty());
    }

    /** The customer's wallet declines the payment now; false when it is decided already. */
    boolean decline(String paymentId, Instant now) throws SQLException {
        return decide(paymentId, now, DECLINED, Optional.empty(), Optional.of("declined by the wallet"));
    }

    private boolean decide(String paymentId, Instant now, String state, Optional<String> wallet, Optional<String> reason)
            throws SQLException {
        Optional<StoredPayment> p = store.payment(paymentId);
        if (p.isEmpty()) return false;
        StoredPayment settled = settle(p.get(), now);
        if (!settled.state().equals(PENDING)) return false;
        store.updatePayment(settled.with(state, wallet, reason, 0));
        log.info("wallet payment {}: {}", paymentId, state);
        return true;
    }

    /** Pays a pending payment whose demo approval time has come, expires one past its validity. */
    private StoredPayment settle(StoredPayment p, Instant now) throws SQLException {
        if (!p.state().equals(PENDING)) return p;
        StoredPayment next = p;
        boolean approves = p.approveAt().filter(t -> t.isBefore(p.expiresAt()) && !now.isBefore(t)).isPresent();
        if (approves) {
            next = p.with(PAID, Optional.of(settings.walletName()), Optional.empty(), 0);
        } else if (!now.isBefore(p.expiresAt())) {
            next = p.with(EXPIRED, Optional.empty(), Optional.empty(), 0);
        }
        if (next != p) {
            store.updatePayment(next);
            log.info("wallet payment {}: {}", p.paymentId(), next.state());
        }
        return next;
    }

    /** A payment reference of twelve letters and digits (the approval code on the receipt). */
    private String newId() {
        StringBuilder sb = new StringBuilder("BO");
        for (int i = 0; i < 10; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
