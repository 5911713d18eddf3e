// The connected console's login: after a failure the focus is back on the password and Enter
// logs in again (it never presses Cancel); a long error never narrows the inputs; cancelling
// the login quits instead of opening a new local database; the local database is only used
// when the person chooses it.

#include "LoginDialog.h"
#include "GuiFixture.h"
#include "Startup.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;

class LoginDialogTest : public QObject {
    Q_OBJECT
private slots:
    void failureGivesFocusBackAndEnterLogsInAgain();
    void longErrorNeverNarrowsTheInputs();
    void cancelledLoginQuitsWithoutALocalDatabase();
    void localDatabaseOnlyWhenChosen();

private:
    /// A loopback URL where nothing listens (connection refused at once).
    static QString deadServer() {
        QTcpServer s;
        if (!s.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot bind");
        const auto port = s.serverPort();
        s.close();
        return QStringLiteral("http://127.0.0.1:%1").arg(port);
    }
};

void LoginDialogTest::failureGivesFocusBackAndEnterLogsInAgain() {
    ui::LoginDialog dialog(deadServer(), QStringLiteral("admin@example.test"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog) || dialog.isVisible());
    QSignalSpy failed(&dialog, &ui::LoginDialog::failed);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    dialog.passwordEdit()->setFocus();
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("wrong-password"));
    QTest::keyClick(dialog.passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY(!dialog.errorText().isEmpty());
    saveScreenshot(&dialog, QStringLiteral("login_failed"));
    // The person types the right password: the keys go to the password field...
    QCOMPARE(dialog.focusWidget(), dialog.passwordEdit());
    QVERIFY(dialog.passwordEdit()->isEnabled() && !dialog.passwordEdit()->isReadOnly());
    QTest::keyClicks(dialog.focusWidget(), QStringLiteral("right-password"));
    QCOMPARE(dialog.passwordEdit()->text(), QStringLiteral("right-password"));
    // ... and Enter logs in again instead of cancelling.
    QTest::keyClick(dialog.focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 20000);
    QCOMPARE(rejected.count(), 0);
    QVERIFY(dialog.isVisible());
    // While a login runs, the focus stays where it was (not on Cancel).
    dialog.submit();
    QVERIFY(dialog.isBusy());
    QVERIFY(qobject_cast<QPushButton*>(dialog.focusWidget()) == nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, 20000);
}

void LoginDialogTest::longErrorNeverNarrowsTheInputs() {
    ui::LoginDialog dialog(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("a@b.test"));
    dialog.show();
    QTest::qWait(50);
    const int before = dialog.passwordEdit()->width();
    QVERIFY(before > 150);
    QSignalSpy failed(&dialog, &ui::LoginDialog::failed);
    // An invalid address fails with a long message before any network access.
    dialog.serverEdit()->setText(QStringLiteral("not a url with a very long text ") +
                                 QString(120, QLatin1Char('x')));
    dialog.passwordEdit()->setText(QStringLiteral("pw"));
    dialog.submit();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QTest::qWait(50);
    QVERIFY2(dialog.passwordEdit()->width() >= before,
             qPrintable(QStringLiteral("%1 < %2").arg(dialog.passwordEdit()->width()).arg(before)));
    QVERIFY(dialog.width() <= dialog.screen()->availableGeometry().width());
    saveScreenshot(&dialog, QStringLiteral("login_long_error"));
}

void LoginDialogTest::cancelledLoginQuitsWithoutALocalDatabase() {
    QTemporaryDir tmp;
    ui::StartOptions options;
    options.dataDir = tmp.path();
    options.connectUrl = deadServer();
    int shown = 0;
    auto outcome = ui::startConsole(options, [&](ui::LoginDialog&) {
        ++shown;
        return int(QDialog::Rejected);
    });
    QCOMPARE(shown, 1);
    QVERIFY(!outcome.session);        // quit ...
    QVERIFY(outcome.error.isEmpty()); // ... without an error
    QVERIFY(!QFile::exists(tmp.path() + QStringLiteral("/bridgecore.db")));
}

void LoginDialogTest::localDatabaseOnlyWhenChosen() {
    QTemporaryDir tmp;
    ui::StartOptions options;
    options.dataDir = tmp.path();
    options.connectUrl = deadServer();
    auto outcome =
        ui::startConsole(options, [](ui::LoginDialog&) { return int(ui::LoginDialog::UseLocal); });
    QVERIFY(outcome.session);
    QVERIFY(!outcome.session->isConnected());
    QVERIFY(outcome.message.contains(QStringLiteral("local database")));
    // The dialog offers that choice as a button of its own.
    ui::LoginDialog dialog(options.connectUrl, QString());
    auto* local = dialog.findChild<QPushButton*>(QStringLiteral("loginUseLocal"));
    QVERIFY(local);
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    local->click();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), int(ui::LoginDialog::UseLocal));
}

QTEST_MAIN(LoginDialogTest)
#include "LoginDialogTest.moc"
