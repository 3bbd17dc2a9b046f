package jp.simkiosk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;

/**
 * Registers the fonts shipped in {@code assets/fonts} with JavaFX, so that Japanese, Chinese and Korean
 * render on a machine with no CJK fonts installed. TrueType fonts loaded this way also join JavaFX's
 * fallback list. Call once, before the first scene, off the JavaFX thread if you like.
 */
public final class KioskFonts {

    static final String[] FILES = {
        "/assets/fonts/DejaVuSans.ttf",
        "/assets/fonts/DejaVuSans-Bold.ttf",
        "/assets/fonts/ipaexg.ttf",
        "/assets/fonts/wqy-microhei.ttc",
    };

    private KioskFonts() {}

    public static void register() {
        for (String file : FILES) {
            try (InputStream in = KioskFonts.class.getResourceAsStream(file)) {
                if (in == null) throw new IllegalStateException("font missing from the application: " + file);
                Font[] fonts = Font.loadFonts(in, 16);
                if (fonts == null || fonts.length == 0) throw new IllegalStateException("font could not be loaded: " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read font " + file, e);
            }
        }
    }
}
