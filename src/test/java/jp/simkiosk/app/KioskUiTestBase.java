package jp.simkiosk.app;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.stage.Stage;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.sale.Sale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * A headless UI test on the whole kiosk ({@link KioskUiHarness}): before each test the kiosk is built on a fresh
 * data folder and shown on TestFX's stage; after it, it is closed. A test that needs another configuration
 * overrides {@link #tweak}; one that needs more at start overrides {@link #start} and calls it first.
 */
abstract class KioskUiTestBase extends ApplicationTest {

    @TempDir
    Path data;
    KioskUiHarness h;

    /** Changes the demo configuration before the kiosk is built (none by default). */
    UnaryOperator<KioskConfig> tweak() {
        return UnaryOperator.identity();
    }

    @Override
    public void start(Stage stage) throws Exception {
        h = new KioskUiHarness(data, tweak());
        h.show(stage);
    }

    @AfterEach
    void closeKiosk() {
        h.close();
    }

    /** The steps the journal holds for the sale, in order. */
    List<SaleStep> steps(Sale sale) {
        return h.kiosk.journal().entries(sale.id()).stream().map(JournalEntry::step).toList();
    }

    /** The PDF the sale's receipt (or slip) was printed from. */
    Path receiptFile(Sale sale) {
        return data.resolve("receipts").resolve(sale.reference() + ".pdf");
    }
}
