package jp.simkiosk.adapter.device.serial.escpos;

import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.ERROR_AUTOCUTTER;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.ERROR_AUTO_RECOVERABLE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.ERROR_UNRECOVERABLE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.FIXED_BITS_MASK;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.FIXED_BITS_VALUE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.OFFLINE_COVER_OPEN;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.OFFLINE_ERROR;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.OFFLINE_PAPER_END_STOP;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.PAPER_END;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.PAPER_NEAR_END;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.PRINTER_OFFLINE;
import static jp.simkiosk.adapter.device.serial.escpos.EscPosCommands.STATUS_ROLL_PAPER;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.MediaCondition;

/**
 * The printer's state as its four DLE EOT answers tell it, and what that means for the kiosk: the media
 * conditions to show and the fault, if any, that stops printing. Answers are checked strictly before they
 * get here (see {@link #wellFormed}).
 *
 * @param printer      answer to n = 1
 * @param offlineCause answer to n = 2
 * @param errorCause   answer to n = 3
 * @param rollPaper    answer to n = 4
 */
record EscPosStatus(int printer, int offlineCause, int errorCause, int rollPaper) {

    EscPosStatus {
        int[] answers = {printer, offlineCause, errorCause, rollPaper};
        for (int i = 0; i < answers.length; i++) {
            if (!wellFormed(i + 1, answers[i])) {
                throw new IllegalArgumentException("malformed DLE EOT " + (i + 1) + " answer 0x" + Integer.toHexString(answers[i]));
            }
        }
    }

    /**
     * Whether {@code answer} is a valid answer to {@code DLE EOT n}: one byte with the fixed bits
     * (bit0 = 0, bit1 = 1, bit4 = 1, bit7 = 0) and, for n = 4, each two-bit sensor field either all set or
     * all clear. Anything else (a stray byte, an ASB message, line noise) is a protocol error.
     */
    static boolean wellFormed(int n, int answer) {
        if (answer < 0 || answer > 0xFF || (answer & FIXED_BITS_MASK) != FIXED_BITS_VALUE) return false;
        if (n != STATUS_ROLL_PAPER) return true;
        return bothOrNeither(answer, PAPER_NEAR_END) && bothOrNeither(answer, PAPER_END);
    }

    private static boolean bothOrNeither(int answer, int field) {
        int bits = answer & field;
        return bits == 0 || bits == field;
    }

    /** Whether an answer to n = 1 says the printer is offline (it then says why in n = 2 and 3). */
    static boolean offline(int printerAnswer) {
        return (printerAnswer & PRINTER_OFFLINE) != 0;
    }

    boolean coverOpen() {
        return (offlineCause & OFFLINE_COVER_OPEN) != 0;
    }

    boolean paperOut() {
        return (rollPaper & PAPER_END) != 0 || (offlineCause & OFFLINE_PAPER_END_STOP) != 0;
    }

    boolean paperNearEnd() {
        return (rollPaper & PAPER_NEAR_END) != 0;
    }

    Set<MediaCondition> media() {
        Set<MediaCondition> media = EnumSet.noneOf(MediaCondition.class);
        if (paperNearEnd()) media.add(MediaCondition.PAPER_NEAR_END);
        if (paperOut()) media.add(MediaCondition.PAPER_OUT);
        if (coverOpen()) media.add(MediaCondition.COVER_OPEN);
        return media;
    }

    /**
     * The fault that stops printing, most serious first: cutter error; unrecoverable error; paper out or
     * cover open (MEDIA); auto-recoverable error such as an overheated head (NOT_READY, it clears by
     * itself); an error the printer gives no cause for (HARDWARE_ERROR); offline for any other reason, e.g.
     * the feed button (NOT_READY). Empty when the printer can print; paper near end does not stop it.
     */
    Optional<DeviceFault> fault() {
        if ((errorCause & ERROR_AUTOCUTTER) != 0) return Optional.of(DeviceFault.CUTTER_ERROR);
        if ((errorCause & ERROR_UNRECOVERABLE) != 0) return Optional.of(DeviceFault.HARDWARE_ERROR);
        if (paperOut() || coverOpen()) return Optional.of(DeviceFault.MEDIA);
        if ((errorCause & ERROR_AUTO_RECOVERABLE) != 0) return Optional.of(DeviceFault.NOT_READY);
        if ((offlineCause & OFFLINE_ERROR) != 0) return Optional.of(DeviceFault.HARDWARE_ERROR);
        if (offline(printer)) return Optional.of(DeviceFault.NOT_READY);
        return Optional.empty();
    }
}
