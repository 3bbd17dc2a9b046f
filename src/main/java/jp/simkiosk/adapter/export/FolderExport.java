package jp.simkiosk.adapter.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.simkiosk.application.port.ExportTarget;
import jp.simkiosk.application.port.ExportTarget.ExportFailed.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data export written to a folder on disk (a USB stick's mount): a new folder per export, written as
 * {@code .<name>.part} and renamed to {@code <name>} once every file and {@code manifest.json} are written and
 * synced, so a stick pulled out half way never holds a folder that looks complete. Each file's SHA-256 is
 * computed from the bytes as they are written.
 */
public final class FolderExport implements ExportTarget {

    private static final Logger log = LoggerFactory.getLogger(FolderExport.class);

    public static final String MANIFEST = "manifest.json";

    private final Optional<Path> folder;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param folder the configured export folder ({@code storage.exportDir}); empty when none is */
    public FolderExport(Optional<Path> folder) {
        this.folder = folder.map(p -> p.toAbsolutePath().normalize());
    }

    @Override
    public Optional<Path> folder() {
        return folder;
    }

    @Override
    public Draft begin(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) throw new IllegalArgumentException("bad export name: " + name);
        Path dir = folder.orElseThrow(() -> new ExportFailed(Reason.NOT_CONFIGURED, "no export folder is configured"
                + " (storage.exportDir)", null));
        if (!Files.isDirectory(dir)) throw new ExportFailed(Reason.FOLDER_MISSING, "the export folder " + dir
                + " does not exist (is the USB stick mounted?)", null);
        if (!Files.isWritable(dir)) throw new ExportFailed(Reason.NOT_WRITABLE, "the export folder " + dir
                + " is not writable", null);
        Path temp = dir.resolve("." + name + ".part");
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw failed("cannot create " + temp, e);
        }
        return new FolderDraft(dir, name, temp);
    }

    /** Sorts an I/O failure into what the technician can do about it. */
    static ExportFailed failed(String what, IOException e) {
        String message = String.valueOf(e.getMessage());
        String reason = e instanceof FileSystemException fs ? String.valueOf(fs.getReason()) : message;
        Reason r = reason.contains("No space left") || message.contains("No space left") ? Reason.DISK_FULL
                : e instanceof AccessDeniedException || reason.contains("Read-only file system") ? Reason.NOT_WRITABLE
                : Reason.FAILED;
        return new ExportFailed(r, what + ": " + message, e);
    }

    private final class FolderDraft implements Draft {

        private final Path dir;
        private final String name;
        private final Path temp;
        private boolean completed;

        FolderDraft(Path dir, String name, Path temp) {
            this.dir = dir;
            this.name = name;
            this.temp = temp;
        }

        @Override
        public ExportedFile writeCsv(String fileName, List<String> header, List<List<String>> rows) {
            return write(fileName, rows.size(), out -> {
                out.write(Csv.record(header).getBytes(StandardCharsets.UTF_8));
                for (List<String> row : rows) out.write(Csv.record(row).getBytes(StandardCharsets.UTF_8));
            });
        }

        @Override
        public ExportedFile copy(Path source, String fileName) {
            return write(fileName, -1, out -> {
                try (InputStream in = Files.newInputStream(source)) {
                    in.transferTo(out);
                }
            });
        }

        private interface Body {
            void writeTo(OutputStream out) throws IOException;
        }

        private ExportedFile write(String fileName, long rows, Body body) {
            Path file = temp.resolve(fileName).normalize();
            if (!file.startsWith(temp)) throw new IllegalArgumentException("file outside the export: " + fileName);
            MessageDigest sha256 = sha256();
            try {
                Files.createDirectories(file.getParent());
                try (FileOutputStream fos = new FileOutputStream(file.toFile());
                     DigestOutputStream out = new DigestOutputStream(fos, sha256)) {
                    body.writeTo(out);
                    out.flush();
                    fos.getFD().sync();
                }
                return new ExportedFile(fileName, Files.size(file), HexFormat.of().formatHex(sha256.digest()), rows);
            } catch (IOException e) {
                throw failed("cannot write " + file, e);
            }
        }

        @Override
        public Path complete(Manifest manifest) {
            ObjectNode root = json.createObjectNode();
            root.put("kioskId", manifest.kioskId());
            root.put("exportedBy", manifest.exportedBy());
            root.put("exportedAt", manifest.exportedAt().toString());
            ObjectNode range = root.putObject("range");
            range.put("from", manifest.from().toString());
            range.put("to", manifest.to().toString());
            range.put("zone", manifest.zone());
            ArrayNode files = root.putArray("files");
            for (ExportedFile f : manifest.files()) {
                ObjectNode n = files.addObject();
                n.put("name", f.name());
                n.put("bytes", f.bytes());
                n.put("sha256", f.sha256());
                if (f.rows() >= 0) n.put("rows", f.rows());
            }
            write(MANIFEST, -1, out -> out.write(json.writeValueAsBytes(root)));
            Path target = dir.resolve(name);
            for (int n = 2; Files.exists(target); n++) target = dir.resolve(name + "-" + n);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw failed("cannot rename " + temp + " to " + target, e);
            }
            completed = true;
            return target;
        }

        /** Deletes what an export that did not complete wrote. */
        @Override
        public void close() {
            if (completed || !Files.exists(temp)) return;
            try (Stream<Path> all = Files.walk(temp)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("cannot remove the incomplete export {}", temp, e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
