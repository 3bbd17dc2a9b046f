package jp.simkiosk.application.device;

import java.util.Objects;

/**
 * A reason for the operator why the kiosk is out of service that is not a device: its journal or its data
 * folder. Raised by the {@link ServiceMonitor}'s conditions, or latched until the kiosk is restarted.
 *
 * @param detail what the operator needs to act (a path, a free-space figure, an error message); never customer
 *               data. The operator screens say what the {@code kind} means in the operator's language and show the
 *               detail as it is, so it carries no sentence of its own
 */
public record Alarm(Kind kind, String detail) {

    public enum Kind {
        /**
         * The journal failed its integrity check at start; it was moved aside and a fresh one started (detail: the
         * folder it was moved to).
         */
        JOURNAL_SET_ASIDE,
        /**
         * Writing or reading the journal failed; the kiosk stops selling until it is restarted (recovery then runs;
         * detail: the error).
         */
        JOURNAL_FAILED,
        /**
         * The data folder's disk has less free space than configured for a sale to start (detail: the folder, the
         * free and the needed megabytes).
         */
        DISK_SPACE_LOW,
        /** Nothing can be written in the data folder (detail: the folder and the error). */
        DATA_FOLDER_NOT_WRITABLE
    }

    public Alarm {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(detail);
    }
}
