package jp.simkiosk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.device.Alarm;
import jp.simkiosk.application.device.ServiceCondition;

/**
 * The data folder can take a sale: its disk has at least the configured free space, and a file can be
 * written in it (a small probe, written and deleted: a disk remounted read-only fails here, even for root).
 */
final class DataFolderCheck implements ServiceCondition {

    private static final long MEGABYTE = 1024L * 1024;

    private final Path dataDir;
    private final long minFreeBytes;

    DataFolderCheck(Path dataDir, long minFreeBytes) {
        this.dataDir = Objects.requireNonNull(dataDir);
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public Optional<Alarm> check() {
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < minFreeBytes) {
                return Optional.of(new Alarm(Alarm.Kind.DISK_SPACE_LOW,
                        dataDir + ": " + free / MEGABYTE + " MB < " + minFreeBytes / MEGABYTE + " MB"));
            }
            Path probe = Files.createTempFile(dataDir, ".write-probe-", ".tmp");
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                Files.delete(probe);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Alarm(Alarm.Kind.DATA_FOLDER_NOT_WRITABLE,
                    dataDir + ": " + e.getClass().getSimpleName()));
        }
    }
}
