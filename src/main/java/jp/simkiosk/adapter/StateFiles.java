package jp.simkiosk.adapter;

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
import java.util.Properties;

/**
 * The small state files some adapters keep in the data folder (the simulators of the card reader, SIM
 * dispenser, QR wallet and upstream; the CRT-591 driver's card fates): Java properties in UTF-8, written whole to
 * a temporary file, forced to disk, moved over the old file in one step and the folder forced too, so that a
 * crash or power cut leaves the old state or the new one, never a part of either. Each adapter decides what its
 * keys mean and what a failure to read or write does.
 */
public final class StateFiles {

    private StateFiles() {}

    /** Reads a state file. @throws UncheckedIOException "cannot read" the file when it cannot be read */
    public static Properties read(Path file) {
        return read(file, file.toString());
    }

    /** Reads a state file. @throws UncheckedIOException "cannot read" {@code what} when it cannot be read */
    public static Properties read(Path file, String what) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what, e);
        }
        return p;
    }

    /**
     * Replaces {@code file} by {@code p}, durably: when this returns, the new state is on disk.
     *
     * @throws IOException when it cannot be written; the old file is then left as it was
     */
    public static void write(Path file, Properties p, String comment) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            p.store(w, comment);
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
}
