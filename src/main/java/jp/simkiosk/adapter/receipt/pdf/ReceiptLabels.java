package jp.simkiosk.adapter.receipt.pdf;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import jp.simkiosk.domain.Language;

/**
 * The receipt's texts in one language, from the {@code i18n/receipt_*.properties} bundles, and the language's
 * date-and-time format (key {@code format.dateTime}, a {@link DateTimeFormatter} pattern).
 */
final class ReceiptLabels {

    static final String BUNDLE = "i18n.receipt";

    private final ResourceBundle bundle;
    private final Language language;
    private final DateTimeFormatter dateTime;

    private ReceiptLabels(ResourceBundle bundle, Language language) {
        this.bundle = bundle;
        this.language = language;
        this.dateTime = DateTimeFormatter.ofPattern(bundle.getString("format.dateTime"), language.locale());
    }

    /**
     * Loads the bundle of a language without falling back to another language or the JVM's default locale.
     *
     * @throws java.util.MissingResourceException when the language has no bundle
     */
    static ReceiptLabels load(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new ReceiptLabels(bundle, language);
    }

    String text(String key) {
        return bundle.getString(key);
    }

    /** A text with {0}, {1}… placeholders filled in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), language.locale()).format(arguments);
    }

    String dateTime(Instant instant, ZoneId zone) {
        return dateTime.format(instant.atZone(zone));
    }
}
