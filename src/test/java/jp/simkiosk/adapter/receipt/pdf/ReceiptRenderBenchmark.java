package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.util.Arrays;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.receipt.Receipt;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.LoggerFactory;

/**
 * Prints how long receipts take in a fresh JVM: loading the fonts, the first receipt (cold) and the average
 * of the next 50 (warm, cycling through the five languages; the JIT is still at work in the first of them,
 * so the last 10 are shown as well), and the 1-bit raster a printer driver would make
 * from the PDF. Run it in its own JVM, e.g.
 * {@code ./mvnw -q -o test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath jp.simkiosk.adapter.receipt.pdf.ReceiptRenderBenchmark"}.
 */
public final class ReceiptRenderBenchmark {

    private static final int WARM_RUNS = 50;
    private static final int STEADY_RUNS = 10;

    private ReceiptRenderBenchmark() {}

    public static void main(String[] args) throws IOException {
        // Library debug output to the console would be measured too: keep the figures about rendering.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Language[] languages = Language.values();
        Receipt[] receipts = Arrays.stream(languages).map(SampleReceipts::renewal).toArray(Receipt[]::new);

        long t0 = System.nanoTime();
        ReceiptFonts fonts = ReceiptFonts.loadFromClasspath();
        PdfReceiptRenderer renderer = new PdfReceiptRenderer(fonts);
        long t1 = System.nanoTime();
        byte[] first = renderer.render(receipts[0]).pdf();
        long t2 = System.nanoTime();

        double[] warm = new double[WARM_RUNS];
        int bytes = 0;
        for (int i = 0; i < WARM_RUNS; i++) {
            long s = System.nanoTime();
            bytes += renderer.render(receipts[i % receipts.length]).pdf().length;
            warm[i] = (System.nanoTime() - s) / 1e6;
        }

        double rasterCold = raster(first);
        double[] rasterWarm = new double[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) rasterWarm[i] = raster(first);
        fonts.close();

        System.out.printf("fonts + renderer construction : %7.1f ms%n", (t1 - t0) / 1e6);
        System.out.printf("first receipt (cold)          : %7.1f ms  (%s, %d bytes)%n",
                (t2 - t1) / 1e6, languages[0].tag(), first.length);
        System.out.printf("cold total (fonts + first)    : %7.1f ms%n", (t2 - t0) / 1e6);
        System.out.printf("next %d receipts (warm)       : %7.1f ms average, median %.1f, max %.1f  (%d bytes average)%n",
                WARM_RUNS, average(warm), median(warm), max(warm), bytes / WARM_RUNS);
        System.out.printf("last %d of them (steady state) : %7.1f ms average%n",
                STEADY_RUNS, average(Arrays.copyOfRange(warm, WARM_RUNS - STEADY_RUNS, WARM_RUNS)));
        System.out.printf("1-bit raster at 203 dpi       : %7.1f ms first, %.1f ms warm average%n",
                rasterCold, average(rasterWarm));
    }

    private static double raster(byte[] pdf) throws IOException {
        long s = System.nanoTime();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            new PDFRenderer(document).renderImage(0, PdfReceiptRenderer.DOTS_PER_INCH / 72f, ImageType.BINARY);
        }
        return (System.nanoTime() - s) / 1e6;
    }

    private static double average(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
