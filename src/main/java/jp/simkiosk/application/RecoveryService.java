package jp.simkiosk.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery: run once when the kiosk starts, before it accepts a customer, it settles every sale that
 * a crash or power cut left in flight, by the {@link RecoveryRules} table, then sees to the customer's paper:
 * a refund slip is printed for money that went back, a receipt that was not printed is kept for reprint.
 * Every action is journaled (a {@link SaleStep#RECOVERY_STARTED} marker naming the rule, then the action's
 * own intent and outcome steps), so a crash during recovery is recovered by the next start. Running it again
 * changes nothing more.
 */
public final class RecoveryService {

    private static final Logger log = LoggerFactory.getLogger(RecoveryService.class);

    /**
     * How many of the newest sales are checked for a paper that was never printed. The kiosk serves one
     * customer at a time, so a crash interrupts at most the newest sale; the margin covers earlier restarts.
     */
    static final int RECENT_SALES = 20;

    private final SaleJournal journal;
    private final RenewalService renewals;
    private final PurchaseService purchases;
    private final Checkout checkout;
    private final PaymentTerminal terminal;

    public RecoveryService(SaleJournal journal, RenewalService renewals, PurchaseService purchases, Checkout checkout,
                           PaymentTerminal terminal) {
        this.journal = Objects.requireNonNull(journal);
        this.renewals = Objects.requireNonNull(renewals);
        this.purchases = Objects.requireNonNull(purchases);
        this.checkout = Objects.requireNonNull(checkout);
        this.terminal = Objects.requireNonNull(terminal);
    }

    /** What recovery did to the customer's paper. */
    public enum Paper {
        /** Nothing to do: printed before, already kept for reprint, or none is due (cancelled). */
        NONE,
        /** The refund slip was printed now. */
        PRINTED,
        /** Not printed (receipt, or slip the printer could not print): kept for reprint by staff. */
        KEPT_FOR_REPRINT
    }

    /**
     * What recovery did with one sale.
     *
     * @param lastStep the sale's last decisive step before recovery (empty when only its paper was seen to)
     * @param action   the table's action (empty when only its paper was seen to)
     * @param after    the sale's state after recovery
     * @param settled  whether the kiosk is done with the sale: it ended, the back office has it (refund
     *                 pending), or the outbox has it (a renewal sold offline, its charge confirmed)
     */
    public record Recovered(String reference, SaleState before, Optional<SaleStep> lastStep,
                            Optional<RecoveryAction> action, SaleState after, boolean settled, Paper paper) {}

    /** Everything one recovery run did, in the order it did it. */
    public record Report(List<Recovered> sales) {
        public Report {
            sales = List.copyOf(sales);
        }

        /** The sales the kiosk could not settle (a device or upstream failed again, or no rule applies). */
        public List<Recovered> needingAttention() {
            return sales.stream().filter(r -> !r.settled()).toList();
        }
    }

    /** Settles every sale left in flight, then the paper of the newest sales. */
    public Report recoverAll() {
        Map<SaleId, Recovered> done = new LinkedHashMap<>();
        for (Sale sale : journal.unresolved()) {
            try {
                done.put(sale.id(), recover(sale));
            } catch (RuntimeException e) {
                // one sale that cannot be settled must not keep the kiosk from starting; the next start goes on
                log.error("recovery of sale {} stopped", sale.reference(), e);
                done.put(sale.id(), new Recovered(sale.reference(), sale.state(), Optional.empty(),
                        Optional.of(RecoveryAction.LEAVE_FOR_OPERATOR), sale.state(), false, Paper.NONE));
            }
        }
        Set<SaleId> paperToSee = new LinkedHashSet<>(done.keySet());
        for (Sale sale : journal.recent(RECENT_SALES)) paperToSee.add(sale.id());
        List<Recovered> report = new ArrayList<>();
        for (SaleId id : paperToSee) {
            Sale sale = journal.find(id).orElseThrow();
            Paper paper;
            try {
                paper = paper(sale);
            } catch (RuntimeException e) {
                log.error("paper of sale {} not seen to", sale.reference(), e);
                paper = Paper.NONE;
            }
            Recovered r = done.get(id);
            boolean nothingDone = r != null && (r.action().equals(Optional.of(RecoveryAction.BACK_OFFICE))
                    || r.action().equals(Optional.of(RecoveryAction.AWAIT_UPSTREAM)));
            if (r != null && !(nothingDone && paper == Paper.NONE)) {
                report.add(new Recovered(r.reference(), r.before(), r.lastStep(), r.action(), r.after(), r.settled(),
                        paper));
            } else if (r == null && paper != Paper.NONE) {
                report.add(new Recovered(sale.reference(), sale.state(), Optional.empty(), Optional.empty(),
                        sale.state(), true, paper));
            }
        }
        Report result = new Report(report);
        for (Recovered r : result.sales()) {
            log.info("recovered sale {}: {} after {} -> {} -> {}, paper {}", r.reference(), r.before(),
                    r.lastStep().map(Enum::name).orElse("-"), r.action().map(Enum::name).orElse("paper only"),
                    r.after(), r.paper());
        }
        if (!result.needingAttention().isEmpty()) {
            log.warn("recovery: {} sale(s) need attention: {}", result.needingAttention().size(),
                    result.needingAttention().stream().map(Recovered::reference).toList());
        }
        return result;
    }

    /** Applies the table's action to one sale still in flight. */
    private Recovered recover(Sale sale) {
        List<JournalEntry> entries = journal.entries(sale.id());
        Optional<JournalEntry> last = RecoveryRules.lastDecisive(entries);
        Optional<SaleStep> lastStep = last.map(JournalEntry::step);
        RecoveryAction action = lastStep.map(s -> RecoveryRules.actionFor(sale.kind(), sale.state(), s))
                .orElse(RecoveryAction.LEAVE_FOR_OPERATOR);
        if (action != RecoveryAction.BACK_OFFICE && action != RecoveryAction.AWAIT_UPSTREAM
                && action != RecoveryAction.LEAVE_FOR_OPERATOR) {
            journal.step(sale, SaleStep.RECOVERY_STARTED,
                    sale.state() + "/" + lastStep.map(Enum::name).orElse("-") + " -> " + action);
        }
        Sale after = switch (action) {
            case CANCEL -> cancel(sale, "RECOVERED_AFTER_RESTART");
            case VOID_BY_SALE_ID -> voidBySaleId(sale);
            case VOID -> checkout.release(sale, voidReason(entries, last.orElseThrow())).sale();
            case ASK_UPSTREAM_AGAIN -> renewals.fulfil(sale.id()).sale();
            case RETRIEVE_SIM_AND_VOID -> purchases.retrieveAndRelease(sale);
            case CANCEL_ESIM_AND_VOID -> purchases.cancelEsimAndRelease(sale);
            case COMPLETE_CHARGE -> checkout.capture(sale);
            case CONFIRM_DEFERRED_CHARGE -> {
                checkout.capture(sale);
                yield sale;
            }
            case BACK_OFFICE, AWAIT_UPSTREAM -> sale;
            case LEAVE_FOR_OPERATOR -> {
                log.warn("sale {}: no recovery rule for {} after {}; left for the operator", sale.reference(),
                        sale.state(), lastStep.map(Enum::name).orElse("no step"));
                yield sale;
            }
        };
        return new Recovered(sale.reference(), sale.state(), lastStep, Optional.of(action), after.state(),
                settled(after), Paper.NONE);
    }

    /**
     * Whether the kiosk is done with a sale: it ended, the back office has it (refund pending, or a charge the
     * reader can no longer complete), or the outbox has it (a sale sold offline with its charge confirmed).
     */
    private boolean settled(Sale sale) {
        Sale now = journal.find(sale.id()).orElseThrow();
        if (now.state().isFinal() || now.state() == SaleState.REFUND_PENDING) return true;
        return RecoveryRules.lastDecisive(journal.entries(now.id()))
                .map(e -> RecoveryRules.actionFor(now.kind(), now.state(), e.step()))
                .filter(a -> a == RecoveryAction.AWAIT_UPSTREAM || a == RecoveryAction.BACK_OFFICE)
                .isPresent();
    }

    private Sale cancel(Sale sale, String detail) {
        Sale cancelled = sale.cancelled(FailureReason.RECOVERED_AFTER_RESTART);
        journal.record(cancelled, SaleStep.CANCELLED, detail);
        return cancelled;
    }

    /**
     * The reader may have approved a payment whose outcome never reached the journal: void it by sale id.
     * Done means an authorization was held and is released; NOT_READY or SESSION_LOST mean the reader holds none
     * for the sale (an MDB reader that was reset ended the vend session, and with it the approval). Any other fault
     * leaves the sale as it is for the next start: whether money is held is unknown.
     */
    private Sale voidBySaleId(Sale sale) {
        if (checkout.lastAttemptWasWallet(sale.id())) {
            if (checkout.releaseUnjournaledWallet(sale)) return cancel(sale, "WALLET_RELEASED");
            log.warn("sale {}: cannot tell whether a wallet payment is held; the next start tries again", sale.reference());
            return sale;
        }
        terminal.cancelPending();
        journal.step(sale, SaleStep.VOID_REQUESTED, FailureReason.RECOVERED_AFTER_RESTART.name());
        DeviceOutcome v = terminal.voidAuthorization(sale.id());
        if (v.ok()) {
            journal.step(sale, SaleStep.VOIDED, "AUTHORIZATION_RELEASED");
            return cancel(sale, "AUTHORIZATION_RELEASED");
        }
        DeviceFault fault = ((DeviceOutcome.Failed) v).fault();
        if (fault == DeviceFault.NOT_READY || fault == DeviceFault.SESSION_LOST) {
            return cancel(sale, "NO_AUTHORIZATION_HELD");
        }
        journal.step(sale, SaleStep.VOID_FAILED, fault.name());
        log.warn("sale {}: cannot tell whether a payment is held ({}); the next start tries again", sale.reference(), fault);
        return sale;
    }

    /** Why the money goes back: what the journal says led to the void, else the restart itself. */
    private static FailureReason voidReason(List<JournalEntry> entries, JournalEntry last) {
        switch (last.step()) {
            case FULFILMENT_REJECTED:
                return FailureReason.RENEWAL_REJECTED;
            case FULFILMENT_UNAVAILABLE:
                return FailureReason.UPSTREAM_UNAVAILABLE;
            case VOID_REQUESTED:
            case VOID_FAILED:
                for (int i = entries.size() - 1; i >= 0; i--) {
                    JournalEntry e = entries.get(i);
                    if (e.step() == SaleStep.VOID_REQUESTED) return reason(e.detail());
                }
                return FailureReason.RECOVERED_AFTER_RESTART;
            default:
                return FailureReason.RECOVERED_AFTER_RESTART;
        }
    }

    private static FailureReason reason(String name) {
        for (FailureReason r : FailureReason.values()) {
            if (r.name().equals(name)) return r;
        }
        return FailureReason.RECOVERED_AFTER_RESTART;
    }

    /**
     * The customer's paper for a sale whose last paper step is missing or was interrupted: a refund slip is
     * printed now; a receipt (of a delivered sale, or of a renewal or new SIM sold offline: see
     * {@link RecoveryRules#soldOffline}) is kept for reprint (the
     * customer has gone; staff reprint it on request). A new eSIM's activation code still in the journal after
     * its receipt was printed is masked (the kiosk stopped between the two).
     */
    private Paper paper(Sale sale) {
        SaleState s = sale.state();
        List<JournalEntry> entries = journal.entries(sale.id());
        boolean slip = Checkout.needsRefundSlip(sale);
        boolean receipt = s == SaleState.COMPLETED || s == SaleState.FULFILLED
                || RecoveryRules.soldOffline(sale.kind(), s, entries);
        if (!slip && !receipt) return Paper.NONE;
        Optional<JournalEntry> lastPaper = entries.stream()
                .filter(e -> e.step() == SaleStep.RECEIPT_REQUESTED || e.step() == SaleStep.RECEIPT_PRINTED
                        || e.step() == SaleStep.RECEIPT_FAILED)
                .reduce((a, b) -> b);
        if (sale.kind() == SaleKind.NEW_ESIM && lastPaper.map(e -> e.step() == SaleStep.RECEIPT_PRINTED).orElse(false)
                && journal.activationCode(sale.id()).isPresent()) {
            // the receipt with the code was printed, the kiosk stopped before masking it: the code is shown once
            journal.maskActivationCode(sale, SaleStep.ESIM_CODE_MASKED, "receipt printed before the restart");
        }
        if (lastPaper.isPresent() && lastPaper.get().step() != SaleStep.RECEIPT_REQUESTED) return Paper.NONE;
        String why = lastPaper.isPresent() ? "INTERRUPTED" : "NOT_PRINTED";
        if (slip) {
            ReceiptOutcome printed = checkout.printReceipt(sale.id(), sale.language());
            return printed instanceof ReceiptOutcome.Printed ? Paper.PRINTED : Paper.KEPT_FOR_REPRINT;
        }
        journal.step(sale, SaleStep.RECEIPT_FAILED, why);
        return Paper.KEPT_FOR_REPRINT;
    }
}
