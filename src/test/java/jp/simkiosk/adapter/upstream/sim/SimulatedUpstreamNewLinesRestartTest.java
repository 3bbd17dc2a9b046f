package jp.simkiosk.adapter.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.simkiosk.app.config.ConfigLoader;
import jp.simkiosk.application.port.EventSink.Delivery;
import jp.simkiosk.application.port.Outbox.Outcome;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.Upstream.ActivationResult;
import jp.simkiosk.application.port.Upstream.CancelResult;
import jp.simkiosk.application.port.Upstream.EsimResult;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RejectReason;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated back office keeps its new lines in its state file, written before each answer: a new instance on
 * the same file (the kiosk restarted) answers a repeated activation, eSIM issue or refusal the same — the same
 * activation code —, still knows the new lines and their renewals, and a cancelled line stays gone.
 */
class SimulatedUpstreamNewLinesRestartTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T01:00:00Z"), ZoneId.of("Asia/Tokyo"));
    private List<Plan> plans;
    private List<LineStatus> demoLines;
    private Path stateFile;

    @BeforeEach
    void read() throws Exception {
        plans = ConfigLoader.readPlans(Path.of("kiosk-config/plans.yaml"));
        demoLines = ConfigLoader.readDemoLines(Path.of("kiosk-config/demo-lines.yaml"), plans, clock.instant());
        stateFile = dir.resolve(SimulatedUpstream.STATE_FILE);
    }

    /** A new instance on the same state file: the kiosk process restarted. */
    private SimulatedUpstream restarted() {
        return new SimulatedUpstream(demoLines, () -> plans, clock, Duration.ZERO, stateFile);
    }

    private static Iccid card(int serial) {
        String payload = "898110300055" + String.format("%06d", serial);
        return new Iccid(payload + Luhn.checkDigit(payload));
    }

    @Test
    void everyNewLineAnswerIsOnFileBeforeItIsReturnedAndIsAnsweredTheSameAfterARestart() throws Exception {
        SaleId simSale = SaleId.random();
        SaleId esimSale = SaleId.random();
        SaleId refusedSim = SaleId.random();
        SaleId refusedEsim = SaleId.random();
        SaleId plannedRefusal = SaleId.random();
        SimulatedUpstream first = restarted();

        ActivationResult activated = first.activateSim(simSale, card(1), "new-sim-5gb-8d");
        assertThat(activated).isInstanceOf(ActivationResult.Activated.class);
        assertThat(Files.readString(stateFile, StandardCharsets.UTF_8)).as("written before the answer")
                .contains("activation." + simSale.value());
        EsimResult issued = first.issueEsim(esimSale, "new-esim-3gb-8d");
        assertThat(issued).isInstanceOf(EsimResult.Issued.class);
        String matchingId = ((EsimResult.Issued) issued).code().matchingId();
        assertThat(Files.readString(stateFile, StandardCharsets.UTF_8)).contains("esim." + esimSale.value())
                .as("the activation code is not written down").doesNotContain(matchingId);
        ActivationResult refused = first.activateSim(refusedSim, card(2), "new-esim-3gb-8d");
        assertThat(refused).isEqualTo(new ActivationResult.Rejected(RejectReason.PLAN_NOT_ALLOWED));
        EsimResult refusedIssue = first.issueEsim(refusedEsim, "new-sim-5gb-8d");
        first.rejectNextActivation(RejectReason.OTHER);
        assertThat(first.activateSim(plannedRefusal, card(3), "new-sim-5gb-8d"))
                .isEqualTo(new ActivationResult.Rejected(RejectReason.OTHER));
        Iccid profile = ((EsimResult.Issued) issued).iccid();
        clock.advance(Duration.ofDays(1));
        RenewalResult renewed = first.applyRenewal(SaleId.random(), profile, "renew-esim-3gb-30d");
        assertThat(renewed).isInstanceOf(RenewalResult.Applied.class);

        SimulatedUpstream second = restarted();
        assertThat(second.activateSim(simSale, card(1), "new-sim-5gb-8d")).isEqualTo(activated);
        assertThat(second.issueEsim(esimSale, "new-esim-3gb-8d")).as("the same code").isEqualTo(issued);
        assertThat(second.activateSim(refusedSim, card(2), "new-sim-5gb-8d")).isEqualTo(refused);
        assertThat(second.issueEsim(refusedEsim, "new-esim-3gb-8d")).isEqualTo(refusedIssue);
        assertThat(second.activateSim(plannedRefusal, card(3), "new-sim-5gb-8d"))
                .isEqualTo(new ActivationResult.Rejected(RejectReason.OTHER));
        assertThat(second.lookUp(card(1))).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.status().form()).isEqualTo(LineForm.PHYSICAL_SIM);
            assertThat(f.status().expiry()).contains(((ActivationResult.Activated) activated).expiry());
        });
        assertThat(second.lookUp(profile)).isInstanceOfSatisfying(LookupResult.Found.class, f -> {
            assertThat(f.status().form()).isEqualTo(LineForm.ESIM);
            assertThat(f.status().currentPlanId()).contains("renew-esim-3gb-30d");
            assertThat(f.status().expiry()).contains(((RenewalResult.Applied) renewed).newExpiry());
        });
        assertThat(second.lookUp(card(2))).isEqualTo(new LookupResult.NotFound());
        assertThat(second.activateSim(SaleId.random(), card(1), "new-sim-5gb-8d")).as("a card that is a line now")
                .isEqualTo(new ActivationResult.Rejected(RejectReason.OTHER));
        EsimResult another = second.issueEsim(SaleId.random(), "new-esim-3gb-8d");
        assertThat(((EsimResult.Issued) another).iccid()).as("the profile serial goes on").isNotEqualTo(profile);
    }

    @Test
    void aCancelledLineStaysGoneAfterARestart() {
        SaleId simSale = SaleId.random();
        SaleId esimSale = SaleId.random();
        SaleId deferredSale = SaleId.random();
        SimulatedUpstream first = restarted();
        ActivationResult activated = first.activateSim(simSale, card(10), "new-sim-5gb-8d");
        EsimResult issued = first.issueEsim(esimSale, "new-esim-3gb-8d");
        Iccid profile = ((EsimResult.Issued) issued).iccid();
        assertThat(first.applyRenewal(SaleId.random(), profile, "renew-esim-3gb-30d")).isInstanceOf(RenewalResult.Applied.class);
        // a SIM sold offline, activated from the outbox, whose cancellation the kiosk could only journal
        Delivery.Answered answered = (Delivery.Answered) first.deliver(List.of(
                event(1, SaleStep.ACTIVATION_DEFERRED, deferredSale, card(11)),
                event(2, SaleStep.ACTIVATION_CANCEL_FAILED, deferredSale, card(11))));
        assertThat(answered.results().values()).extracting(r -> r.outcome()).containsOnly(Outcome.ACCEPTED);
        assertThat(first.cancelActivation(simSale)).isEqualTo(new CancelResult.Cancelled());
        assertThat(first.cancelActivation(esimSale)).isEqualTo(new CancelResult.Cancelled());

        SimulatedUpstream second = restarted();
        assertThat(second.lookUp(card(10))).isEqualTo(new LookupResult.NotFound());
        assertThat(second.lookUp(profile)).isEqualTo(new LookupResult.NotFound());
        assertThat(second.lookUp(card(11))).isEqualTo(new LookupResult.NotFound());
        assertThat(second.activateSim(simSale, card(10), "new-sim-5gb-8d")).as("answered what was done")
                .isEqualTo(activated);
        assertThat(second.issueEsim(esimSale, "new-esim-3gb-8d")).isEqualTo(issued);
        assertThat(second.lookUp(card(10))).as("a repeat does not bring it back").isEqualTo(new LookupResult.NotFound());

        SimulatedUpstream third = restarted();
        assertThat(third.lookUp(card(10))).isEqualTo(new LookupResult.NotFound());
        assertThat(third.lookUp(profile)).isEqualTo(new LookupResult.NotFound());
    }

    private SaleEvent event(long sequence, SaleStep step, SaleId sale, Iccid card) {
        Sale s = Sale.open(sale, "SIM-00000" + sequence, SaleKind.NEW_SIM, Optional.of(card), "new-sim-5gb-8d",
                "5GB", Yen.of(2480), TaxRate.STANDARD_10, Language.EN, clock.instant(), Optional.empty(),
                Optional.empty());
        return new SaleEvent("00000000-0000-4000-8000-00000000010" + sequence, sequence, clock.instant(), step, "", s);
    }
}
