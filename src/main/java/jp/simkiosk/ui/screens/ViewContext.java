package jp.simkiosk.ui.screens;

import java.util.List;
import jp.simkiosk.domain.Language;
import jp.simkiosk.ui.Formats;
import jp.simkiosk.ui.I18n;
import jp.simkiosk.ui.JourneyViewModel;

/** What every screen view needs: the journey's view model, texts, formats and the kiosk's languages. */
public record ViewContext(JourneyViewModel vm, I18n i18n, Formats formats, List<Language> languages,
                          String supportContact) {}
