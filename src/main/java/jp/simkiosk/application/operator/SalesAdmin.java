package jp.simkiosk.application.operator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.RecoveryRules;
import jp.simkiosk.application.port.JournalEntry;
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
 * does, is a table of {@link Resolution}s ({@link #defaultResolutions()}: refund pending → refunded; a delivered
 * sale whose charge the card reader could no longer complete → completed, the back office having settled it); a
 * new such state (e.g. a SIM to collect at the counter) adds one entry.
 */
public final class SalesAdmin {

    /** The longest note an operator may attach to a resolution. */
    public static final int MAX_NOTE = 200;

    /**
     * How a sale in one state is resolved by a person: the step journaled and the sale's next state.
     *
     * @param onlyAfter the sale needs a person only when its last decisive step is one of these; empty: always
     */
    public record Resolution(SaleStep step, UnaryOperator<Sale> resolve, Set<SaleStep> onlyAfter) {
        public Resolution {
            Objects.requireNonNull(step);
            Objects.requireNonNull(resolve);
            onlyAfter = Set.copyOf(onlyAfter);
        }

        /** A resolution for every sale in its state. */
        public Resolution(SaleStep step, UnaryOperator<Sale> resolve) {
            this(step, resolve, Set.of());
        }
    }

    /**
     * Refund pending: the operator (or the back office on the phone) has given the money back. Fulfilled with its
     * charge left to the back office (the card reader lost the sale's session in a restart): the back office has
     * settled the charge with the card network, and the operator notes how.
     */
    public static Map<SaleState, Resolution> defaultResolutions() {
        Map<SaleState, Resolution> m = new EnumMap<>(SaleState.class);
        m.put(SaleState.REFUND_PENDING, new Resolution(SaleStep.REFUNDED, Sale::refunded));
        m.put(SaleState.FULFILLED, new Resolution(SaleStep.CAPTURED, Sale::completed,
                Set.of(SaleStep.CAPTURE_LEFT_TO_BACK_OFFICE)));
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

    /** Whether a person can resolve this sale here (the sale as it is in the journal now). */
    public boolean resolvable(Sale sale) {
        Resolution r = resolutions.get(sale.state());
        return r != null && applies(r, sale);
    }

    private boolean applies(Resolution r, Sale sale) {
        if (r.onlyAfter().isEmpty()) return true;
        List<JournalEntry> entries = journal.entries(sale.id());
        return RecoveryRules.lastDecisive(entries).map(e -> r.onlyAfter().contains(e.step())).orElse(false);
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
        if (r == null || !applies(r, sale)) {
            throw new IllegalStateException("sale " + sale.reference() + " is " + sale.state() + ": nothing to resolve");
        }
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
