package jp.simkiosk.ui.screens;

import java.util.EnumMap;
import java.util.Map;
import jp.simkiosk.domain.Language;

/**
 * The font family for each language's text: Japanese in a Japanese font (Chinese fonts draw some shared
 * characters in Chinese forms), Chinese and Korean in WenQuanYi Micro Hei, English in DejaVu Sans.
 * The families are those of the fonts shipped in {@code assets/fonts}, registered at start by
 * {@link jp.simkiosk.ui.KioskFonts}.
 */
public final class FontStyles {

    private static final Map<Language, String> FAMILY = new EnumMap<>(Map.of(
            Language.JA, "IPAexGothic",
            Language.EN, "DejaVu Sans",
            Language.ZH_HANS, "WenQuanYi Micro Hei",
            Language.ZH_HANT, "WenQuanYi Micro Hei",
            Language.KO, "WenQuanYi Micro Hei"));

    private FontStyles() {}

    public static String family(Language l) {
        return FAMILY.get(l);
    }

    /** An inline style setting the language's font family. */
    public static String familyFor(Language l) {
        return "-fx-font-family: \"" + FAMILY.get(l) + "\";";
    }
}
