// MainWindow on the embedded console with demo devices: every view is there and fills with
// live data; switching to Arabic makes the window right-to-left and translated, French
// left-to-right.

#include "MainWindow.h"
#include "DashboardView.h"
#include "DevicesView.h"
#include "EventLogView.h"
#include "GuiFixture.h"
#include "PendingView.h"
#include "RecordsView.h"
#include "Startup.h"
#include "Translations.h"
#include "WelcomeDialog.h"
#include "console/ConsoleSession.h"
#include "console/DemoSimulator.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTextLayout>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using Page = ui::MainWindow::Page;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void everyViewWithDemoData();
    void arabicIsRightToLeft();
    void titleShortcutsAndDemo();
    void welcomePasswordIsSelectableAndCopyable();
    void lastSyncFollowsTheLanguage();
    void unknownSystemLanguageFallsBackToEnglishPlurals();
    void arabicStatusBarShowsTheDemoPathLeftToRight();
    void demoFieldsAreNamedInTheChosenLanguage();
    void menusHaveUniqueMnemonicsInEveryLanguage();
};

void MainWindowTest::everyViewWithDemoData() {
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
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
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    ui::MainWindow window(s.value().get());
    window.resize(1200, 760);
    window.show();
    const QString english = window.windowTitle();
    QCOMPARE(english, QStringLiteral("Local database"));
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

void MainWindowTest::titleShortcutsAndDemo() {
    QApplication::setApplicationDisplayName(QStringLiteral("BridgeCore Sync Console"));
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openDemo(tmp.path());
    QVERIFY(s.ok());
    ui::MainWindow window(s.value().get());
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The title says which data this is, and the app name appears once (Qt appends it).
    QVERIFY(window.windowTitle().contains(QStringLiteral("Demo")));
    QVERIFY(!window.windowTitle().contains(QStringLiteral("BridgeCore")));
    // Ctrl+1 … Ctrl+8 switch views.
    auto* nav = window.findChild<QListWidget*>(QStringLiteral("navigation"));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(nav->currentRow(), 1);
    QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget(), window.page(Page::Devices));
    QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget(), window.page(Page::Events));
    QTest::keyClick(&window, Qt::Key_8, Qt::ControlModifier);
    QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget(), window.page(Page::Settings));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget(), window.page(Page::Dashboard));
    // The demo views are live without Refresh: Devices and the event log fill by themselves.
    window.showPage(Page::Devices);
    QTRY_VERIFY_WITH_TIMEOUT(window.devices()->model()->rowCount() >= 12, 30000);
    window.showPage(Page::Events);
    QTRY_VERIFY_WITH_TIMEOUT(window.events()->model()->rowCount() > 0, 10000);
    saveScreenshot(&window, QStringLiteral("main_demo_events"));
    QApplication::setApplicationDisplayName(QString());
}

void MainWindowTest::welcomePasswordIsSelectableAndCopyable() {
    const QString password = QStringLiteral("Xy7pQ2mN8rT4vW9k");
    ui::WelcomeDialog dialog(QStringLiteral("/home/someone/.local/share/bridgecore-console"),
                             QStringLiteral("admin@bridgecore.local"), password);
    dialog.show();
    auto* field = dialog.passwordField();
    QCOMPARE(field->text(), password);
    QVERIFY(field->isReadOnly());
    QVERIFY(QFontInfo(field->font()).fixedPitch());
    // The whole password is visible (not clipped) and selectable.
    QVERIFY(field->fontMetrics().horizontalAdvance(password) < field->contentsRect().width());
    field->selectAll();
    QCOMPARE(field->selectedText(), password);
    auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("welcomeCopy"));
    QVERIFY(copy);
    QGuiApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), password);
    // What next: the demo, serving the LAN, connecting to a server.
    for (const char* name : {"welcomeDemo", "welcomeServe", "welcomeConnect"})
        QVERIFY(dialog.findChild<QPushButton*>(QLatin1String(name)));
    saveScreenshot(&dialog, QStringLiteral("welcome"));
    // In Arabic the data path still reads left to right.
    ui::Translations::apply(QStringLiteral("ar"));
    // A long path is whole, its first "/" included (Xvfb showed "tmp/…/bridgecore-console").
    const QString longPath =
        QStringLiteral("/tmp/polish-look/home/.local/share/BridgeCore/bridgecore-console");
    ui::WelcomeDialog arabic(longPath, QStringLiteral("a@b.c"), password);
    arabic.show();
    QVERIFY(arabic.isRightToLeft());
    auto* path = arabic.findChild<QLineEdit*>(QStringLiteral("welcomeDataDir"));
    QCOMPARE(path->layoutDirection(), Qt::LeftToRight);
    QVERIFY2(path->fontMetrics().horizontalAdvance(longPath) + 8 <= path->contentsRect().width(),
             qPrintable(QStringLiteral("the path needs %1 px, its box has %2")
                            .arg(path->fontMetrics().horizontalAdvance(longPath))
                            .arg(path->contentsRect().width())));
    QCOMPARE(arabic.passwordField()->layoutDirection(), Qt::LeftToRight);
    saveScreenshot(&arabic, QStringLiteral("welcome_arabic"));
    ui::Translations::apply(QStringLiteral("en"));
}

