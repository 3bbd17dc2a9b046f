package jp.simkiosk.adapter.payment.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.simkiosk.application.port.PaymentProvider;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QR wallet provider without a network, for demos, development and tests. Deterministic: time is the
 * injected {@link Clock}, so a test moves its clock instead of waiting.
 *
 * <p>Each payment behaves as scripted ({@link #script}, in order; then {@link Behaviour#APPROVE}): approved or
 * declined {@code approveAfter} after it was created (the simulated customer scanning and confirming in the
 * app), or never paid, in which case it expires {@code qrValidity} after creation. A payment that would be
 * approved after its expiry expires. Payment references are SIMQR000001, SIMQR000002, … in order; the
 * wallet's name is "PayPay" unless {@link #setWalletBrand} says otherwise.
 *
 * <p>It keeps a {@link #ledger()} of the money per sale with the provider's idempotent rules: a sale's open
 * payment is created once; a repeated refund moves no money twice; a sale that is not paid cannot be refunded.
 * {@link #setReachable(boolean)} simulates the provider being unreachable, {@link #failNextRefund()} a refund it
 * refuses.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    /** What the simulated customer does with a QR code. */
    public enum Behaviour { APPROVE, DECLINE, NEVER_PAY }

    private enum State { PENDING, PAID, DECLINED, EXPIRED, CANCELLED }

    /** One payment (one QR code) of a sale. */
    private static final class Payment {
        final String reference;
        final Yen amount;
        final Instant decidesAt;
        final Instant expiresAt;
        final Behaviour behaviour;
        State state = State.PENDING;

        Payment(String reference, Yen amount, Instant decidesAt, Instant expiresAt, Behaviour behaviour) {
            this.reference = reference;
            this.amount = amount;
            this.decidesAt = decidesAt;
            this.expiresAt = expiresAt;
            this.behaviour = behaviour;
        }
    }

    /** The money of one sale as the simulated provider sees it. */
    public record LedgerEntry(Yen paid, Yen refunded, CardApproval approval) {}

    private final Clock clock;
    private final Duration approveAfter;
    private final Duration qrValidity;

    // guarded by this
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final Map<SaleId, Payment> current = new LinkedHashMap<>();
    private final Map<SaleId, LedgerEntry> ledger = new LinkedHashMap<>();
    private boolean reachable = true;
    private boolean failNextRefund;
    private String walletBrand = "PayPay";
    private int serial;

    /**
     * @param approveAfter how long after a payment is created the simulated customer approves (or declines) it
     * @param qrValidity   how long a QR code can be paid
     */
    public SimulatedPaymentProvider(Clock clock, Duration approveAfter, Duration qrValidity) {
        this.clock = Objects.requireNonNull(clock);
        this.approveAfter = Objects.requireNonNull(approveAfter);
        this.qrValidity = Objects.requireNonNull(qrValidity);
        if (approveAfter.isNegative() || qrValidity.isNegative() || qrValidity.isZero()) {
            throw new IllegalArgumentException("need approveAfter >= 0 and qrValidity > 0");
        }
    }

    // ------------------------------------------------------------------ settings

    /** What the customers of the coming payments do, in order; after them they approve again. */
    public synchronized void script(Behaviour... behaviours) {
        for (Behaviour b : behaviours) script.addLast(Objects.requireNonNull(b));
    }

    public synchronized void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** The next refund is refused. */
    public synchronized void failNextRefund() {
        failNextRefund = true;
    }

    /** The wallet the simulated customers pay with, as the provider reports it ("PayPay", "Alipay+", …). */
    public synchronized void setWalletBrand(String brand) {
        walletBrand = Objects.requireNonNull(brand);
    }

    /** The money of every sale paid so far, in the order paid; a read-only snapshot. */
    public synchronized Map<SaleId, LedgerEntry> ledger() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(ledger));
    }

    // ------------------------------------------------------------------ PaymentProvider

    @Override
    public synchronized CreateResult create(SaleId sale, Yen amount) {
        Objects.requireNonNull(sale, "sale");
        if (amount.amount() <= 0) throw new IllegalArgumentException("a payment needs a positive amount: " + amount);
        if (!reachable) return new CreateResult.Unavailable("provider unreachable (simulated)");
        Payment p = settle(sale);
        if (p == null || p.state == State.DECLINED || p.state == State.EXPIRED || p.state == State.CANCELLED) {
            Instant now = clock.instant();
            Behaviour b = script.isEmpty() ? Behaviour.APPROVE : script.removeFirst();
            p = new Payment(String.format(Locale.ROOT, "SIMQR%06d", ++serial), amount, now.plus(approveAfter),
                    now.plus(qrValidity), b);
            current.put(sale, p);
            log.info("simulated QR wallet: payment {} of {} for sale {} ({})", p.reference, amount, sale, b);
        } else if (!p.amount.equals(amount)) {
            return new CreateResult.Unavailable("sale " + sale + " has a payment of another amount");
        }
        return new CreateResult.Created(payload(p), p.expiresAt);
    }

    @Override
    public synchronized WalletStatus status(SaleId sale) {
        if (!reachable) return new WalletStatus.Unavailable("provider unreachable (simulated)");
        Payment p = settle(sale);
        if (p == null) return new WalletStatus.Unavailable("no payment for sale " + sale);
        return switch (p.state) {
            case PENDING -> new WalletStatus.Pending();
            case PAID -> new WalletStatus.Paid(ledger.get(sale).approval());
            case DECLINED -> new WalletStatus.Declined("declined by the wallet (simulated)");
            case EXPIRED -> new WalletStatus.Expired();
            case CANCELLED -> new WalletStatus.Cancelled();
        };
    }

    @Override
    public synchronized WalletStatus cancel(SaleId sale) {
        if (!reachable) return new WalletStatus.Unavailable("provider unreachable (simulated)");
        Payment p = settle(sale);
        if (p != null && p.state == State.PENDING) {
            p.state = State.CANCELLED;
            log.info("simulated QR wallet: payment {} cancelled", p.reference);
        }
        return status(sale);
    }

    @Override
    public synchronized RefundResult refund(SaleId sale, Yen amount) {
        if (!reachable) return new RefundResult.Failed("provider unreachable (simulated)");
        LedgerEntry e = ledger.get(sale);
        if (e == null) return new RefundResult.Failed("sale " + sale + " was not paid");
        if (!e.paid().equals(amount)) return new RefundResult.Failed("refund of " + amount + ", paid " + e.paid());
        if (e.refunded().amount() > 0) return new RefundResult.Refunded();
        if (failNextRefund) {
            failNextRefund = false;
            return new RefundResult.Failed("refund refused (simulated)");
        }
        ledger.put(sale, new LedgerEntry(e.paid(), amount, e.approval()));
        log.info("simulated QR wallet: sale {} refunded {}", sale, amount);
        return new RefundResult.Refunded();
    }

    // ------------------------------------------------------------------ inside

    /** Brings the sale's payment up to the clock: paid, declined or expired when its time has come. */
    private Payment settle(SaleId sale) {
        Payment p = current.get(sale);
        if (p == null || p.state != State.PENDING) return p;
        Instant now = clock.instant();
        boolean decidedInTime = p.behaviour != Behaviour.NEVER_PAY && p.decidesAt.isBefore(p.expiresAt);
        if (decidedInTime && !now.isBefore(p.decidesAt)) {
            if (p.behaviour == Behaviour.APPROVE) {
                p.state = State.PAID;
                ledger.put(sale, new LedgerEntry(p.amount, Yen.ZERO, new CardApproval(walletBrand, "", p.reference)));
                log.info("simulated QR wallet: payment {} paid with {}", p.reference, walletBrand);
            } else {
                p.state = State.DECLINED;
            }
        } else if (!now.isBefore(p.expiresAt)) {
            p.state = State.EXPIRED;
        }
        return p;
    }

    private static String payload(Payment p) {
        return "https://qr.pay.demo.sim-kiosk.example/" + p.reference + "?amount=" + p.amount.amount();
    }
}
