// The console's "Odoo" section and the dashboard's Odoo KPIs, embedded, offscreen, against the
// Odoo emulator: what an admin sees with no tenant attached, with one attached (URL, database,
// login, API, the note that no feed runs in the console), "Test connection" answering Odoo's
// version and user id or saying Odoo is unreachable, and what a non-admin sees.
#include "OdooConnectionsView.h"
#include "DashboardView.h"
#include "GuiFixture.h"
#include "OdooEmulator.h"
#include "ServerProcess.h"
#include "Translations.h"
#include "client/HttpTransport.h"
#include "console/RemoteBackend.h"
#include "odoo/OdooSettings.h"
#include "odoo/SecretBox.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextDocumentFragment>
#include <QtTest>

using namespace bridgecore;
using namespace bridgecore::ui;
using bridgecore::testing::GuiFixture;

namespace {
const QByteArray kSecretKey = "odoo-view-test-secret-key-0123456789";

QString text(QWidget* view, const char* name) {
    auto* l = view->findChild<QLabel*>(QString::fromLatin1(name));
    return l ? l->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

/// Attaches the fixture's tenant to `odoo` as `tenant odoo` would have (key admin-api-key).
void attach(GuiFixture& f, const testsupport::OdooEmulator& odoo) {
    auto box = odoo::SecretBox::fromKey(kSecretKey.toStdString());
    QVERIFY(box.ok());
    odoo::OdooSettings s;
    s.url = odoo.url().toStdString();
    s.database = "odoo";
    s.login = "admin";
    s.api = odoo::Api::Json2;
    s.sealed_secret = box.value().seal("admin-api-key");
    s.uid = 2;
    s.version = "19.0";
    s.attached_at = 1'700'000'000'000;
    QVERIFY(odoo::saveOdooSettings(f.store(), f.tenant, s).ok());
}
} // namespace

class OdooConnectionsViewTest : public QObject {
    Q_OBJECT
private slots:
    void init() { qputenv("BRIDGECORE_SECRET_KEY", kSecretKey); }

    void noTenantAttachedSaysHowToAttachOne() {
        GuiFixture f;
        OdooConnectionsView view(&f.backend());
        QSignalSpy loaded(&view, &OdooConnectionsView::loaded);
        view.resize(520, 400);
        view.show();
        QVERIFY(loaded.wait(5000));
        auto* empty = view.findChild<QLabel*>(QStringLiteral("odooEmpty"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY2(empty->text().contains(QStringLiteral("No tenant is attached to Odoo.")),
                 qPrintable(empty->text()));
        QVERIFY(view.findChild<QPlainTextEdit*>(QStringLiteral("odooAttachCommand"))
                    ->toPlainText()
                    .startsWith(QStringLiteral("bridgecore-server tenant odoo")));
        QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("odooTestButton")));

        DashboardView dash(&f.backend());
        auto* kpis = dash.findChild<OdooKpis*>();
        QVERIFY(kpis);
        QSignalSpy kl(kpis, &OdooKpis::loaded);
        dash.show();
        QVERIFY(kl.wait(5000));
        QVERIFY(!kpis->isVisible()); // no Odoo KPIs without an attached tenant
        testing::saveScreenshot(&view, QStringLiteral("odoo_not_attached"));
    }

