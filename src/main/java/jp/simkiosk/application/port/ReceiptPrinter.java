package jp.simkiosk.application.port;

import jp.simkiosk.application.device.Device;
import jp.simkiosk.application.device.DeviceFault;

/** The receipt printer. */
public interface ReceiptPrinter extends Device {

    PrintResult print(ReceiptDocument document);

    sealed interface PrintResult {
        /** @param bytesSent bytes that went to the printer for this job */
        record Printed(long bytesSent) implements PrintResult {}
        record Failed(DeviceFault fault) implements PrintResult {}
    }
}
