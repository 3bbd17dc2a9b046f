package jp.simkiosk.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Dispenser;
import jp.simkiosk.adapter.device.serial.escpos.EscPosPrinter;
import jp.simkiosk.adapter.device.serial.mdb.MdbCardReader;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.app.config.KioskConfig.DeviceSetup;
import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.device.ServiceMonitor;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SimDispenser;

/**
 * The three devices as the configuration chose them: a simulator or a serial driver each, picked by the
 * sealed {@link DeviceSetup} (no strings, no null fallback). A serial port that does not open stops
 * start-up with a message naming the device and the port.
 */
record KioskDevices(PaymentTerminal cardReader, boolean cardReaderRequired,
                    ReceiptPrinter receiptPrinter, boolean receiptPrinterRequired,
                    SimDispenser simDispenser, boolean simDispenserRequired) implements AutoCloseable {

    static KioskDevices open(KioskConfig.Devices cfg, Path dataDir, Clock clock) throws StartupException {
        List<Device> opened = new ArrayList<>();
        try {
            PaymentTerminal reader = cardReader(cfg.cardReader(), dataDir, clock);
            opened.add(reader);
            ReceiptPrinter printer = receiptPrinter(cfg.receiptPrinter(), dataDir, clock);
            opened.add(printer);
            SimDispenser dispenser = simDispenser(cfg.simDispenser(), dataDir, clock);
            return new KioskDevices(reader, cfg.cardReader().required(), printer, cfg.receiptPrinter().required(),
                    dispenser, cfg.simDispenser().required());
        } catch (SerialLinkException e) {
            opened.forEach(Device::close);
            throw new StartupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            opened.forEach(Device::close);
            throw new StartupException("a device could not be set up: " + e.getMessage(), e);
        }
    }

    private static PaymentTerminal cardReader(DeviceSetup setup, Path dataDir, Clock clock) throws SerialLinkException {
        if (setup instanceof DeviceSetup.Simulated sim) {
            SimulatedPaymentTerminal t = new SimulatedPaymentTerminal(clock,
                    dataDir.resolve(SimulatedPaymentTerminal.LEDGER_FILE));
            t.setDelay(sim.delay());
            return t;
        }
        DeviceSetup.Serial serial = (DeviceSetup.Serial) setup;
        return MdbCardReader.open(serial.port(), serial.baud(), clock, serial.timeout(), MdbCardReader.DEFAULT_PAYMENT_TIMEOUT);
    }

    private static ReceiptPrinter receiptPrinter(DeviceSetup setup, Path dataDir, Clock clock) throws SerialLinkException {
        if (setup instanceof DeviceSetup.Simulated sim) {
            return new SimulatedReceiptPrinter(dataDir.resolve("receipts"), clock, sim.delay());
        }
        DeviceSetup.Serial serial = (DeviceSetup.Serial) setup;
        return EscPosPrinter.open(serial.port(), serial.baud(), serial.timeout(), clock);
    }

    private static SimDispenser simDispenser(DeviceSetup setup, Path dataDir, Clock clock) throws SerialLinkException {
        if (setup instanceof DeviceSetup.Simulated sim) {
            return new SimulatedSimDispenser(sim.stockFile(), dataDir, clock, sim.delay());
        }
        DeviceSetup.Serial serial = (DeviceSetup.Serial) setup;
        // the driver keeps what became of each sale's card in the data folder, so that it knows across a restart
        return Crt591Dispenser.open(serial.port(), serial.baud(), clock, Crt591Dispenser.Settings.withTimeout(serial.timeout()),
                dataDir);
    }

    List<ServiceMonitor.Slot> slots() {
        return List.of(new ServiceMonitor.Slot(cardReader, cardReaderRequired),
                new ServiceMonitor.Slot(receiptPrinter, receiptPrinterRequired),
                new ServiceMonitor.Slot(simDispenser, simDispenserRequired));
    }

    @Override
    public void close() {
        cardReader.close();
        receiptPrinter.close();
        simDispenser.close();
    }
}
