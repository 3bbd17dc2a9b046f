package jp.simkiosk.application.operator;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.StockLedger.Kind;
import jp.simkiosk.application.port.StockLedger.Movement;

/**
 * The kiosk's own count of the SIMs in the dispenser's stacker and of the cards in its reject bin, from the
 * journal: the CRT-591 reports its stacker only as enough, low or empty and cannot count its bin.
 *
 * <p>Stacker: the last count the operator recorded (without one, an empty stacker when the journal began: a kiosk
 * is loaded through refills), plus the refills since, minus the SIMs that left it since — each sale's SIM once,
 * when the customer took it or it was captured to the reject bin, and each device-test card. A count that comes
 * out below zero cannot be right (the stacker held SIMs the kiosk was never told of) and is not known until the
 * operator records a count. Reject bin: the cards captured to it (sales' SIMs and test cards) since it was last
 * emptied.
 *
 * <p>A SIM whose capture failed and that the customer may have taken is in neither count: the operator's next
 * count puts the stacker right.
 */
public final class SimStock {

    /** The steps that tell where a sale's SIM went: to the customer, or to the reject bin. */
    static final Set<SaleStep> FATE_STEPS = EnumSet.of(SaleStep.SIM_TAKEN, SaleStep.SIM_CAPTURED);

    private final StockLedger stock;
    private final SalesQuery sales;

    public SimStock(StockLedger stock, SalesQuery sales) {
        this.stock = Objects.requireNonNull(stock);
        this.sales = Objects.requireNonNull(sales);
    }

    /**
     * The kiosk's count at one moment.
     *
     * @param inStacker empty when the journal cannot tell (see the class comment)
     */
    public record Count(OptionalInt inStacker, int inRejectBin) {
        public Count {
            Objects.requireNonNull(inStacker);
        }
    }

    /** Later than anything the journal holds: the count with everything written so far. */
    private static final Instant END_OF_JOURNAL = Instant.parse("9999-12-31T23:59:59Z");

    /** The count as the journal has it just before {@code at}. */
    public Count countAt(Instant at) {
        return countAt(at, stock.between(Instant.EPOCH, at));
    }

    /** The count with everything the journal holds now (the Status page's). */
    public Count countNow() {
        return countAt(END_OF_JOURNAL);
    }

    /**
     * The SIMs that left the stacker in {@code [from, to)} and the count at its end ({@code moves}: the stock
     * ledger up to {@code to}, which the caller has read).
     */
    ZReport.Sims sims(Instant from, Instant to, List<Movement> moves) {
        Fates out = fates(from, to);
        int tested = moves.stream().filter(m -> m.kind() == Kind.TEST_CARD && !m.at().isBefore(from))
                .mapToInt(Movement::count).sum();
        Count c = countAt(to, moves);
        return new ZReport.Sims(out.taken(), out.captured(), tested, c.inStacker(), c.inRejectBin());
    }

    private Count countAt(Instant at, List<Movement> moves) {
        int counted = lastOf(moves, Kind.SIM_COUNTED);
        int emptied = lastOf(moves, Kind.REJECT_BIN_EMPTIED);
        long stacker = counted >= 0 ? moves.get(counted).count() : 0;
        for (int i = counted + 1; i < moves.size(); i++) {
            Movement m = moves.get(i);
            if (m.kind() == Kind.SIM_REFILL) stacker += m.count();
            if (m.kind() == Kind.TEST_CARD) stacker -= m.count();
        }
        long bin = 0;
        for (int i = emptied + 1; i < moves.size(); i++) {
            if (moves.get(i).kind() == Kind.TEST_CARD) bin += moves.get(i).count();
        }
        Instant stackerSince = counted >= 0 ? moves.get(counted).at() : Instant.EPOCH;
        Instant binSince = emptied >= 0 ? moves.get(emptied).at() : Instant.EPOCH;
        Fates sinceCount = fates(stackerSince, at);
        stacker -= sinceCount.taken() + sinceCount.captured();
        bin += (binSince.equals(stackerSince) ? sinceCount : fates(binSince, at)).captured();
        return new Count(stacker < 0 ? OptionalInt.empty() : OptionalInt.of((int) stacker), (int) bin);
    }

    private static int lastOf(List<Movement> moves, Kind kind) {
        for (int i = moves.size() - 1; i >= 0; i--) {
            if (moves.get(i).kind() == kind) return i;
        }
        return -1;
    }

    /** How many sales' SIMs were taken or captured in {@code [from, to)}: each sale's SIM once, by its first fate. */
    private Fates fates(Instant from, Instant to) {
        int taken = 0;
        int captured = 0;
        for (SalesQuery.History h : sales.withStepsBetween(FATE_STEPS, from, to)) {
            Optional<JournalEntry> fate = h.steps().stream().filter(e -> FATE_STEPS.contains(e.step())).findFirst();
            if (fate.isEmpty() || fate.get().at().isBefore(from)) continue;
            if (fate.get().step() == SaleStep.SIM_TAKEN) taken++;
            else captured++;
        }
        return new Fates(taken, captured);
    }

    private record Fates(int taken, int captured) {}
}
