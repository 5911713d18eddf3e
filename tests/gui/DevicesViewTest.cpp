// DevicesView over a fixture database: rows, lag, health highlighting, filters, details and
// reset with confirmation.

#include "DevicesView.h"
#include "Confirm.h"
#include "GuiFixture.h"
#include "LedgerLookupDialog.h"
#include "LiveUpdates.h"
#include "Translations.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTextDocument>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using Column = ui::DeviceTableModel::Column;
using Health = ui::DeviceTableModel::Health;

static int rowOf(ui::DeviceTableModel& m, const QString& device) {
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, int(Column::Device)).data().toString() == device)
            return r;
    return -1;
}
/// Selects the row of `device` (in the view's order).
static void selectDevice(ui::DevicesView& view, const QString& device) {
    for (int r = 0; r < view.proxy()->rowCount(); ++r)
        if (view.proxy()->index(r, 0).data().toString() == device)
            view.selectRow(r);
}
/// Whether a row shows `email` as its user (emails replace user ids once names load).
static bool showsEmail(ui::DeviceTableModel& m, const QString& email) {
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, int(Column::User)).data().toString() == email)
            return true;
    return false;
}

class DevicesViewTest : public QObject {
    Q_OBJECT
private slots:
    void showsEveryDeviceWithItsState();
    void resetNeedsConfirmation();
    void newDeviceAppearsWithoutRefresh();
    void usefulColumnsFirstAndHeadersFit();
    void userCellsFitInEveryLanguage();
    void emptyTableSaysWhatAppearsThere();
    void detailsPaneKeepsItsSizeOnFirstSelection();
    void ledgerLookupAnswersDidItGoThrough();
    void detailsSayWhatToDoUntilADeviceIsSelected();
    void detailsAreShownWhole();
    void detailsNameTheUserWhenTheEmailArrivesLater();
    void ordinaryEmailsWholeWithDetailsOpen();
    void detailsPaneTakesTheTableSurplus();

private:
    void populate(GuiFixture& f) {
        const auto now = f.clock.now();
        // Stale: last synced three days ago.
        f.clock.set(now - 3LL * 24 * 3600 * 1000);
        f.push("dev-stale", {GuiFixture::create("s-1", {{"name", "Stale Co"}})});
        f.pull("dev-stale");
        f.clock.set(now);
        // OK: pushes two, pulls everything.
        auto created = f.push("dev-ok", {GuiFixture::create("o-1", {{"name", "Azure"}}),
                                         GuiFixture::create("o-2", {{"name", "Deco"}})});
        QCOMPARE(created.succeeded, 2);
        f.pull("dev-ok");
        // Error: its queue report says the last push failed, and three changes wait.
        f.push("dev-error", {GuiFixture::create("e-1", {{"name", "Err"}})}, "server_wins",
               {{"pending_changes", 3}, {"last_error", "timeout talking to server"}});
        // Conflict: edits a record that dev-ok changed meanwhile, manual strategy.
        f.pull("dev-conflict");
        const auto id = *created.results[0].server_id;
        f.push("dev-ok", {GuiFixture::update("o-3", id, 1, {{"name", "Azure Interior"}})});
        auto c = f.push("dev-conflict",
                        {GuiFixture::update("c-1", id, 1, {{"name", "Azure Int."}})}, "manual");
        QCOMPARE(c.conflicts, 1);
    }
};

constexpr const char* kNightShiftEmail = "warehouse.supervisor.night-shift@bridgecore.local";

/// A user `email` whose device `device` (of `appType`) has pulled once, so that it is listed.
static bool addUserDevice(GuiFixture& f, const std::string& email, const std::string& device,
                          const std::string& appType) {
    storage::User u;
    u.tenant_id = f.tenant;
    u.email = email;
    u.name = appType;
    u.role = protocol::Role::User;
    u.password_hash = "x";
    const auto uid = f.store().createUser(u);
    if (!uid.ok())
        return false;
    protocol::PullRequest pull;
    pull.device_id = device;
    pull.app_type = appType;
    return f.engine().pull({f.tenant, uid.value(), protocol::Role::User}, pull).ok();
}

/// The demo's long names: a device id and a user's email that do not wrap.
static bool addNightShiftScanner(GuiFixture& f) {
    return addUserDevice(f, kNightShiftEmail, "demo-warehouse-scanner-07", "sales_app");
}

