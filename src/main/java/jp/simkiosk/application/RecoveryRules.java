package jp.simkiosk.application;

import static jp.simkiosk.application.port.SaleStep.ACTIVATED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_CANCELLED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_CANCEL_FAILED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_CANCEL_QUEUED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_CANCEL_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_DEFERRED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_REJECTED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.ACTIVATION_UNAVAILABLE;
import static jp.simkiosk.application.port.SaleStep.CANCELLED;
import static jp.simkiosk.application.port.SaleStep.CAPTURED;
import static jp.simkiosk.application.port.SaleStep.CAPTURE_FAILED;
import static jp.simkiosk.application.port.SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE;
import static jp.simkiosk.application.port.SaleStep.CAPTURE_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.ESIM_CODE_ISSUED;
import static jp.simkiosk.application.port.SaleStep.ESIM_CODE_MASKED;
import static jp.simkiosk.application.port.SaleStep.ESIM_CODE_REJECTED;
import static jp.simkiosk.application.port.SaleStep.ESIM_CODE_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.ESIM_CODE_UNAVAILABLE;
import static jp.simkiosk.application.port.SaleStep.FULFILLED;
import static jp.simkiosk.application.port.SaleStep.FULFILMENT_DEFERRED;
import static jp.simkiosk.application.port.SaleStep.FULFILMENT_REJECTED;
import static jp.simkiosk.application.port.SaleStep.FULFILMENT_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.FULFILMENT_UNAVAILABLE;
import static jp.simkiosk.application.port.SaleStep.OPENED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_APPROVED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_CANCELLED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_DECLINED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_DEVICE_ERROR;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_EXPIRED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_TIMED_OUT;
import static jp.simkiosk.application.port.SaleStep.PAYMENT_UNAVAILABLE;
import static jp.simkiosk.application.port.SaleStep.RECEIPT_FAILED;
import static jp.simkiosk.application.port.SaleStep.RECEIPT_PRINTED;
import static jp.simkiosk.application.port.SaleStep.RECEIPT_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.RECOVERY_STARTED;
import static jp.simkiosk.application.port.SaleStep.REFUNDED;
import static jp.simkiosk.application.port.SaleStep.REFUND_FAILED;
import static jp.simkiosk.application.port.SaleStep.REFUND_PENDING;
import static jp.simkiosk.application.port.SaleStep.SIM_CAPTURED;
import static jp.simkiosk.application.port.SaleStep.SIM_CAPTURE_FAILED;
import static jp.simkiosk.application.port.SaleStep.SIM_CAPTURE_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.SIM_DISPENSED;
import static jp.simkiosk.application.port.SaleStep.SIM_DISPENSE_FAILED;
import static jp.simkiosk.application.port.SaleStep.SIM_DISPENSE_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.SIM_NOT_TAKEN;
import static jp.simkiosk.application.port.SaleStep.SIM_PRESENT_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.SIM_READ;
import static jp.simkiosk.application.port.SaleStep.SIM_READ_FAILED;
import static jp.simkiosk.application.port.SaleStep.SIM_TAKEN;
import static jp.simkiosk.application.port.SaleStep.VOIDED;
import static jp.simkiosk.application.port.SaleStep.VOID_FAILED;
import static jp.simkiosk.application.port.SaleStep.VOID_REQUESTED;
import static jp.simkiosk.application.port.SaleStep.WALLET_QR_SHOWN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;

/**
 * The recovery table: for a sale left in flight, its state and its last decisive journal step choose the
 * {@link RecoveryAction}. The same table is written out in docs/decisions/0005-crash-recovery-rules.md; a new step
 * or kind of sale adds rows here and there (RecoveryRulesTest fails until every step has its place).
 * A state and step with no row are left for the operator: never guessed.
 */
public final class RecoveryRules {

    private static final Set<SaleKind> ANY = EnumSet.allOf(SaleKind.class);

