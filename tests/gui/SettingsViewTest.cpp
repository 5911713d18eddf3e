// SettingsView: what it shows is what is in effect.

#include "SettingsView.h"
#include "GuiFixture.h"
#include "Translations.h"

#include <QComboBox>
#include <QLocale>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;

class SettingsViewTest : public QObject {
    Q_OBJECT
private slots:
    void languageShownIsTheOneInUse();
};

void SettingsViewTest::languageShownIsTheOneInUse() {
    // Started with --language fr, the stored choice being "System language" (on a system that
    // is not French): Settings said "System language" over a French console. It shows the
    // language in use; applying saves what it shows.
    QLocale::setDefault(QLocale(QLocale::English));
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    for (const QString& lang : {QStringLiteral("fr"), QStringLiteral("ar")}) {
        if (lang == system)
            continue; // on such a system the stored "System language" is the one in use
        QVERIFY(ui::Translations::apply(lang)); // what --language does in main()
        console::ConsoleSettings stored;
        stored.language.clear(); // "System language"
        ui::SettingsView view(stored, {QStringLiteral("sales_app")});
        view.resize(1065, 700);
        view.show();
        QCOMPARE(view.languageCombo()->currentData().toString(), lang);
        QCOMPARE(view.languageCombo()->currentText(), lang == QLatin1String("fr")
                                                          ? QStringLiteral("Français")
                                                          : QStringLiteral("العربية"));
        QCOMPARE(view.settings().language, lang);
        saveScreenshot(&view, QStringLiteral("settings_language_") + lang);
    }
    // Without --language the stored choice is the one in use: it stays "System language".
    ui::Translations::apply(QString());
    console::ConsoleSettings stored;
    stored.language.clear();
    ui::SettingsView view(stored, {QStringLiteral("sales_app")});
    QCOMPARE(view.languageCombo()->currentData().toString(), QString());
    // A stored language in use is shown as such.
    ui::Translations::apply(QStringLiteral("fr"));
    stored.language = QStringLiteral("fr");
    ui::SettingsView french(stored, {QStringLiteral("sales_app")});
    QCOMPARE(french.languageCombo()->currentData().toString(), QStringLiteral("fr"));
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(SettingsViewTest)
#include "SettingsViewTest.moc"
