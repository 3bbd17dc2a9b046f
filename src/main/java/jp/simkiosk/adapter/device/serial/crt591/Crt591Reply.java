package jp.simkiosk.adapter.device.serial.crt591;

import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.StackerLevel;

/** A decoded answer frame of the dispenser: 'P' (done, with status) or 'N' (failed, with an error code). */
sealed interface Crt591Reply {

    Command command();

    /** A 'P' frame: st0 st1 st2 and the command's data (an ATR, a card's answer to an APDU). */
    record Positive(Command command, CardPosition position, StackerLevel stacker, boolean rejectBinFull, byte[] data)
            implements Crt591Reply {}

    /** An 'N' frame with its error code e1 e0 as two ASCII characters. */
    record Negative(Command command, String errorCode) implements Crt591Reply {}
}