    /** Steps that say nothing about money or goods: recovery looks past them to find the decisive step. */
    public static final Set<SaleStep> NOT_DECISIVE =
            EnumSet.of(RECEIPT_REQUESTED, RECEIPT_PRINTED, RECEIPT_FAILED, RECOVERY_STARTED, ESIM_CODE_MASKED);

    /**
     * Steps written as a sale ends or passes to the back office (REFUND_PENDING), or, for VOIDED, as recovery
     * releases an unjournaled authorization just before it cancels: where a sale in flight can end with one, a
     * row says so.
     */
    public static final Set<SaleStep> ENDING = EnumSet.of(CANCELLED, CAPTURED, VOIDED, REFUND_PENDING, REFUNDED,
            REFUND_FAILED);

    /** One row: a sale of one of {@code kinds} in {@code state} whose last decisive step is one of {@code lastSteps}. */
    public record Rule(Set<SaleKind> kinds, SaleState state, Set<SaleStep> lastSteps, RecoveryAction action) {
        public Rule {
            kinds = Set.copyOf(kinds);
            Objects.requireNonNull(state);
            lastSteps = Set.copyOf(lastSteps);
            Objects.requireNonNull(action);
        }
    }

    /** The rows, in the order of the ADR's table. */
    public static final List<Rule> RULES = List.of(
            new Rule(ANY, SaleState.CREATED,
                    EnumSet.of(OPENED, PAYMENT_DECLINED, PAYMENT_CANCELLED, PAYMENT_TIMED_OUT, PAYMENT_EXPIRED,
                            PAYMENT_UNAVAILABLE, VOIDED),
                    RecoveryAction.CANCEL),
            new Rule(ANY, SaleState.CREATED,
                    EnumSet.of(PAYMENT_REQUESTED, WALLET_QR_SHOWN, PAYMENT_DEVICE_ERROR, VOID_REQUESTED, VOID_FAILED),
                    RecoveryAction.VOID_BY_SALE_ID),
            new Rule(ANY, SaleState.PAID,
                    EnumSet.of(PAYMENT_APPROVED, FULFILMENT_REJECTED, FULFILMENT_UNAVAILABLE, ESIM_CODE_REJECTED,
                            ESIM_CODE_UNAVAILABLE, VOID_REQUESTED, VOID_FAILED),
                    RecoveryAction.VOID),
            new Rule(EnumSet.of(SaleKind.RENEWAL), SaleState.PAID, EnumSet.of(FULFILMENT_REQUESTED),
                    RecoveryAction.ASK_UPSTREAM_AGAIN),
            // a new SIM on its way: wherever it is, it goes to the reject bin and the money back
            new Rule(EnumSet.of(SaleKind.NEW_SIM), SaleState.PAID,
                    EnumSet.of(SIM_PRESENT_REQUESTED, SIM_READ, SIM_READ_FAILED, ACTIVATION_REQUESTED, ACTIVATED,
                            ACTIVATION_REJECTED, ACTIVATION_UNAVAILABLE, ACTIVATION_DEFERRED, SIM_DISPENSE_REQUESTED,
                            SIM_DISPENSED, SIM_DISPENSE_FAILED, SIM_NOT_TAKEN, SIM_CAPTURE_REQUESTED, SIM_CAPTURED,
                            SIM_CAPTURE_FAILED, ACTIVATION_CANCEL_REQUESTED, ACTIVATION_CANCELLED,
                            ACTIVATION_CANCEL_FAILED, ACTIVATION_CANCEL_QUEUED),
                    RecoveryAction.RETRIEVE_SIM_AND_VOID),
            // a new eSIM whose code never reached the customer: whatever profile upstream made is cancelled (again)
            new Rule(EnumSet.of(SaleKind.NEW_ESIM), SaleState.PAID,
                    EnumSet.of(ESIM_CODE_REQUESTED, ACTIVATION_CANCEL_QUEUED, ACTIVATION_CANCEL_REQUESTED,
                            ACTIVATION_CANCELLED, ACTIVATION_CANCEL_FAILED),
                    RecoveryAction.CANCEL_ESIM_AND_VOID),
            // sold offline (a renewal's FULFILMENT_DEFERRED, a new SIM taken while its activation was deferred): the
            // charge is confirmed while the sale stays PAID for the outbox
            new Rule(EnumSet.of(SaleKind.RENEWAL, SaleKind.NEW_SIM), SaleState.PAID,
                    EnumSet.of(FULFILMENT_DEFERRED, SIM_TAKEN, CAPTURE_REQUESTED, CAPTURE_FAILED),
                    RecoveryAction.CONFIRM_DEFERRED_CHARGE),
            // … its charge confirmed, or left to the back office (the reader lost its session): the outbox settles it
            new Rule(EnumSet.of(SaleKind.RENEWAL, SaleKind.NEW_SIM), SaleState.PAID,
                    EnumSet.of(CAPTURED, CAPTURE_LEFT_TO_BACK_OFFICE), RecoveryAction.AWAIT_UPSTREAM),
            // delivered (a renewal applied, a SIM taken, an eSIM code issued): the charge stands
            new Rule(ANY, SaleState.FULFILLED,
                    EnumSet.of(FULFILLED, SIM_TAKEN, ESIM_CODE_ISSUED, CAPTURE_REQUESTED, CAPTURE_FAILED),
                    RecoveryAction.COMPLETE_CHARGE),
            // delivered, and the reader can no longer complete the charge: the back office's, an operator resolves it
            new Rule(ANY, SaleState.FULFILLED, EnumSet.of(CAPTURE_LEFT_TO_BACK_OFFICE), RecoveryAction.BACK_OFFICE),
            new Rule(ANY, SaleState.REFUND_PENDING, decisiveSteps(), RecoveryAction.BACK_OFFICE));

