// PendingView on the embedded console: the console's outbox with its statuses, retry of a
// failed change, discard with confirmation, and the devices whose pushes fail or wait.

#include "PendingView.h"
#include "Confirm.h"
#include "DetailsDialog.h"
#include "DeviceTableModel.h"
#include "GuiFixture.h"
#include "LiveUpdates.h"
#include "Text.h"
#include "Translations.h"
#include "console/ConsoleSession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using C = ui::OutboxModel::Column;

namespace {
/// The console's embedded session with its sync loop stopped: the test syncs when it says so.
std::unique_ptr<console::ConsoleSession> openQuiet(const QString& dir) {
    auto s = console::ConsoleSession::openEmbedded(dir);
    if (!s.ok())
        return nullptr;
    auto session = std::move(s).value();
    session->scheduler()->stop();
    session->scheduler()->waitForIdle();
    return session;
}
} // namespace

class PendingViewTest : public QObject {
    Q_OBJECT
private slots:
    void outboxRetryDiscardAndFailedDevices();
    void emptyOutboxAndDetailsOnDoubleClick();
    void deviceTableTextsFitInEveryLanguage();
    void outboxShowsEachValueWholeAndTheErrorTakesTheRest();
};

void PendingViewTest::outboxRetryDiscardAndFailedDevices() {
    QTemporaryDir tmp;
    auto opened = openQuiet(tmp.path());
    QVERIFY(opened);
    auto& session = *opened;
    auto* cache = session.cache();
    // A model outside every app type: the server refuses it (a failed push).
    auto models = cache->allowedModels();
    models.push_back("hr.payslip");
    QVERIFY(cache->setAllowedModels(models).ok());
    QVERIFY(cache->createRecord("hr.payslip", {{"name", "Payslip"}}).ok());
    auto sync = session.syncClient()->sync();
    QVERIFY(sync.ok());
    QCOMPARE(cache->outboxCounts().failed, 1);
    QVERIFY(cache->createRecord("res.partner", {{"name", "Queued Co"}}).ok());
    QVERIFY(cache->createRecord("res.partner", {{"name", "Other Co"}}).ok());

    // A phone reports a failing queue.
    auto uid =
        session.accounts().createUser(console::ConsoleSession::kTenantName, "p@bridgecore.local",
                                      "P", protocol::Role::User, "phone-password");
    QVERIFY(uid.ok());
    protocol::PullRequest pull;
    pull.device_id = "phone-07";
    pull.app_type = "sales_app";
    pull.report.pending_changes = 12;
    pull.report.last_error = "HTTP 502 from proxy";
    QVERIFY(session.engine()
                .pull({session.caller().tenant_id, uid.value(), protocol::Role::User}, pull)
                .ok());

    ui::PendingView view(session.backend(), cache, session.clientPool());
    QAbstractItemModelTester tester(view.outbox());
    view.resize(1100, 700);
    view.show();
    auto& m = *view.outbox();
    QTRY_COMPARE(m.rowCount(), 3);
    QCOMPARE(m.index(0, int(C::Status)).data().toString(), QStringLiteral("failed"));
    // Models as Records names them ("Contact", not "res.partner"), technical in the tooltip.
    QCOMPARE(m.index(0, int(C::Model)).data().toString(), ui::modelName("hr.payslip"));
    QCOMPARE(m.index(0, int(C::Model)).data(Qt::ToolTipRole).toString(),
             QStringLiteral("hr.payslip"));
    QCOMPARE(m.index(1, int(C::Model)).data().toString(), QStringLiteral("Contact"));
    QVERIFY(
        m.index(0, int(C::LastError)).data().toString().contains(QStringLiteral("UNKNOWN_MODEL")));
    QCOMPARE(m.index(0, int(C::Attempts)).data().toInt(), 1);
    QCOMPARE(m.index(1, int(C::Status)).data().toString(), QStringLiteral("pending"));
    QCOMPARE(m.counts().failed, 1);
    QCOMPARE(m.counts().pending, 2);
    // Devices with failed or waiting pushes.
    QTRY_VERIFY(view.deviceProxy()->rowCount() >= 1);
    bool phone = false;
    for (int r = 0; r < view.deviceProxy()->rowCount(); ++r)
        phone |= view.deviceProxy()->index(r, 0).data().toString() == QLatin1String("phone-07");
    QVERIFY(phone);
    QTRY_VERIFY(!view.findChild<QLabel*>(QStringLiteral("failedDevicesEmpty"))->isVisible());
    saveScreenshot(&view, QStringLiteral("pending"));

    // Retry puts the failed change back to pending.
    view.selectOutboxRow(0);
    view.retrySelected();
    QTRY_COMPARE(cache->outboxCounts().failed, 0);
    QCOMPARE(cache->outboxCounts().pending, 3);

    // Discard asks first.
    QTRY_COMPARE(m.counts().pending, 3);
    view.selectOutboxRow(2);
    const QString name = QString::fromStdString(m.entry(2)->data.value("name", ""));
    QCOMPARE(name, QStringLiteral("Other Co"));
    ui::setConfirmHandler([](const QString&) { return false; });
    QVERIFY(!view.discardSelected());
    QCOMPARE(cache->outboxCounts().pending, 3);
    ui::setConfirmHandler([](const QString&) { return true; });
    QVERIFY(view.discardSelected());
    QTRY_COMPARE(cache->outboxCounts().pending, 2);
    QTRY_COMPARE(m.rowCount(), 2);
    QCOMPARE(cache->countRecords("res.partner"), 1);
    ui::setConfirmHandler({});
}

