package jp.simkiosk.sync;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.ReceiptDocument;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;

/** Devices that always work, for tests whose subject is the sale's way upstream, not the hardware. */
final class ReadyDevices {

    private ReadyDevices() {}

    private abstract static class Ready {
        private final Clock clock;
        private final DeviceRole role;

        Ready(Clock clock, DeviceRole role) {
            this.clock = clock;
            this.role = role;
        }

        public DeviceRole role() {
            return role;
        }

        public DeviceHealth health() {
            return DeviceHealth.ready(role, Set.of(), clock.instant());
        }

        public DeviceHealth poll() {
            return health();
        }

        public void addHealthListener(Consumer<DeviceHealth> listener) {
            // never changes
        }

        public void close() {
            // nothing open
        }
    }

    /** Approves every card; remembers which sales it let the charge stand for, and which it voided. */
    static final class Terminal extends Ready implements PaymentTerminal {
        final List<SaleId> completed = new CopyOnWriteArrayList<>();
        final List<SaleId> voided = new CopyOnWriteArrayList<>();

        Terminal(Clock clock) {
            super(clock, DeviceRole.CARD_READER);
        }

        @Override
        public AuthorizationResult authorize(SaleId sale, Yen amount) {
            return new AuthorizationResult.Approved(new CardApproval("VISA", "**** 4242", "A1B2C3"));
        }

        @Override
        public DeviceOutcome complete(SaleId sale) {
            completed.add(sale);
            return DeviceOutcome.DONE;
        }

        @Override
        public DeviceOutcome voidAuthorization(SaleId sale) {
            voided.add(sale);
            return DeviceOutcome.DONE;
        }

        @Override
        public void cancelPending() {
            // nothing pending
        }
    }

    static final class Printer extends Ready implements ReceiptPrinter {
        Printer(Clock clock) {
            super(clock, DeviceRole.RECEIPT_PRINTER);
        }

        @Override
        public PrintResult print(ReceiptDocument document) {
            return new PrintResult.Printed(document.pdf().length);
        }
    }
}
