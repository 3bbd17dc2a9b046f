package jp.simkiosk.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A text given in every one of the five languages (plan names, descriptions). */
public record LocalizedText(Map<Language, String> texts) {

    public LocalizedText {
        Objects.requireNonNull(texts, "texts");
        EnumMap<Language, String> copy = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            String t = texts.get(l);
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("missing text for language " + l.tag());
            }
            copy.put(l, t);
        }
        texts = Map.copyOf(copy);
    }

    public String in(Language language) {
        return texts.get(language);
    }

    /** The same text in every language: for tests and for names that are not translated. */
    public static LocalizedText same(String text) {
        EnumMap<Language, String> m = new EnumMap<>(Language.class);
        for (Language l : Language.values()) m.put(l, text);
        return new LocalizedText(m);
    }
}
