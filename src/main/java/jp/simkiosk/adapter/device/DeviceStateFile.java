package jp.simkiosk.adapter.device;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import jp.simkiosk.domain.sale.SaleId;

/**
 * A device driver's small state file in the data folder (the SIM dispenser's, simulated or real): Java
 * properties written whole to a temporary file, forced to disk, moved over the old file in one step and the
 * folder forced too, so that a crash or power cut leaves the old state or the new one, never a part of either.
 *
 * <p>It also holds what the dispensers remember per sale — what became of each recent sale's card — as one
 * property, {@code sale:VALUE} pairs separated by commas, oldest first, in a map that keeps only the latest sales
 * ({@link #recentSales}).
 */
public final class DeviceStateFile {

    private final Path file;

    /** The state file {@code name} in {@code dataDir}; nothing is read or written yet. */
    public DeviceStateFile(Path dataDir, String name) {
        this.file = Objects.requireNonNull(dataDir, "dataDir").resolve(Objects.requireNonNull(name, "name"));
    }

    public Path file() {
        return file;
    }

    /**
     * The properties in the file; none when there is no file yet.
     *
     * @throws UncheckedIOException when it exists and cannot be read
     */
    public Properties load() {
        Properties p = new Properties();
        if (!Files.exists(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    /**
     * Replaces the file by {@code properties}, durably: when this returns, the new state is on disk.
     *
     * @throws IOException when it cannot be written; the old file is then left as it was
     */
    public void save(Properties properties, String comment) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            properties.store(w, comment);
        }
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(folder);
    }

    /** Makes the rename itself durable; not every platform lets a folder be opened for it (then it is skipped). */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file's own content is forced; on such platforms the rename is as durable as the OS makes it
        }
    }

    /** A map that keeps the {@code max} sales most recently added (re-putting a sale keeps its place). */
    public static <V> Map<SaleId, V> recentSales(int max) {
        if (max < 1) throw new IllegalArgumentException("max " + max);
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SaleId, V> eldest) {
                return size() > max;
            }
        };
    }

    /** {@code sales} as the text of one property: {@code sale:VALUE,sale:VALUE}, in the map's order. */
    public static <E extends Enum<E>> String encodeSales(Map<SaleId, E> sales) {
        StringBuilder text = new StringBuilder();
        sales.forEach((sale, value) -> text.append(text.length() == 0 ? "" : ",").append(sale.value()).append(':')
                .append(value.name()));
        return text.toString();
    }

    /**
     * Reads the text of {@link #encodeSales} into {@code into}, in its order.
     *
     * @throws IllegalArgumentException when a pair is not a sale id and a value of {@code type}
     */
    public static <E extends Enum<E>> void decodeSales(String text, Class<E> type, Map<SaleId, E> into) {
        for (String pair : text.split(",")) {
            if (pair.isBlank()) continue;
            int colon = pair.lastIndexOf(':');
            if (colon < 0) throw new IllegalArgumentException("not sale:value: " + pair);
            into.put(new SaleId(pair.substring(0, colon).strip()), Enum.valueOf(type, pair.substring(colon + 1).strip()));
        }
    }
}
