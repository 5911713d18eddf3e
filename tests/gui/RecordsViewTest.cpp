// RecordsView on the embedded console: an offline edit lands in the outbox and reaches the
// server on the next sync; a conflicting edit resolved in the merge editor shows the resolved
// record in the records view.

#include "RecordsView.h"
#include "ConflictsView.h"
#include "GuiFixture.h"
#include "LiveUpdates.h"
#include "RecordForm.h"
#include "Translations.h"
#include "console/ConsoleSession.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QTableView>
#include <QtTest/QtTest>

using namespace bridgecore;
using protocol::json;
using namespace bridgecore::testing;

class RecordsViewTest : public QObject {
    Q_OBJECT
private slots:
    void offlineEditReachesServerOnSync();
    void resolvedConflictShowsInRecords();
    void typedFormRefusesInvalidInput();
    void opensOnDataAndEditNeedsASelection();
    void followsTheFirstSyncUnlessAModelWasPicked();
    void columnsFitTheirValuesAndLabels();
    void odooStringsAreTranslated();

private:
    struct Env {
        QTemporaryDir tmp;
        std::unique_ptr<console::ConsoleSession> session;
        engine::Caller phone;
        std::int64_t partnerId = 0;
    };
    /// A console with one partner created by a phone and synced into the console's cache.
    void setUp(Env& e) {
        auto s = console::ConsoleSession::openEmbedded(e.tmp.path());
        QVERIFY(s.ok());
        e.session = std::move(s.value());
        auto uid = e.session->accounts().createUser(console::ConsoleSession::kTenantName,
                                                    "phone@bridgecore.local", "Phone",
                                                    protocol::Role::User, "phone-password");
        QVERIFY(uid.ok());
        e.phone = {e.session->caller().tenant_id, uid.value(), protocol::Role::User};
        auto push =
            push1(e, GuiFixture::create("p-1", {{"name", "Wood Corner"}, {"phone", "100"}}));
        e.partnerId = *push.results[0].server_id;
        syncAndWait(e);
    }
    protocol::PushResponse push1(Env& e, const json& change) {
        json body = {{"device_id", "phone-01"}, {"changes", json::array({change})}};
        auto req = std::get<protocol::PushRequest>(protocol::parsePushRequest(body));
        req.conflict_strategy = protocol::ConflictStrategy::ServerWins;
        auto r = e.session->engine().push(e.phone, req);
        if (!r)
            qFatal("push failed");
        return r.value();
    }
    static bool syncAndWait(Env& e) {
        auto* sched = e.session->scheduler();
        sched->waitForIdle();
        QSignalSpy finished(sched, &client::SyncScheduler::finished);
        QSignalSpy failed(sched, &client::SyncScheduler::failed);
        sched->syncNow();
        if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 15000))
            return false;
        return finished.count() > 0;
    }
    static int rowOfName(ui::RecordTableModel& m, const QString& name) {
        const int col = m.columnOfField(QStringLiteral("name"));
        for (int r = 0; r < m.rowCount(); ++r)
            if (m.index(r, col).data().toString() == name)
                return r;
        return -1;
    }
};

