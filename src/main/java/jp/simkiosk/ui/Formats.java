package jp.simkiosk.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import jp.simkiosk.domain.Language;

/** Dates as each language writes them; the patterns live in the message bundles (key {@code format.dateTime}). */
public final class Formats {

    private final I18n i18n;
    private final ZoneId zone;

    public Formats(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
    }

    public String dateTime(Instant at) {
        Language l = i18n.language();
        return DateTimeFormatter.ofPattern(i18n.text(l, "format.dateTime"), l.locale()).withZone(zone).format(at);
    }

    public ZoneId zone() {
        return zone;
    }
}
