package jp.simkiosk.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.application.port.PaymentProvider;
import jp.simkiosk.application.port.PaymentProvider.CreateResult;
import jp.simkiosk.application.port.PaymentProvider.RefundResult;
import jp.simkiosk.application.port.PaymentProvider.WalletStatus;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PlanCatalog;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.ReceiptRenderer;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RefundSlip;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every journey does with a sale's money and paper, in one place: open the sale, take the payment by
 * card reader (cards, transport IC) or QR wallet, let the charge stand once the goods are delivered, give the
 * money back when they cannot be (void a card authorization, refund a wallet payment), cancel an unpaid sale,
 * print the receipt. Each step is journaled before the device or provider call it leads to and its outcome
 * right after. Methods block: call them off the UI thread.
 *
 * <p>When the journal cannot be written ({@link JournalUnavailableException}) a sale stops where the journal says
 * it is: no goods move without their intent in the journal. Money held for goods not delivered is still given
 * back at once, since voiding by sale id is idempotent and is what start-up recovery does next
 * (docs/decisions/0005-crash-recovery-rules.md).
 */
public final class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    /** How long after its QR code expired a wallet payment still may be reported paid before the kiosk cancels it. */
    static final Duration WALLET_EXPIRY_GRACE = Duration.ofSeconds(15);

    private final SaleJournal journal;
    private final PaymentTerminal terminal;
    private final Optional<PaymentProvider> wallet;
    private final ReceiptRenderer renderer;
    private final ReceiptPrinter printer;
    private final PlanCatalog catalog;
    private final ApnSettings newSimApn;
    private final Clock clock;
    private final SaleSettings settings;
    private final Duration walletPollInterval;
    /** Wakes a wallet wait early when the customer cancels. */
    private final Object walletWake = new Object();

    /**
     * @param wallet             the QR wallet provider; empty when the kiosk does not take QR wallets
     * @param catalog            the plans, for their names in the language a receipt is printed in
     * @param newSimApn          the APN settings printed on the receipt of every new SIM (ADR 0007)
     * @param walletPollInterval how often a waiting wallet payment is asked for its status
     */
    public Checkout(SaleJournal journal, PaymentTerminal terminal, Optional<PaymentProvider> wallet,
                    ReceiptRenderer renderer, ReceiptPrinter printer, PlanCatalog catalog, ApnSettings newSimApn,
                    Clock clock, SaleSettings settings, Duration walletPollInterval) {
        this.journal = Objects.requireNonNull(journal);
        this.terminal = Objects.requireNonNull(terminal);
        this.wallet = Objects.requireNonNull(wallet);
        this.renderer = Objects.requireNonNull(renderer);
        this.printer = Objects.requireNonNull(printer);
        this.catalog = Objects.requireNonNull(catalog);
        this.newSimApn = Objects.requireNonNull(newSimApn);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.walletPollInterval = Objects.requireNonNull(walletPollInterval);
        if (walletPollInterval.isNegative() || walletPollInterval.isZero()) {
            throw new IllegalArgumentException("wallet poll interval must be positive");
        }
    }

    // ---------------------------------------------------------------- opening

    /** Opens a sale of {@code plan}: from here on it is in the journal. */
    Sale open(SaleKind kind, Optional<LineId> line, Plan plan, Language language, Optional<Instant> currentExpiry,
              Instant quotedExpiry) {
        Sale sale = Sale.open(SaleId.random(), journal.nextReference(settings.kioskId()), kind, line, plan.id(),
                plan.name().in(language), plan.price(), plan.taxRate(), language, clock.instant(), currentExpiry,
                Optional.of(quotedExpiry));
        journal.record(sale, SaleStep.OPENED, plan.id());
        log.info("sale {} opened: {} {} {}{}", sale.reference(), kind, plan.id(), plan.price(),
                line.map(l -> " for line " + l.masked()).orElse(""));
        return sale;
    }

    // ---------------------------------------------------------------- card reader

    /** Takes the payment on the card reader (a payment card or a transport IC card). */
    public PaymentOutcome payByCard(SaleId id, PaymentMethod method) {
        if (!method.usesCardReader()) throw new IllegalArgumentException(method + " is not paid on the card reader");
        Sale sale = load(id);
        journal.step(sale, SaleStep.PAYMENT_REQUESTED, method.tag() + " " + sale.price());
        AuthorizationResult r = terminal.authorize(sale.id(), sale.price());
        if (r instanceof AuthorizationResult.Approved a) {
            Sale paid = sale.paid(a.approval());
            try {
                journal.record(paid, SaleStep.PAYMENT_APPROVED, method.tag());
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

    /** Stops a card payment that waits for the customer's card; the waiting {@link #payByCard} then returns. */
    public void cancelPendingCard() {
        terminal.cancelPending();
    }

    // ---------------------------------------------------------------- QR wallet

    /** The QR code to show for a wallet payment, or why there is none. */
    public sealed interface WalletStart {
        record Shown(String qrPayload, Instant expiresAt) implements WalletStart {}
        record Unavailable() implements WalletStart {}
    }

    /** Creates the wallet payment for the sale's amount: the QR code to show, and until when it can be paid. */
    public WalletStart startWallet(SaleId id) {
        PaymentProvider provider = provider();
        Sale sale = load(id);
        journal.step(sale, SaleStep.PAYMENT_REQUESTED, PaymentMethod.QR_WALLET.tag() + " " + sale.price());
        CreateResult r = provider.create(sale.id(), sale.price());
        if (r instanceof CreateResult.Created c) {
            journal.step(sale, SaleStep.WALLET_QR_SHOWN, c.expiresAt().toString());
            return new WalletStart.Shown(c.qrPayload(), c.expiresAt());
        }
        journal.step(sale, SaleStep.PAYMENT_UNAVAILABLE, PaymentMethod.QR_WALLET.tag());
        log.warn("sale {}: QR wallet payment not available ({})", sale.reference(), ((CreateResult.Unavailable) r).reason());
        return new WalletStart.Unavailable();
    }

    /**
     * Waits until the wallet payment started by {@link #startWallet} is paid, declined, expired or cancelled
     * ({@link #cancelWallet}). Should the provider still say nothing {@link #WALLET_EXPIRY_GRACE} after the
     * QR code's expiry, the kiosk cancels the payment itself.
     */
    public PaymentOutcome awaitWallet(SaleId id, Instant expiresAt) {
        PaymentProvider provider = provider();
        Sale sale = load(id);
        Instant giveUp = expiresAt.plus(WALLET_EXPIRY_GRACE);
        while (true) {
            PaymentOutcome o = walletOutcome(sale, provider.status(id));
            if (o != null) return o;
            if (clock.instant().isAfter(giveUp)) {
                o = walletOutcome(sale, provider.cancel(id));
                if (o != null) return o;
                journal.step(sale, SaleStep.PAYMENT_DEVICE_ERROR, PaymentMethod.QR_WALLET.tag() + " no answer");
                log.warn("sale {}: the QR wallet provider did not answer in time", sale.reference());
                return new PaymentOutcome.DeviceFailed(DeviceFault.TIMEOUT);
            }
            if (!pause()) {
                provider.cancel(id);
                Thread.currentThread().interrupt();
                journal.step(sale, SaleStep.PAYMENT_CANCELLED, PaymentMethod.QR_WALLET.tag());
                return new PaymentOutcome.CancelledByCustomer();
            }
        }
    }

    /** The customer cancels a waiting wallet payment; the waiting {@link #awaitWallet} then returns. */
    public void cancelWallet(SaleId id) {
        provider().cancel(id);
        synchronized (walletWake) {
            walletWake.notifyAll();
        }
    }

    /** The outcome a wallet status settles, journaled; null while it is still open. */
    private PaymentOutcome walletOutcome(Sale sale, WalletStatus s) {
        String tag = PaymentMethod.QR_WALLET.tag();
        if (s instanceof WalletStatus.Paid p) {
            Sale paid = sale.paid(p.approval());
            try {
                journal.record(paid, SaleStep.PAYMENT_APPROVED, tag);
            } catch (JournalUnavailableException e) {
                // the journal says "payment requested": recovery refunds by sale id, and so do we, now
                RefundResult r = provider().refund(sale.id(), sale.price());
                log.error("sale {}: the wallet payment could not be journaled; {}", sale.reference(),
                        r instanceof RefundResult.Refunded ? "refunded" : "left for recovery to refund", e);
                throw e;
            }
            log.info("sale {} paid by QR wallet ({})", sale.reference(), p.approval().brand());
            return new PaymentOutcome.Paid(paid);
        }
        if (s instanceof WalletStatus.Declined d) {
            journal.step(sale, SaleStep.PAYMENT_DECLINED, tag + " " + shortText(d.reason()));
            log.info("sale {} QR wallet payment declined", sale.reference());
            return new PaymentOutcome.Declined(PaymentTerminal.DeclineReason.DECLINED);
        }
        if (s instanceof WalletStatus.Expired) {
            journal.step(sale, SaleStep.PAYMENT_EXPIRED, tag);
            log.info("sale {} QR code expired", sale.reference());
            return new PaymentOutcome.TimedOut();
        }
        if (s instanceof WalletStatus.Cancelled) {
            journal.step(sale, SaleStep.PAYMENT_CANCELLED, tag);
            return new PaymentOutcome.CancelledByCustomer();
        }
        return null;
    }

    /** Waits one poll interval, or less when {@link #cancelWallet} wakes it; false when interrupted. */
    private boolean pause() {
        synchronized (walletWake) {
            try {
                walletWake.wait(Math.max(1, walletPollInterval.toMillis()));
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    private PaymentProvider provider() {
        return wallet.orElseThrow(() -> new IllegalStateException("this kiosk takes no QR wallet payments"));
    }

    // ---------------------------------------------------------------- settling the money

    /** A paid sale that could not be delivered, after its money went back (or was handed to the back office). */
    public record Released(Sale sale, MoneyBack money) {}

    /**
     * The goods were delivered: let the charge stand. A FULFILLED sale becomes COMPLETED; a sale still PAID
     * (its delivery is to be confirmed by upstream later) stays PAID. A card capture that fails leaves the
     * sale as it is, for recovery; one the reader can never do (it lost the sale's session in a restart) is left
     * to the back office ({@link SaleStep#CAPTURE_LEFT_TO_BACK_OFFICE}) and waits for an operator. A wallet took
     * the money when it paid: only the journal hears of it.
     */
    Sale capture(Sale sale) {
        PaymentMethod method = methodOf(sale.id());
        boolean complete = sale.state() == SaleState.FULFILLED;
        if (!method.usesCardReader()) {
            if (!complete) {
                journal.step(sale, SaleStep.CAPTURED, method.tag());
                return sale;
            }
            Sale done = sale.completed();
            journal.record(done, SaleStep.CAPTURED, method.tag());
            return done;
        }
        journal.step(sale, SaleStep.CAPTURE_REQUESTED, "");
        DeviceOutcome c = terminal.complete(sale.id());
        if (c instanceof DeviceOutcome.Failed f) {
            journal.step(sale, SaleStep.CAPTURE_FAILED, f.fault().name());
            if (f.fault() == DeviceFault.SESSION_LOST) {
                journal.step(sale, SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE, f.fault().name());
                log.warn("sale {} delivered but the card reader no longer has its session: the charge is left to the "
                        + "back office, the sale to an operator", sale.reference());
                return sale;
            }
            log.warn("sale {} delivered but the charge was not confirmed ({}); recovery will retry",
                    sale.reference(), f.fault());
            return sale;
        }
        if (!complete) {
            journal.step(sale, SaleStep.CAPTURED, "");
            return sale;
        }
        Sale done = sale.completed();
        journal.record(done, SaleStep.CAPTURED, "");
        return done;
    }

    /**
     * Gives the money of a paid sale that cannot be delivered back: the card authorization is voided, the
     * wallet payment refunded. When the kiosk cannot do it, the sale is left REFUND_PENDING for the back office.
     * Goes on when the journal fails: giving the money back is what recovery would do from any step before it,
     * and repeating it is harmless (both are by sale id).
     */
    Released release(Sale paid, FailureReason why) {
        PaymentMethod method = methodOf(paid.id());
        if (!method.usesCardReader()) return refundWallet(paid, why);
        tryRecord(paid, SaleStep.VOID_REQUESTED, why.name());
        DeviceOutcome v = terminal.voidAuthorization(paid.id());
        if (v.ok()) {
            Sale voided = paid.voided(why);
            tryRecord(voided, SaleStep.VOIDED, why.name());
            return new Released(voided, MoneyBack.VOIDED);
        }
        Sale pending = paid.refundPending(why);
        tryRecord(pending, SaleStep.REFUND_PENDING, ((DeviceOutcome.Failed) v).fault().name());
        log.warn("sale {}: void failed, refund pending for the back office", paid.reference());
        return new Released(pending, MoneyBack.REFUND_PENDING);
    }

    private Released refundWallet(Sale paid, FailureReason why) {
        Sale pending = paid.refundPending(why);
        tryRecord(pending, SaleStep.REFUND_PENDING, why.name());
        RefundResult r = provider().refund(paid.id(), paid.price());
        if (r instanceof RefundResult.Refunded) {
            Sale refunded = pending.refunded();
            tryRecord(refunded, SaleStep.REFUNDED, PaymentMethod.QR_WALLET.tag());
            log.info("sale {}: wallet payment refunded", paid.reference());
            return new Released(refunded, MoneyBack.REFUNDED);
        }
        tryRecord(pending, SaleStep.REFUND_FAILED, shortText(((RefundResult.Failed) r).reason()));
        log.warn("sale {}: wallet refund failed, refund pending for the back office", paid.reference());
        return new Released(pending, MoneyBack.REFUND_PENDING);
    }

    /**
     * Start-up recovery of a wallet payment whose outcome never reached the journal: the provider is asked, a
     * payment it took is refunded and one still open is cancelled. A payment the provider does not report (the
     * kiosk stopped before it was created, or the provider is unsure) is cancelled too: the cancel answers how it
     * stands after, which is what settles it. Journals VOID_REQUESTED, then VOIDED when nothing is held any more
     * (money refunded, or never taken) or VOID_FAILED when the provider could not tell.
     *
     * @return whether nothing is held for the sale any more
     */
    boolean releaseUnjournaledWallet(Sale sale) {
        PaymentProvider provider = provider();
        journal.step(sale, SaleStep.VOID_REQUESTED, FailureReason.RECOVERED_AFTER_RESTART.name());
        WalletStatus s = provider.status(sale.id());
        if (s instanceof WalletStatus.Pending || s instanceof WalletStatus.Unavailable) s = provider.cancel(sale.id());
        if (s instanceof WalletStatus.Paid) {
            RefundResult r = provider.refund(sale.id(), sale.price());
            if (r instanceof RefundResult.Refunded) {
                journal.step(sale, SaleStep.VOIDED, "WALLET_PAYMENT_REFUNDED");
                return true;
            }
            journal.step(sale, SaleStep.VOID_FAILED, "wallet refund: " + shortText(((RefundResult.Failed) r).reason()));
            return false;
        }
        if (s instanceof WalletStatus.Unavailable u) {
            journal.step(sale, SaleStep.VOID_FAILED, "wallet status: " + shortText(u.reason()));
            return false;
        }
        journal.step(sale, SaleStep.VOIDED, "NO_WALLET_PAYMENT_HELD");
        return true;
    }

    /** Whether the sale's last payment attempt was by QR wallet, as its PAYMENT_REQUESTED step says. */
    boolean lastAttemptWasWallet(SaleId id) {
        List<JournalEntry> entries = journal.entries(id);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).step() == SaleStep.PAYMENT_REQUESTED) {
                return entries.get(i).detail().startsWith(PaymentMethod.QR_WALLET.tag() + " ");
            }
        }
        return false;
    }

    /** How the sale was paid, as its PAYMENT_APPROVED step says (card for sales from before wallets). */
    PaymentMethod methodOf(SaleId id) {
        List<JournalEntry> entries = journal.entries(id);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).step() == SaleStep.PAYMENT_APPROVED) {
                return PaymentMethod.fromTag(entries.get(i).detail()).orElse(PaymentMethod.CARD);
            }
        }
        throw new IllegalStateException("sale " + id + " has not been paid");
    }

    // ---------------------------------------------------------------- cancelling

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

    /**
     * Prints the paper of any sale in {@code language} (the one on screen when it prints: the customer may have
     * switched; an operator's reprint uses the sale's): a refund slip when the customer's money went back or is to
     * be refunded, otherwise the receipt, with what the buyer of a new line needs (a new SIM's ICCID and APN, a new
     * eSIM's activation code as a QR code while the journal still has it). A new eSIM's code is masked in the
     * journal right after, printed or not: it is shown once. A paper not printed stays in the
     * {@link jp.simkiosk.application.port.ReprintQueue}.
     */
    public ReceiptOutcome printReceipt(SaleId id, Language language) {
        Sale sale = load(id);
        boolean slip = needsRefundSlip(sale);
        ReceiptDocument doc = slip ? renderer.renderRefundSlip(refundSlipFor(sale, language))
                : renderer.render(receiptFor(sale, language, newLineOf(sale)));
        journal.step(sale, SaleStep.RECEIPT_REQUESTED, slip ? "REFUND_SLIP" : "RECEIPT");
        ReceiptPrinter.PrintResult r = printer.print(doc);
        ReceiptOutcome outcome;
        if (r instanceof ReceiptPrinter.PrintResult.Printed p) {
            tryRecord(sale, SaleStep.RECEIPT_PRINTED, Long.toString(p.bytesSent()));
            outcome = new ReceiptOutcome.Printed();
        } else {
            ReceiptPrinter.PrintResult.Failed f = (ReceiptPrinter.PrintResult.Failed) r;
            journal.step(sale, SaleStep.RECEIPT_FAILED, f.fault().name());
            log.warn("sale {}: {} not printed ({})", sale.reference(), slip ? "refund slip" : "receipt", f.fault());
            outcome = new ReceiptOutcome.NotPrinted(f.fault());
        }
        if (sale.kind() == SaleKind.NEW_ESIM && journal.activationCode(id).isPresent()) {
            journal.maskActivationCode(sale, SaleStep.ESIM_CODE_MASKED,
                    outcome instanceof ReceiptOutcome.Printed ? "receipt printed" : "receipt not printed");
        }
        return outcome;
    }

    /** What the buyer of a delivered new line needs on the receipt; empty for renewals and undelivered sales. */
    private Optional<Receipt.NewLine> newLineOf(Sale sale) {
        boolean delivered = sale.state() == SaleState.FULFILLED || sale.state() == SaleState.COMPLETED
                || sale.state() == SaleState.PAID;
        if (!delivered) return Optional.empty();
        if (sale.kind() == SaleKind.NEW_SIM && sale.lineId().filter(Iccid.class::isInstance).isPresent()) {
            return Optional.of(new Receipt.NewLine.Sim((Iccid) sale.lineId().get(), newSimApn));
        }
        if (sale.kind() == SaleKind.NEW_ESIM) {
            Optional<Iccid> profile = sale.lineId().filter(Iccid.class::isInstance).map(Iccid.class::cast);
            Optional<ActivationCode> code = journal.activationCode(sale.id());
            return code.map(c -> new Receipt.NewLine.Esim(c, profile));
        }
        return Optional.empty();
    }

    /** Whether the sale's paper is a refund slip rather than a receipt: the customer's money went back. */
    public static boolean needsRefundSlip(Sale sale) {
        return sale.state() == SaleState.VOIDED || sale.state() == SaleState.REFUND_PENDING
                || sale.state() == SaleState.REFUNDED;
    }

    /** The refund slip of a sale whose money went back or is to be refunded, in a language. */
    public RefundSlip refundSlipFor(Sale sale, Language language) {
        if (!needsRefundSlip(sale)) throw new IllegalArgumentException("sale " + sale.reference() + " is " + sale.state());
        RefundSlip.MoneyOutcome money = switch (sale.state()) {
            case VOIDED -> RefundSlip.MoneyOutcome.VOIDED;
            case REFUNDED -> RefundSlip.MoneyOutcome.REFUNDED;
            default -> RefundSlip.MoneyOutcome.REFUND_PENDING;
        };
        return new RefundSlip(language, settings.issuer(), settings.kioskId(), sale.reference(), clock.instant(),
                settings.zone(), planName(sale, language), sale.price(), money,
                sale.failure().orElse(FailureReason.RECOVERED_AFTER_RESTART), sale.payment(),
                sale.lineId().map(LineId::display), settings.supportContact());
    }

    /** The receipt of a sale in a language; the plan's name as the catalog gives it in that language. */
    public Receipt receiptFor(Sale sale, Language language, Optional<Receipt.NewLine> newLine) {
        return new Receipt(language, settings.issuer(), settings.kioskId(), sale.reference(), clock.instant(),
                settings.zone(), List.of(new Receipt.Item(planName(sale, language), sale.price(), sale.taxRate())),
                sale.tax(), sale.payment(), sale.lineId().map(LineId::display), sale.newExpiry(),
                settings.supportContact(), newLine);
    }

    private String planName(Sale sale, Language language) {
        return catalog.find(sale.planId()).map(p -> p.name().in(language)).orElse(sale.planName());
    }

    /**
     * Journals a step whose failure must not stop what follows: the money is given back all the same (see
     * {@link #release}); the failure is logged, and recovery repeats the step at the next start.
     */
    void tryRecord(Sale sale, SaleStep step, String detail) {
        try {
            journal.record(sale, step, detail);
        } catch (JournalUnavailableException e) {
            log.error("sale {}: step {} could not be journaled; recovery repeats it at the next start",
                    sale.reference(), step, e);
        }
    }

    Sale load(SaleId id) {
        return journal.find(id).orElseThrow(() -> new IllegalArgumentException("no such sale: " + id));
    }

    private static String shortText(String s) {
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
