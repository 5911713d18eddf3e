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
    bool ok = true;
    if (lang == QLatin1String("en")) {
        // English too: its plural forms ("1 conflict", "2 conflicts").
        auto app = std::make_unique<QTranslator>();
        if (app->load(QStringLiteral(":/i18n/bridgecore_en"))) {
            QCoreApplication::installTranslator(app.get());
            appTranslator() = std::move(app);
        }
    } else {
        auto app = std::make_unique<QTranslator>();
        if (app->load(QStringLiteral(":/i18n/bridgecore_") + lang)) {
            QCoreApplication::installTranslator(app.get());
            appTranslator() = std::move(app);
            auto qt = std::make_unique<QTranslator>();
            if (qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
                QCoreApplication::installTranslator(qt.get());
                qtTranslator() = std::move(qt);
            }
        } else {
            ok = false;
            lang = QStringLiteral("en");
        }
    }
    currentLanguage() = lang;
    QLocale::setDefault(QLocale(lang));
    QGuiApplication::setLayoutDirection(lang == QLatin1String("ar") ? Qt::RightToLeft
                                                                    : Qt::LeftToRight);
    return ok;
}

} // namespace bridgecore::ui