void RecordsViewTest::offlineEditReachesServerOnSync() {
    Env e;
    setUp(e);
    auto& s = *e.session;
    ui::RecordsView view(s.cache(), s.clientPool());
    QAbstractItemModelTester tester(view.model());
    view.resize(1000, 500);
    view.show();
    view.showModel(QStringLiteral("res.partner"));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->index(0, 0).data().toLongLong(), e.partnerId);
    QCOMPARE(view.model()->index(0, 1).data().toString(), QStringLiteral("synced"));

    // Offline: edit through the form, and create a record.
    s.transport()->setOffline(true);
    auto* form = view.openEditForm(0);
    QVERIFY(form);
    QVERIFY(form->fieldNames().contains(QStringLiteral("phone")));
    form->setFieldText(QStringLiteral("phone"), QStringLiteral("555-0199"));
    QSignalSpy saved(&view, &ui::RecordsView::saved);
    form->accept();
    QTRY_COMPARE(saved.count(), 1);
    auto* create = view.openCreateForm();
    QVERIFY(create);
    create->setFieldText(QStringLiteral("name"), QStringLiteral("New Customer"));
    create->setFieldText(QStringLiteral("phone"), QStringLiteral("200"));
    create->accept();
    QTRY_COMPARE(saved.count(), 2);
    const QString localId = saved.at(1).at(0).toString();
    QVERIFY(!localId.isEmpty());

    // Both are in the outbox, committed, pending.
    auto outbox = s.cache()->outbox(client::OutboxStatus::Pending);
    QCOMPARE(outbox.size(), std::size_t(2));
    QVERIFY(outbox[0].action == protocol::Action::Update);
    QCOMPARE(outbox[0].model, std::string("res.partner"));
    QCOMPARE(outbox[0].data, (json{{"phone", "555-0199"}}));
    QVERIFY(outbox[1].action == protocol::Action::Create);
    QVERIFY2(outbox[1].data == (json{{"name", "New Customer"}, {"phone", "200"}}),
             outbox[1].data.dump().c_str());
    QTRY_COMPARE(view.model()->rowCount(), 2);
    const int newRow = rowOfName(*view.model(), QStringLiteral("New Customer"));
    QVERIFY(newRow >= 0);
    QCOMPARE(view.model()->index(newRow, 1).data().toString(), QStringLiteral("new (not synced)"));
    saveScreenshot(&view, QStringLiteral("records_offline"));

    // A sync while offline fails and keeps everything queued.
    QVERIFY(!syncAndWait(e));
    QCOMPARE(s.cache()->outboxCounts().active(), 2);
    QCOMPARE(
        e.session->engine().record(s.caller(), "res.partner", e.partnerId).value()["data"]["phone"],
        json("100"));

    // Back online: the sync delivers both.
    s.transport()->setOffline(false);
    QVERIFY(syncAndWait(e));
    QCOMPARE(s.cache()->outboxCounts().active(), 0);
    auto server = e.session->engine().record(s.caller(), "res.partner", e.partnerId);
    QVERIFY(server.ok());
    QCOMPARE(server.value()["data"]["phone"], json("555-0199"));
    QCOMPARE(server.value()["data"]["name"], json("Wood Corner"));
    const auto newId = s.cache()->mappedId(localId.toStdString());
    QVERIFY(newId.has_value());
    auto created = e.session->engine().record(s.caller(), "res.partner", *newId);
    QVERIFY(created.ok());
    QCOMPARE(created.value()["data"]["name"], json("New Customer"));
    QTRY_COMPARE(view.model()
                     ->index(rowOfName(*view.model(), QStringLiteral("New Customer")), 1)
                     .data()
                     .toString(),
                 QStringLiteral("synced"));
}

void RecordsViewTest::resolvedConflictShowsInRecords() {
    Env e;
    setUp(e);
    auto& s = *e.session;
    // The phone renames the partner; the console, offline, renames it too (manual strategy).
    push1(e, GuiFixture::update("p-2", e.partnerId, 1, {{"name", "Wood Corner Ltd"}}));
    QVERIFY(s.cache()->updateRecord("res.partner", e.partnerId, {{"name", "Wood Corner SA"}}).ok());
    QVERIFY(syncAndWait(e));
    QCOMPARE(s.cache()->outboxCounts().conflict, 1);

    ui::ConflictsView conflicts(s.backend());
    conflicts.show();
    QTRY_COMPARE(conflicts.model()->rowCount(), 1);
    QCOMPARE(conflicts.model()->conflict(0)->device_id, s.cache()->deviceId());
    conflicts.selectRow(0);
    auto& m = *conflicts.editor()->model();
    const int nameRow = m.rowOfField("name");
    QVERIFY(nameRow >= 0);
    m.edit(nameRow, "Wood Corner SARL");
    QCOMPARE(m.mergedData(), (json{{"name", "Wood Corner SARL"}}));
    QSignalSpy resolved(&conflicts, &ui::ConflictsView::resolved);
    conflicts.editor()->submitMerge();
    QTRY_COMPARE(resolved.count(), 1);
    s.settleLocalConflict(resolved.at(0).at(0).toLongLong());
    QVERIFY(syncAndWait(e));

    ui::RecordsView view(s.cache(), s.clientPool());
    view.show();
    view.showModel(QStringLiteral("res.partner"));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QTRY_COMPARE(view.model()
                     ->index(0, view.model()->columnOfField(QStringLiteral("name")))
                     .data()
                     .toString(),
                 QStringLiteral("Wood Corner SARL"));
    QCOMPARE(s.cache()->outboxCounts().active(), 0);
    saveScreenshot(&view, QStringLiteral("records_after_merge"));
}