void MainWindowTest::lastSyncFollowsTheLanguage() {
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    ui::MainWindow window(s.value().get());
    window.show();
    window.setLanguage(QStringLiteral("ar"));
    QSignalSpy done(s.value()->scheduler(), &client::SyncScheduler::finished);
    window.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 1, 10000);
    auto hasArabic = [](const QString& text) {
        for (QChar c : text)
            if (c.unicode() >= 0x0600 && c.unicode() <= 0x06FF)
                return true;
        return false;
    };
    QVERIFY(hasArabic(window.lastSyncText()));
    // Switching to French: the time is French now, with no Arabic digit or letter left.
    window.setLanguage(QStringLiteral("fr"));
    const QString fr = window.lastSyncText();
    QVERIFY2(!hasArabic(fr), qPrintable(fr));
    window.setLanguage(QStringLiteral("en"));
}

void MainWindowTest::unknownSystemLanguageFallsBackToEnglishPlurals() {
    // A machine in a language we do not translate (or LANG unset: "C") gets English, plural
    // forms included: "2 conflicts", never "2 conflict(s)".
    const QLocale system = QLocale::system();
    QLocale::setDefault(QLocale(QLocale::Swahili));
    QVERIFY(!ui::Translations::apply(QStringLiteral("sw")));
    QCOMPARE(ui::Translations::current(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("bridgecore::ui::ConflictsView", "%Ln conflict(s)", "", 2),
             QStringLiteral("2 conflicts"));
    QCOMPARE(QCoreApplication::translate("bridgecore::ui::ConflictsView", "%Ln conflict(s)", "", 1),
             QStringLiteral("1 conflict"));
    QLocale::setDefault(system);
    ui::Translations::apply(QStringLiteral("en"));
}

void MainWindowTest::arabicStatusBarShowsTheDemoPathLeftToRight() {
    ui::Translations::apply(QStringLiteral("ar"));
    QTemporaryDir tmp;
    ui::StartOptions options;
    // A data directory as long as a real one (~/.local/share/…), in a window of laptop width.
    options.dataDir =
        tmp.path() + QStringLiteral("/home/warehouse-admin/.local/share/BridgeCore/console-data");
    options.demo = true;
    auto start = ui::startConsole(options, [](ui::LoginDialog&) { return 0; });
    QVERIFY2(start.session, qPrintable(start.error));
    start.session->demo()->stop();
    ui::MainWindow window(start.session.get());
    window.resize(900, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showMessage(start.message);
    QApplication::processEvents();
    saveScreenshot(window.statusBar(), QStringLiteral("status_bar_demo_arabic"));
    saveScreenshot(&window, QStringLiteral("main_demo_arabic"));
    const QString path = start.session->dataDir();
    QCOMPARE(window.statusText(), start.message); // in full, and as the tooltip
    auto* label = window.findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->toolTip(), start.message);
    const QString text = label->text(); // as shown
    QVERIFY2(text != start.message, "the message fits whole: this test needs a longer one");
    // Nothing is cut at the bar's edge: the shown text fits the label.
    QVERIFY2(label->fontMetrics().horizontalAdvance(text) <= label->width(),
             qPrintable(QStringLiteral("%1 px of text in %2 px")
                            .arg(label->fontMetrics().horizontalAdvance(text))
                            .arg(label->width())));
    // The path, shortened in its middle if need be, stays a left-to-right isolate between
    // the two brackets: "(/tmp/…/demo)".
    const int at = text.indexOf(QChar(0x2066)) + 1;
    const int end = text.indexOf(QChar(0x2069));
    QVERIFY2(at > 0 && end > at, qPrintable(text));
    const QString shown = text.mid(at, end - at);
    QVERIFY2(shown.startsWith(path.left(4)) && shown.endsWith(QLatin1String("/demo")),
             qPrintable(shown));
    QCOMPARE(text.count(QLatin1Char('(')), 1);
    QCOMPARE(text.count(QLatin1Char(')')), 1);
    // Lay the line out as the label does (right to left) and look at where the characters
    // land: the path reads left to right, the bracket opened before it stands to its right,
    // the one closing it to its left.
    QTextLayout layout(text, label->font());
    QTextOption option;
    option.setTextDirection(Qt::RightToLeft);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(1e6);
    layout.endLayout();
    auto x = [&](int i) { return line.cursorToX(i); };
    for (int i = at + 1; i + 1 < end; ++i) // inside the run: no ambiguous run boundary
        QVERIFY2(
            x(i) < x(i + 1),
            qPrintable(QStringLiteral("'%1' out of order in '%2'").arg(text.at(i)).arg(shown)));
    const int open = text.indexOf(QLatin1Char('('));
    const int close = text.indexOf(QLatin1Char(')'));
    QVERIFY(open < at && close >= end);
    QVERIFY2(x(open + 1) > x(end - 1) || x(open) > x(end - 1),
             qPrintable(QStringLiteral("'(' at %1, path ends at %2").arg(x(open)).arg(x(end - 1))));
    QVERIFY2(
        x(close) < x(at + 1),
        qPrintable(QStringLiteral("')' at %1, path starts at %2").arg(x(close)).arg(x(at + 1))));
    ui::Translations::apply(QStringLiteral("en"));
}

void MainWindowTest::demoFieldsAreNamedInTheChosenLanguage() {
    // The demo's devices wrote fields no model has ("qty", "state" on order lines): Records
    // titled them "Qty" and "State" in English inside the Arabic console. Every field the
    // demo writes is one its model's catalog entry has, so every title is in Arabic.
    ui::Translations::apply(QStringLiteral("ar"));
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    auto& session = *s.value();
    session.startDemo(8, 50);
    ui::MainWindow window(&session);
    window.resize(1280, 800);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(session.demo()->steps() >= 20, 30000);
    window.showPage(Page::Records);
    auto* records = window.records();
    static const QRegularExpression latin(QStringLiteral("[A-Za-z]"));
    for (const char* model : {"sale.order", "sale.order.line", "stock.picking"}) {
        records->showModel(QString::fromLatin1(model));
        // This model's rows are in, not still the previous model's.
        QTRY_VERIFY_WITH_TIMEOUT(records->model()->rowCount() > 0 &&
                                     records->model()->record(0)->model == model &&
                                     !records->model()->fields().isEmpty(),
                                 30000);
        QApplication::processEvents();
        const auto* m = records->model();
        for (int c = int(ui::RecordTableModel::Column::Count); c < m->columnCount(); ++c) {
            const QString title = m->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(
                !latin.match(title).hasMatch(),
                qPrintable(QStringLiteral("%1: the field %2 is titled '%3'")
                               .arg(QLatin1String(model),
                                    m->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString(),
                                    title)));
        }
        saveScreenshot(&window, QStringLiteral("records_demo_ar_") + QLatin1String(model));
    }
    session.demo()->stop();
    ui::Translations::apply(QStringLiteral("en"));
}

namespace {
/// The accelerator of a menu entry's text (the letter after a single "&"); null when none.
qsizetype mnemonicAt(const QString& text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i; // "&&" is an "&"
            continue;
        }
        return i + 1;
    }
    return -1;
}
QChar mnemonicOf(const QString& text) {
    const qsizetype at = mnemonicAt(text);
    return at < 0 ? QChar() : text.at(at);
}
} // namespace

