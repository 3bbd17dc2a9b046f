package jp.simkiosk.app;

import java.util.List;
import java.util.Set;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.device.sim.SimulatedSimDispenser;
import jp.simkiosk.application.port.Consumables;
import jp.simkiosk.application.port.ReceiptPrinter;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.domain.line.Iccid;

/**
 * Tells the simulators what the operator did to the consumables (they cannot sense it); the serial devices
 * sense the stacker, the bin and the paper themselves and need nothing.
 */
final class DeviceConsumables implements Consumables {

    private final SimDispenser dispenser;
    private final ReceiptPrinter printer;

    DeviceConsumables(SimDispenser dispenser, ReceiptPrinter printer) {
        this.dispenser = dispenser;
        this.printer = printer;
    }

    @Override
    public void simsLoaded(List<Iccid> iccids) {
        if (dispenser instanceof SimulatedSimDispenser sim) sim.load(iccids);
    }

    @Override
    public void simsLoaded(int count) {
        if (dispenser instanceof SimulatedSimDispenser sim) sim.loadUnscanned(count);
    }

    @Override
    public int rejectBinEmptied() {
        return dispenser instanceof SimulatedSimDispenser sim ? sim.emptyRejectBin() : -1;
    }

    @Override
    public void paperReplaced() {
        if (printer instanceof SimulatedReceiptPrinter sim) sim.setMedia(Set.of());
    }
}
