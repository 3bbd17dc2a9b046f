package jp.simkiosk.application.port;

import java.time.Duration;
import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The SIM card dispenser with its IC contact station: a new SIM is moved from the stacker to the IC
 * station, its ICCID read, then dispensed to the gate for the customer or captured to the reject bin.
 */
public interface SimDispenser extends Device {

    StockLevel stock();

    /** Moves the next card to the IC station and reads its ICCID. */
    ReadResult presentAndRead(SaleId sale);

    /** Moves the card at the IC station to the gate. */
    DeviceOutcome dispenseToGate(SaleId sale);

    /** Waits until the customer takes the card from the gate, or the time runs out. */
    TakeResult awaitTaken(SaleId sale, Duration within);

    /** Pulls the card in the channel (IC station or gate) back into the reject bin. */
    DeviceOutcome captureToRejectBin(SaleId sale);

    enum StockLevel { ENOUGH, LOW, EMPTY }

    sealed interface ReadResult {
        record Read(Iccid iccid) implements ReadResult {}
        record Failed(DeviceFault fault) implements ReadResult {}
    }

    enum TakeResult { TAKEN, NOT_TAKEN }
}
