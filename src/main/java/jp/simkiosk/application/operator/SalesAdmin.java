package jp.simkiosk.application.operator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.ReprintQueue;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleState;

/**
 * The Sales screen's use cases: browse recent sales, search by reference, ICCID or number, list the receipts
 * that did not print and reprint a receipt, and resolve a sale left in a state that needs a person. Which states need a person, and what resolving them
 * does, is a table of {@link Resolution}s ({@link #defaultResolutions()}: refund pending → refunded); a new
 * such state (e.g. a SIM to collect at the counter) adds one entry.
 */
public final class SalesAdmin {

    /** The longest note an operator may attach to a resolution. */
    public static final int MAX_NOTE = 200;

    /** How a sale in one state is resolved by a person: the step journaled and the sale's next state. */
    public record Resolution(SaleStep step, UnaryOperator<Sale> resolve) {
        public Resolution {
            Objects.requireNonNull(step);
            Objects.requireNonNull(resolve);
        }
    }

    /** Refund pending: the operator (or the back office on the phone) has given the money back. */
    public static Map<SaleState, Resolution> defaultResolutions() {
        Map<SaleState, Resolution> m = new EnumMap<>(SaleState.class);
        m.put(SaleState.REFUND_PENDING, new Resolution(SaleStep.REFUNDED, Sale::refunded));
        return m;
    }

    private final SaleJournal journal;
    private final SalesQuery query;
    private final ReprintQueue reprints;
    private final Checkout receipts;
    private final AuditLog audit;
    private final Map<SaleState, Resolution> resolutions;

    public SalesAdmin(SaleJournal journal, SalesQuery query, ReprintQueue reprints, Checkout receipts,
                      AuditLog audit, Map<SaleState, Resolution> resolutions) {
        this.journal = journal;
        this.query = query;
        this.reprints = reprints;
        this.receipts = receipts;
        this.audit = audit;
        this.resolutions = Map.copyOf(resolutions);
    }

    /** The newest sales first. */
    public List<Sale> recent(int limit) {
        return journal.recent(limit);
    }

    /** Sales created in a period (today's sales: the Z report's period). */
    public List<Sale> between(Instant from, Instant to) {
        return query.createdBetween(from, to);
    }

    /** By reference number (or a part of it), ICCID or phone number (digits, any separators). */
    public List<Sale> search(String text, int limit) {
        return query.search(text, limit);
    }

    /** The sales whose paper did not print, with why and since when, oldest first; {@link #reprint} takes one off. */
    public List<ReprintQueue.Waiting> toReprint() {
        return reprints.waiting();
    }

    /** Whether a person can resolve this sale here. */
    public boolean resolvable(Sale sale) {
        return resolutions.containsKey(sale.state());
    }

    /**
     * Reprints the sale's paper (receipt or refund slip) in the customer's language; printed, it leaves the
     * list of {@link #toReprint}.
     */
    public ReceiptOutcome reprint(OperatorSession who, SaleId id) {
        Sale sale = load(id);
        ReceiptOutcome outcome = receipts.printReceipt(id, sale.language());
        audit.append(who.who(), "sale.reprint", sale.reference(),
                outcome instanceof ReceiptOutcome.Printed ? "printed"
                        : "not printed " + ((ReceiptOutcome.NotPrinted) outcome).fault());
        return outcome;
    }

    /**
     * Resolves a sale that waits for a person, with the operator's note journaled as the step's detail.
     *
     * @throws IllegalStateException when the sale is not in a state a person resolves
     */
    public Sale resolve(OperatorSession who, SaleId id, String note) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty()) throw new IllegalArgumentException("a resolution needs a note");
        if (n.length() > MAX_NOTE) throw new IllegalArgumentException("note longer than " + MAX_NOTE);
        Sale sale = load(id);
        Resolution r = resolutions.get(sale.state());
        if (r == null) throw new IllegalStateException("sale " + sale.reference() + " is " + sale.state() + ": nothing to resolve");
        Sale resolved = r.resolve().apply(sale);
        journal.record(resolved, r.step(), "operator " + who.who() + ": " + n);
        audit.append(who.who(), "sale.resolve", sale.reference() + " " + sale.state(),
                resolved.state() + " " + n);
        return resolved;
    }

    private Sale load(SaleId id) {
        return journal.find(id).orElseThrow(() -> new IllegalArgumentException("no such sale: " + id));
    }
}