void RecordsViewTest::typedFormRefusesInvalidInput() {
    Env e;
    setUp(e);
    auto& s = *e.session;
    ui::RecordsView view(s.cache(), s.clientPool());
    view.resize(1000, 500);
    view.show();
    view.showModel(QStringLiteral("sale.order.line"));
    QTRY_COMPARE(view.currentModel(), QStringLiteral("sale.order.line"));
    const auto before = s.cache()->outbox().size();
    auto* form = view.openCreateForm();
    QVERIFY(form);
    // Labels, not technical names; required fields marked.
    QCOMPARE(form->labelOf(QStringLiteral("product_uom_qty")), QStringLiteral("Quantity"));
    QCOMPARE(form->labelOf(QStringLiteral("price_unit")), QStringLiteral("Unit Price"));
    // A many2one is a searchable picker, filled with the cached records of its model.
    auto* product = qobject_cast<QComboBox*>(form->editorOf(QStringLiteral("product_id")));
    QVERIFY(product && product->isEditable());
    auto* partnerPicker = qobject_cast<QComboBox*>(form->editorOf(QStringLiteral("order_id")));
    QVERIFY(partnerPicker);
    saveScreenshot(form, QStringLiteral("record_form_typed"));

    form->setFieldText(QStringLiteral("name"), QStringLiteral("Desk"));
    form->setFieldText(QStringLiteral("order_id"), QStringLiteral("7"));
    form->setFieldText(QStringLiteral("price_unit"), QStringLiteral("10.5"));
    form->setFieldText(QStringLiteral("product_uom_qty"), QStringLiteral("twelve"));
    QSignalSpy saved(&view, &ui::RecordsView::saved);
    form->accept();
    // Refused with the reason; the form stays open; nothing reached the outbox.
    QVERIFY(form->isVisible());
    QVERIFY2(form->errorText().contains(QStringLiteral("Quantity")), qPrintable(form->errorText()));
    QVERIFY(form->errorText().contains(QStringLiteral("not a number")));
    saveScreenshot(form, QStringLiteral("record_form_refused"));
    QTest::qWait(200);
    QCOMPARE(saved.count(), 0);
    QCOMPARE(s.cache()->outbox().size(), before);

    form->setFieldText(QStringLiteral("product_uom_qty"), QStringLiteral("12"));
    form->accept();
    QTRY_COMPARE(saved.count(), 1);
    auto outbox = s.cache()->outbox(client::OutboxStatus::Pending);
    QCOMPARE(outbox.size(), before + 1);
    const auto& data = outbox.back().data;
    QVERIFY(data["product_uom_qty"].is_number());
    QCOMPARE(data["product_uom_qty"].get<double>(), 12.0);
    QCOMPARE(data["price_unit"].get<double>(), 10.5);
    QCOMPARE(data["order_id"], json(7));
}

void RecordsViewTest::opensOnDataAndEditNeedsASelection() {
    Env e;
    setUp(e);
    auto& s = *e.session;
    ui::RecordsView view(s.cache(), s.clientPool());
    view.resize(1000, 500);
    view.show();
    // It opens on the model that has records, shown by its human name.
    QTRY_COMPARE(view.currentModel(), QStringLiteral("res.partner"));
    auto* combo = view.findChild<QComboBox*>(QStringLiteral("recordModelCombo"));
    QCOMPARE(combo->currentText(), QStringLiteral("Contact"));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    // Edit and Delete need a selected record.
    QVERIFY(!view.editButton()->isEnabled());
    QVERIFY(!view.deleteButton()->isEnabled());
    view.table()->selectRow(0);
    QVERIFY(view.editButton()->isEnabled());
    QVERIFY(view.deleteButton()->isEnabled());
    saveScreenshot(&view, QStringLiteral("records_contacts"));
}

