package jp.simkiosk.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;

/**
 * A journal view that makes one chosen step fail for real: while the kiosk writes it, a second connection holds
 * the database file's write lock ({@code BEGIN EXCLUSIVE}), so SQLite refuses the write after its busy time-out,
 * as with a locked or failing disk. The steps before and after are written normally.
 */
final class LockingJournal extends ForwardingJournal {

    private final Path databaseFile;
    private final SaleStep failing;
    private boolean failed;

    LockingJournal(SaleJournal journal, Path databaseFile, SaleStep failing) {
        super(journal);
        this.databaseFile = databaseFile;
        this.failing = failing;
    }

    @Override
    protected void write(Sale sale, SaleStep step, Runnable write) {
        if (step != failing || failed) {
            write.run();
            return;
        }
        failed = true;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
             Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            try {
                write.run();
            } finally {
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the test could not lock " + databaseFile, e);
        }
    }
}
