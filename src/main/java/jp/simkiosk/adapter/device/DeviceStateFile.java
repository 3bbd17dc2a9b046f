package jp.simkiosk.adapter.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import jp.simkiosk.adapter.StateFiles;
import jp.simkiosk.domain.sale.SaleId;

/**
 * A device driver's small state file in the data folder (the SIM dispenser's, simulated or real), read and
 * written crash-safe by {@link StateFiles}.
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
        return Files.exists(file) ? StateFiles.read(file) : new Properties();
    }

    /**
     * Replaces the file by {@code properties}, durably ({@link StateFiles#write}).
     *
     * @throws IOException when it cannot be written; the old file is then left as it was
     */
    public void save(Properties properties, String comment) throws IOException {
        StateFiles.write(file, properties, comment);
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
