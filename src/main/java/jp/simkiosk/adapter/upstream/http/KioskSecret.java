package jp.simkiosk.adapter.upstream.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a kiosk's shared secret from its file (kept outside the shipped configuration, readable by the
 * kiosk user only): one line of at least 32 characters; surrounding blanks are ignored. The secret itself
 * is never logged.
 */
public final class KioskSecret {

    private static final Logger log = LoggerFactory.getLogger(KioskSecret.class);

    private KioskSecret() {}

    /** @throws IllegalStateException when the file is missing, unreadable or too short */
    public static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the kiosk secret file " + file + ": " + e.getMessage(), e);
        }
        if (text.length() < 32 || text.lines().count() != 1) {
            throw new IllegalStateException("the kiosk secret file " + file + " must hold one line of at least 32 characters");
        }
        warnIfOthersCanRead(file);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.GROUP_READ)) {
                log.warn("kiosk secret file {} is readable by other users; it should be mode 600", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot check the permissions of {}", file, e);
        }
    }
}
