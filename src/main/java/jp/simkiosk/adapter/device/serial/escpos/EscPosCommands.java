package jp.simkiosk.adapter.device.serial.escpos;

/**
 * Every ESC/POS byte code the receipt printer driver sends or reads, in one table, so that it can be
 * checked against the vendor manual (Epson ESC/POS command reference, TM-T88 / TM-T20 class, 80 mm,
 * 203 dpi, 576 dots a line) without reading the driver's logic. Nothing else in the package spells a code.
 */
final class EscPosCommands {

    private EscPosCommands() {
    }

    // ------------------------------------------------------------------ commands

    /** ESC @ — initialize: clears the print buffer, modes back to their power-on defaults. */
    static final byte[] INITIALIZE = {0x1B, 0x40};

    /** DLE EOT n — real-time status, answered at once with one byte, even when busy or offline. */
    static final byte[] REALTIME_STATUS = {0x10, 0x04};
    /** n = 1: printer status. */
    static final int STATUS_PRINTER = 1;
    /** n = 2: offline cause. */
    static final int STATUS_OFFLINE_CAUSE = 2;
    /** n = 3: error cause. */
    static final int STATUS_ERROR_CAUSE = 3;
    /** n = 4: roll paper sensor. */
    static final int STATUS_ROLL_PAPER = 4;

    /** GS v 0 m xL xH yL yH d… — raster bit image: x bytes a row, y rows, both little-endian. */
    static final byte[] RASTER_IMAGE = {0x1D, 0x76, 0x30};
    /** m = 0: normal size (1 double width, 2 double height, 3 both). */
    static final int RASTER_MODE_NORMAL = 0;
    /** The most rows one GS v 0 command may carry (yH ≤ 8). */
    static final int RASTER_MAX_ROWS = 2303;

    /**
     * GS V m n with m = 66 (0x42): feed the paper to the cutting position plus n motion units, then cut
     * partially. Partial, not full (m = 65): the receipt hangs from the slot until the customer takes it
     * instead of dropping, and older TM-T88 models only have the partial cut. The feed brings the last
     * printed line past the cutter, which sits below the print head.
     */
    static final byte[] FEED_AND_PARTIAL_CUT = {0x1D, 0x56, 0x42};
    /** n for {@link #FEED_AND_PARTIAL_CUT}: no feed beyond the cutting position (no wasted paper). */
    static final int CUT_EXTRA_FEED_UNITS = 0;

    // ------------------------------------------------------------------ DLE EOT answers
    // Only the bits the driver acts on are listed; the others (n = 1 bit 5 waiting for recovery, bit 6 feed
    // button; n = 2 bit 3 feed by button) need no action of their own: the printer is then offline (n = 1 bit 3).

    /** Bits 0, 1, 4 and 7 of every DLE EOT answer are fixed ... */
    static final int FIXED_BITS_MASK = 0b1001_0011;
    /** ... to bit0 = 0, bit1 = 1, bit4 = 1, bit7 = 0. */
    static final int FIXED_BITS_VALUE = 0b0001_0010;

    /** n = 1, bit 3: offline. */
    static final int PRINTER_OFFLINE = 0x08;

    /** n = 2, bit 2: cover open. */
    static final int OFFLINE_COVER_OPEN = 0x04;
    /** n = 2, bit 5: printing stopped by paper end. */
    static final int OFFLINE_PAPER_END_STOP = 0x20;
    /** n = 2, bit 6: an error occurred. */
    static final int OFFLINE_ERROR = 0x40;

    /** n = 3, bit 3: autocutter error. */
    static final int ERROR_AUTOCUTTER = 0x08;
    /** n = 3, bit 5: unrecoverable error. */
    static final int ERROR_UNRECOVERABLE = 0x20;
    /** n = 3, bit 6: auto-recoverable error (e.g. head too hot). */
    static final int ERROR_AUTO_RECOVERABLE = 0x40;

    /** n = 4, bits 2 and 3 (both set or both clear): roll paper near end. */
    static final int PAPER_NEAR_END = 0x0C;
    /** n = 4, bits 5 and 6 (both set or both clear): roll paper end. */
    static final int PAPER_END = 0x60;

    // ------------------------------------------------------------------ builders

    /** {@code DLE EOT n}. */
    static byte[] realtimeStatus(int n) {
        if (n < STATUS_PRINTER || n > STATUS_ROLL_PAPER) throw new IllegalArgumentException("DLE EOT n=" + n);
        return new byte[] {REALTIME_STATUS[0], REALTIME_STATUS[1], (byte) n};
    }

    /** {@code GS v 0 0 xL xH yL yH}: the 8 bytes before a band's data. */
    static byte[] rasterHeader(int bytesPerRow, int rows) {
        if (bytesPerRow < 1 || bytesPerRow > 0xFFFF) throw new IllegalArgumentException("bytes per row " + bytesPerRow);
        if (rows < 1 || rows > RASTER_MAX_ROWS) throw new IllegalArgumentException("rows " + rows);
        return new byte[] {RASTER_IMAGE[0], RASTER_IMAGE[1], RASTER_IMAGE[2], (byte) RASTER_MODE_NORMAL,
                (byte) bytesPerRow, (byte) (bytesPerRow >>> 8), (byte) rows, (byte) (rows >>> 8)};
    }

    /** {@code GS V 66 n}. */
    static byte[] feedAndPartialCut() {
        return new byte[] {FEED_AND_PARTIAL_CUT[0], FEED_AND_PARTIAL_CUT[1], FEED_AND_PARTIAL_CUT[2],
                (byte) CUT_EXTRA_FEED_UNITS};
    }

    static byte[] initialize() {
        return INITIALIZE.clone();
    }
}
