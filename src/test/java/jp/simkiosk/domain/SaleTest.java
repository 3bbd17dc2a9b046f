package jp.simkiosk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.DataAllowance;
import jp.simkiosk.domain.plan.ExpiryRule;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.plan.PlanKind;
import jp.simkiosk.domain.plan.RenewalRule;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.IllegalSaleTransition;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import org.junit.jupiter.api.Test;

class SaleTest {

    static final Instant NOW = Instant.parse("2026-11-25T05:00:00Z");
    static final CardApproval CARD = new CardApproval("VISA", "**** **** **** 4242", "A1B2C3");

    static Sale newSale() {
        return Sale.open(SaleId.random(), "K1-000001", SaleKind.RENEWAL, Optional.of(new MobileNumber("09012345678")),
                "renew-3gb", "3 GB", Yen.of(600), TaxRate.STANDARD_10, Language.EN, NOW, Optional.empty(),
                Optional.of(NOW.plus(Duration.ofDays(3))));
    }

    static Plan plan(RenewalRule rule, int days) {
        return new Plan("p1", PlanKind.RENEW_SIM, DataAllowance.gigabytes(3), days, OptionalInt.empty(), OptionalInt.empty(),
                Yen.of(600), TaxRate.STANDARD_10, rule, false, true, LocalizedText.same("x"), LocalizedText.same("y"));
    }

    @Test
    void happyPathGoesThroughEveryState() {
        Sale s = newSale();
        assertThat(s.state()).isEqualTo(SaleState.CREATED);
        s = s.paid(CARD);
        assertThat(s.state()).isEqualTo(SaleState.PAID);
        assertThat(s.state().holdsMoney()).isTrue();
        s = s.fulfilled(NOW.plus(Duration.ofDays(5)));
        assertThat(s.newExpiry()).contains(NOW.plus(Duration.ofDays(5)));
        s = s.completed();
        assertThat(s.state()).isEqualTo(SaleState.COMPLETED);
        assertThat(s.state().isFinal()).isTrue();
        assertThat(s.payment()).contains(CARD);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Sale s = newSale();
        assertThatThrownBy(s::completed).isInstanceOf(IllegalSaleTransition.class);
        assertThatThrownBy(() -> s.fulfilled(NOW)).isInstanceOf(IllegalSaleTransition.class);
        assertThatThrownBy(() -> s.voided(FailureReason.RENEWAL_REJECTED)).isInstanceOf(IllegalSaleTransition.class);
        Sale paid = s.paid(CARD);
        assertThatThrownBy(() -> paid.cancelled(FailureReason.CUSTOMER_CANCELLED)).isInstanceOf(IllegalSaleTransition.class);
        Sale voided = paid.voided(FailureReason.RENEWAL_REJECTED);
        assertThat(voided.failure()).contains(FailureReason.RENEWAL_REJECTED);
        assertThatThrownBy(() -> voided.paid(CARD)).isInstanceOf(IllegalSaleTransition.class);
        assertThat(paid.refundPending(FailureReason.VOID_FAILED).refunded().state()).isEqualTo(SaleState.REFUNDED);
    }

    @Test
    void everyNonFinalStateHasAWayOut() {
        for (SaleState st : SaleState.values()) {
            assertThat(st.isFinal() || !st.next().isEmpty()).isTrue();
        }
        assertThat(SaleState.CREATED.canMoveTo(SaleState.PAID)).isTrue();
        assertThat(SaleState.COMPLETED.next()).isEmpty();
    }

    @Test
    void cardApprovalNeverHoldsMoreThanFourDigits() {
        assertThatThrownBy(() -> new CardApproval("VISA", "4111 1111 1111 1111", "123456"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardApproval("VISA", "41111", "123456")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void salesOfFiftyThousandYenOrMoreAreRefused() {
        assertThatThrownBy(() -> Sale.open(SaleId.random(), "K1-1", SaleKind.RENEWAL, Optional.empty(), "p", "p",
                Yen.of(50_000), TaxRate.STANDARD_10, Language.JA, NOW, Optional.empty(), Optional.empty()))
                .hasMessageContaining("revenue stamp");
    }

    @Test
    void stackingRenewalAddsToAStillValidExpiry() {
        Instant current = NOW.plus(Duration.ofDays(2));
        assertThat(ExpiryRule.newExpiry(plan(RenewalRule.STACK, 30), Optional.of(current), NOW))
                .isEqualTo(current.plus(Duration.ofDays(30)));
    }

    @Test
    void stackingRenewalOfALapsedLineStartsNow() {
        Instant lapsed = NOW.minus(Duration.ofDays(1));
        assertThat(ExpiryRule.newExpiry(plan(RenewalRule.STACK, 3), Optional.of(lapsed), NOW))
                .isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(ExpiryRule.newExpiry(plan(RenewalRule.STACK, 3), Optional.empty(), NOW))
                .isEqualTo(NOW.plus(Duration.ofDays(3)));
    }

    @Test
    void startNowRenewalReplacesRemainingValidity() {
        Instant current = NOW.plus(Duration.ofDays(10));
        assertThat(ExpiryRule.newExpiry(plan(RenewalRule.START_NOW, 1), Optional.of(current), NOW))
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
    }
}