    private RecoveryRules() {}

    /** The action for a sale of {@code kind} in {@code state} whose last decisive step is {@code lastStep}. */
    public static RecoveryAction actionFor(SaleKind kind, SaleState state, SaleStep lastStep) {
        return RULES.stream()
                .filter(r -> r.kinds().contains(kind) && r.state() == state && r.lastSteps().contains(lastStep))
                .map(Rule::action)
                .findFirst()
                .orElse(RecoveryAction.LEAVE_FOR_OPERATOR);
    }

    /**
     * Whether a sale was sold while upstream could not be reached and is waiting for it: a renewal whose
     * fulfilment was deferred, or a new SIM the customer took while its activation was deferred. The goods went
     * to the customer and the charge stands (confirmed, or being confirmed) while the sale stays PAID until
     * upstream's answer settles it, so its paper is a receipt. One notion, read off the table rather than a list
     * of steps of its own: a PAID sale whose last decisive step calls for {@link RecoveryAction#CONFIRM_DEFERRED_CHARGE}
     * or {@link RecoveryAction#AWAIT_UPSTREAM}.
     */
    public static boolean soldOffline(SaleKind kind, SaleState state, List<JournalEntry> entries) {
        if (state != SaleState.PAID) return false;
        return lastDecisive(entries)
                .map(e -> actionFor(kind, state, e.step()))
                .filter(a -> a == RecoveryAction.CONFIRM_DEFERRED_CHARGE || a == RecoveryAction.AWAIT_UPSTREAM)
                .isPresent();
    }

    /** The last step of a sale's journal that is not a receipt or recovery marker. */
    public static Optional<JournalEntry> lastDecisive(List<JournalEntry> entries) {
        List<JournalEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);
        return reversed.stream().filter(e -> !NOT_DECISIVE.contains(e.step())).findFirst();
    }

    private static Set<SaleStep> decisiveSteps() {
        EnumSet<SaleStep> all = EnumSet.allOf(SaleStep.class);
        all.removeAll(NOT_DECISIVE);
        return all;
    }
}
