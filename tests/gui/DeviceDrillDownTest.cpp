// The device drill-down opened from the Devices view: queue report, last push result and
// counters, its latest pushes and pulls with the queue each reported, the device's recent pushed
// changes, its open conflicts (and only its own), and what a full pull would bring it per model,
// with every text fitting in en/fr/ar.

#include "DeviceDrillDown.h"
#include "DevicesView.h"
#include "GuiFixture.h"
#include "LiveUpdates.h"
#include "Text.h"
#include "Translations.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using Column = ui::DeviceTableModel::Column;

class DeviceDrillDownTest : public QObject {
    Q_OBJECT
private slots:
    void showsQueueResultsConflictsAndPreview();
    void textsFitInEveryLanguage();
    void tablesSpanTheirWidthAndRows();
    void historyChartCountsInWholeNumbers();

private:
    struct Seeded {
        std::int64_t partnerBytes = 0, productBytes = 0, conflictRecord = 0;
    };
    /// dev-a creates 3 partners and 2 products and pulls as sales_app; dev-b and dev-c each
    /// leave one open conflict; dev-b reports 2 pending changes.
    static Seeded populate(GuiFixture& f) {
        Seeded s;
        protocol::json changes = protocol::json::array();
        for (int i = 0; i < 3; ++i)
            changes.push_back(GuiFixture::create("p-" + std::to_string(i),
                                                 {{"name", "Partner " + std::to_string(i)}}));
        for (int i = 0; i < 2; ++i)
            changes.push_back(GuiFixture::create("q-" + std::to_string(i),
                                                 {{"name", "Chair"}, {"list_price", 10 + i}},
                                                 "product.product"));
        // The syncs a few minutes apart, ending now, so the history chart spreads them.
        const auto now = f.clock.now();
        f.clock.set(now - 4 * 60000);
        auto made = f.push("dev-a", changes);
        if (made.succeeded != 5)
            qFatal("seed push failed");
        f.clock.set(now - 3 * 60000);
        f.pull("dev-a");
        f.pull("dev-b");
        f.pull("dev-c");
        const auto p0 = *made.results[0].server_id, p1 = *made.results[1].server_id;
        f.clock.set(now - 60000);
        f.push("dev-a", protocol::json::array(
                            {GuiFixture::update("p-0e", p0, 1, {{"name", "Partner zero"}}),
                             GuiFixture::update("p-1e", p1, 1, {{"name", "Partner one"}})}));
        f.clock.set(now);
        f.push("dev-b", {GuiFixture::update("b-1", p0, 1, {{"name", "Partner 0 (b)"}})}, "manual",
               {{"pending_changes", 2}, {"oldest_pending_at", nowIso(-60000).toStdString()}});
        f.push("dev-c", {GuiFixture::update("c-1", p1, 1, {{"name", "Partner 1 (c)"}})}, "manual");
        s.conflictRecord = p0;
        // What the server holds now, record by record (independent of the preview's SQL).
        for (int i = 0; i < 5; ++i) {
            const auto id = *made.results[std::size_t(i)].server_id;
            const bool partner = i < 3;
            const auto data = f.serverRecord(partner ? "res.partner" : "product.product", id);
            (partner ? s.partnerBytes : s.productBytes) += std::int64_t(data.dump().size());
        }
        return s;
    }
    static ui::DeviceDrillDown* open(ui::DevicesView& view, const QString& device) {
        auto* m = view.model();
        for (int r = 0; r < view.proxy()->rowCount(); ++r)
            if (view.proxy()->index(r, int(Column::Device)).data().toString() == device) {
                view.selectRow(r);
                auto* button = view.findChild<QPushButton*>(QStringLiteral("drillDownButton"));
                if (!button || !button->isEnabled())
                    return nullptr;
                button->click();
                (void)m;
                return view.findChild<ui::DeviceDrillDown*>();
            }
        return nullptr;
    }
    static int rowOf(QTableWidget* t, int column, const QString& text) {
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, column) && t->item(r, column)->text() == text)
                return r;
        return -1;
    }
};