    void theAttachCommandIsWholeAndSelectable() {
        // The command wrapped in its middle ("--url" | "URL"), then, on one line, showed ~60%
        // of itself: it is a shell command on four lines (each option with its value), left to
        // right in every language, whole in its box, selectable and copied whole.
        const QString command =
            QStringLiteral("bridgecore-server tenant odoo \\\n  --db DB --tenant NAME \\\n"
                           "  --url URL --database ODOO_DB \\\n  --login LOGIN");
        for (const QString& lang :
             {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
            Translations::apply(lang);
            GuiFixture f;
            OdooConnectionsView view(&f.backend());
            QSignalSpy loaded(&view, &OdooConnectionsView::loaded);
            view.resize(420, 400);
            view.show();
            QVERIFY(loaded.wait(5000));
            auto* box = view.findChild<QPlainTextEdit*>(QStringLiteral("odooAttachCommand"));
            QVERIFY2(box && box->isVisible(), "the command is not a box of its own");
            QCOMPARE(box->toPlainText(), command);
            QVERIFY(box->isReadOnly());
            QCOMPARE(box->layoutDirection(), Qt::LeftToRight);
            QCOMPARE(box->verticalScrollBar()->maximum(), 0);
            QCOMPARE(box->horizontalScrollBar()->maximum(), 0);
            box->selectAll();
            QCOMPARE(box->textCursor().selection().toPlainText(), command);
            // The sentence before it no longer holds the command.
            auto* empty = view.findChild<QLabel*>(QStringLiteral("odooEmpty"));
            QVERIFY(!empty->text().contains(QLatin1String("--db")));
            testing::saveScreenshot(&view, QStringLiteral("odoo_attach_command_") + lang);
        }
        Translations::apply(QStringLiteral("en"));
    }

    void anAttachedTenantIsShownAndTested() {
        testsupport::OdooEmulator odoo;
        QVERIFY(odoo.start());
        GuiFixture f;
        attach(f, odoo);
        OdooConnectionsView view(&f.backend());
        QSignalSpy loaded(&view, &OdooConnectionsView::loaded);
        view.resize(620, 480);
        view.show();
        QVERIFY(loaded.wait(5000));
        QVERIFY(!view.findChild<QLabel*>(QStringLiteral("odooEmpty"))->isVisible());
        QCOMPARE(text(&view, "odoo_tenant"), QStringLiteral("Fixture"));
        QVERIFY(text(&view, "odoo_url").contains(odoo.url()));
        QVERIFY(text(&view, "odoo_database").contains(QStringLiteral("odoo")));
        QVERIFY(text(&view, "odoo_login").contains(QStringLiteral("admin")));
        QCOMPARE(text(&view, "odoo_api"), QStringLiteral("JSON-2 (Odoo 19 and later)"));
        QCOMPARE(text(&view, "odoo_version"), QStringLiteral("19.0, user id 2"));
        // The embedded console runs no feed: it says so instead of inventing figures.
        QVERIFY2(text(&view, "odoo_feed").contains(QStringLiteral("not running in this console")),
                 qPrintable(text(&view, "odoo_feed")));
        QVERIFY(!view.findChild<QLabel*>(QStringLiteral("odoo_feed_lag")));

        auto* button = view.findChild<QPushButton*>(QStringLiteral("odooTestButton"));
        QVERIFY(button && button->isEnabled() && button->isVisible());
        QCOMPARE(button->text(), QStringLiteral("Test connection"));
        QSignalSpy tested(&view, &OdooConnectionsView::tested);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(tested.wait(10000));
        QVERIFY(tested.at(0).at(0).toBool());
        QCOMPARE(text(&view, "odoo_test_result"),
                 QStringLiteral("Connected: Odoo 19.0, user id 2"));
        QVERIFY(button->isEnabled());
        testing::saveScreenshot(&view, QStringLiteral("odoo_connection_tested"));

        // The dashboard shows the Odoo KPIs, saying no feed runs here.
        DashboardView dash(&f.backend());
        auto* kpis = dash.findChild<OdooKpis*>();
        QSignalSpy kl(kpis, &OdooKpis::loaded);
        dash.show();
        QVERIFY(kl.wait(5000));
        QVERIFY(kpis->isVisible());
        QCOMPARE(text(kpis, "kpi_odoo_feed_lag"), QStringLiteral("no feed here"));
        QCOMPARE(text(kpis, "kpi_odoo_write_latency"), QStringLiteral("no feed here"));

        // Odoo gone: the test says so in one line.
        odoo.stop();
        tested.clear();
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(tested.wait(30000));
        QVERIFY(!tested.at(0).at(0).toBool());
        const QString failed = text(&view, "odoo_test_result");
        QVERIFY2(failed.startsWith(QStringLiteral("Test failed: Odoo is unreachable")),
                 qPrintable(failed));
        QVERIFY(!failed.contains(QLatin1Char('\n')));
        QVERIFY(!failed.contains(QStringLiteral("admin-api-key")));
        testing::saveScreenshot(&view, QStringLiteral("odoo_connection_unreachable"));
    }

    void aConnectedConsoleShowsTheServersFeed() {
        // The console connected to a server that runs the tenant's feed: the feed's figures
        // come from that server (GET /api/v1/admin/odoo), the test from its POST .../test.
        testsupport::OdooEmulator odoo;
        QVERIFY(odoo.start());
        QTemporaryDir dir;
        testsupport::ServerProcess server(dir.filePath(QStringLiteral("server.db")));
        QVERIFY2(server.init(), qPrintable(server.lastError()));
        QVERIFY(server.addTenant(QStringLiteral("acme")));
        QVERIFY(server.addUser(QStringLiteral("acme"), QStringLiteral("ann@acme.test"),
                               QStringLiteral("admin"), QStringLiteral("password123")));
        const auto attach = testsupport::runServerCommand(
            {"tenant", "odoo", "--db", server.dbPath(), "--tenant", "acme", "--url", odoo.url(),
             "--database", "odoo", "--login", "admin"},
            "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(server.start(nlohmann::json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(server.lastError()));
        odoo.control(
            "create",
            {{"model", "res.partner"}, {"values", {{"name", "Made in the office"}}}, {"uid", 7}});

        client::HttpTransport transport{QUrl(server.baseUrl())};
        QVERIFY(transport.login("ann@acme.test", "password123").ok());
        console::RemoteBackend backend(transport, QUrl(server.baseUrl()), protocol::Role::Admin,
                                       QStringLiteral("ann@acme.test"));
        OdooConnectionsView view(&backend);
        view.resize(620, 480);
        view.show();
        // Until the feed has seen the office's change.
        QVERIFY(QTest::qWaitFor(
            [&] {
                view.reload();
                QTest::qWait(100);
                return !view.connections().empty() && view.connections()[0].feed_events > 0;
            },
            15000));
        QVERIFY(QTest::qWaitFor([&] { return view.findChild<QLabel*>("odoo_feed_lag"); }, 2000));
        QVERIFY(!view.findChild<QLabel*>(QStringLiteral("odoo_feed")));
        QVERIFY2(text(&view, "odoo_feed_lag").endsWith(QStringLiteral(" ms")),
                 qPrintable(text(&view, "odoo_feed_lag")));
        QVERIFY(text(&view, "odoo_last_contact") != QStringLiteral("not yet"));
        QCOMPARE(text(&view, "odoo_last_error"), QStringLiteral("none"));
        QCOMPARE(text(&view, "odoo_write_latency"), QStringLiteral("no push written to Odoo yet"));

        QSignalSpy tested(&view, &OdooConnectionsView::tested);
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("odooTestButton")),
                          Qt::LeftButton);
        QVERIFY(tested.wait(10000));
        QCOMPARE(text(&view, "odoo_test_result"),
                 QStringLiteral("Connected: Odoo 19.0, user id 2"));
        testing::saveScreenshot(&view, QStringLiteral("odoo_connection_connected"));

        DashboardView dash(&backend);
        auto* kpis = dash.findChild<OdooKpis*>();
        QSignalSpy kl(kpis, &OdooKpis::loaded);
        dash.show();
        QVERIFY(kl.wait(5000));
        QVERIFY(kpis->isVisible());
        QVERIFY2(text(kpis, "kpi_odoo_feed_lag").endsWith(QStringLiteral(" ms")),
                 qPrintable(text(kpis, "kpi_odoo_feed_lag")));
        QCOMPARE(server.stop(), 0);
    }

    void aNonAdminSeesWhyNot() {
        GuiFixture f;
        console::EmbeddedBackend userBackend(f.engine(), f.accounts(), f.user, f.path());
        OdooConnectionsView view(&userBackend);
        QSignalSpy loaded(&view, &OdooConnectionsView::loaded);
        view.show();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(text(&view, "odooEmpty"),
                 QStringLiteral("Only an admin sees the Odoo connection."));
        QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("odooTestButton")));
    }
};

QTEST_MAIN(OdooConnectionsViewTest)
#include "OdooConnectionsViewTest.moc"
