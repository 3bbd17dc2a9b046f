package jp.simkiosk.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import jp.simkiosk.domain.sale.Sale;

/**
 * What the view models of one customer session share: the screen shown, whether a use case is working for
 * the customer, the sale, how it ended and whether its receipt came out. Only the UI thread touches it.
 */
public final class Session {

    private final I18n i18n;
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.ATTRACT);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<Sale> sale = new SimpleObjectProperty<>();
    private final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>();
    private final BooleanProperty receiptPrinted = new SimpleBooleanProperty(false);

    public Session(I18n i18n) {
        this.i18n = i18n;
    }

    public I18n i18n() { return i18n; }
    public ReadOnlyObjectProperty<Screen> screenProperty() { return screen.getReadOnlyProperty(); }
    public Screen screen() { return screen.get(); }
    public BooleanProperty busyProperty() { return busy; }
    public boolean busy() { return busy.get(); }
    public ObjectProperty<Sale> saleProperty() { return sale; }
    public Sale sale() { return sale.get(); }
    public ObjectProperty<Outcome> outcomeProperty() { return outcome; }
    public BooleanProperty receiptPrintedProperty() { return receiptPrinted; }

    /** Shows a screen. */
    public void show(Screen s) {
        screen.set(s);
    }

    /** The session ends: nothing of the customer is kept. */
    void clear() {
        sale.set(null);
        outcome.set(null);
        receiptPrinted.set(false);
        busy.set(false);
    }
}
