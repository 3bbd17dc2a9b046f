package jp.simkiosk.adapter.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.port.EventSink.Delivery;
import jp.simkiosk.application.port.Outbox.Outcome;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxRate;
import org.junit.jupiter.api.Test;

/** The simulated back office takes sale events like the real one: once by event id, deferred renewals applied. */
class SimulatedUpstreamEventsTest {

    private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

    private static SaleEvent event(long sequence, SaleStep step, String line, String plan) {
        Sale sale = Sale.open(SaleId.random(), "SIM-00000" + sequence, SaleKind.RENEWAL,
                Optional.of(new MobileNumber(line)), plan, plan, Yen.of(300), TaxRate.STANDARD_10, Language.EN, NOW,
                Optional.empty(), Optional.empty());
        return new SaleEvent("00000000-0000-4000-8000-00000000000" + sequence, sequence, NOW, step, "", sale);
    }

    @Test
    void acceptsOnceAnswersDuplicatesAndAppliesOrRefusesDeferredFulfilments() throws Exception {
        List<Plan> plans = ConfigLoader.readPlans(Path.of("kiosk-config/plans.yaml"));
        List<LineStatus> lines = ConfigLoader.readDemoLines(Path.of("kiosk-config/demo-lines.yaml"), plans, NOW);
        SimulatedUpstream upstream = new SimulatedUpstream(lines, () -> plans, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ZERO);
        SaleEvent opened = event(1, SaleStep.OPENED, "09012345678", "renew-sim-1gb-3d");
        SaleEvent deferred = event(2, SaleStep.FULFILMENT_DEFERRED, "09012345678", "renew-sim-1gb-3d");
        SaleEvent refused = event(3, SaleStep.FULFILMENT_DEFERRED, "07034567890", "renew-esim-3gb-30d");

        Delivery.Answered first = (Delivery.Answered) upstream.deliver(List.of(opened, deferred, refused));
        assertThat(first.results().get(opened.eventId()).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(first.results().get(deferred.eventId()).appliedExpiry())
                .contains(NOW.plus(Duration.ofDays(2 + 3)));
        assertThat(first.results().get(refused.eventId()).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(first.results().get(refused.eventId()).reason()).isEqualTo("LINE_NOT_RENEWABLE");

        Delivery.Answered again = (Delivery.Answered) upstream.deliver(List.of(opened, deferred, refused));
        assertThat(again.results().get(opened.eventId()).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.results().get(deferred.eventId()).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.results().get(deferred.eventId()).appliedExpiry())
                .isEqualTo(first.results().get(deferred.eventId()).appliedExpiry());
        assertThat(again.results().get(refused.eventId()).outcome()).isEqualTo(Outcome.REJECTED);

        upstream.setReachable(false);
        assertThat(upstream.deliver(List.of(opened))).isInstanceOf(Delivery.Failed.class);
    }
}
