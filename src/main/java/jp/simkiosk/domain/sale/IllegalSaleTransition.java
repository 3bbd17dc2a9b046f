package jp.simkiosk.domain.sale;

/** A programming error: a sale was asked to move to a state its state machine does not allow. */
public final class IllegalSaleTransition extends IllegalStateException {
    public IllegalSaleTransition(SaleId id, SaleState from, SaleState to) {
        super("sale " + id + " cannot move from " + from + " to " + to);
    }
}