/// The night-shift scanner selected once the view lists the fixture's devices and it with
/// their emails, and its details loaded.
static bool showNightShiftScannerDetails(ui::DevicesView& view) {
    const QString email = QString::fromLatin1(kNightShiftEmail);
    if (!QTest::qWaitFor(
            [&] { return view.model()->rowCount() == 5 && showsEmail(*view.model(), email); }))
        return false;
    QSignalSpy details(&view, &ui::DevicesView::detailsLoaded);
    selectDevice(view, QStringLiteral("demo-warehouse-scanner-07"));
    return QTest::qWaitFor([&] { return details.count() >= 1; });
}

void DevicesViewTest::showsEveryDeviceWithItsState() {
    GuiFixture f;
    populate(f);
    ui::DevicesView view(&f.backend());
    QAbstractItemModelTester tester(view.model());
    QAbstractItemModelTester proxyTester(view.proxy());
    view.resize(1200, 600);
    view.show();
    auto& m = *view.model();
    QTRY_COMPARE(m.rowCount(), 4);
    QCOMPARE(m.total(), 4);
    QCOMPARE(m.columnCount(), int(Column::Count));

    const auto head = f.store().headEventId(f.tenant).value();
    QCOMPARE(head, 5); // 4 creates + 1 update
    struct Expect {
        QString device;
        Health health;
        qint64 lag;
        qint64 pending;
        qint64 conflicts;
    };
    const Expect expected[] = {
        {QStringLiteral("dev-stale"), Health::Stale, head - 1, 0, 0},
        {QStringLiteral("dev-ok"), Health::Ok, head - 3, 0, 0},
        {QStringLiteral("dev-error"), Health::Error, head, 3, 0},
        {QStringLiteral("dev-conflict"), Health::Conflict, head - 4, 0, 1},
    };
    for (const auto& e : expected) {
        const int r = rowOf(m, e.device);
        QVERIFY2(r >= 0, qPrintable(e.device));
        QCOMPARE(Health(m.index(r, 0).data(ui::DeviceTableModel::HealthRole).toInt()), e.health);
        QCOMPARE(m.index(r, int(Column::Lag)).data().toLongLong(), e.lag);
        QCOMPARE(m.index(r, int(Column::Pending)).data().toLongLong(), e.pending);
        QCOMPARE(m.index(r, int(Column::OpenConflicts)).data().toLongLong(), e.conflicts);
        // Users by email, not by numeric id.
        QTRY_COMPARE(m.index(r, int(Column::User)).data().toString(),
                     QStringLiteral("user@fixture.test"));
        // Stale, error and conflict rows are highlighted; OK rows are not.
        QCOMPARE(m.index(r, 0).data(Qt::BackgroundRole).isValid(), e.health != Health::Ok);
    }
    QCOMPARE(
        m.index(rowOf(m, QStringLiteral("dev-ok")), int(Column::LastEventId)).data().toLongLong(),
        3);
    QVERIFY(m.index(rowOf(m, QStringLiteral("dev-stale")), int(Column::LastSync))
                .data()
                .toString()
                .contains(QLatin1Char('3')));

    // Health filter.
    view.proxy()->setShow(ui::DeviceFilterProxy::Show::Stale);
    QCOMPARE(view.proxy()->rowCount(), 1);
    QCOMPARE(view.proxy()->index(0, 0).data().toString(), QStringLiteral("dev-stale"));
    view.proxy()->setShow(ui::DeviceFilterProxy::Show::Error);
    QCOMPARE(view.proxy()->rowCount(), 1);
    QCOMPARE(view.proxy()->index(0, 0).data().toString(), QStringLiteral("dev-error"));
    view.proxy()->setShow(ui::DeviceFilterProxy::Show::All);
    QCOMPARE(view.proxy()->rowCount(), 4);

    // Sorting by lag puts the most lagging device first.
    view.table()->sortByColumn(int(Column::Lag), Qt::DescendingOrder);
    QCOMPARE(view.proxy()->index(0, 0).data().toString(), QStringLiteral("dev-error"));

    // Details of the error device, with statistics from the engine.
    selectDevice(view, QStringLiteral("dev-error"));
    QSignalSpy details(&view, &ui::DevicesView::detailsLoaded);
    QTRY_VERIFY(details.count() >= 1);
    QCOMPARE(view.detailText(QStringLiteral("error")), QStringLiteral("timeout talking to server"));
    QVERIFY(view.detailText(QStringLiteral("pushes")).startsWith(QStringLiteral("pushes: 1,")));
    saveScreenshot(&view, QStringLiteral("devices"));

    // Backend search.
    m.reload(QStringLiteral("dev-st"));
    QTRY_COMPARE(m.rowCount(), 1);
    QCOMPARE(m.index(0, 0).data().toString(), QStringLiteral("dev-stale"));
}

