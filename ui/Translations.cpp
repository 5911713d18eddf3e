#include "Translations.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace bridgecore::ui {

namespace {
std::unique_ptr<QTranslator>& appTranslator() {
    static std::unique_ptr<QTranslator> t;
    return t;
}
std::unique_ptr<QTranslator>& qtTranslator() {
    static std::unique_ptr<QTranslator> t;
    return t;
}
QString& currentLanguage() {
    static QString l = QStringLiteral("en");
    return l;
}
} // namespace

QStringList Translations::available() {
    return {QStringLiteral("en"), QStringLiteral("ar"), QStringLiteral("fr")};
}

QString Translations::current() {
    return currentLanguage();
}

bool Translations::apply(const QString& language) {
    QString lang = language;
    if (lang.isEmpty())
        lang = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    for (auto* t : {&appTranslator(), &qtTranslator()})
        if (*t) {
            QCoreApplication::removeTranslator(t->get());
            t->reset();
        }
    // A language we do not translate (or LANG unset: "C") falls back to English, which has a
    // translation file too: its plural forms ("1 conflict", "2 conflicts").
    const bool ok = available().contains(lang);
    if (!ok)
        lang = QStringLiteral("en");
    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral(":/i18n/bridgecore_") + lang)) {
        QCoreApplication::installTranslator(app.get());
        appTranslator() = std::move(app);
    }
    auto qt = std::make_unique<QTranslator>();
    if (lang != QLatin1String("en") &&
        qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    currentLanguage() = lang;
    QLocale::setDefault(QLocale(lang));
    QGuiApplication::setLayoutDirection(lang == QLatin1String("ar") ? Qt::RightToLeft
                                                                    : Qt::LeftToRight);
    return ok;
}

} // namespace bridgecore::ui
