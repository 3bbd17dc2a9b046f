package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.port.JournalUnavailableException;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A journal that fails SQLite's integrity check at start — pages overwritten, or a file that is no database at
 * all — is moved aside (byte for byte, never deleted), the kiosk starts on a fresh journal and stays out of
 * service with an alarm for the operator: no sale opens until someone has looked.
 */
class JournalSetAsideTest {

    enum Damage { PAGES_OVERWRITTEN, NOT_A_DATABASE }

    @TempDir
    Path data;

    private final Clock clock = Clock.systemUTC();

    @ParameterizedTest
    @EnumSource(Damage.class)
    void anUnsoundJournalIsSetAsideAndTheKioskStartsOutOfService(Damage damage) throws Exception {
        try (KioskAssembly kiosk = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            for (int i = 0; i < 3; i++) CrashScenario.HAPPY.play(kiosk);
            assertThat(kiosk.journal().recent(10)).hasSize(3);
        }
        Path db = data.resolve("journal").resolve("sales.db");
        byte[] damaged = damage(Files.readAllBytes(db), damage);
        Files.write(db, damaged);

        try (KioskAssembly kiosk = KioskAssembly.build(TestKiosks.demo(data, clock), clock)) {
            List<Path> aside;
            try (Stream<Path> files = Files.list(db.getParent())) {
                aside = files.filter(p -> p.getFileName().toString().startsWith("set-aside-")).toList();
            }
            assertThat(aside).hasSize(1);
            assertThat(aside.get(0).resolve("sales.db")).hasBinaryContent(damaged);
            assertThat(kiosk.journal().integrityCheck()).isTrue();
            assertThat(kiosk.journal().recent(10)).isEmpty();
            assertThat(kiosk.serviceMonitor().current().inService()).isFalse();
            assertThat(kiosk.serviceMonitor().current().alarms()).extracting(Alarm::kind)
                    .containsExactly(Alarm.Kind.JOURNAL_SET_ASIDE);
            LineLookup.Renewable line = (LineLookup.Renewable) kiosk.renewals().lookUp(LineId.parseNormalized("09012345678"));
            PlanOffer offer = line.offers().stream().filter(PlanOffer::sellable).findFirst().orElseThrow();
            assertThatThrownBy(() -> kiosk.renewals().open(kiosk.renewals().quote(line.status(), offer.plan()), Language.JA))
                    .isInstanceOf(JournalUnavailableException.class);
            assertThat(kiosk.journal().recent(10)).isEmpty();
        }
    }

    /** Overwrites every page after the first (the schema), or the file header. */
    private static byte[] damage(byte[] file, Damage damage) {
        byte[] out = file.clone();
        if (damage == Damage.NOT_A_DATABASE) {
            Arrays.fill(out, 0, 100, (byte) 0x5A);
            return out;
        }
        int pageSize = Short.toUnsignedInt(ByteBuffer.wrap(file, 16, 2).getShort());
        assertThat(out.length).isGreaterThan(2 * pageSize);
        Arrays.fill(out, pageSize, out.length, (byte) 0xA5);
        return out;
    }
}
