// The connected console against the real bridgecore-server: the login dialog reports bad
// credentials and an unreachable server readably; a support/admin login opens the console as an
// offline client of that server whose devices view lists a device that pushed there, and whose
// own outbox syncs over HTTP; a plain user sees no admin views.

#include "AdminView.h"
#include "DeviceDrillDown.h"
#include "DevicesView.h"
#include "GuiFixture.h"
#include "HttpClient.h"
#include "LedgerLookupDialog.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "ServerProcess.h"
#include "console/ConsoleSession.h"
#include "console/RemoteBackend.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using bridgecore::testsupport::HttpClient;
using bridgecore::testsupport::ServerProcess;
using Column = ui::DeviceTableModel::Column;

class ConnectedConsoleTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void wrongPasswordShowsAnError();
    void unreachableServerShowsAnError();
    void adminSeesTheServersDevices();
    void plainUserGetsNoAdminViews();

private:
    /// Logs in through the dialog as the user clicks "Log in"; the accepted dialog or nullptr.
    std::unique_ptr<ui::LoginDialog> login(const QString& url, const QString& email,
                                           const QString& password) {
        auto dialog = std::make_unique<ui::LoginDialog>(url, email);
        dialog->passwordEdit()->setText(password);
        dialog->submit();
        if (!QTest::qWaitFor([&] { return !dialog->isBusy(); }, 20000))
            return nullptr;
        return dialog;
    }
    static int rowOf(ui::DeviceTableModel& m, const QString& device) {
        for (int r = 0; r < m.rowCount(); ++r)
            if (m.index(r, int(Column::Device)).data().toString() == device)
                return r;
        return -1;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void ConnectedConsoleTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server.db")));
    QVERIFY2(m_server->init(), qPrintable(m_server->lastError()));
    QVERIFY(m_server->addTenant(QStringLiteral("acme")));
    QVERIFY(m_server->addUser(QStringLiteral("acme"), QStringLiteral("ann@acme.test"),
                              QStringLiteral("admin"), QStringLiteral("password123")));
    QVERIFY(m_server->addUser(QStringLiteral("acme"), QStringLiteral("dev@acme.test"),
                              QStringLiteral("user"), QStringLiteral("password123")));
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));

    // A phone pushes one partner to the server.
    HttpClient http(m_server->baseUrl());
    QCOMPARE(http.login(QStringLiteral("dev@acme.test"), QStringLiteral("password123")).status,
             200);
    const nlohmann::json body = {
        {"device_id", "phone-connected-1"},
        {"app_type", "sales_app"},
        {"changes", nlohmann::json::array({GuiFixture::create("p-1", {{"name", "Remote Co"}})})}};
    const auto r = http.post(QStringLiteral("/api/v1/offline-sync/push"), body);
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(r.json().value("success", false), true);
}

