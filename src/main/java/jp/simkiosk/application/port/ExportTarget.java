package jp.simkiosk.application.port;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a technician's data export goes: a new folder per export in the configured export folder (a USB
 * stick's mount), written under a temporary name and renamed when complete, so that a half-written export is
 * never taken for a whole one. The target computes each file's size and SHA-256 as it writes it.
 */
public interface ExportTarget {

    /** The configured export folder; empty when none is configured ({@code storage.exportDir}). */
    Optional<Path> folder();

    /**
     * Starts an export folder named {@code name} (written under a temporary name until {@link Draft#complete}).
     *
     * @throws ExportFailed when no folder is configured, it is missing or not writable, or the disk is full
     */
    Draft begin(String name);

    /** An export being written. Closing a draft that was not completed deletes what it wrote. */
    interface Draft extends AutoCloseable {

        /** Writes a CSV file (RFC 4180, UTF-8, CRLF): the header, then the rows. */
        ExportedFile writeCsv(String fileName, List<String> header, List<List<String>> rows);

        /** Copies a file into the export under {@code fileName}. */
        ExportedFile copy(Path source, String fileName);

        /** Writes {@code manifest.json} and renames the folder to its final name; returns where it is. */
        Path complete(Manifest manifest);

        @Override
        void close();
    }

    /**
     * One file of an export.
     *
     * @param rows data rows of a CSV file (the header not counted); -1 for a copied file
     */
    record ExportedFile(String name, long bytes, String sha256, long rows) {
        public ExportedFile {
            Objects.requireNonNull(name);
            Objects.requireNonNull(sha256);
        }
    }

    /** What {@code manifest.json} says: which kiosk, who, when, which days, and each file with its hash. */
    record Manifest(String kioskId, String exportedBy, Instant exportedAt, LocalDate from, LocalDate to, String zone,
                    List<ExportedFile> files) {
        public Manifest {
            Objects.requireNonNull(kioskId);
            Objects.requireNonNull(exportedBy);
            Objects.requireNonNull(exportedAt);
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(zone);
            files = List.copyOf(files);
        }
    }

    /** An export that could not be written, and why, for the technician's screen. */
    final class ExportFailed extends RuntimeException {

        /** Why an export failed. */
        public enum Reason { NOT_CONFIGURED, FOLDER_MISSING, NOT_WRITABLE, DISK_FULL, FAILED }

        private final Reason reason;

        public ExportFailed(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = Objects.requireNonNull(reason);
        }

        public Reason reason() {
            return reason;
        }
    }
}
