package jp.simkiosk.application.port;

import java.util.List;
import java.util.Optional;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The durable record of every sale. Each call is one transaction, committed durably before it returns:
 * the caller does the device action that the step announces only after this returns.
 */
public interface SaleJournal {

    /** The next reference number to give a sale: kiosk id, a dash and a sequence ("TYO01-000042"). */
    String nextReference(String kioskId);

    /** Writes the sale as it is now and appends the step, in one durable transaction. */
    void record(Sale sale, SaleStep step, String detail);

    /** Appends a step without changing the sale (intents, receipt outcomes). */
    default void step(Sale sale, SaleStep step, String detail) {
        record(sale, step, detail);
    }

    /**
     * Writes the sale and the step as {@link #record} does and, in the same durable transaction, keeps the
     * new eSIM's activation code with the sale (so that a receipt can still be printed after a restart). The
     * step's detail is the code's masked form; the code itself is never in a step.
     */
    void recordActivationCode(Sale sale, SaleStep step, ActivationCode code);

    /** The sale's activation code, until {@link #maskActivationCode} has been called for it. */
    Optional<ActivationCode> activationCode(SaleId id);

    /**
     * Replaces the sale's kept activation code by its masked form and appends the step, in one durable
     * transaction. Harmless for a sale whose code is masked already or that has none.
     */
    void maskActivationCode(Sale sale, SaleStep step, String detail);

    Optional<Sale> find(SaleId id);

    Optional<Sale> findByReference(String reference);

    /** The sale's steps in the order they were written. */
    List<JournalEntry> entries(SaleId id);

    /** Sales not in a final state, oldest first: what recovery looks at. */
    List<Sale> unresolved();

    /** The newest sales first, at most {@code limit}. */
    List<Sale> recent(int limit);
}