void ConnectedConsoleTest::cleanupTestCase() {
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void ConnectedConsoleTest::wrongPasswordShowsAnError() {
    auto dialog = login(m_server->baseUrl(), QStringLiteral("ann@acme.test"),
                        QStringLiteral("not-the-password"));
    QVERIFY(dialog);
    QVERIFY(dialog->result() != QDialog::Accepted);
    QVERIFY(!dialog->takeTransport());
    const QString error = dialog->errorText();
    QVERIFY2(error.contains(QStringLiteral("wrong email or password")), qPrintable(error));
    saveScreenshot(dialog.get(), QStringLiteral("connected-login-wrong-password"));
}

void ConnectedConsoleTest::unreachableServerShowsAnError() {
    // Port 1 on loopback: nothing listens there.
    auto dialog = login(QStringLiteral("http://127.0.0.1:1"), QStringLiteral("ann@acme.test"),
                        QStringLiteral("password123"));
    QVERIFY(dialog);
    QVERIFY(dialog->result() != QDialog::Accepted);
    const QString error = dialog->errorText();
    QVERIFY2(error.contains(QStringLiteral("cannot reach the server")), qPrintable(error));
    // A malformed address is refused before any request.
    auto bad = login(QStringLiteral("not a url"), QStringLiteral("ann@acme.test"),
                     QStringLiteral("password123"));
    QVERIFY(bad);
    QVERIFY2(bad->errorText().contains(QStringLiteral("is not a server address")),
             qPrintable(bad->errorText()));
}

void ConnectedConsoleTest::adminSeesTheServersDevices() {
    auto dialog =
        login(m_server->baseUrl(), QStringLiteral("ann@acme.test"), QStringLiteral("password123"));
    QVERIFY(dialog);
    QVERIFY2(dialog->result() == QDialog::Accepted, qPrintable(dialog->errorText()));
    QTemporaryDir data;
    auto session =
        console::ConsoleSession::openConnected(data.path(), dialog->serverUrl(), dialog->email(),
                                               dialog->takeTransport(), dialog->loginResult());
    QVERIFY2(session, session ? "" : session.error().message.c_str());
    auto& s = *session.value();
    QVERIFY(s.isConnected());
    QVERIFY(s.httpTransport());
    QVERIFY(!s.transport());
    QVERIFY(s.backend()->role() == protocol::Role::Admin);
    QVERIFY(s.settings().mode == console::ConsoleSettings::Mode::Connected);
    QCOMPARE(console::ConsoleSettings::load(s.settingsPath()).serverUrl, m_server->baseUrl());

    ui::MainWindow window(&s);
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.devices());
    QVERIFY(window.dashboard());
    QVERIFY(window.conflicts());
    QVERIFY(window.events());
    // Users are the server's to manage: the view says so, and "Add user…" is off.
    window.showPage(ui::MainWindow::Page::Admin);
    auto* note = window.admin()->findChild<QLabel*>(QStringLiteral("usersNote"));
    QVERIFY(note);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), 10000);
    QVERIFY(note->text().contains(QStringLiteral("server")));
    QVERIFY(!window.admin()->findChild<QPushButton*>(QStringLiteral("addUserButton"))->isEnabled());
    window.showPage(ui::MainWindow::Page::Devices);
    auto& m = *window.devices()->model();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(m, QStringLiteral("phone-connected-1")) >= 0, 15000);

    // The console's own offline client syncs to the server over HTTP: its device shows up there.
    const QString own = QString::fromStdString(s.cache()->deviceId());
    QVERIFY(!own.isEmpty());
    window.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(
        s.backend()->devices(100, 0, own.toStdString()).ok() &&
            !s.backend()->devices(100, 0, own.toStdString()).value().items.empty(),
        15000);
    saveScreenshot(&window, QStringLiteral("connected-devices"));

    // Live charts: a push that reaches the server shows up as a pushed signal of the backend
    // once its 10-second metric bucket is complete.
    auto* remote = qobject_cast<console::RemoteBackend*>(s.backend());
    QVERIFY(remote);
    // The idempotency lookup answers from the server's ledger
    // (GET /api/v1/admin/devices/<device>/ledger/<local_id>).
    {
        ui::LedgerLookupDialog lookup(remote, QStringLiteral("phone-connected-1"));
        lookup.show();
        auto* localId = lookup.findChild<QLineEdit*>(QStringLiteral("lookupLocalId"));
        QVERIFY(localId);
        QVERIFY(lookup.findChild<QPushButton*>(QStringLiteral("lookupButton"))->isEnabled());
        const auto ask = [&](const QString& id) {
            localId->setText(id);
            QSignalSpy answered(&lookup, &ui::LedgerLookupDialog::answered);
            lookup.lookUp();
            if (answered.isEmpty())
                answered.wait(10000);
            return lookup.resultText();
        };
        QString text = ask(QStringLiteral("p-1"));
        QVERIFY2(text.startsWith(QStringLiteral("Yes: applied, it created res.partner")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(version 1)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Applied at")), qPrintable(text));
        saveScreenshot(&lookup, QStringLiteral("connected-ledger-lookup"));
        text = ask(QStringLiteral("p-99"));
        QVERIFY2(text.startsWith(QStringLiteral("No")), qPrintable(text));
    }
    // The drill-down's "what this device would receive", from
    // GET /api/v1/admin/devices/<device>/receive-preview.
    {
        HttpClient phoneHttp(m_server->baseUrl());
        QCOMPARE(
            phoneHttp.login(QStringLiteral("dev@acme.test"), QStringLiteral("password123")).status,
            200);
        QCOMPARE(
            phoneHttp
                .post(QStringLiteral("/api/v1/offline-sync/pull"),
                      nlohmann::json{{"device_id", "phone-connected-1"}, {"app_type", "sales_app"}})
                .status,
            200); // its app type is known after a pull
        auto page = remote->devices(100, 0, "phone-connected-1");
        QVERIFY(page.ok());
        const protocol::SyncState* phone = nullptr;
        for (const auto& d : page.value().items)
            if (d.device_id == "phone-connected-1")
                phone = &d;
        QVERIFY(phone);
        ui::DeviceDrillDown drill(remote, *phone);
        QSignalSpy loaded(&drill, &ui::DeviceDrillDown::loaded);
        drill.resize(900, 900);
        drill.show();
        QVERIFY(loaded.wait(10000));
        const QString said = drill.text(QStringLiteral("preview"));
        QVERIFY2(!said.contains(QStringLiteral("Not available")), qPrintable(said));
        auto* preview = drill.previewTable();
        QVERIFY2(preview->rowCount() > 0, qPrintable(said));
        bool partners = false;
        for (int r = 0; r < preview->rowCount(); ++r)
            partners |= preview->item(r, 0)->toolTip() == QLatin1String("res.partner") &&
                        preview->item(r, 1)->text().toInt() >= 1;
        QVERIFY2(partners, qPrintable(said));
        saveScreenshot(&drill, QStringLiteral("connected-drilldown"));
    }
    remote->startLiveUpdates(300);
    QSignalSpy pushed(remote, &console::ConsoleBackend::pushed);
    HttpClient http(m_server->baseUrl());
    QCOMPARE(http.login(QStringLiteral("dev@acme.test"), QStringLiteral("password123")).status,
             200);
    const nlohmann::json body = {
        {"device_id", "phone-connected-1"},
        {"changes", nlohmann::json::array({GuiFixture::create("p-2", {{"name", "Live Co"}}),
                                           GuiFixture::create("p-3", {{"name", "Live Two"}})})}};
    QCOMPARE(http.post(QStringLiteral("/api/v1/offline-sync/push"), body).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            int changes = 0;
            for (const auto& args : pushed)
                changes += args.at(1).toInt();
            return changes >= 2;
        }(),
        40000); // the server's metric buckets are 10 s
}

