package jp.simkiosk.application.port;

import java.util.List;
import jp.simkiosk.domain.plan.Plan;

/** Reads and validates a catalog document with the same rules as the shipped plan file. */
@FunctionalInterface
public interface CatalogValidator {

    /** @throws InvalidCatalogException naming the first problem found */
    List<Plan> validate(String document) throws InvalidCatalogException;

    /** The document is not a catalog the kiosk may sell from. */
    final class InvalidCatalogException extends Exception {
        public InvalidCatalogException(String message) {
            super(message);
        }
    }
}