void DeviceDrillDownTest::showsQueueResultsConflictsAndPreview() {
    ui::Translations::apply(QStringLiteral("en"));
    GuiFixture f;
    const auto seeded = populate(f);
    ui::DevicesView view(&f.backend());
    view.resize(1200, 700);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 3);

    // dev-b: its queue report, an open conflict as last result, one pushed change.
    auto* dialog = open(view, QStringLiteral("dev-b"));
    QVERIFY(dialog);
    QSignalSpy loaded(dialog, &ui::DeviceDrillDown::loaded);
    QVERIFY(loaded.wait(5000));
    QVERIFY2(dialog->text(QStringLiteral("queue")).startsWith(QStringLiteral("2 pending changes")),
             qPrintable(dialog->text(QStringLiteral("queue"))));
    QVERIFY(dialog->text(QStringLiteral("queueNote")).contains(QStringLiteral("over time")));
    // Its history, newest first: the push with the queue it reported, then its pull.
    auto* history = dialog->historyTable();
    QVERIFY(history->isVisible());
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(history->item(0, 1)->text(), QStringLiteral("push"));
    QCOMPARE(history->item(0, 2)->text(), QStringLiteral("1"));
    QCOMPARE(history->item(0, 3)->text(), QStringLiteral("0 applied, 1 in conflict"));
    QCOMPARE(history->item(0, 5)->text(), QStringLiteral("2"));
    QCOMPARE(history->item(1, 1)->text(), QStringLiteral("pull"));
    QCOMPARE(history->item(1, 5)->text(), QStringLiteral("not reported"));
    QVERIFY2(dialog->text(QStringLiteral("history"))
                 .startsWith(QStringLiteral("The latest 2 pushes and pulls")),
             qPrintable(dialog->text(QStringLiteral("history"))));
    QCOMPARE(dialog->text(QStringLiteral("lastResult")), QStringLiteral("open conflicts"));
    // The history as a chart: one point per push, the queue it reported as its own line.
    auto* chart = dialog->historyChart();
    QVERIFY(chart->view()->isVisible());
    using H = ui::DeviceDrillDown::HistoryColumn;
    auto* points = dialog->historySeries();
    QCOMPARE(points->rowCount(), 1);
    QCOMPARE(points->index(0, int(H::Changes)).data().toDouble(), 1.0);
    QCOMPARE(points->index(0, int(H::Conflicts)).data().toDouble(), 1.0);
    QCOMPARE(points->index(0, int(H::Pending)).data().toDouble(), 2.0);
    QVERIFY(chart->chart()->series().at(2)->isVisible());
    QCOMPARE(chart->names(),
             (QStringList{QStringLiteral("Changes pushed"), QStringLiteral("In conflict"),
                          QStringLiteral("Pending (queue report)")}));
    QCOMPARE(chart->unit(), QStringLiteral("changes"));
    QVERIFY(!chart->xLabels().isEmpty());
    const QStringList yLabels = chart->yLabels();
    QVERIFY2(yLabels.size() >= 3 &&
                 yLabels.size() == QSet<QString>(yLabels.begin(), yLabels.end()).size(),
             qPrintable(yLabels.join(QLatin1Char('|'))));
    QVERIFY(chart->yMax() >= 2.0);
    const QString tip =
        chart->tooltipAt(qint64(points->index(0, int(H::Time)).data().toDouble()), 2);
    QVERIFY2(tip.endsWith(QStringLiteral(": 2 changes")), qPrintable(tip));
    QVERIFY2(
        dialog->text(QStringLiteral("pushes"))
            .startsWith(QStringLiteral("1 push: 1 change; 0 applied, 0 failed, 1 in conflict")),
        qPrintable(dialog->text(QStringLiteral("pushes"))));
    QVERIFY(dialog->text(QStringLiteral("lastPush")) != QStringLiteral("never"));
    // Its conflict, not dev-c's.
    auto* conflicts = dialog->conflictsTable();
    QCOMPARE(conflicts->rowCount(), 1);
    // Models by the names people use, the technical one in the tooltip.
    QCOMPARE(conflicts->item(0, 1)->text(), ui::modelName("res.partner"));
    QCOMPARE(conflicts->item(0, 1)->toolTip(), QStringLiteral("res.partner"));
    // Fields by their labels too ("name" read as a technical name among labels).
    QCOMPARE(conflicts->item(0, 3)->text(), ui::fieldLabel("res.partner", "name"));
    QCOMPARE(ui::fieldLabel("res.partner", "name"), QStringLiteral("Name"));
    QCOMPARE(conflicts->item(0, 3)->toolTip(), QStringLiteral("name"));
    QCOMPARE(conflicts->item(0, 2)->text(), QLocale().toString(qlonglong(seeded.conflictRecord)));
    QCOMPARE(dialog->text(QStringLiteral("conflicts")), QStringLiteral("1 open conflict"));
    // The changes it pushed: none reached the event log (its only change is in conflict).
    QCOMPARE(dialog->changesTable()->rowCount(), 0);
    QVERIFY(dialog->text(QStringLiteral("changesEmpty")).contains(QStringLiteral("appear here")));
    // "Show in Conflicts" hands the device to the Conflicts view.
    QSignalSpy toConflicts(&view, &ui::DevicesView::showConflicts);
    auto* jump = dialog->findChild<QPushButton*>(QStringLiteral("drillToConflicts"));
    QVERIFY(jump && jump->isEnabled());
    jump->click();
    QCOMPARE(toConflicts.count(), 1);
    QCOMPARE(toConflicts.at(0).at(0).toString(), QStringLiteral("dev-b"));
    QTRY_VERIFY(!view.findChild<ui::DeviceDrillDown*>());

    // dev-a: success, its 7 pushed changes newest first, and the preview per model.
    dialog = open(view, QStringLiteral("dev-a"));
    QVERIFY(dialog);
    QSignalSpy loadedA(dialog, &ui::DeviceDrillDown::loaded);
    QVERIFY(loadedA.wait(5000));
    QCOMPARE(dialog->text(QStringLiteral("lastResult")), QStringLiteral("success"));
    QCOMPARE(dialog->text(QStringLiteral("queue")), QStringLiteral("nothing pending"));
    QVERIFY2(dialog->text(QStringLiteral("pushes"))
                 .startsWith(QStringLiteral("2 pushes: 7 changes; 7 applied, 0 failed")),
             qPrintable(dialog->text(QStringLiteral("pushes"))));
    // push of 2 updates, pull of the 5 creates, push of the 5 creates.
    auto* historyA = dialog->historyTable();
    QCOMPARE(historyA->rowCount(), 3);
    QCOMPARE(historyA->item(0, 3)->text(), QStringLiteral("2 applied"));
    QCOMPARE(historyA->item(1, 1)->text(), QStringLiteral("pull"));
    QCOMPARE(historyA->item(1, 3)->text(), QStringLiteral("5 events received"));
    QCOMPARE(historyA->item(2, 2)->text(), QStringLiteral("5"));
    QCOMPARE(historyA->item(2, 3)->text(), QStringLiteral("5 applied"));
    // Its chart: the two pushes oldest first (5 creates, then 2 updates); no queue line, as
    // none of its pushes reported a queue (a missing report is not an empty queue).
    auto* pointsA = dialog->historySeries();
    QCOMPARE(pointsA->rowCount(), 2);
    QCOMPARE(pointsA->index(0, int(H::Changes)).data().toDouble(), 5.0);
    QCOMPARE(pointsA->index(1, int(H::Changes)).data().toDouble(), 2.0);
    QVERIFY(pointsA->index(0, int(H::Time)).data().toDouble() <=
            pointsA->index(1, int(H::Time)).data().toDouble());
    QVERIFY(!dialog->historyChart()->chart()->series().at(2)->isVisible());
    QVERIFY(historyA->isVisible()); // the exact values stay in the table below
    auto* changes = dialog->changesTable();
    QCOMPARE(changes->rowCount(), 7);
    QCOMPARE(changes->item(0, 3)->text(), QStringLiteral("write"));
    QCOMPARE(changes->item(0, 2)->text(), ui::modelName("res.partner"));
    QCOMPARE(changes->item(6, 3)->text(), QStringLiteral("create"));
    QCOMPARE(dialog->conflictsTable()->rowCount(), 0);
    QVERIFY(
        dialog->text(QStringLiteral("conflicts")).startsWith(QStringLiteral("No open conflict")));
    auto* preview = dialog->previewTable();
    QCOMPARE(preview->rowCount(), int(storage::defaultModelMap().at("sales_app").size()));
    const int partners = rowOf(preview, 0, ui::modelName("res.partner"));
    const int products = rowOf(preview, 0, ui::modelName("product.product"));
    const int orders = rowOf(preview, 0, ui::modelName("sale.order"));
    QCOMPARE(ui::modelName("res.partner"), QStringLiteral("Contact"));
    QVERIFY(partners >= 0 && products >= 0 && orders >= 0);
    QCOMPARE(preview->item(partners, 1)->text(), QStringLiteral("3"));
    QCOMPARE(preview->item(products, 1)->text(), QStringLiteral("2"));
    QCOMPARE(preview->item(orders, 1)->text(), QStringLiteral("0"));
    QCOMPARE(preview->item(partners, 2)->data(Qt::UserRole).toLongLong(), seeded.partnerBytes);
    QCOMPARE(preview->item(products, 2)->data(Qt::UserRole).toLongLong(), seeded.productBytes);
    QCOMPARE(preview->item(partners, 2)->text(), QLocale().formattedDataSize(seeded.partnerBytes));
    QVERIFY2(dialog->text(QStringLiteral("preview")).contains(QStringLiteral("5 records")),
             qPrintable(dialog->text(QStringLiteral("preview"))));
    QApplication::processEvents();
    saveScreenshot(dialog, QStringLiteral("device_drilldown"));
    // The whole content, below the fold too (the preview).
    saveScreenshot(dialog->findChild<QWidget*>(QStringLiteral("drillBody")),
                   QStringLiteral("device_drilldown_all"));
    dialog->close();
}

