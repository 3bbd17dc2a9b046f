package jp.simkiosk.adapter.device.serial.escpos;

import java.util.ArrayList;
import java.util.List;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;

/**
 * One receipt as the ESC/POS driver sends it: {@code ESC @}, the raster in {@code GS v 0} bands, feed and
 * partial cut — and the number of bytes that puts on the wire, the driver's status queries included. The
 * driver and the printer simulator both build their jobs here, so the simulator's byte count is the real one.
 *
 * <p>The driver's exchange for a job, which {@link #wireBytes()} counts: {@code DLE EOT 1..4} before;
 * {@code ESC @}; each band followed by {@code DLE EOT 1} (the printer answers it on receipt, so the answer
 * acknowledges the band and paper running out mid-job stops the job at the next band); the cut;
 * {@code DLE EOT 1..4} after.
 */
public final class EscPosJob {

    /**
     * Rows per {@code GS v 0} band: 256 (18,432 data bytes, about 1.6 s of line time at 115,200 baud and
     * 19 s at 9,600). Well under the 2,303-row limit; small enough that the unacknowledged bytes of one band
     * always fit in the OS buffers of the line (about 28 kB over a pty pair, measured), so a write never
     * waits on a printer that stopped reading and the per-band answer time-out bounds every step; large
     * enough that the 11 bytes of header and acknowledgement per band cost 0.06 %. A 600-row receipt is
     * three bands.
     */
    public static final int BAND_ROWS = 256;

    /** DLE EOT queries before the job (n = 1..4) and the same after it. */
    static final int STATUS_QUERIES_EACH_SIDE = 4;

    private final RasterImage raster;
    private final List<byte[]> bands;

    private EscPosJob(RasterImage raster, List<byte[]> bands) {
        this.raster = raster;
        this.bands = bands;
    }

    /** The job for a raster, in bands of {@link #BAND_ROWS} rows. */
    public static EscPosJob of(RasterImage raster) {
        return of(raster, BAND_ROWS);
    }

    static EscPosJob of(RasterImage raster, int bandRows) {
        if (bandRows < 1 || bandRows > EscPosCommands.RASTER_MAX_ROWS) {
            throw new IllegalArgumentException("band rows must be 1.." + EscPosCommands.RASTER_MAX_ROWS + ": " + bandRows);
        }
        List<byte[]> bands = new ArrayList<>();
        for (int first = 0; first < raster.heightDots(); first += bandRows) {
            int rows = Math.min(bandRows, raster.heightDots() - first);
            byte[] header = EscPosCommands.rasterHeader(raster.bytesPerRow(), rows);
            byte[] data = raster.rows(first, rows);
            byte[] band = new byte[header.length + data.length];
            System.arraycopy(header, 0, band, 0, header.length);
            System.arraycopy(data, 0, band, header.length, data.length);
            bands.add(band);
        }
        return new EscPosJob(raster, List.copyOf(bands));
    }

    public RasterImage raster() {
        return raster;
    }

    /** Each band as one complete {@code GS v 0} command, header and data. */
    List<byte[]> bands() {
        return bands;
    }

    public int bandCount() {
        return bands.size();
    }

    /**
     * Every byte the driver writes for this job when it prints through: status queries before and after,
     * initialize, bands with their acknowledgement queries, cut.
     */
    public long wireBytes() {
        long query = EscPosCommands.realtimeStatus(EscPosCommands.STATUS_PRINTER).length;
        long total = 2L * STATUS_QUERIES_EACH_SIDE * query
                + EscPosCommands.initialize().length
                + EscPosCommands.feedAndPartialCut().length;
        for (byte[] band : bands) total += band.length + query;
        return total;
    }
}
