package jp.simkiosk.ui;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import jp.simkiosk.domain.Language;

/**
 * The customer's current language and the screen texts in it. Views bind their labels through
 * {@link #bind}, so switching the language re-labels every screen at once, without a restart.
 * Texts come from the bundle families under {@code i18n/} ({@code messages_<locale>.properties} and the
 * families of other screen groups listed in {@link #FAMILIES}); a key is looked up in each family in turn.
 */
public final class I18n {

    /** The screen text families; keys are unique across them (LocalizationConsistencyTest checks). */
    public static final List<String> FAMILIES = List.of("i18n.messages", "i18n.purchase", "i18n.operator");

    private final ObjectProperty<Language> language;
    private final Map<Language, List<ResourceBundle>> bundles = new EnumMap<>(Language.class);

    public I18n(Language initial) {
        language = new SimpleObjectProperty<>(initial);
        for (Language l : Language.values()) {
            bundles.put(l, FAMILIES.stream().map(f -> bundle(f, l)).toList());
        }
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

    /**
     * The text for {@code key} in the current language, with {@link MessageFormat} arguments; an argument that is a
     * {@link Message} is itself shown in that language (a fault inside a test result).
     */
    public String text(String key, Object... args) {
        return text(language.get(), key, args);
    }

    public String text(Language l, String key, Object... args) {
        String pattern = null;
        for (ResourceBundle b : bundles.get(l)) {
            if (b.containsKey(key)) {
                pattern = b.getString(key);
                break;
            }
        }
        if (pattern == null) throw new IllegalArgumentException("no text '" + key + "' for " + l.tag());
        if (args.length == 0) return pattern;
        Object[] shown = args.clone();
        for (int n = 0; n < shown.length; n++) {
            if (shown[n] instanceof Message m) shown[n] = text(l, m.key(), m.args());
        }
        MessageFormat f = new MessageFormat(pattern, l.locale());
        return f.format(shown);
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