void DeviceDrillDownTest::textsFitInEveryLanguage() {
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        ui::DevicesView view(&f.backend());
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(view.model()->rowCount(), 3);
        // Double-click opens it too.
        view.selectRow(0);
        auto* table = view.table();
        const auto idx = table->currentIndex();
        const QPoint at = table->visualRect(idx).center();
        QSignalSpy doubleClicked(table, &QAbstractItemView::doubleClicked);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QVERIFY2(doubleClicked.count() == 1, qPrintable(QString::number(doubleClicked.count())));
        auto* dialog = view.findChild<ui::DeviceDrillDown*>();
        QVERIFY2(dialog, qPrintable(lang));
        QSignalSpy loaded(dialog, &ui::DeviceDrillDown::loaded);
        QVERIFY(loaded.wait(5000));
        QApplication::processEvents();
        // The history chart's axes in the language's digits.
        if (dialog->historyChart()->view()->isVisible() && lang == QLatin1String("ar"))
            for (const QString& label :
                 dialog->historyChart()->xLabels() + dialog->historyChart()->yLabels())
                QVERIFY2(!label.contains(QRegularExpression(QStringLiteral("[0-9]"))),
                         qPrintable(label));
        for (auto* label : dialog->findChildren<QLabel*>()) {
            if (!label->isVisible() || label->text().isEmpty())
                continue;
            const bool fits = label->wordWrap()
                                  ? label->height() >= label->heightForWidth(label->width())
                                  : QFontMetrics(label->font()).horizontalAdvance(label->text()) <=
                                        label->width();
            QVERIFY2(fits, qPrintable(QStringLiteral("%1: '%2' clipped").arg(lang, label->text())));
        }
        for (auto* button : dialog->findChildren<QPushButton*>())
            QVERIFY2(QFontMetrics(button->font()).horizontalAdvance(button->text()) <
                         button->width(),
                     qPrintable(QStringLiteral("%1: button '%2'").arg(lang, button->text())));
        for (auto* t : dialog->findChildren<QTableWidget*>()) {
            auto* header = t->horizontalHeader();
            const QFontMetrics fm(ui::headerFont(header)); // bold when highlighted
            for (int c = 0; c < t->columnCount(); ++c) {
                const QString text = t->horizontalHeaderItem(c)->text();
                QVERIFY2(fm.horizontalAdvance(text) + 8 <= header->sectionSize(c),
                         qPrintable(QStringLiteral("%1: header '%2' needs %3 px, has %4")
                                        .arg(lang, text)
                                        .arg(fm.horizontalAdvance(text))
                                        .arg(header->sectionSize(c))));
            }
        }
        saveScreenshot(dialog, QStringLiteral("device_drilldown_") + lang);
        dialog->close();
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DeviceDrillDownTest::tablesSpanTheirWidthAndRows() {
    // Each table is as wide as the dialog gives it and as high as its rows (up to a few): the
    // history left an empty band right of "Pending" and below its last row.
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        ui::DevicesView view(&f.backend());
        view.resize(1200, 700);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 3);
        for (const QString& device : {QStringLiteral("dev-a"), QStringLiteral("dev-b")}) {
            auto* dialog = open(view, device);
            QVERIFY(dialog);
            QSignalSpy loaded(dialog, &ui::DeviceDrillDown::loaded);
            QVERIFY(loaded.wait(5000));
            // Lists with the language's comma (Arabic's "،", not ", ": "0 applied, 1 in
            // conflict").
            if (lang == QLatin1String("ar"))
                for (auto* t : dialog->findChildren<QTableWidget*>())
                    for (int r = 0; r < t->rowCount(); ++r)
                        for (int c = 0; c < t->columnCount(); ++c)
                            QVERIFY2(!t->item(r, c) ||
                                         !t->item(r, c)->text().contains(QStringLiteral(", ")),
                                     qPrintable(t->item(r, c)->text()));
            for (const QSize size : {QSize(760, 820), QSize(1100, 900)}) {
                dialog->resize(size);
                QTest::qWait(50);
                QApplication::processEvents();
                int shown = 0;
                for (auto* t : dialog->findChildren<QTableWidget*>()) {
                    if (!t->isVisible())
                        continue;
                    ++shown;
                    const QString where = QStringLiteral("%1, %2, %3 px, %4")
                                              .arg(lang, device)
                                              .arg(size.width())
                                              .arg(t->objectName());
                    const int length = t->horizontalHeader()->length();
                    QVERIFY2(length == t->viewport()->width(),
                             qPrintable(QStringLiteral("%1: the columns span %2 px of %3")
                                            .arg(where)
                                            .arg(length)
                                            .arg(t->viewport()->width())));
                    for (int c = 0; c < t->columnCount(); ++c) {
                        const QString cut = valueCut(t, c, false);
                        QVERIFY2(cut.isEmpty(), qPrintable(where + QStringLiteral(": ") + cut));
                    }
                    // Its rows and nothing below them, unless there are more than fit.
                    int rows = t->horizontalHeader()->height();
                    for (int r = 0; r < t->rowCount(); ++r)
                        rows += t->rowHeight(r);
                    QVERIFY2(t->viewport()->height() <= rows + 1 ||
                                 t->verticalScrollBar()->isVisible(),
                             qPrintable(QStringLiteral("%1: %2 px high for %3 px of rows")
                                            .arg(where)
                                            .arg(t->viewport()->height())
                                            .arg(rows)));
                }
                QVERIFY(shown >= 2);
                saveScreenshot(dialog->findChild<QWidget*>(QStringLiteral("drillBody")),
                               QStringLiteral("device_drilldown_tables_%1_%2_%3")
                                   .arg(lang, device)
                                   .arg(size.width()));
            }
            dialog->close();
            QTRY_VERIFY(!view.findChild<ui::DeviceDrillDown*>());
        }
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DeviceDrillDownTest::historyChartCountsInWholeNumbers() {
    // dev-c pushed one change: its chart counted changes in halves ("0.5", "1.5" changes).
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        populate(f);
        ui::DevicesView view(&f.backend());
        view.resize(1200, 700);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 3);
        auto* dialog = open(view, QStringLiteral("dev-c"));
        QVERIFY(dialog);
        QSignalSpy loaded(dialog, &ui::DeviceDrillDown::loaded);
        QVERIFY(loaded.wait(5000));
        QApplication::processEvents();
        QVERIFY(dialog->historyChart()->view()->isVisible());
        const QStringList labels = dialog->historyChart()->yLabels();
        QVERIFY(labels.size() >= 2);
        for (const QString& label : labels) {
            bool whole = false;
            QLocale().toInt(label, &whole);
            QVERIFY2(whole, qPrintable(lang + QStringLiteral(": ") + labels.join(u'|')));
        }
        saveScreenshot(dialog, QStringLiteral("device_drilldown_one_push_") + lang);
        dialog->close();
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(DeviceDrillDownTest)
#include "DeviceDrillDownTest.moc"
