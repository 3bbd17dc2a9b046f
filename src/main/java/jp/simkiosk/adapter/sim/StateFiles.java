package jp.simkiosk.adapter.sim;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The state files of the simulators (card reader, SIM dispenser, QR wallet provider, upstream): properties in
 * UTF-8, written so that a crash leaves the old file or the new one, never half of one. Each simulator decides
 * what its keys mean and what a failure to read or write does.
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

    /** Writes the state to a temporary file next to {@code file} and moves it over the old one. */
    public static void write(Path file, Properties p, String comment) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, comment);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
