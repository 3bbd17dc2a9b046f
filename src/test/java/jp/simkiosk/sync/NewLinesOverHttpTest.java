package jp.simkiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import jp.simkiosk.application.port.Upstream.ActivationResult;
import jp.simkiosk.application.port.Upstream.CancelResult;
import jp.simkiosk.application.port.Upstream.EsimResult;
import jp.simkiosk.application.port.Upstream.LookupResult;
import jp.simkiosk.application.port.Upstream.RejectReason;
import jp.simkiosk.application.port.Upstream.RenewalResult;
import jp.simkiosk.backoffice.BackOfficeStore.StoredNewLine;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.plan.LineForm;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.testutil.LogCapture;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New SIM activations, eSIM issues and cancellations between the kiosk's {@code HttpUpstream} and the reference
 * back office on loopback: idempotent by sale id, kept in the back office's database, the new line renewable
 * by its ICCID until cancelled, and the activation code never in either side's log.
 */
class NewLinesOverHttpTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            ZoneId.of("Asia/Tokyo"));
    private BackOfficeFixture backOffice;
    private KioskSide kiosk;

    @BeforeEach
    void start() throws Exception {
        backOffice = new BackOfficeFixture(dir, clock);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new UpstreamContractTest.RecordingDeferredFulfilments());
    }

    @AfterEach
    void stop() {
        kiosk.close();
        backOffice.close();
    }

    static Iccid newCard(int serial) {
        String payload = "898110300077" + String.format("%06d", serial);
        return new Iccid(payload + Luhn.checkDigit(payload));
    }

    @Test
    void anActivatedSimIsALineUntilItsActivationIsCancelled() {
        SaleId sale = SaleId.random();
        Iccid card = newCard(1);

        ActivationResult first = kiosk.upstream.activateSim(sale, card, "new-sim-5gb-8d");
        assertThat(first).isEqualTo(new ActivationResult.Activated(clock.instant().plus(Duration.ofDays(8))));
        clock.advance(Duration.ofMinutes(3));
        assertThat(kiosk.upstream.activateSim(sale, card, "new-sim-5gb-8d")).as("asked again").isEqualTo(first);

        LookupResult found = kiosk.upstream.lookUp(card);
        assertThat(found).isInstanceOf(LookupResult.Found.class);
        LookupResult.Found line = (LookupResult.Found) found;
        assertThat(line.status().form()).isEqualTo(LineForm.PHYSICAL_SIM);
        assertThat(line.status().renewable()).isTrue();
        assertThat(line.status().expiry()).contains(((ActivationResult.Activated) first).expiry());
        assertThat(kiosk.upstream.applyRenewal(SaleId.random(), card, "renew-sim-1gb-3d"))
                .isInstanceOf(RenewalResult.Applied.class);

        assertThat(kiosk.upstream.cancelActivation(sale)).isEqualTo(new CancelResult.Cancelled());
        assertThat(kiosk.upstream.lookUp(card)).isEqualTo(new LookupResult.NotFound());
        assertThat(kiosk.upstream.cancelActivation(sale)).as("cancelled twice").isEqualTo(new CancelResult.Cancelled());
        assertThat(kiosk.upstream.cancelActivation(SaleId.random())).as("nothing to cancel")
                .isEqualTo(new CancelResult.Cancelled());
        assertThat(backOffice.store.newLineOf(sale.value())).get().extracting(StoredNewLine::outcome)
                .isEqualTo(StoredNewLine.CANCELLED);
    }

    @Test
    void activationsThatCannotBeDoneAreRejectedAndStayRejected() {
        SaleId esimPlan = SaleId.random();
        assertThat(kiosk.upstream.activateSim(esimPlan, newCard(2), "new-esim-3gb-8d"))
                .isEqualTo(new ActivationResult.Rejected(RejectReason.PLAN_NOT_ALLOWED));
        assertThat(kiosk.upstream.activateSim(SaleId.random(), newCard(3), "new-sim-voice-10gb-30d"))
                .as("needs an identity check").isEqualTo(new ActivationResult.Rejected(RejectReason.PLAN_NOT_ALLOWED));
        assertThat(kiosk.upstream.activateSim(SaleId.random(), new Iccid("8981102000004182366"), "new-sim-5gb-8d"))
                .as("a card that is a line already").isEqualTo(new ActivationResult.Rejected(RejectReason.OTHER));
        assertThat(kiosk.upstream.activateSim(esimPlan, newCard(2), "new-sim-5gb-8d"))
                .as("the same sale asked again with a good plan").isEqualTo(new ActivationResult.Rejected(RejectReason.PLAN_NOT_ALLOWED));
        assertThat(kiosk.upstream.lookUp(newCard(2))).isEqualTo(new LookupResult.NotFound());

        backOffice.down();
        assertThat(kiosk.upstream.activateSim(SaleId.random(), newCard(4), "new-sim-5gb-8d"))
                .isEqualTo(new ActivationResult.Unavailable());
    }

    @Test
    void anEsimCodeRoundTripsIsAnsweredAgainAfterARestartAndIsNeverLogged() throws Exception {
        SaleId sale = SaleId.random();
        EsimResult.Issued issued;
        EsimResult again;
        try (LogCapture logs = new LogCapture()) {
            EsimResult r = kiosk.upstream.issueEsim(sale, "new-esim-3gb-8d");
            assertThat(r).isInstanceOf(EsimResult.Issued.class);
            issued = (EsimResult.Issued) r;
            again = kiosk.upstream.issueEsim(sale, "new-esim-3gb-8d");
            assertThat(kiosk.upstream.issueEsim(SaleId.random(), "new-sim-5gb-8d"))
                    .isEqualTo(new EsimResult.Rejected(RejectReason.PLAN_NOT_ALLOWED));

            assertThat(logs.messages()).anySatisfy(m -> assertThat(m).contains("eSIM issue of sale " + sale));
            assertThat(logs.messages()).noneSatisfy(m -> assertThat(m).contains(issued.code().matchingId()));
        }
        assertThat(issued.code().smdpAddress()).isEqualTo("rsp.backoffice.sim-kiosk.example");
        assertThat(issued.code().matchingId()).matches("([A-Z2-9]{4}-){4}[A-Z2-9]{4}");
        assertThat(issued.expiry()).isEqualTo(clock.instant().plus(Duration.ofDays(8)));
        assertThat(again).isEqualTo(issued);
        StoredNewLine stored = backOffice.store.newLineOf(sale.value()).orElseThrow();
        assertThat(stored.matchingId()).contains(issued.code().matchingId());
        assertThat(stored.toString()).doesNotContain(issued.code().matchingId());

        LookupResult profile = kiosk.upstream.lookUp(issued.iccid());
        assertThat(profile).isInstanceOf(LookupResult.Found.class);
        assertThat(((LookupResult.Found) profile).status().form()).isEqualTo(LineForm.ESIM);

        // the back office process restarts on the same database: the same sale gets the same code
        kiosk.close();
        backOffice.close();
        backOffice = new BackOfficeFixture(dir, clock);
        kiosk = new KioskSide(dir.resolve("kiosk/sales.db"), backOffice.baseUrl(), clock, Duration.ofSeconds(2),
                new UpstreamContractTest.RecordingDeferredFulfilments());
        assertThat(kiosk.upstream.issueEsim(sale, "new-esim-3gb-8d")).isEqualTo(issued);
        EsimResult second = kiosk.upstream.issueEsim(SaleId.random(), "new-esim-unlimited-7d");
        assertThat(((EsimResult.Issued) second).iccid()).isNotEqualTo(issued.iccid());
        assertThat(((EsimResult.Issued) second).code()).isNotEqualTo(issued.code());
    }

    @Test
    void aProfileThatNeedsAConfirmationCodeBringsItBesideTheActivationCodeAndAgainOnARepeat() throws Exception {
        backOffice.server().esimConfirmationCodes(true);
        SaleId sale = SaleId.random();
        EsimResult.Issued issued;
        try (LogCapture logs = new LogCapture()) {
            issued = (EsimResult.Issued) kiosk.upstream.issueEsim(sale, "new-esim-3gb-8d");
            String confirmation = issued.code().confirmationCode().orElseThrow();
            assertThat(confirmation).matches("[0-9]{6}");
            assertThat(issued.code().qrText()).endsWith("$$1").doesNotContain(confirmation);
            assertThat(logs.messages()).noneSatisfy(m -> assertThat(m).contains(issued.code().matchingId()));
        }
        assertThat(kiosk.upstream.issueEsim(sale, "new-esim-3gb-8d")).as("a repeat answers the same").isEqualTo(issued);
        assertThat(backOffice.store.newLineOf(sale.value()).orElseThrow().confirmationCode())
                .isEqualTo(issued.code().confirmationCode());

        backOffice.server().esimConfirmationCodes(false);
        EsimResult.Issued plain = (EsimResult.Issued) kiosk.upstream.issueEsim(SaleId.random(), "new-esim-3gb-8d");
        assertThat(plain.code().confirmationCodeRequired()).isFalse();
        assertThat(plain.code().qrText()).doesNotContain("$$");
    }
}