void PendingViewTest::emptyOutboxAndDetailsOnDoubleClick() {
    ui::Translations::apply(QStringLiteral("en"));
    QTemporaryDir tmp;
    auto opened = openQuiet(tmp.path());
    QVERIFY(opened);
    auto& session = *opened;
    ui::PendingView view(session.backend(), session.cache(), session.clientPool());
    view.resize(1100, 700);
    view.show();
    auto* retry = view.findChild<QPushButton*>(QStringLiteral("retryButton"));
    auto* discard = view.findChild<QPushButton*>(QStringLiteral("discardButton"));
    auto* empty = view.findChild<QLabel*>(QStringLiteral("outboxEmpty"));
    // Empty outbox: nothing to retry or discard, and the view says what would appear.
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(!retry->isEnabled());
    QVERIFY(!discard->isEnabled());
    // No device's pushes fail or wait: the lower table says so instead of being blank.
    auto* noDevices = view.findChild<QLabel*>(QStringLiteral("failedDevicesEmpty"));
    QVERIFY(noDevices);
    QTRY_VERIFY(noDevices->isVisible());
    QVERIFY(noDevices->text().contains(QStringLiteral("No device")));
    saveScreenshot(&view, QStringLiteral("pending_empty"));

    QVERIFY(session.cache()
                ->createRecord("res.partner", {{"name", "Queued Co"}, {"phone", "42"}})
                .ok());
    QTRY_COMPARE(view.outbox()->rowCount(), 1);
    QVERIFY(!empty->isVisible());
    // The words: English plural forms, the event log's action names.
    auto* counts = view.findChild<QLabel*>(QStringLiteral("outboxCounts"));
    QVERIFY2(counts->text().contains(QStringLiteral("1 pending")), qPrintable(counts->text()));
    QVERIFY(!counts->text().contains(QStringLiteral("(s)")));
    QCOMPARE(view.outbox()->index(0, int(C::Action)).data().toString(), QStringLiteral("create"));
    view.selectOutboxRow(0);
    QVERIFY(!retry->isEnabled()); // a pending change has nothing to retry
    QVERIFY(discard->isEnabled());
    // Double-clicking a change opens its details: fields by their labels, as Records shows them.
    auto* table = view.outboxTable();
    const QRect cell = table->visualRect(view.outbox()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    auto* details = ui::DetailsDialog::lastOpened();
    QVERIFY(details);
    QVERIFY(details->isVisible());
    bool phone = false;
    for (int r = 0; r < details->table()->rowCount(); ++r)
        phone |= details->table()->item(r, 0)->text() == QLatin1String("Phone") &&
                 details->table()->item(r, 1)->text() == QLatin1String("42");
    QVERIFY(phone);
    // Rows of even height: every one-line value's row as high as the first (Model, Record
    // and Created were two lines high, measured before the dialog had its width).
    QVERIFY(QTest::qWaitForWindowExposed(details));
    auto* rows = details->table();
    const int valueWidth = rows->columnWidth(1);
    for (int r = 0; r < rows->rowCount(); ++r) {
        const QString value = rows->item(r, 1)->text();
        if (rows->fontMetrics().horizontalAdvance(value) + 12 > valueWidth)
            continue; // wraps
        QVERIFY2(rows->rowHeight(r) == rows->rowHeight(0),
                 qPrintable(QStringLiteral("'%1' is %2 px high, '%3' %4")
                                .arg(rows->item(r, 0)->text())
                                .arg(rows->rowHeight(r))
                                .arg(rows->item(0, 0)->text())
                                .arg(rows->rowHeight(0))));
    }
    saveScreenshot(details, QStringLiteral("pending_details"));
    details->close();
}

void PendingViewTest::outboxShowsEachValueWholeAndTheErrorTakesTheRest() {
    // A failed change: its local id (a UUID) wrapped over two lines in a narrow Record column
    // and its error was cut to "VALIDATION_…" while Created, the stretched last column, took
    // half the table.
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        QTemporaryDir tmp;
        auto opened = openQuiet(tmp.path());
        QVERIFY(opened);
        auto& session = *opened;
        auto* cache = session.cache();
        QVERIFY(cache->createRecord("res.partner", {{"name", "Queued Co"}}).ok());
        auto sent = cache->takeForPush(1);
        QVERIFY(sent.ok());
        QCOMPARE(sent.value().size(), std::size_t(1));
        protocol::PushResponse response;
        response.total = response.failed = 1;
        protocol::ChangeResult failed;
        failed.local_id = sent.value()[0].entry.local_id;
        failed.status = protocol::ChangeStatus::Failed;
        failed.model = "res.partner";
        failed.error = "field 'name' is required";
        failed.error_code = ErrorCode::ValidationError;
        response.results.push_back(failed);
        QVERIFY(cache->applyPushResponse(sent.value(), response).ok());

        ui::PendingView view(session.backend(), cache, session.clientPool());
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto& m = *view.outbox();
        QTRY_COMPARE(m.rowCount(), 1);
        auto* table = view.outboxTable();
        auto* header = table->horizontalHeader();
        const int error = int(C::LastError);
        QTRY_VERIFY(header->sectionSize(int(C::Record)) >=
                    ui::columnTextWidth(table, int(C::Record)));
        for (int c = 0; c < m.columnCount(); ++c) {
            if (c == error)
                continue;
            QVERIFY2(header->sectionSize(c) >= ui::columnTextWidth(table, c),
                     qPrintable(QStringLiteral("%1: column %2 has %3 px, needs %4")
                                    .arg(lang)
                                    .arg(c)
                                    .arg(header->sectionSize(c))
                                    .arg(ui::columnTextWidth(table, c))));
            QVERIFY2(
                header->sectionSize(c) < header->sectionSize(error),
                qPrintable(QStringLiteral("%1: column %2 wider than the error").arg(lang).arg(c)));
        }
        // The error whole at this width, and in its tooltip.
        QVERIFY2(header->sectionSize(error) >= ui::columnTextWidth(table, error),
                 qPrintable(QStringLiteral("%1: error has %2 px, needs %3")
                                .arg(lang)
                                .arg(header->sectionSize(error))
                                .arg(ui::columnTextWidth(table, error))));
        const QString whole = QStringLiteral("VALIDATION_ERROR: field 'name' is required");
        QVERIFY2(m.index(0, error).data(Qt::ToolTipRole).toString().contains(whole),
                 qPrintable(m.index(0, error).data(Qt::ToolTipRole).toString()));
        saveScreenshot(&view, QStringLiteral("pending_failed_change_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void PendingViewTest::deviceTableTextsFitInEveryLanguage() {
    QTemporaryDir tmp;
    auto opened = openQuiet(tmp.path());
    QVERIFY(opened);
    auto& session = *opened;
    // A demo-like device whose user has a long email, with a waiting queue.
    auto uid = session.accounts().createUser(console::ConsoleSession::kTenantName,
                                             "demo.crm@bridgecore.local", "CRM",
                                             protocol::Role::User, "crm-password");
    QVERIFY(uid.ok());
    protocol::PullRequest pull;
    pull.device_id = "demo-crm-tablet-03";
    pull.app_type = "sales_app";
    pull.report.pending_changes = 4;
    QVERIFY(session.engine()
                .pull({session.caller().tenant_id, uid.value(), protocol::Role::User}, pull)
                .ok());
    using D = ui::DeviceTableModel::Column;
    for (const char* language : {"en", "fr", "ar"}) {
        ui::Translations::apply(QString::fromLatin1(language));
        ui::PendingView view(session.backend(), session.cache(), session.clientPool());
        view.resize(1100, 700);
        view.show();
        auto* table = view.findChild<QTableView*>(QStringLiteral("failedDevicesTable"));
        QVERIFY(table);
        auto* m = view.deviceProxy();
        int row = -1;
        QTRY_VERIFY((row = [&] {
                        for (int r = 0; r < m->rowCount(); ++r)
                            if (m->index(r, int(D::User)).data().toString() ==
                                QLatin1String("demo.crm@bridgecore.local"))
                                return r;
                        return -1;
                    }()) >= 0);
        QApplication::processEvents();
        const QFontMetrics fm(table->font());
        for (int c = 0; c < m->columnCount(); ++c) {
            if (table->isColumnHidden(c))
                continue; // as in Devices: shown from the column titles' context menu
            const QString text = m->index(row, c).data().toString();
            QVERIFY2(fm.horizontalAdvance(text) + 6 <= table->columnWidth(c),
                     qPrintable(QStringLiteral("%1: '%2' needs %3 px, column %4 has %5")
                                    .arg(QLatin1String(language), text)
                                    .arg(fm.horizontalAdvance(text))
                                    .arg(c)
                                    .arg(table->columnWidth(c))));
        }
        saveScreenshot(&view, QStringLiteral("pending_devices_") + QLatin1String(language));
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(PendingViewTest)
#include "PendingViewTest.moc"