void DevicesViewTest::resetNeedsConfirmation() {
    GuiFixture f;
    populate(f);
    ui::DevicesView view(&f.backend());
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 4);
    selectDevice(view, QStringLiteral("dev-ok"));
    QString asked;
    ui::setConfirmHandler([&](const QString& text) {
        asked = text;
        return false;
    });
    QVERIFY(!view.resetSelected());
    QVERIFY(asked.contains(QStringLiteral("dev-ok")));
    QCOMPARE(f.store().device(f.tenant, "dev-ok").value()->last_event_id, 3);

    ui::setConfirmHandler([](const QString&) { return true; });
    QSignalSpy reset(&view, &ui::DevicesView::deviceReset);
    QVERIFY(view.resetSelected());
    QTRY_COMPARE(reset.count(), 1);
    QCOMPARE(f.store().device(f.tenant, "dev-ok").value()->last_event_id, 0);
    QTRY_COMPARE(
        view.model()
            ->index(rowOf(*view.model(), QStringLiteral("dev-ok")), int(Column::LastEventId))
            .data()
            .toLongLong(),
        0);
    ui::setConfirmHandler({});
}

void DevicesViewTest::newDeviceAppearsWithoutRefresh() {
    GuiFixture f;
    populate(f);
    ui::DevicesView view(&f.backend());
    view.resize(1200, 600);
    view.show();
    auto& m = *view.model();
    QTRY_COMPARE(m.rowCount(), 4);
    // The person is looking at dev-ok, scrolled as they like.
    selectDevice(view, QStringLiteral("dev-ok"));
    auto* countLabel = view.findChild<QLabel*>(QStringLiteral("deviceCount"));
    QVERIFY(countLabel);
    QVERIFY(countLabel->text().contains(QLocale().toString(4)));
    QElapsedTimer clock;
    clock.start();
    // A device pushes after the view was opened: it shows up within 2 s, no Refresh pressed.
    f.push("dev-new", GuiFixture::create("n-1", {{"name", "Newcomer"}}));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(m, QStringLiteral("dev-new")) >= 0, 2000);
    qInfo("new device visible after %lld ms", qlonglong(clock.elapsed()));
    QCOMPARE(m.rowCount(), 5);
    QTRY_VERIFY(countLabel->text().contains(QLocale().toString(5)));
    // The selection stayed on dev-ok.
    QCOMPARE(view.proxy()->mapToSource(view.table()->currentIndex()).row(),
             rowOf(m, QStringLiteral("dev-ok")));
    QCOMPARE(view.detailText(QStringLiteral("device")).contains(QStringLiteral("dev-ok")), true);
    // A known device's numbers move too: dev-ok pushes two more changes.
    const auto before =
        m.index(rowOf(m, QStringLiteral("dev-ok")), int(Column::TotalSyncs)).data().toLongLong();
    f.push("dev-ok", GuiFixture::create("o-9", {{"name", "Later"}}));
    QTRY_VERIFY_WITH_TIMEOUT(
        m.index(rowOf(m, QStringLiteral("dev-ok")), int(Column::TotalSyncs)).data().toLongLong() >
            before,
        2000);
    saveScreenshot(&view, QStringLiteral("devices_live"));
}

