package jp.simkiosk.adapter.persistence.sqlite;

import jp.simkiosk.application.port.JournalUnavailableException;

/**
 * The sale journal could not be opened, read or written (disk full, file locked too long, corrupt or
 * failed migration). Whatever step was being written is not in the journal, so the caller must not go on
 * with the device action that step announces. It is the port's {@link JournalUnavailableException}.
 */
public final class SaleJournalException extends JournalUnavailableException {

    public SaleJournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public SaleJournalException(String message) {
        super(message);
    }
}