void RecordsViewTest::followsTheFirstSyncUnlessAModelWasPicked() {
    // Opened before the first records arrive (the console's first start, or --demo): once a
    // sync brings records, the view shows a model that has some instead of an empty one.
    Env e;
    auto s = console::ConsoleSession::openEmbedded(e.tmp.path());
    QVERIFY(s.ok());
    e.session = std::move(s.value());
    auto& session = *e.session;
    auto uid = session.accounts().createUser(console::ConsoleSession::kTenantName,
                                             "phone@bridgecore.local", "Phone",
                                             protocol::Role::User, "phone-password");
    QVERIFY(uid.ok());
    e.phone = {session.caller().tenant_id, uid.value(), protocol::Role::User};
    ui::RecordsView view(session.cache(), session.clientPool());
    view.resize(1000, 500);
    view.show();
    auto* combo = view.findChild<QComboBox*>(QStringLiteral("recordModelCombo"));
    QTRY_VERIFY(combo->count() > 1);
    QCOMPARE(view.model()->total(), 0);
    const QString empty = view.currentModel();
    QVERIFY(empty != QStringLiteral("sale.order"));
    push1(e, GuiFixture::create("so-1", {{"name", "SO001"}}, "sale.order"));
    QVERIFY(syncAndWait(e));
    QTRY_COMPARE(view.currentModel(), QStringLiteral("sale.order"));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    // Models are listed by the names people read, in order.
    QStringList labels;
    for (int i = 0; i < combo->count(); ++i)
        labels << combo->itemText(i);
    QStringList sorted = labels;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString& a, const QString& b) { return a.localeAwareCompare(b) < 0; });
    QCOMPARE(labels, sorted);

    // A model the user picked stays, even when it is empty and others have records.
    combo->setCurrentIndex(combo->findData(empty));
    emit combo->activated(combo->currentIndex());
    push1(e, GuiFixture::create("p-2", {{"name", "Deco Addict"}}, "sale.order"));
    QVERIFY(syncAndWait(e));
    QTest::qWait(300);
    QCOMPARE(view.currentModel(), empty);
}

