package jp.simkiosk.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;

/**
 * The recovery table is complete and unambiguous: every journal step has its place (a row, or declared a paper,
 * marker or ending step), no two rows claim the same sale, and no row acts on a sale that has ended.
 */
class RecoveryRulesTest {

    @Test
    void everyStepIsPlacedSoThatANewStepCannotBeForgotten() {
        Set<SaleStep> placed = EnumSet.noneOf(SaleStep.class);
        placed.addAll(RecoveryRules.NOT_DECISIVE);
        placed.addAll(RecoveryRules.ENDING);
        RecoveryRules.RULES.stream()
                .filter(r -> r.action() != RecoveryAction.BACK_OFFICE) // that row takes any step, by design
                .forEach(r -> placed.addAll(r.lastSteps()));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(placed)))
                .as("steps with no recovery rule: add rows to RecoveryRules and docs/decisions/0005").isEmpty();
    }

    @Test
    void noTwoRowsClaimTheSameSale() {
        List<String> clashes = new ArrayList<>();
        for (SaleKind kind : SaleKind.values()) {
            for (SaleState state : SaleState.values()) {
                for (SaleStep step : SaleStep.values()) {
                    long rows = RecoveryRules.RULES.stream().filter(r -> r.kinds().contains(kind) && r.state() == state
                            && r.lastSteps().contains(step)).count();
                    if (rows > 1) clashes.add(kind + "/" + state + "/" + step);
                }
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void noRowActsOnAnEndedSaleAndPaperStepsNeverDecide() {
        assertThat(RecoveryRules.RULES).allSatisfy(r -> assertThat(r.state().isFinal()).isFalse());
        assertThat(RecoveryRules.RULES).allSatisfy(r -> assertThat(r.lastSteps()).doesNotContainAnyElementsOf(
                RecoveryRules.NOT_DECISIVE));
    }

    @Test
    void theTableSaysWhatTheRecordSays() {
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.CREATED, SaleStep.OPENED)).isEqualTo(RecoveryAction.CANCEL);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.CREATED, SaleStep.PAYMENT_REQUESTED))
                .isEqualTo(RecoveryAction.VOID_BY_SALE_ID);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.PAID, SaleStep.PAYMENT_APPROVED)).isEqualTo(RecoveryAction.VOID);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.PAID, SaleStep.FULFILMENT_REQUESTED))
                .isEqualTo(RecoveryAction.ASK_UPSTREAM_AGAIN);
        assertThat(RecoveryRules.actionFor(SaleKind.NEW_SIM, SaleState.PAID, SaleStep.FULFILMENT_REQUESTED))
                .as("asking upstream again is the renewal's; a new SIM has its own rows").isEqualTo(RecoveryAction.LEAVE_FOR_OPERATOR);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.FULFILLED, SaleStep.CAPTURE_FAILED))
                .isEqualTo(RecoveryAction.COMPLETE_CHARGE);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.PAID, SaleStep.FULFILMENT_DEFERRED))
                .isEqualTo(RecoveryAction.CONFIRM_DEFERRED_CHARGE);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.PAID, SaleStep.CAPTURED))
                .isEqualTo(RecoveryAction.AWAIT_UPSTREAM);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.REFUND_PENDING, SaleStep.REFUND_PENDING))
                .isEqualTo(RecoveryAction.BACK_OFFICE);
        assertThat(RecoveryRules.actionFor(SaleKind.RENEWAL, SaleState.PAID, SaleStep.OPENED))
                .isEqualTo(RecoveryAction.LEAVE_FOR_OPERATOR);
    }
}
