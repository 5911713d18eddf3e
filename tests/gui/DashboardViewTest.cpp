// DashboardView over a fixture: KPIs from the engine's summary, and the live series fed by
// the engine's push/pull signals into the bounded ring buffer the charts are bound to.

#include "DashboardView.h"
#include "GuiFixture.h"
#include "Translations.h"

#include <QSet>

#include <QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using C = ui::MetricSeriesModel::Column;

class DashboardViewTest : public QObject {
    Q_OBJECT
private slots:
    void kpisAndLiveSeries();
    void ringBufferKeepsTheWindow();
    void axesHaveNiceDistinctLocalisedLabels();
};

void DashboardViewTest::kpisAndLiveSeries() {
    GuiFixture f;
    ui::DashboardView view(&f.backend());
    QAbstractItemModelTester tester(view.series());
    view.resize(1100, 700);
    view.show();
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();

    auto r = f.push("dev-1",
                    protocol::json::array({GuiFixture::create("a-1", {{"name", "A"}}),
                                           GuiFixture::create("a-2", {{"name", "B"}}),
                                           GuiFixture::create("a-3", {{"name", "C"}})}),
                    "server_wins", {{"pending_changes", 4}});
    QCOMPARE(r.succeeded, 3);
    f.pull("dev-2");
    QTest::qWait(20); // the backend forwards the engine's signals through the event loop
    view.tick(t0 + 1000);
    QCOMPARE(view.series()->rowCount(), 1);
    QCOMPARE(view.series()->value(0, C::PushedPerSec), 3.0);
    QCOMPARE(view.series()->value(0, C::PulledPerSec), 3.0);
    QVERIFY(view.series()->value(0, C::PushP95Ms) > 0);
    QCOMPARE(view.series()->value(0, C::Time), double(t0 + 1000));
    view.tick(t0 + 2000); // a quiet second
    QCOMPARE(view.series()->rowCount(), 2);
    QCOMPARE(view.series()->value(1, C::PushedPerSec), 0.0);

    view.refreshSummary();
    QSignalSpy loaded(&view, &ui::DashboardView::summaryLoaded);
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(view.summary().devices, 2);
    QCOMPARE(view.summary().pending_changes, 4);
    QCOMPARE(view.summary().head_event_id, 3);
    QCOMPARE(view.kpiText(QStringLiteral("devices")), QStringLiteral("2"));
    QCOMPARE(view.kpiText(QStringLiteral("head")), QStringLiteral("3"));
    QCOMPARE(view.kpiText(QStringLiteral("pending")), QStringLiteral("4"));
    for (int i = 3; i < 40; ++i) {
        if (i % 3 == 0)
            f.push("dev-1", GuiFixture::create("b-" + std::to_string(i), {{"name", "x"}}));
        QTest::qWait(1);
        view.tick(t0 + i * 1000);
    }
    saveScreenshot(&view, QStringLiteral("dashboard"));
}

void DashboardViewTest::ringBufferKeepsTheWindow() {
    ui::MetricSeriesModel m;
    QAbstractItemModelTester tester(&m);
    m.setWindow(3);
    for (int i = 1; i <= 5; ++i) {
        m.addPush(i, i == 5 ? 2 : 0, 10.0 * i);
        m.tick(i * 1000);
    }
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.value(0, C::Time), 3000.0);
    QCOMPARE(m.value(2, C::Time), 5000.0);
    QCOMPARE(m.value(2, C::PushedPerSec), 5.0);
    QCOMPARE(m.value(2, C::PushP95Ms), 50.0);
    QCOMPARE(m.value(2, C::ConflictsPerMin), 2.0);
    QCOMPARE(m.maxValue(C::PushedPerSec), 5.0);
    // A wider window shows the history the ring buffer kept.
    m.setWindow(60);
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.value(0, C::Time), 1000.0);
}

void DashboardViewTest::axesHaveNiceDistinctLocalisedLabels() {
    // Nice scales: steps of 1, 2, 2.5 or 5 × 10^n.
    QCOMPARE(ui::DashboardView::niceScale(26).first, 10.0);
    QCOMPARE(ui::DashboardView::niceScale(26).second, 30.0);
    QCOMPARE(ui::DashboardView::niceScale(0.66).first, 0.2);
    GuiFixture f;
    ui::DashboardView view(&f.backend());
    view.resize(1200, 800);
    view.show();
    const qint64 t0 = (QDateTime::currentMSecsSinceEpoch() / 60000 + 1) * 60000 + 7000;
    // Small rates (below 1 change/s): labels must not all round to "0" and "1".
    for (int i = 0; i < 30; ++i) {
        if (i % 3 == 0)
            view.series()->addPush(2, 0, 12.5 + i);
        view.tick(t0 + i * 1000);
    }
    const QStringList y = view.yLabels(0);
    QVERIFY2(y.size() >= 3, qPrintable(y.join(QLatin1Char('|'))));
    QCOMPARE(QSet<QString>(y.begin(), y.end()).size(), y.size()); // distinct
    // An empty chart too: 0, 0.25, 0.5, … never "0.3" for 0.25.
    QCOMPARE(view.yLabels(1),
             (QStringList{QStringLiteral("0.00"), QStringLiteral("0.25"), QStringLiteral("0.50"),
                          QStringLiteral("0.75"), QStringLiteral("1.00")}));
    QVERIFY(y.contains(QStringLiteral("0.5")) || y.contains(QStringLiteral("0.4")) ||
            y.contains(QStringLiteral("0.25")) || y.contains(QStringLiteral("1")));
    // Ticks every minute over a 5-minute window, on whole minutes.
    const QStringList x = view.xLabels(0);
    QVERIFY2(x.size() >= 4 && x.size() <= 6, qPrintable(x.join(QLatin1Char('|'))));
    for (const QString& label : x)
        QVERIFY2(label.endsWith(QLatin1String(":00")) || label.size() == 5, qPrintable(label));
    // The scale is stable: one more second of the same traffic does not move it.
    const double top = view.yMax(0);
    view.tick(t0 + 31000);
    QCOMPARE(view.yMax(0), top);
    // Units and hover values.
    QVERIFY(view.tooltipAt(2, t0, 12.5).contains(QStringLiteral("ms")));
    saveScreenshot(&view, QStringLiteral("dashboard_axes"));
    // Arabic: labels in the language's digits, consistently (no "…").
    ui::Translations::apply(QStringLiteral("ar"));
    ui::DashboardView arabic(&f.backend());
    arabic.resize(1200, 800);
    arabic.show();
    for (int i = 0; i < 30; ++i) {
        arabic.series()->addPush(300, 0, 120);
        arabic.tick(t0 + i * 1000);
    }
    const QLocale ar;
    for (const QString& label : arabic.yLabels(0)) {
        QVERIFY(!label.contains(QChar(0x2026)));
        QCOMPARE(label, ar.toString(ar.toDouble(label), 'f', 0));
    }
    saveScreenshot(&arabic, QStringLiteral("dashboard_arabic"));
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(DashboardViewTest)
#include "DashboardViewTest.moc"