void DevicesViewTest::usefulColumnsFirstAndHeadersFit() {
    // The default window (1280 px; the view gets 1065 beside the list of views), the demo's
    // long email, the details pane open: every column, the last included, is on screen with
    // its title and values, no horizontal scroll ("Open conflicts" read "Op", App type
    // "manager_ap…" or "pp" before).
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        QVERIFY(addNightShiftScanner(f));
        ui::DevicesView view(&f.backend());
        view.resize(1280 - 215, 600);
        view.show();
        QVERIFY(showNightShiftScannerDetails(view));
        QTest::qWait(100); // the layout's turn after the details changed
        QApplication::processEvents();
        auto* table = view.table();
        auto* header = table->horizontalHeader();
        // Status is visible without scrolling: among the first columns.
        QVERIFY(header->visualIndex(int(Column::Status)) <= 2);
        const QFontMetrics fm(ui::headerFont(header)); // bold when highlighted
        const QFontMetrics cellFm(table->font());
        const int viewEnd = table->viewport()->width();
        int lastShown = -1;
        for (int c = 0; c < int(Column::Count); ++c) {
            if (header->isSectionHidden(c))
                continue;
            lastShown = std::max(lastShown, header->visualIndex(c));
            const QString text = view.model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(fm.horizontalAdvance(text) + 8 <= header->sectionSize(c),
                     qPrintable(QStringLiteral("%1: '%2' needs %3 px, has %4")
                                    .arg(lang, text)
                                    .arg(fm.horizontalAdvance(text))
                                    .arg(header->sectionSize(c))));
            const QString past = columnPastTheEdge(table, c);
            QVERIFY2(past.isEmpty(), qPrintable(lang + ": " + past));
            // Its values too; a long email may lose its middle, never its tooltip.
            const QString cut = valueCut(table, c, c == int(Column::User));
            QVERIFY2(cut.isEmpty(), qPrintable(lang + ": " + cut));
        }
        // The last shown column is App type, and it ends inside the table.
        QCOMPARE(header->logicalIndex(lastShown), int(Column::AppType));
        QVERIFY2(header->length() <= viewEnd && !table->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("%1: the columns need %2 px, the table has %3")
                                .arg(lang)
                                .arg(header->length())
                                .arg(viewEnd)));
        // The details pane is as narrow as its longest word or button allows: the table has
        // the rest (the pane took ~250 px and the French table elided ordinary emails).
        auto* pane = view.findChild<QGroupBox*>();
        QVERIFY(pane);
        QVERIFY2(pane->width() <= pane->minimumSizeHint().width() + 4,
                 qPrintable(QStringLiteral("%1: the details pane is %2 px, it needs %3")
                                .arg(lang)
                                .arg(pane->width())
                                .arg(pane->minimumSizeHint().width())));
        // The narrow "Conflicts" says what it counts in its tooltip.
        QCOMPARE(
            view.model()->headerData(int(Column::OpenConflicts), Qt::Horizontal, Qt::ToolTipRole),
            QVariant(ui::DeviceTableModel::tr("Open conflicts")));
        saveScreenshot(&view, QStringLiteral("devices_default_window_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DevicesViewTest::userCellsFitInEveryLanguage() {
    // The demo's users have long emails: with room the User column shows each one whole, like
    // every other cell, App type included (1200 px; French's longer titles need 1300).
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        QVERIFY(addNightShiftScanner(f));
        ui::DevicesView view(&f.backend());
        view.resize(lang == QLatin1String("fr") ? 1300 : 1200, 600);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 5);
        const QString email = QString::fromLatin1(kNightShiftEmail);
        QTRY_VERIFY(showsEmail(*view.model(), email)); // once the names are loaded
        QApplication::processEvents();
        auto* table = view.table();
        const QFontMetrics fm(table->font());
        bool sawLongEmail = false;
        for (int r = 0; r < view.model()->rowCount(); ++r)
            for (int c = 0; c < int(Column::Count); ++c) {
                if (table->isColumnHidden(c))
                    continue; // in the details pane; a right-click on the titles shows it
                const QString text = view.model()->index(r, c).data().toString();
                sawLongEmail |= text == email;
                QVERIFY2(fm.horizontalAdvance(text) + 6 <= table->columnWidth(c),
                         qPrintable(QStringLiteral("%1: '%2' needs %3 px, column %4 has %5")
                                        .arg(lang, text)
                                        .arg(fm.horizontalAdvance(text))
                                        .arg(c)
                                        .arg(table->columnWidth(c))));
            }
        QVERIFY(sawLongEmail);
        // The columns a person checks first end on screen at 1200 px, no horizontal scroll:
        // one-digit lags and counts do not take 100 px each.
        auto* header = table->horizontalHeader();
        for (Column c : {Column::Lag, Column::Pending, Column::OpenConflicts})
            QVERIFY2(header->sectionViewportPosition(int(c)) >= 0 &&
                         header->sectionViewportPosition(int(c)) + header->sectionSize(int(c)) <=
                             table->viewport()->width(),
                     qPrintable(QStringLiteral("%1: column %2 spans %3..%4, the view ends at %5")
                                    .arg(lang)
                                    .arg(int(c))
                                    .arg(header->sectionViewportPosition(int(c)))
                                    .arg(header->sectionViewportPosition(int(c)) +
                                         header->sectionSize(int(c)))
                                    .arg(table->viewport()->width())));
        // Numbers follow the language: "3 days ago" in Arabic-Indic digits, like the lag.
        if (lang == QLatin1String("ar"))
            for (int r = 0; r < view.model()->rowCount(); ++r)
                for (Column c : {Column::LastSync, Column::Lag, Column::Pending}) {
                    const QVariant v = view.model()->index(r, int(c)).data();
                    if (v.typeId() != QMetaType::QString)
                        continue; // a number: the view writes it with the language's QLocale
                    const QString text = v.toString();
                    QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("[0-9]"))),
                             qPrintable(text));
                }
        saveScreenshot(&view, QStringLiteral("devices_long_email_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DevicesViewTest::emptyTableSaysWhatAppearsThere() {
    ui::Translations::apply(QStringLiteral("en"));
    GuiFixture f;
    ui::DevicesView view(&f.backend());
    view.resize(900, 500);
    view.show();
    auto* empty = view.findChild<QLabel*>(QStringLiteral("devicesEmpty"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("Settings")));
    saveScreenshot(&view, QStringLiteral("devices_empty"));
    f.push("dev-first", GuiFixture::create("f-1", {{"name", "First"}}));
    QTRY_VERIFY_WITH_TIMEOUT(!empty->isVisible(), 2000);
}

void DevicesViewTest::ledgerLookupAnswersDidItGoThrough() {
    ui::Translations::apply(QStringLiteral("en"));
    GuiFixture f;
    auto created = f.push("dev-1", GuiFixture::create("order-17", {{"name", "Order 17"}}));
    const auto id = *created.results[0].server_id;
    f.push("dev-1", GuiFixture::update("order-17-edit", id, 1, {{"name", "Order 17b"}}));

    ui::DevicesView view(&f.backend());
    view.resize(1200, 700);
    view.show();
    auto* open = view.findChild<QPushButton*>(QStringLiteral("ledgerLookupButton"));
    QVERIFY(open);
    open->click();
    auto* dialog = view.findChild<ui::LedgerLookupDialog*>();
    QVERIFY(dialog);
    auto* device = dialog->findChild<QLineEdit*>(QStringLiteral("lookupDevice"));
    auto* localId = dialog->findChild<QLineEdit*>(QStringLiteral("lookupLocalId"));
    const auto ask = [&](const QString& d, const QString& l) {
        device->setText(d);
        localId->setText(l);
        QSignalSpy answered(dialog, &ui::LedgerLookupDialog::answered);
        dialog->lookUp();
        if (answered.isEmpty())
            answered.wait(5000);
        return dialog->resultText();
    };
    // The create: applied, which record, when, as which event.
    QString text = ask(QStringLiteral("dev-1"), QStringLiteral("order-17"));
    QVERIFY2(text.startsWith(QStringLiteral("Yes")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("created res.partner %1").arg(id)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(version 1)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("event 1")), qPrintable(text));
    // The update: applied to the same record, version 2, event 2.
    text = ask(QStringLiteral("dev-1"), QStringLiteral("order-17-edit"));
    QVERIFY2(text.contains(QStringLiteral("applied to res.partner %1").arg(id)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(version 2)")) &&
                 text.contains(QStringLiteral("event 2")),
             qPrintable(text));
    // The whole answer is visible (the dialog grows with it).
    QApplication::processEvents();
    auto* result = dialog->findChild<QLabel*>(QStringLiteral("lookupResult"));
    QVERIFY2(result->height() >= result->heightForWidth(result->width()),
             qPrintable(QStringLiteral("%1 < %2")
                            .arg(result->height())
                            .arg(result->heightForWidth(result->width()))));
    saveScreenshot(dialog, QStringLiteral("ledger_lookup"));
    // Unknown to the server, or another device's id: no.
    text = ask(QStringLiteral("dev-1"), QStringLiteral("order-99"));
    QVERIFY2(text.startsWith(QStringLiteral("No")), qPrintable(text));
    text = ask(QStringLiteral("dev-2"), QStringLiteral("order-17"));
    QVERIFY2(text.startsWith(QStringLiteral("No")), qPrintable(text));
    // A support user may look up; a plain user may not read the ledger (a clear error).
    QVERIFY(!ui::LedgerLookupDialog::describe(f.engine().ledgerLookup(f.user, "dev-1", "order-17"),
                                              QStringLiteral("dev-1"), QStringLiteral("order-17"))
                 .startsWith(QStringLiteral("Yes")));
}

void DevicesViewTest::detailsSayWhatToDoUntilADeviceIsSelected() {
    ui::Translations::apply(QStringLiteral("en"));
    GuiFixture f;
    populate(f);
    ui::DevicesView view(&f.backend());
    view.resize(1400, 800);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 4);
    // Nothing selected: a hint, not a column of empty "Device:", "Last push:" labels.
    auto* hint = view.findChild<QLabel*>(QStringLiteral("devicesDetailsHint"));
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), QStringLiteral("Select a device to see its details."));
    auto* device = view.findChild<QLabel*>(QStringLiteral("detail_device"));
    QVERIFY(device);
    QVERIFY(!device->isVisible());
    saveScreenshot(&view, QStringLiteral("devices_details_hint"));
    // Selecting one replaces the hint by its details.
    view.selectRow(0);
    QTRY_VERIFY(device->isVisible());
    QVERIFY(!hint->isVisible());
    QVERIFY(!device->text().isEmpty());
    saveScreenshot(&view, QStringLiteral("devices_details_selected"));
}