void ConnectedConsoleTest::plainUserGetsNoAdminViews() {
    auto dialog =
        login(m_server->baseUrl(), QStringLiteral("dev@acme.test"), QStringLiteral("password123"));
    QVERIFY(dialog);
    QVERIFY2(dialog->result() == QDialog::Accepted, qPrintable(dialog->errorText()));
    QTemporaryDir data;
    auto session =
        console::ConsoleSession::openConnected(data.path(), dialog->serverUrl(), dialog->email(),
                                               dialog->takeTransport(), dialog->loginResult());
    QVERIFY2(session, session ? "" : session.error().message.c_str());
    auto& s = *session.value();
    QVERIFY(s.backend()->role() == protocol::Role::User);
    ui::MainWindow window(&s);
    QVERIFY(!window.devices());
    QVERIFY(!window.dashboard());
    QVERIFY(!window.conflicts());
    QVERIFY(!window.events());
    QVERIFY(!window.admin());
    QVERIFY(window.records());
    QVERIFY(window.pending());
    // The server refuses its admin endpoints to a plain user, with a readable error.
    auto devices = s.backend()->devices(10, 0, {});
    QVERIFY(!devices);
    QVERIFY(devices.error().code == ErrorCode::Forbidden);
}

QTEST_MAIN(ConnectedConsoleTest)
#include "ConnectedConsoleTest.moc"
