package jp.simkiosk.adapter.device.serial.escpos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.simkiosk.adapter.receipt.pdf.RasterImage;
import jp.simkiosk.adapter.receipt.pdf.ReceiptRasterizer;

/**
 * Harness: what printing each receipt PDF costs on the serial line — rows of raster, bytes the ESC/POS
 * job puts on the wire (status queries included) and the seconds of line time that takes at 115,200 and
 * 9,600 baud (8N1, 10 bits a byte), plus the time rasterizing took here.
 *
 * <pre>./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat target/cp.txt):target/classes:target/test-classes" \
 *   jp.simkiosk.adapter.device.serial.escpos.PrinterBytesReport a.pdf b.pdf</pre>
 * (The pom fixes exec:java's main class to the kiosk's, so exec:java cannot run it.)
 */
public final class PrinterBytesReport {

    /** The figures for one PDF. */
    record Figures(Path pdf, int rows, int bands, long bytes, double secondsAt115200, double secondsAt9600,
                   long rasterizeMillis) {}

    private PrinterBytesReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: PrinterBytesReport <receipt.pdf>...");
            System.exit(2);
        }
        report(Arrays.stream(args).map(Path::of).toList(), System.out);
    }

    static List<Figures> report(List<Path> pdfs, PrintStream out) throws IOException {
        ReceiptRasterizer rasterizer = new ReceiptRasterizer();
        List<Figures> all = new ArrayList<>();
        out.printf(Locale.ROOT, "%-40s %6s %5s %8s %10s %10s %10s%n",
                "pdf", "rows", "bands", "bytes", "s@115200", "s@9600", "raster ms");
        for (Path pdf : pdfs) {
            byte[] bytes = Files.readAllBytes(pdf);
            long started = System.nanoTime();
            RasterImage raster = rasterizer.rasterize(bytes);
            long millis = (System.nanoTime() - started) / 1_000_000;
            EscPosJob job = EscPosJob.of(raster);
            Figures f = new Figures(pdf, raster.heightDots(), job.bandCount(), job.wireBytes(),
                    lineSeconds(job.wireBytes(), 115_200), lineSeconds(job.wireBytes(), 9_600), millis);
            all.add(f);
            out.printf(Locale.ROOT, "%-40s %6d %5d %8d %10.2f %10.2f %10d%n", pdf.getFileName(), f.rows(), f.bands(),
                    f.bytes(), f.secondsAt115200(), f.secondsAt9600(), f.rasterizeMillis());
        }
        return all;
    }

    private static double lineSeconds(long bytes, int baud) {
        return bytes * 10.0 / baud;
    }
}
