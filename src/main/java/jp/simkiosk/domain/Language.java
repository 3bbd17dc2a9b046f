package jp.simkiosk.domain;

import java.util.Locale;
import java.util.Optional;

/** The five languages the kiosk speaks. The tag is what configuration files and the journal use. */
public enum Language {
    JA("ja", Locale.JAPANESE, "日本語"),
    EN("en", Locale.ENGLISH, "English"),
    ZH_HANS("zh-Hans", Locale.SIMPLIFIED_CHINESE, "简体中文"),
    ZH_HANT("zh-Hant", Locale.TRADITIONAL_CHINESE, "繁體中文"),
    KO("ko", Locale.KOREAN, "한국어");

    private final String tag;
    private final Locale locale;
    private final String nativeName;

    Language(String tag, Locale locale, String nativeName) {
        this.tag = tag;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    public String tag() { return tag; }

    /** The locale whose resource bundle holds this language's texts (zh_CN for Simplified, zh_TW for Traditional). */
    public Locale locale() { return locale; }

    /** The language's name in itself, as shown on the language buttons. */
    public String nativeName() { return nativeName; }

    public static Optional<Language> fromTag(String tag) {
        for (Language l : values()) {
            if (l.tag.equalsIgnoreCase(tag)) return Optional.of(l);
        }
        return Optional.empty();
    }
}
