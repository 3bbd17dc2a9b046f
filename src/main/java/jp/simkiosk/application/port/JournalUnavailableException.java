package jp.simkiosk.application.port;

/**
 * The sale journal could not make a write durable, or could not be read (disk full, I/O error, file locked
 * or corrupt). Whatever step was being written is not in the journal, so the caller must not go on with the
 * device or upstream action that step announces; it may only do what start-up recovery would do from the
 * last step that is in the journal (see docs/decisions/0005-crash-recovery-rules.md).
 */
public class JournalUnavailableException extends RuntimeException {

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalUnavailableException(String message) {
        super(message);
    }
}