void DevicesViewTest::detailsAreShownWhole() {
    // Statistics arrive after the row is selected: every detail, the long "Pushes / changes"
    // one included, gets the lines its text needs (it was cut after three).
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        // The demo's long names: a device id and an email that do not wrap.
        QVERIFY(addNightShiftScanner(f));
        ui::DevicesView view(&f.backend());
        view.resize(1280 - 215, 600); // beside the list of views in the default window
        view.show();
        QVERIFY(showNightShiftScannerDetails(view));
        QVERIFY(view.detailText(QStringLiteral("device"))
                    .contains(QString::fromLatin1(kNightShiftEmail)));
        QTest::qWait(100); // the layout's turn after the text changed
        QApplication::processEvents();
        const auto labels =
            view.findChildren<QLabel*>(QRegularExpression(QStringLiteral("^detail_")));
        QVERIFY(labels.size() >= 10);
        for (auto* label : labels) {
            QVERIFY2(!label->text().isEmpty() ||
                         label->objectName() == QLatin1String("detail_pull"),
                     qPrintable(label->objectName()));
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1 %2 '%3': %4 px high, needs %5")
                                    .arg(lang, label->objectName(), label->text())
                                    .arg(label->height())
                                    .arg(label->heightForWidth(label->width()))));
        }
        // Nothing is cut at the pane's side: what does not fit its width can be scrolled to.
        auto* scroll = view.findChild<QScrollArea*>();
        QVERIFY(scroll);
        for (auto* label : scroll->widget()->findChildren<QLabel*>())
            QVERIFY2(label->width() >= label->minimumSizeHint().width() &&
                         (label->geometry().right() < scroll->viewport()->width() ||
                          scroll->horizontalScrollBar()->isVisible()),
                     qPrintable(QStringLiteral("%1: '%2' needs %3 px, has %4 in a %5 px pane")
                                    .arg(lang, label->text())
                                    .arg(label->minimumSizeHint().width())
                                    .arg(label->width())
                                    .arg(scroll->viewport()->width())));
        // In Arabic the device line reads right to left: Qt takes a paragraph's direction from
        // its first letter, and the device id (isolated left to right) comes first, so the line
        // was laid out left to right ("dev-ok (المستخدم user@…)" with the id on the left).
        if (lang == QLatin1String("ar")) {
            QTextDocument line(view.detailText(QStringLiteral("device")));
            QCOMPARE(line.firstBlock().textDirection(), Qt::RightToLeft);
        }
        // The queue report names no "oldest" time it does not know.
        QVERIFY2(
            !view.detailText(QStringLiteral("queue")).trimmed().endsWith(QStringLiteral("oldest")),
            qPrintable(view.detailText(QStringLiteral("queue"))));
        saveScreenshot(&view, QStringLiteral("devices_details_whole_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DevicesViewTest::detailsNameTheUserWhenTheEmailArrivesLater() {
    ui::Translations::apply(QStringLiteral("en"));
    GuiFixture f;
    populate(f);
    ui::DevicesView view(&f.backend());
    view.resize(1280 - 215, 600);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 4);
    QTRY_COMPARE(view.model()->index(0, int(Column::User)).data().toString(),
                 QStringLiteral("user@fixture.test"));
    // A user created after the names were loaded: their device shows up live and is selected
    // at once, while the console still knows the user only by number.
    QVERIFY(addNightShiftScanner(f));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*view.model(), QStringLiteral("demo-warehouse-scanner-07")) >= 0,
                             2000);
    selectDevice(view, QStringLiteral("demo-warehouse-scanner-07"));
    const QString email = QString::fromLatin1(kNightShiftEmail);
    QVERIFY2(!view.detailText(QStringLiteral("device")).contains(email),
             "the names arrived before the selection: the case is not exercised");
    // The table learns the email (names are reloaded at most every 5 s)…
    QTRY_VERIFY_WITH_TIMEOUT(
        view.model()
                ->index(rowOf(*view.model(), QStringLiteral("demo-warehouse-scanner-07")),
                        int(Column::User))
                .data()
                .toString() == email,
        10000);
    // …and the details say it too, without selecting the device again.
    QTRY_VERIFY2(view.detailText(QStringLiteral("device")).contains(email),
                 qPrintable(view.detailText(QStringLiteral("device"))));
    // The pane widens for the email, as it does for one known at selection: nothing to scroll.
    auto* scroll = view.findChild<QScrollArea*>();
    QTRY_VERIFY2(!scroll->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("the pane is %1 px, its text needs %2")
                                .arg(scroll->viewport()->width())
                                .arg(scroll->widget()->minimumSizeHint().width())));
    saveScreenshot(&view, QStringLiteral("devices_details_late_email"));
}

