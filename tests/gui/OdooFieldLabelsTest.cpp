// The records views of a console whose tenant is attached to Odoo describe fields as Odoo's
// fields_get does (issue 10 item 7), against the Odoo emulator: a label an Odoo admin changed
// and a custom field appear in the record form and the table's header, the view says where its
// labels come from, and when Odoo is unreachable it keeps Odoo's last answer or falls back to
// the built-in labels, saying so. Embedded (the connector, off the UI thread) and connected
// (GET /api/v1/admin/odoo/fields of a real server).
#include "OdooFieldLabels.h"
#include "GuiFixture.h"
#include "OdooEmulator.h"
#include "RecordForm.h"
#include "RecordsView.h"
#include "ServerProcess.h"
#include "client/HttpTransport.h"
#include "console/ConsoleSession.h"
#include "console/ModelCatalog.h"
#include "console/RemoteBackend.h"
#include "odoo/OdooSettings.h"
#include "odoo/SecretBox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace bridgecore;
using namespace bridgecore::ui;
using protocol::json;

namespace {
const QByteArray kSecretKey = "odoo-labels-test-secret-key-0123456789";

/// What a person reads beside a field's editor in the form ("Work Phone:"), "" when absent.
QString formLabel(RecordForm* form, const char* field) {
    QWidget* editor = form->editorOf(QString::fromLatin1(field));
    auto* layout = form->findChild<QFormLayout*>();
    if (!editor || !layout)
        return {};
    auto* label = qobject_cast<QLabel*>(layout->labelForField(editor));
    return label ? label->text() : QString();
}

/// The table's header over the column of `field`.
QString headerOf(RecordsView& view, const char* field) {
    const int col = view.model()->columnOfField(QString::fromLatin1(field));
    return col < 0 ? QString() : view.model()->headerData(col, Qt::Horizontal).toString();
}

/// An Odoo admin renamed "phone" and added a required custom field, x_site_ref.
void customiseOdoo(testsupport::OdooEmulator& odoo) {
    QVERIFY(odoo.control(
                "add_field",
                {{"model", "res.partner"},
                 {"name", "x_site_ref"},
                 {"field",
                  {{"type", "char"}, {"string", "Site Reference"}, {"required", true}}}}) == true);
    QVERIFY(odoo.control("add_field", {{"model", "res.partner"},
                                       {"name", "phone"},
                                       {"field", {{"type", "char"}, {"string", "Work Phone"}}}}) ==
            true);
}
} // namespace

class OdooFieldLabelsTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        console::setOdooFields("res.partner", nullptr); // each case starts from the catalog
    }

    void embeddedFormShowsOdoosLabels() {
        testsupport::OdooEmulator odoo;
        QVERIFY(odoo.start());
        customiseOdoo(odoo);
        QTemporaryDir dir;
        auto opened = console::ConsoleSession::openEmbedded(dir.path());
        QVERIFY(opened.ok());
        auto& s = *opened.value();
        // Attached as `tenant odoo` would have it.
        auto box = odoo::SecretBox::fromKey(kSecretKey.toStdString());
        QVERIFY(box.ok());
        odoo::OdooSettings settings;
        settings.url = odoo.url().toStdString();
        settings.database = "odoo";
        settings.login = "admin";
        settings.api = odoo::Api::Json2;
        settings.sealed_secret = box.value().seal("admin-api-key");
        settings.uid = 2;
        settings.version = "19.0";
        QVERIFY(odoo::saveOdooSettings(s.store(), s.caller().tenant_id, settings).ok());
        QVERIFY(s.cache()
                    ->createRecord("res.partner", {{"name", "Wood Corner"}, {"phone", "100"}})
                    .ok());

        RecordsView view(s.cache(), s.clientPool());
        auto* labels = new OdooFieldLabels(s.backend(), &view);
        QSignalSpy described(labels, &OdooFieldLabels::described);
        view.setFieldLabels(labels);
        view.resize(900, 420);
        view.show();
        view.showModel(QStringLiteral("res.partner"));
        QTRY_VERIFY_WITH_TIMEOUT(labels->fromOdoo(QStringLiteral("res.partner")), 10000);
        QTRY_COMPARE(view.fieldSourceText(), QStringLiteral("Field labels from Odoo"));
        QTRY_VERIFY(view.model()->rowCount() == 1);
        QCOMPARE(headerOf(view, "phone"), QStringLiteral("Work Phone"));
        QCOMPARE(headerOf(view, "name"), QStringLiteral("Name"));
        testing::saveScreenshot(&view, QStringLiteral("records_odoo_labels"));

        RecordForm* form = view.openEditForm(0);
        QVERIFY(form);
        QCOMPARE(formLabel(form, "phone"), QStringLiteral("Work Phone:"));
        QCOMPARE(formLabel(form, "x_site_ref"), QStringLiteral("Site Reference *:"));
        QCOMPARE(formLabel(form, "name"), QStringLiteral("Name *:"));
        // Odoo's relation and type for the many2one: a record picker.
        auto* parent = qobject_cast<QComboBox*>(form->editorOf(QStringLiteral("parent_id")));
        QVERIFY(parent && parent->isEditable());
        // A built-in field this Odoo does not have is not offered (Odoo would refuse it).
        QVERIFY2(!form->fieldNames().contains(QStringLiteral("mobile")),
                 qPrintable(form->fieldNames().join(u',')));
        testing::saveScreenshot(form, QStringLiteral("record_form_odoo_labels"));
        form->close();

        // Odoo goes away: the next refresh keeps Odoo's last answer and says so.
        odoo.stop();
        labels->setRefreshAfterSeconds(0);
        described.clear();
        labels->request(QStringLiteral("res.partner"));
        QVERIFY(described.wait(30000));
        QVERIFY2(view.fieldSourceText().startsWith(QStringLiteral("Odoo is unreachable")),
                 qPrintable(view.fieldSourceText()));
        QVERIFY(view.fieldSourceText().contains(QStringLiteral("as Odoo gave them")));
        QVERIFY(!view.fieldSourceText().contains(QStringLiteral("admin-api-key")));
        QCOMPARE(headerOf(view, "phone"), QStringLiteral("Work Phone"));

        // Never reached at all (a fresh console): the built-in labels, and the view says so.
        console::setOdooFields("res.partner", nullptr);
        RecordsView fresh(s.cache(), s.clientPool());
        auto* freshLabels = new OdooFieldLabels(s.backend(), &fresh);
        QSignalSpy freshDescribed(freshLabels, &OdooFieldLabels::described);
        fresh.setFieldLabels(freshLabels);
        fresh.resize(900, 420);
        fresh.show();
        fresh.showModel(QStringLiteral("res.partner"));
        QTRY_VERIFY_WITH_TIMEOUT(fresh.fieldSourceText().contains(QStringLiteral("built-in")),
                                 30000);
        QVERIFY2(fresh.fieldSourceText().startsWith(QStringLiteral("Odoo is unreachable")),
                 qPrintable(fresh.fieldSourceText()));
        QTRY_VERIFY(fresh.model()->rowCount() == 1);
        QCOMPARE(headerOf(fresh, "phone"), QStringLiteral("Phone"));
        RecordForm* builtin = fresh.openEditForm(0);
        QCOMPARE(formLabel(builtin, "phone"), QStringLiteral("Phone:"));
        QVERIFY(!builtin->fieldNames().contains(QStringLiteral("x_site_ref")));
        testing::saveScreenshot(&fresh, QStringLiteral("records_odoo_unreachable"));
        builtin->close();
    }

    void notAttachedKeepsTheBuiltInLabelsSilently() {
        QTemporaryDir dir;
        auto opened = console::ConsoleSession::openEmbedded(dir.path());
        QVERIFY(opened.ok());
        auto& s = *opened.value();
        QVERIFY(
            s.cache()->createRecord("res.partner", {{"name", "Wood Corner"}, {"phone", "1"}}).ok());
        RecordsView view(s.cache(), s.clientPool());
        auto* labels = new OdooFieldLabels(s.backend(), &view);
        QSignalSpy described(labels, &OdooFieldLabels::described);
        view.setFieldLabels(labels);
        view.show();
        view.showModel(QStringLiteral("res.partner"));
        QVERIFY(described.wait(5000));
        QVERIFY(!labels->fromOdoo(QStringLiteral("res.partner")));
        QCOMPARE(view.fieldSourceText(), QString());
        QTRY_VERIFY(view.model()->rowCount() == 1);
        QCOMPARE(headerOf(view, "phone"), QStringLiteral("Phone"));
    }

    void connectedConsoleAsksTheServer() {
        testsupport::OdooEmulator odoo;
        QVERIFY(odoo.start());
        customiseOdoo(odoo);
        QTemporaryDir dir;
        testsupport::ServerProcess server(dir.filePath(QStringLiteral("server.db")));
        QVERIFY2(server.init(), qPrintable(server.lastError()));
        QVERIFY(server.addTenant(QStringLiteral("acme")));
        QVERIFY(server.addUser(QStringLiteral("acme"), QStringLiteral("sue@acme.test"),
                               QStringLiteral("support"), QStringLiteral("password123")));
        const auto attach = testsupport::runServerCommand(
            {"tenant", "odoo", "--db", server.dbPath(), "--tenant", "acme", "--url", odoo.url(),
             "--database", "odoo", "--login", "admin"},
            "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(server.start(), qPrintable(server.lastError()));

        client::HttpTransport transport{QUrl(server.baseUrl())};
        QVERIFY(transport.login("sue@acme.test", "password123").ok());
        console::RemoteBackend backend(transport, QUrl(server.baseUrl()), protocol::Role::Support,
                                       QStringLiteral("sue@acme.test"));
        OdooFieldLabels labels(&backend);
        QSignalSpy described(&labels, &OdooFieldLabels::described);
        labels.request(QStringLiteral("res.partner"));
        QVERIFY(described.wait(10000));
        QVERIFY(labels.fromOdoo(QStringLiteral("res.partner")));
        QCOMPARE(labels.statusText(QStringLiteral("res.partner")),
                 QStringLiteral("Field labels from Odoo"));
        RecordForm form(QStringLiteral("res.partner"), QStringLiteral("New Contact"),
                        json::object());
        form.show();
        QCOMPARE(formLabel(&form, "x_site_ref"), QStringLiteral("Site Reference *:"));
        QCOMPARE(formLabel(&form, "phone"), QStringLiteral("Work Phone:"));
        QVERIFY(!form.fieldNames().contains(QStringLiteral("mobile")));
        testing::saveScreenshot(&form, QStringLiteral("record_form_odoo_connected"));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_MAIN(OdooFieldLabelsTest)
#include "OdooFieldLabelsTest.moc"