void MainWindowTest::menusHaveUniqueMnemonicsInEveryLanguage() {
    // Arabic's menu bar had "م" twice (File, Help), French "A" twice (Aide, Affichage), and the
    // View menu's entries had none. Every entry of the bar and of each menu has its own
    // accelerator, on a letter of the language's script typed as is that keeps an Arabic word
    // joined, and it works.
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    s.value()->scheduler()->stop();
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        ui::MainWindow window(s.value().get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto check = [&](const QString& menu, const QList<QAction*>& actions) -> QString {
            QList<QChar> seen;
            for (auto* a : actions) {
                if (a->isSeparator())
                    continue;
                const QString where = lang + QStringLiteral(", ") + menu + QStringLiteral(": '") +
                                      a->text() + QLatin1Char('\'');
                const QChar c = mnemonicOf(a->text());
                if (c.isNull())
                    return where + QStringLiteral(" has no accelerator");
                if (!c.isLetter() || c.decompositionTag() != QChar::NoDecomposition)
                    return where + QStringLiteral(" is not on a letter typed as is");
                if (c.script() !=
                    (lang == QLatin1String("ar") ? QChar::Script_Arabic : QChar::Script_Latin))
                    return where + QStringLiteral(" is on a letter of another script");
                if (seen.contains(c.toUpper()))
                    return where + QStringLiteral(" repeats an accelerator of its menu");
                // Underlined, an Arabic letter is shaped on its own: it must not be joined to
                // a neighbour ("التغييرات" fell apart), unless no free letter of the entry is
                // free of joins.
                QString shown = a->text();
                const qsizetype at = mnemonicAt(shown);
                shown.remove(at - 1, 1);
                if (!ui::keepsJoins(shown, at - 1)) {
                    for (qsizetype i = 0; i < shown.size(); ++i)
                        if (shown.at(i).isLetter() &&
                            shown.at(i).decompositionTag() == QChar::NoDecomposition &&
                            !seen.contains(shown.at(i).toUpper()) && ui::keepsJoins(shown, i))
                            return where + QStringLiteral(" splits its word; '") + shown.at(i) +
                                   QStringLiteral("' would not");
                }
                seen << c.toUpper();
            }
            return QString();
        };
        const QList<QAction*> bar = window.menuBar()->actions();
        QCOMPARE(bar.size(), 3);
        QString wrong = check(QStringLiteral("menu bar"), bar);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        for (auto* menu : bar) {
            QVERIFY(menu->menu());
            wrong = check(menu->text(), menu->menu()->actions());
            QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        }
        // File, View, Help: Help last.
        QCOMPARE(bar.last()->menu()->actions().size(), 1);
        // Alt+the View menu's letter opens it; the Devices entry's letter shows Devices.
        QMenu* view = bar.at(1)->menu();
        QCOMPARE(view->actions().size(), 8);
        const QChar v = mnemonicOf(bar.at(1)->text());
        // (Typed with its text: QTest::keyClick knows Latin keys only.)
        QTest::sendKeyEvent(QTest::Click, &window, Qt::Key(v.toUpper().unicode()), QString(v),
                            Qt::AltModifier);
        QTRY_VERIFY2(view->isVisible(), qPrintable(lang + QStringLiteral(": Alt+") + v));
        const QChar d = mnemonicOf(view->actions().at(1)->text());
        QTest::sendKeyEvent(QTest::Click, view, Qt::Key(d.toUpper().unicode()), QString(d),
                            Qt::NoModifier);
        QTRY_VERIFY(!view->isVisible());
        QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget(), window.page(Page::Devices));
        view->popup(window.mapToGlobal(QPoint(0, 0)));
        QVERIFY(QTest::qWaitForWindowExposed(view));
        saveScreenshot(view, QStringLiteral("main_view_menu_") + lang);
        view->hide();
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
