package jp.simkiosk.adapter.payment.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Optional;
import java.util.Properties;
import jp.simkiosk.adapter.StateFiles;
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
 * refuses. Cancelling a sale that has no payment answers {@link WalletStatus.Cancelled}: nothing is held, and
 * nothing will be (the answer a provider gives to a kiosk that never heard whether its payment was created).
 *
 * <p>Made with a state file ({@value #STATE_FILE} in the data folder), it keeps the payments and the ledger
 * there, as the real provider keeps them on its side: written at every change (to a temporary file moved over
 * the old one), read back at start, so that a kiosk killed and restarted finds its payments as they were.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    /** The state file's name in the data folder. */
    public static final String STATE_FILE = "wallet-simulator-state.properties";

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
    private final Optional<Path> stateFile;

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
        this(clock, approveAfter, qrValidity, Optional.empty());
    }

    /**
     * A provider whose payments and ledger are kept in {@code stateFile} (read if it exists).
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when it is damaged
     */
    public SimulatedPaymentProvider(Clock clock, Duration approveAfter, Duration qrValidity, Path stateFile) {
        this(clock, approveAfter, qrValidity, Optional.of(stateFile));
    }

    private SimulatedPaymentProvider(Clock clock, Duration approveAfter, Duration qrValidity, Optional<Path> stateFile) {
        this.stateFile = Objects.requireNonNull(stateFile);
        this.clock = Objects.requireNonNull(clock);
        this.approveAfter = Objects.requireNonNull(approveAfter);
        this.qrValidity = Objects.requireNonNull(qrValidity);
        if (approveAfter.isNegative() || qrValidity.isNegative() || qrValidity.isZero()) {
            throw new IllegalArgumentException("need approveAfter >= 0 and qrValidity > 0");
        }
        stateFile.filter(Files::exists).ifPresent(this::load);
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
            save();
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
        if (p == null) return new WalletStatus.Cancelled();
        if (p.state == State.PENDING) {
            p.state = State.CANCELLED;
            save();
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
        save();
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
            save();
        } else if (!now.isBefore(p.expiresAt)) {
            p.state = State.EXPIRED;
            save();
        }
        return p;
    }

    private static String payload(Payment p) {
        return "https://qr.pay.demo.sim-kiosk.example/" + p.reference + "?amount=" + p.amount.amount();
    }

    // ------------------------------------------------------------------ state file

    private void load(Path file) {
        Properties p = StateFiles.read(file);
        try {
            serial = Integer.parseInt(p.getProperty("serial", "0"));
            for (String key : p.stringPropertyNames().stream().sorted().toList()) {
                String[] v = p.getProperty(key).split("\\|", -1);
                if (key.startsWith("payment.")) {
                    Payment pay = new Payment(v[0], Yen.of(Long.parseLong(v[1])), Instant.parse(v[2]), Instant.parse(v[3]),
                            Behaviour.valueOf(v[4]));
                    pay.state = State.valueOf(v[5]);
                    current.put(new SaleId(key.substring("payment.".length())), pay);
                } else if (key.startsWith("ledger.")) {
                    ledger.put(new SaleId(key.substring("ledger.".length())), new LedgerEntry(Yen.of(Long.parseLong(v[0])),
                            Yen.of(Long.parseLong(v[1])), new CardApproval(v[2], "", v[3])));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged wallet simulator state file " + file + ": " + e.getMessage(), e);
        }
        log.info("simulated QR wallet: {} payment(s) on record in {}", current.size(), file);
    }

    /** Writes the state to a temporary file and moves it over the old one: a crash leaves one or the other. */
    private void save() {
        if (stateFile.isEmpty()) return;
        Path file = stateFile.get();
        Properties p = new Properties();
        p.setProperty("serial", Integer.toString(serial));
        current.forEach((sale, pay) -> p.setProperty("payment." + sale.value(), String.join("|", pay.reference,
                Long.toString(pay.amount.amount()), pay.decidesAt.toString(), pay.expiresAt.toString(),
                pay.behaviour.name(), pay.state.name())));
        ledger.forEach((sale, e) -> p.setProperty("ledger." + sale.value(), e.paid().amount() + "|"
                + e.refunded().amount() + "|" + e.approval().brand() + "|" + e.approval().approvalCode()));
        try {
            StateFiles.write(file, p, "simulated QR wallet: payments by sale (reference|yen|decides|expires|behaviour|state), ledger");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
