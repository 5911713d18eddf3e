// MainWindow on the embedded console with demo devices: every view is there and fills with
// live data; switching to Arabic makes the window right-to-left and translated, French
// left-to-right.

#include "MainWindow.h"
#include "ConsoleSession.h"
#include "DashboardView.h"
#include "DemoSimulator.h"
#include "DevicesView.h"
#include "EventLogView.h"
#include "GuiFixture.h"
#include "PendingView.h"
#include "Translations.h"

#include <QApplication>
#include <QListWidget>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using Page = ui::MainWindow::Page;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void everyViewWithDemoData();
    void arabicIsRightToLeft();
};

void MainWindowTest::everyViewWithDemoData() {
    QTemporaryDir tmp;
    auto s = ui::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    auto& session = *s.value();
    session.startDemo(8, 100);
    ui::MainWindow window(&session);
    window.resize(1400, 860);
    window.show();
    auto* nav = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(nav);
    QCOMPARE(nav->count(), 8); // admin: every view including users and app types
    for (auto p : {Page::Dashboard, Page::Devices, Page::Pending, Page::Conflicts, Page::Records,
                   Page::Events, Page::Admin, Page::Settings})
        QVERIFY(window.page(p));

    // The demo devices sync: the dashboard's series and KPIs move.
    QTRY_VERIFY_WITH_TIMEOUT(session.demo()->steps() >= 15, 30000);
    auto* dash = window.dashboard();
    for (int i = 0; i < 5; ++i) {
        QTest::qWait(300);
        dash->tick(QDateTime::currentMSecsSinceEpoch() + i * 1000);
    }
    dash->refreshSummary();
    QTRY_VERIFY(dash->summary().devices >= 8);
    double pushed = 0;
    for (int r = 0; r < dash->series()->rowCount(); ++r)
        pushed += dash->series()->value(r, ui::MetricSeriesModel::Column::PushedPerSec);
    QVERIFY(pushed > 0);
    saveScreenshot(&window, QStringLiteral("main_dashboard"));

    window.showPage(Page::Devices);
    window.devices()->reload();
    QTRY_VERIFY(window.devices()->model()->rowCount() >= 8);
    saveScreenshot(&window, QStringLiteral("main_devices"));
    window.showPage(Page::Events);
    window.events()->reload();
    QTRY_VERIFY(window.events()->model()->rowCount() > 0);
    saveScreenshot(&window, QStringLiteral("main_events"));
    window.showPage(Page::Pending);
    saveScreenshot(&window, QStringLiteral("main_pending"));
    window.showPage(Page::Admin);
    saveScreenshot(&window, QStringLiteral("main_admin"));
    window.showPage(Page::Settings);
    saveScreenshot(&window, QStringLiteral("main_settings"));
    session.demo()->stop();
}

void MainWindowTest::arabicIsRightToLeft() {
    QTemporaryDir tmp;
    auto s = ui::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    ui::MainWindow window(s.value().get());
    window.resize(1200, 760);
    window.show();
    const QString english = window.windowTitle();
    QCOMPARE(english, QStringLiteral("BridgeCore Sync Console"));
    QCOMPARE(window.layoutDirection(), Qt::LeftToRight);

    window.setLanguage(QStringLiteral("ar"));
    QCOMPARE(ui::Translations::current(), QStringLiteral("ar"));
    QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
    QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
    QVERIFY(window.isRightToLeft());
    QVERIFY(window.windowTitle() != english);
    auto* nav = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(nav->isRightToLeft());
    QCOMPARE(nav->item(0)->text(), QStringLiteral("لوحة المتابعة"));
    window.showPage(Page::Devices);
    window.devices()->reload();
    QTRY_VERIFY(!window.devices()->model()->headerData(0, Qt::Horizontal).toString().isEmpty());
    QVERIFY(window.devices()->model()->headerData(0, Qt::Horizontal).toString() !=
            QStringLiteral("Device"));
    saveScreenshot(&window, QStringLiteral("main_arabic"));

    window.setLanguage(QStringLiteral("fr"));
    QCOMPARE(window.layoutDirection(), Qt::LeftToRight);
    QCOMPARE(window.findChild<QListWidget*>(QStringLiteral("navigation"))->item(0)->text(),
             QStringLiteral("Tableau de bord"));
    saveScreenshot(&window, QStringLiteral("main_french"));
    window.setLanguage(QStringLiteral("en"));
    QCOMPARE(window.windowTitle(), english);
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
