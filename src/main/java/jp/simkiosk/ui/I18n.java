package jp.simkiosk.ui;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import jp.simkiosk.domain.Language;

/**
 * The customer's current language and the screen texts in it. Views bind their labels through
 * {@link #bind}, so switching the language re-labels every screen at once, without a restart.
 * Texts come from the bundles {@code i18n/messages_<locale>.properties}, one per language.
 */
public final class I18n {

    public static final String BUNDLE = "i18n.messages";

    private final ObjectProperty<Language> language;
    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    public I18n(Language initial) {
        language = new SimpleObjectProperty<>(initial);
        for (Language l : Language.values()) bundles.put(l, bundle(BUNDLE, l));
    }

    /** The bundle of one language, without falling back to the JVM's default locale. */
    public static ResourceBundle bundle(String baseName, Language language) {
        return ResourceBundle.getBundle(baseName, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public Language language() {
        return language.get();
    }

    public void setLanguage(Language l) {
        language.set(l);
    }

    /** The text for {@code key} in the current language, with {@link MessageFormat} arguments. */
    public String text(String key, Object... args) {
        return text(language.get(), key, args);
    }

    public String text(Language l, String key, Object... args) {
        String pattern;
        try {
            pattern = bundles.get(l).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no text '" + key + "' for " + l.tag(), e);
        }
        if (args.length == 0) return pattern;
        MessageFormat f = new MessageFormat(pattern, l.locale());
        return f.format(args);
    }

    /** A text that follows the language. */
    public StringBinding bind(String key, Object... args) {
        return Bindings.createStringBinding(() -> text(key, args), language);
    }

    /** The text of a {@link Message}, or "" for none. */
    public String text(Message m) {
        return m == null ? "" : text(m.key(), m.args());
    }
}
