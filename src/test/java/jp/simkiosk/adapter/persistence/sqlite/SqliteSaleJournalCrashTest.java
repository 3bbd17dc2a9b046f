package jp.simkiosk.adapter.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.SaleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process wrote before it was killed (SIGKILL, no shutdown, journal never closed) is in the journal
 * for the next process: each write was committed before it returned.
 */
class SqliteSaleJournalCrashTest {

    @TempDir
    Path dir;

    @Test
    void whatAKilledProcessWroteIsThereForTheNext() throws IOException, InterruptedException {
        Path file = dir.resolve("sales.db");
        Process writer = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String done;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            done = out.lines().filter(l -> l.startsWith(JournalWriterProcess.DONE)).findFirst().orElse("");
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(done).isEqualTo(JournalWriterProcess.DONE + " TYO01-000001");
        assertThat(file.resolveSibling("sales.db-wal")).exists();

        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, Clock.systemUTC())) {
            assertThat(journal.integrityCheck()).isTrue();
            assertThat(journal.unresolved()).extracting(s -> s.state()).containsExactly(SaleState.CREATED);
            assertThat(journal.entries(Sales.id(1))).extracting(JournalEntry::step)
                    .containsExactly(SaleStep.OPENED, SaleStep.PAYMENT_REQUESTED);
            assertThat(journal.nextReference("TYO01")).isEqualTo("TYO01-000002");
        }
    }
}
