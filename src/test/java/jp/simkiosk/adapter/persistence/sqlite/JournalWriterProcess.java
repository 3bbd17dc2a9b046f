package jp.simkiosk.adapter.persistence.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;

/**
 * The other process of {@link SqliteSaleJournalCrashTest}: writes a sale and two steps to the journal
 * named by its argument, says so on standard output, then waits to be killed.
 */
public final class JournalWriterProcess {

    static final String DONE = "JOURNAL-WRITER-DONE";

    private JournalWriterProcess() {}

    public static void main(String[] args) throws InterruptedException {
        SqliteSaleJournal journal = SqliteSaleJournal.open(Path.of(args[0]), Clock.systemUTC());
        String reference = journal.nextReference("TYO01");
        Sale sale = Sales.renewal(1, Sales.MOBILE, Sales.T0);
        journal.record(sale, SaleStep.OPENED, reference);
        journal.step(sale, SaleStep.PAYMENT_REQUESTED, sale.price().toString());
        System.out.println(DONE + " " + reference);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