void DevicesViewTest::ordinaryEmailsWholeWithDetailsOpen() {
    // The demo's ordinary emails ("demo.warehouse@bridgecore.local") lost their middle in
    // French at the default window once a device was selected (whole only from 1300 px): with
    // the details pane open, every email of that length is whole, every shown column on
    // screen, in every language.
    const std::vector<std::pair<std::string, std::string>> devices = {
        {"demo-warehouse-07", "warehouse_app"},
        {"demo-delivery-10", "delivery_app"},
        {"demo-sales-01", "sales_app"},
        {"demo-crm-04", "crm_app"}};
    for (const QString& lang : {QStringLiteral("fr"), QStringLiteral("en"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        const QSize size = defaultViewSize();
        GuiFixture f;
        QStringList emails;
        for (const auto& [device, app] : devices) {
            const std::string email = "demo." + app.substr(0, app.find('_')) + "@bridgecore.local";
            QVERIFY(addUserDevice(f, email, device, app));
            emails << QString::fromStdString(email);
        }
        ui::DevicesView view(&f.backend());
        view.resize(size);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 4);
        for (const QString& email : emails)
            QTRY_VERIFY(showsEmail(*view.model(), email));
        auto* table = view.table();
        // Before a device is selected (the pane says what it will show) and after.
        for (const QString& state :
             {QStringLiteral("nothing selected"), QStringLiteral("selected")}) {
            if (state == QLatin1String("selected")) {
                QSignalSpy details(&view, &ui::DevicesView::detailsLoaded);
                view.selectRow(0);
                QTRY_VERIFY(details.count() >= 1);
            }
            QTest::qWait(100); // the splitter's turn
            QApplication::processEvents();
            for (int c = 0; c < int(Column::Count); ++c) {
                const QString past = columnPastTheEdge(table, c);
                QVERIFY2(past.isEmpty(), qPrintable(lang + QStringLiteral(", ") + state +
                                                    QStringLiteral(": ") + past));
                if (!table->isColumnHidden(c)) {
                    const QString cut = valueCut(table, c, false);
                    QVERIFY2(cut.isEmpty(), qPrintable(lang + QStringLiteral(", ") + state +
                                                       QStringLiteral(": ") + cut));
                }
            }
        }
        saveScreenshot(&view, QStringLiteral("devices_details_open_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

/// "'App type / version:' wraps in 120 px" for the first shown text of the details pane that
/// does not fit on one line; empty when each is on one.
static QString detailWrapped(ui::DevicesView& view) {
    auto* scroll = view.findChild<QScrollArea*>();
    if (!scroll)
        return QStringLiteral("no details pane");
    for (auto* label : scroll->widget()->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty())
            continue;
        if (label->heightForWidth(label->width()) > label->heightForWidth(10000))
            return QStringLiteral("'%1' wraps in %2 px").arg(label->text()).arg(label->width());
    }
    return {};
}

/// "'Title' spans …" or "'value' needs …" for the first shown column of `table` past its edge
/// or with a value cut; empty when every column and value is whole.
static QString columnCut(QTableView* table) {
    for (int c = 0; c < table->model()->columnCount(); ++c) {
        if (table->isColumnHidden(c))
            continue;
        if (QString past = columnPastTheEdge(table, c); !past.isEmpty())
            return past;
        if (QString cut = valueCut(table, c, false); !cut.isEmpty())
            return cut;
    }
    return {};
}

void DevicesViewTest::detailsPaneTakesTheTableSurplus() {
    // In a window wider than the table needs, the details pane takes the surplus, up to what its
    // texts need on one line each: it stayed as narrow as its buttons ("App type / version" and
    // the push totals over three lines) beside a 540 px User column of short emails. It is fitted
    // again as rows and emails arrive, until the person drags the splitter: then theirs stays.
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        ui::DevicesView view(&f.backend());
        view.resize(1200, 600);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 4);
        QTRY_VERIFY(showsEmail(*view.model(), QStringLiteral("user@fixture.test")));
        QSignalSpy details(&view, &ui::DevicesView::detailsLoaded);
        selectDevice(view, QStringLiteral("dev-ok"));
        QTRY_VERIFY(details.count() >= 1);
        auto* pane = view.findChild<QGroupBox*>();
        auto* table = view.table();
        const auto state = [&] {
            return QStringLiteral("%1: pane %2 px (least %3), User column %4 px")
                .arg(lang)
                .arg(pane->width())
                .arg(pane->minimumSizeHint().width())
                .arg(table->columnWidth(int(Column::User)));
        };
        QTRY_VERIFY2(detailWrapped(view).isEmpty(),
                     qPrintable(state() + QStringLiteral(": ") + detailWrapped(view)));
        QVERIFY2(columnCut(table).isEmpty(),
                 qPrintable(state() + QStringLiteral(": ") + columnCut(table)));
        saveScreenshot(&view, QStringLiteral("devices_wide_window_") + lang);

        // A device of a user with a long email arrives: the table takes back what it needs
        // (the email whole), or all the pane can give.
        QVERIFY(addNightShiftScanner(f));
        QTRY_VERIFY_WITH_TIMEOUT(showsEmail(*view.model(), QString::fromLatin1(kNightShiftEmail)),
                                 10000);
        QTRY_VERIFY2(columnCut(table).isEmpty() ||
                         pane->width() <= pane->minimumSizeHint().width() + 4,
                     qPrintable(state() + QStringLiteral(": ") + columnCut(table)));
        if (lang == QLatin1String("en")) // 1200 px are enough for it in English
            QVERIFY2(columnCut(table).isEmpty(),
                     qPrintable(state() + QStringLiteral(": ") + columnCut(table)));
        saveScreenshot(&view, QStringLiteral("devices_wide_window_long_email_") + lang);

        // The person drags the splitter: their split stays as devices arrive and the window
        // grows.
        auto* split = view.findChild<QSplitter*>();
        QVERIFY(split);
        auto* handle = split->handle(1);
        const int before = split->sizes().at(1);
        const QPoint from = handle->rect().center();
        const QPoint to = from - QPoint(50, 0);
        QTest::mousePress(handle, Qt::LeftButton, {}, from);
        QTest::mouseMove(handle, to);
        QTest::mouseRelease(handle, Qt::LeftButton, {}, to);
        const int chosen = split->sizes().at(1);
        QVERIFY2(chosen != before, qPrintable(state()));
        QVERIFY(addUserDevice(f, "late.shift@bridgecore.local", "demo-late-02", "sales_app"));
        QTRY_VERIFY_WITH_TIMEOUT(
            showsEmail(*view.model(), QStringLiteral("late.shift@bridgecore.local")), 10000);
        QTest::qWait(100);
        QCOMPARE(split->sizes().at(1), chosen);
        view.resize(1400, 600);
        QTest::qWait(100);
        QCOMPARE(split->sizes().at(1), chosen);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DevicesViewTest::detailsPaneKeepsItsSizeOnFirstSelection() {
    // A large window: the pane, sized for its hint, grew on the first selection to what the
    // details needed and the table jumped narrower. It has its size from the start.
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        ui::DevicesView view(&f.backend());
        view.resize(1600, 700);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 4);
        QTRY_VERIFY(showsEmail(*view.model(), QStringLiteral("user@fixture.test")));
        QTest::qWait(100); // the splitter's turn
        QApplication::processEvents();
        auto* pane = view.findChild<QGroupBox*>();
        auto* split = view.findChild<QSplitter*>();
        const QList<int> before = split->sizes();
        const int table = view.table()->width();
        QSignalSpy details(&view, &ui::DevicesView::detailsLoaded);
        selectDevice(view, QStringLiteral("dev-ok"));
        QTRY_VERIFY(details.count() >= 1);
        QTest::qWait(100);
        QApplication::processEvents();
        QVERIFY2(split->sizes() == before && view.table()->width() == table,
                 qPrintable(QStringLiteral("%1: pane %2 -> %3 px, table %4 -> %5 px")
                                .arg(lang)
                                .arg(before.value(1))
                                .arg(pane->width())
                                .arg(table)
                                .arg(view.table()->width())));
        // And the details have the room they need, one line each.
        QVERIFY2(detailWrapped(view).isEmpty(), qPrintable(lang + ": " + detailWrapped(view)));
        saveScreenshot(&view, QStringLiteral("devices_large_window_selected_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(DevicesViewTest)
#include "DevicesViewTest.moc"
