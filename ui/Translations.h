#pragma once
// Loads the console's translations (embedded as :/i18n/bridgecore_<lang>.qm) and Qt's own,
// and sets the layout direction (Arabic is right-to-left).

#include <QString>
#include <QStringList>

namespace bridgecore::ui {

class Translations {
public:
    /// Installs the translators of `language` ("en", "ar", "fr"; "" = the system locale)
    /// replacing the previous ones; false when no translation exists (English is used).
    static bool apply(const QString& language);
    /// The language in effect ("en" when untranslated).
    static QString current();
    /// Languages offered in the settings.
    static QStringList available();
};

} // namespace bridgecore::ui