void RecordsViewTest::columnsFitTheirValuesAndLabels() {
    // The demo's first sync: 15 sales orders named after customers. Every value shows whole
    // on one line, every label (Odoo's field string) fits its header in every language, and
    // the stretched last column only gets the room the others leave.
    Env e;
    setUp(e);
    for (int i = 1; i <= 15; ++i)
        push1(e, GuiFixture::create("so-" + std::to_string(i),
                                    {{"name", "The Jackson Group " + std::to_string(30 + i)},
                                     {"state", i % 2 ? "draft" : "sale"},
                                     {"client_order_ref", "PO-" + std::to_string(1000 + i)},
                                     {"amount_total", 1250.5 + i}},
                                    "sale.order"));
    QVERIFY(syncAndWait(e));
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        ui::RecordsView view(e.session->cache(), e.session->clientPool());
        view.resize(1400, 700);
        view.show();
        view.showModel(QStringLiteral("sale.order"));
        QTRY_COMPARE(view.model()->rowCount(), 15);
        QApplication::processEvents();
        auto* table = view.findChild<QTableView*>(QStringLiteral("recordsTable"));
        QVERIFY(table);
        auto* header = table->horizontalHeader();
        const int columns = view.model()->columnCount();
        const int last = columns - 1;
        QVERIFY(view.model()->columnOfField(QStringLiteral("name")) >= 0);
        const QFontMetrics fm(table->font());
        const QFontMetrics hfm(ui::headerFont(header)); // bold when highlighted
        int used = 0;
        for (int c = 0; c < columns; ++c) {
            const QString label = view.model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(hfm.horizontalAdvance(label) + 8 <= header->sectionSize(c),
                     qPrintable(QStringLiteral("%1: header '%2' needs %3 px, has %4")
                                    .arg(lang, label)
                                    .arg(hfm.horizontalAdvance(label))
                                    .arg(header->sectionSize(c))));
            for (int r = 0; r < view.model()->rowCount(); ++r) {
                const QString text = view.model()->index(r, c).data().toString();
                QVERIFY2(fm.horizontalAdvance(text) + 6 <= table->columnWidth(c),
                         qPrintable(QStringLiteral("%1: '%2' needs %3 px, column %4 has %5")
                                        .arg(lang, text)
                                        .arg(fm.horizontalAdvance(text))
                                        .arg(c)
                                        .arg(table->columnWidth(c))));
            }
            if (c != last)
                used += table->columnWidth(c);
        }
        // A selection reads as its label, never as its key ("draft").
        const int state = view.model()->columnOfField(QStringLiteral("state"));
        QVERIFY(state >= 0);
        for (int r = 0; r < view.model()->rowCount(); ++r) {
            const QModelIndex cell = view.model()->index(r, state);
            const QString key = cell.data(Qt::EditRole).toString();
            QVERIFY(key == "draft" || key == "sale");
            QCOMPARE(cell.data().toString(),
                     QCoreApplication::translate("ModelCatalog",
                                                 key == "draft" ? "Quotation" : "Sales Order"));
        }
        // Numbers in the language's digits, like the ids beside them.
        const int total = view.model()->columnOfField(QStringLiteral("amount_total"));
        QVERIFY(total >= 0);
        for (int r = 0; r < view.model()->rowCount(); ++r) {
            const QModelIndex cell = view.model()->index(r, total);
            const double value = cell.data(Qt::EditRole).toString().toDouble();
            QCOMPARE(cell.data().toString(),
                     QLocale().toString(value, 'g', QLocale::FloatingPointShortest));
            if (lang == QLatin1String("ar"))
                QVERIFY2(!cell.data().toString().contains(QRegularExpression("[0-9]")),
                         qPrintable(cell.data().toString()));
        }
        // Rows are one line high; nothing wraps.
        QVERIFY(!table->wordWrap());
        QVERIFY2(table->rowHeight(0) < 2 * fm.lineSpacing(),
                 qPrintable(QStringLiteral("row height %1, line %2")
                                .arg(table->rowHeight(0))
                                .arg(fm.lineSpacing())));
        // Everything fits on screen: the last column takes what is left, no scrolling.
        QVERIFY(used + table->columnWidth(last) <= table->viewport()->width() + 1);
        saveScreenshot(&view, QStringLiteral("records_sales_orders_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void RecordsViewTest::odooStringsAreTranslated() {
    // The Odoo views' strings: English plural forms, French and Arabic translations.
    auto t = [](const char* context, const char* text, int n = -1) {
        return QCoreApplication::translate(context, text, nullptr, n);
    };
    const char* batches = "%1 per write batch (%n batches)";
    const char* view = "bridgecore::ui::OdooConnectionsView";
    const char* labels = "bridgecore::ui::OdooFieldLabels";
    ui::Translations::apply(QStringLiteral("en"));
    QCOMPARE(t(view, batches, 1), QStringLiteral("%1 per write batch (1 batch)"));
    QCOMPARE(t(view, batches, 3), QStringLiteral("%1 per write batch (3 batches)"));
    ui::Translations::apply(QStringLiteral("fr"));
    QCOMPARE(t(view, batches, 1), QStringLiteral("%1 par lot d’écriture (1 lot)"));
    QCOMPARE(t(labels, "Field labels from Odoo"),
             QStringLiteral("Libellés des champs fournis par Odoo"));
    ui::Translations::apply(QStringLiteral("ar"));
    QCOMPARE(t(labels, "Field labels from Odoo"), QStringLiteral("تسميات الحقول من Odoo"));
    for (const char* text : {"Odoo is unreachable (%1): built-in field labels",
                             "Odoo is unreachable (%1): field labels as Odoo gave them at %2"}) {
        for (const QString& lang : {QStringLiteral("fr"), QStringLiteral("ar")}) {
            ui::Translations::apply(lang);
            const QString out = t(labels, text);
            QVERIFY2(out != QLatin1String(text) && out.contains(QStringLiteral("%1")),
                     qPrintable(lang + QStringLiteral(": ") + out));
        }
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(RecordsViewTest)
#include "RecordsViewTest.moc"
