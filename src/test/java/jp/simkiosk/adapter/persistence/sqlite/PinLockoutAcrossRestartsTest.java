package jp.simkiosk.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.simkiosk.application.operator.Operator;
import jp.simkiosk.application.operator.OperatorAccess;
import jp.simkiosk.application.operator.OperatorAccess.Attempt;
import jp.simkiosk.application.operator.OperatorRole;
import jp.simkiosk.application.operator.PinHash;
import jp.simkiosk.testutil.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PIN lockout outlives a restart or a power cut: each "start" below opens the journal file again and builds a
 * new {@link OperatorAccess} on it, which reads the count, the locks and a running lock back from the audit log.
 */
class PinLockoutAcrossRestartsTest {

    static final String PIN = "4821";
    static final List<Operator> STAFF = List.of(new Operator("Sato", OperatorRole.OPERATOR,
            PinHash.of(PIN, new SecureRandom())));

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();

    /** One run of the kiosk: the journal opened on the same file, a fresh access, then closed. */
    interface Run {
        void with(OperatorAccess access);
    }

    void start(Run run) {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir.resolve("sales.db"), clock)) {
            run.with(new OperatorAccess(STAFF, journal.operatorStore(), clock));
        }
    }

    static void wrong(OperatorAccess access, int times) {
        for (int n = 0; n < times; n++) {
            assertThat(access.enter("0000")).as("wrong PIN %d of %d", n + 1, times).isInstanceOf(Attempt.Wrong.class);
        }
    }

    static Attempt.Locked locks(OperatorAccess access) {
        Attempt a = access.enter("0000");
        assertThat(a).isInstanceOf(Attempt.Locked.class);
        return (Attempt.Locked) a;
    }

    @Test
    void theWrongPinsCountedAndARunningLockSurviveARestart() {
        start(access -> wrong(access, 3));
        Instant[] until = new Instant[1];
        start(access -> {
            assertThat(access.lockedUntil()).isEmpty();
            wrong(access, 1);
            until[0] = locks(access).until(); // the fifth in a row, across the restart
        });
        assertThat(until[0]).isEqualTo(clock.instant().plus(OperatorAccess.FIRST_LOCK));

        clock.advance(Duration.ofSeconds(20));
        start(access -> {
            assertThat(access.lockedUntil()).as("the lock runs on after a power cut").contains(until[0]);
            assertThat(access.enter(PIN)).as("even the right PIN waits").isEqualTo(new Attempt.Locked(until[0]));
        });

        clock.advance(OperatorAccess.FIRST_LOCK);
        start(access -> {
            assertThat(access.lockedUntil()).isEmpty();
            wrong(access, 4);
            assertThat(locks(access).until()).as("the second lock is twice as long, restart or not")
                    .isEqualTo(clock.instant().plus(OperatorAccess.FIRST_LOCK.multipliedBy(2)));
        });
    }

    @Test
    void aCorrectPinBeforeTheRestartStillResetsTheCountAndTheLockGrowth() {
        start(access -> {
            wrong(access, 4);
            locks(access);
        });
        clock.advance(OperatorAccess.FIRST_LOCK);
        start(access -> {
            wrong(access, 2);
            assertThat(access.enter(PIN)).isInstanceOf(Attempt.Granted.class);
        });
        start(access -> {
            wrong(access, 4);
            assertThat(locks(access).until()).as("a first lock again")
                    .isEqualTo(clock.instant().plus(OperatorAccess.FIRST_LOCK));
        });
    }

    @Test
    void theLongestLockStaysTheLongestAfterARestart() {
        Duration lock = OperatorAccess.FIRST_LOCK;
        for (int n = 0; n < 7; n++) {
            Duration expected = lock.compareTo(OperatorAccess.LONGEST_LOCK) > 0 ? OperatorAccess.LONGEST_LOCK : lock;
            start(access -> {
                wrong(access, OperatorAccess.FREE_ATTEMPTS - 1);
                assertThat(locks(access).until()).isEqualTo(clock.instant().plus(expected));
            });
            clock.advance(expected);
            lock = lock.multipliedBy(2);
        }
        start(access -> {
            wrong(access, OperatorAccess.FREE_ATTEMPTS - 1);
            assertThat(locks(access).until()).isEqualTo(clock.instant().plus(OperatorAccess.LONGEST_LOCK));
        });
    }

    @Test
    void aClockSetBackDoesNotStretchTheLock() {
        start(access -> {
            wrong(access, 4);
            locks(access);
        });
        clock.advance(Duration.ofDays(-1));
        start(access -> assertThat(access.lockedUntil()).as("at most one lock's length from now")
                .contains(clock.instant().plus(OperatorAccess.FIRST_LOCK)));
    }
}
