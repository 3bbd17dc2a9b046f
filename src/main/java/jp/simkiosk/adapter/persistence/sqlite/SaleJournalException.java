package jp.simkiosk.adapter.persistence.sqlite;

/**
 * The sale journal could not be opened, read or written (disk full, file locked too long, corrupt or
 * failed migration). Whatever step was being written is not in the journal, so the caller must not go on
 * with the device action that step announces.
 */
public final class SaleJournalException extends RuntimeException {

    public SaleJournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public SaleJournalException(String message) {
        super(message);
    }
}
