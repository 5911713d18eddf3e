// DashboardView over a fixture: KPIs from the engine's summary, and the live series fed by
// the engine's push/pull signals into the bounded ring buffer the charts are bound to.

#include "DashboardView.h"
#include "GuiFixture.h"
#include "Translations.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsTextItem>
#include <QSet>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QAbstractItemModelTester>
#include <QtTest/QtTest>

#include <algorithm>

using namespace bridgecore;
using namespace bridgecore::testing;
using C = ui::MetricSeriesModel::Column;

class DashboardViewTest : public QObject {
    Q_OBJECT
private slots:
    void kpisAndLiveSeries();
    void ringBufferKeepsTheWindow();
    void axesHaveNiceDistinctLocalisedLabels();
    void historyFromStoredBuckets();
    void chartsReadLeftToRightInEveryLanguage();
    void countsTickOnWholeNumbers();
    void oneTimeFormatAndDigitsPerLanguage();
};

namespace {

/// Waits for the view's next history load.
void waitHistory(ui::DashboardView& view) {
    QSignalSpy loaded(&view, &ui::DashboardView::historyLoaded);
    QVERIFY(loaded.wait(5000));
}

} // namespace

void DashboardViewTest::kpisAndLiveSeries() {
    GuiFixture f;
    ui::DashboardView view(&f.backend());
    waitHistory(view);
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
    const int h = view.series()->historyRows(); // quiet stored buckets before the live ones
    QVERIFY(h >= 25);
    QCOMPARE(view.series()->rowCount(), h + 1);
    QCOMPARE(view.series()->value(h, C::PushedPerSec), 3.0);
    QCOMPARE(view.series()->value(h, C::PulledPerSec), 3.0);
    QVERIFY(view.series()->value(h, C::PushP95Ms) > 0);
    QVERIFY(view.series()->value(h, C::PushP50Ms) > 0);
    QVERIFY(view.series()->value(h, C::PushP50Ms) <= view.series()->value(h, C::PushP95Ms));
    QCOMPARE(view.series()->value(h, C::Time), double(t0 + 1000));
    view.tick(t0 + 2000);                        // a quiet second
    const int h2 = view.series()->historyRows(); // the window moved by a second
    QCOMPARE(view.series()->rowCount(), h2 + 2);
    QCOMPARE(view.series()->value(h2 + 1, C::PushedPerSec), 0.0);

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
    QCOMPARE(m.value(2, C::PushP50Ms), 50.0);
    QCOMPARE(m.value(2, C::ConflictsPerMin), 2.0);
    QCOMPARE(m.maxValue(C::PushedPerSec), 5.0);
    // A wider window shows the history the ring buffer kept.
    m.setWindow(60);
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.value(0, C::Time), 1000.0);
    // p50 and p95 of one second's pushes (nearest rank).
    for (int ms = 20; ms >= 1; --ms)
        m.addPush(1, 0, ms);
    m.tick(6000);
    QCOMPARE(m.value(5, C::PushP50Ms), 10.0);
    QCOMPARE(m.value(5, C::PushP95Ms), 19.0);
}

void DashboardViewTest::historyFromStoredBuckets() {
    GuiFixture f;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Traffic the engine stored in its metric buckets before the console opened: 20 h ago
    // (only the 24 h window reaches it) and 30 min ago (the 1 h window).
    f.clock.set(now - 20 * 3600 * 1000LL);
    for (int i = 0; i < 3; ++i)
        f.push("dev-old", GuiFixture::create("o-" + std::to_string(i), {{"name", "old"}}));
    f.clock.set(now - 30 * 60 * 1000LL);
    f.push("dev-1", protocol::json::array({GuiFixture::create("a-1", {{"name", "A"}}),
                                           GuiFixture::create("a-2", {{"name", "B"}}),
                                           GuiFixture::create("a-3", {{"name", "C"}}),
                                           GuiFixture::create("a-4", {{"name", "D"}})}));
    f.clock.set(now);
    const auto pushedIn = [](ui::DashboardView& v, qint64 bucketMs) {
        double changes = 0;
        for (int r = 0; r < v.series()->rowCount(); ++r)
            changes += v.series()->value(r, C::PushedPerSec) * double(bucketMs) / 1000.0;
        return std::llround(changes);
    };

    ui::DashboardView view(&f.backend());
    QAbstractItemModelTester tester(view.series());
    waitHistory(view);
    view.resize(1200, 800);
    view.show();
    // 5 minutes: stored 10 s buckets, all quiet.
    QVERIFY(view.series()->historyRows() >= 25);
    QCOMPARE(pushedIn(view, 10000), 0LL);
    // 1 hour: the 4 changes of 30 minutes ago, as 0.4 changes/s over their 10 s bucket.
    view.setWindowSeconds(3600);
    waitHistory(view);
    QCOMPARE(pushedIn(view, 10000), 4LL);
    QCOMPARE(view.series()->maxValue(C::PushedPerSec), 0.4);
    QVERIFY(view.series()->maxValue(C::PushP50Ms) > 0);
    QVERIFY(view.series()->maxValue(C::PushP95Ms) >= view.series()->maxValue(C::PushP50Ms));
    // The window selector reaches 24 hours: stored buckets only, both pushes.
    auto* combo = view.findChild<QComboBox*>(QStringLiteral("windowCombo"));
    QVERIFY(combo);
    const int day = combo->findData(24 * 3600);
    QVERIFY(day >= 0);
    QSignalSpy loaded(&view, &ui::DashboardView::historyLoaded);
    combo->setCurrentIndex(day);
    QVERIFY(loaded.wait(5000));
    QVERIFY(view.series()->historyOnly());
    const qint64 bucket = ui::DashboardView::historyBucketMs(24 * 3600);
    QCOMPARE(bucket, 240000LL);
    QCOMPARE(pushedIn(view, bucket), 7LL);
    QVERIFY(view.series()->rowCount() >= 355 && view.series()->rowCount() <= 361);
    // Time ticks of a day: every 4 hours.
    QVERIFY2(view.xLabels(0).size() >= 5 && view.xLabels(0).size() <= 6,
             qPrintable(view.xLabels(0).join(QLatin1Char('|'))));
    // p50 and p95 together on the latency chart.
    QCOMPARE(view.seriesNames(2), (QStringList{QStringLiteral("p95"), QStringLiteral("p50")}));
    saveScreenshot(&view, QStringLiteral("dashboard_24h"));

    // A language switch (the main window rebuilds its views) or a restart reads them again.
    ui::Translations::apply(QStringLiteral("fr"));
    ui::DashboardView again(&f.backend());
    waitHistory(again);
    again.setWindowSeconds(24 * 3600);
    waitHistory(again);
    QCOMPARE(pushedIn(again, bucket), 7LL);
    ui::Translations::apply(QStringLiteral("en"));
}

namespace {
/// Where a chart label's text is drawn in the scene, whatever its bidi order: the cursor
/// positions at the two ends of its non-blank run.
std::pair<double, double> glyphSpan(QGraphicsTextItem* text) {
    const QString t = text->toPlainText();
    qsizetype first = 0, end = t.size();
    while (first < end && t.at(first).isSpace())
        ++first;
    while (end > first && t.at(end - 1).isSpace())
        --end;
    const QTextLine line = text->document()->firstBlock().layout()->lineAt(0);
    const double left = text->sceneBoundingRect().left() + text->document()->documentMargin();
    const double a = line.cursorToX(int(first)), b = line.cursorToX(int(end));
    return {left + std::min(a, b), left + std::max(a, b)};
}
} // namespace

void DashboardViewTest::chartsReadLeftToRightInEveryLanguage() {
    // Arabic put the value axis on the right while time ran left to right: neither mirrored
    // nor not. Every chart now reads as most right-to-left products show a time series: time
    // left to right, values on the left (as in English), their labels clear of the axis.
    GuiFixture f;
    for (const QString& lang : {QStringLiteral("ar"), QStringLiteral("en")}) {
        ui::Translations::apply(lang);
        ui::DashboardView view(&f.backend());
        waitHistory(view);
        view.resize(1200, 800);
        view.show();
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 30; ++i) {
            view.series()->addPush(300, 2, 120);
            view.series()->addPull(50);
            view.tick(t0 + i * 1000);
        }
        QApplication::processEvents();
        const auto charts = view.findChildren<QChartView*>();
        QCOMPARE(charts.size(), 4);
        for (int chartIndex = 0; chartIndex < 4; ++chartIndex) {
            const QStringList yLabels = view.yLabels(chartIndex);
            const QStringList xLabels = view.xLabels(chartIndex);
            QVERIFY(xLabels.size() >= 2);
            auto* chartView = charts.at(chartIndex);
            const QRectF plot = chartView->chart()->plotArea();
            int ys = 0;
            std::vector<std::pair<int, double>> xs; // (index in time order, left edge)
            for (auto* item : chartView->scene()->items()) {
                auto* text = dynamic_cast<QGraphicsTextItem*>(item);
                if (!text || !text->isVisible())
                    continue;
                const QString shown = text->toPlainText().trimmed();
                const auto [left, right] = glyphSpan(text);
                if (yLabels.contains(shown) && std::abs(text->sceneBoundingRect().center().y() -
                                                        plot.center().y()) < plot.height()) {
                    // Left of the plot, clear of the axis line and its 5 px ticks, with 2 px
                    // to spare (Arabic digits touched the ticks).
                    QVERIFY2(right <= plot.left() - 7,
                             qPrintable(QStringLiteral("%1: y label %2 ends at %3, plot at %4")
                                            .arg(lang, shown)
                                            .arg(right)
                                            .arg(plot.left())));
                    ++ys;
                } else if (const int i = int(xLabels.indexOf(shown)); i >= 0) {
                    xs.emplace_back(i, left);
                }
            }
            QVERIFY2(ys >= 3, qPrintable(lang));
            // The later the time, the further right.
            QVERIFY2(xs.size() >= 2, qPrintable(lang));
            std::sort(xs.begin(), xs.end());
            for (std::size_t i = 1; i < xs.size(); ++i)
                QVERIFY2(xs[i].second > xs[i - 1].second,
                         qPrintable(
                             QStringLiteral("%1: %2 is left of %3")
                                 .arg(lang, xLabels.at(xs[i].first), xLabels.at(xs[i - 1].first))));
        }
        saveScreenshot(&view, QStringLiteral("dashboard_axes_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
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
    // An empty chart of a measure: 0, 0.25, 0.5, … never "0.3" for 0.25 (latency; the counts
    // tick on whole numbers, see countsTickOnWholeNumbers).
    QCOMPARE(view.yLabels(2),
             (QStringList{QStringLiteral("0.00"), QStringLiteral("0.25"), QStringLiteral("0.50"),
                          QStringLiteral("0.75"), QStringLiteral("1.00")}));
    const qint64 t0 = (QDateTime::currentMSecsSinceEpoch() / 60000 + 1) * 60000 + 7000;
    // A push every third second: labels must not all round to "0" and "1".
    for (int i = 0; i < 30; ++i) {
        if (i % 3 == 0)
            view.series()->addPush(2, 0, 12.5 + i);
        view.tick(t0 + i * 1000);
    }
    const QStringList y = view.yLabels(0);
    QVERIFY2(y.size() >= 3, qPrintable(y.join(QLatin1Char('|'))));
    QCOMPARE(QSet<QString>(y.begin(), y.end()).size(), y.size()); // distinct
    QVERIFY(y.contains(QStringLiteral("0.5")) || y.contains(QStringLiteral("0.4")) ||
            y.contains(QStringLiteral("0.25")) || y.contains(QStringLiteral("1")));
    // Ticks every minute over a 5-minute window, on whole minutes.
    const QStringList x = view.xLabels(0);
    QVERIFY2(x.size() >= 4 && x.size() <= 6, qPrintable(x.join(QLatin1Char('|'))));
    for (const QString& label : x) // "7:12 PM": whole minutes, the status bar's format
        QVERIFY2(QLocale().toTime(label, QLocale::ShortFormat).isValid() &&
                     QLocale().toTime(label, QLocale::ShortFormat).second() == 0,
                 qPrintable(label));
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

void DashboardViewTest::countsTickOnWholeNumbers() {
    // The conflicts chart ticked 0, 2.5, 5, 7.5, 10 conflicts/min: a count ticks on whole
    // numbers, in every chart of counts (changes, events, conflicts); latency keeps its
    // fractions.
    GuiFixture f;
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        const QLocale l;
        ui::DashboardView view(&f.backend());
        view.resize(1200, 800);
        view.show();
        auto whole = [&](int chart) {
            for (const QString& label : view.yLabels(chart)) {
                bool ok = false;
                const double v = l.toDouble(label, &ok);
                if (!ok || v != std::floor(v) || label.contains(l.decimalPoint()))
                    return QStringLiteral("%1: chart %2 ticks at '%3' (%4)")
                        .arg(lang)
                        .arg(chart)
                        .arg(label, view.yLabels(chart).join(QLatin1Char('|')));
            }
            return QString();
        };
        // Empty: 0 and 1, not 0.25 steps.
        for (int chart : {0, 1, 3}) {
            const QString fraction = whole(chart);
            QVERIFY2(fraction.isEmpty(), qPrintable(fraction));
        }
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        // Nine conflicts within the minute (the demo's chart: a top of 10, steps of 2.5), a
        // few changes and events a second.
        for (int i = 0; i < 9; ++i) {
            view.series()->addPush(3, 1, 2.5);
            view.series()->addPull(7);
            view.tick(t0 + i * 1000);
        }
        for (int chart : {0, 1, 3}) {
            const QString fraction = whole(chart);
            QVERIFY2(fraction.isEmpty(), qPrintable(fraction));
            QVERIFY2(view.yLabels(chart).size() >= 3,
                     qPrintable(view.yLabels(chart).join(QLatin1Char('|'))));
        }
        QVERIFY2(view.yMax(3) >= 9, qPrintable(QString::number(view.yMax(3))));
        saveScreenshot(&view, QStringLiteral("dashboard_counts_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void DashboardViewTest::oneTimeFormatAndDigitsPerLanguage() {
    GuiFixture f;
    const QRegularExpression western(QStringLiteral("[0-9]"));
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        const QLocale l;
        ui::DashboardView view(&f.backend());
        view.resize(1200, 800);
        view.show();
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 5; ++i)
            view.tick(t0 + i * 1000);
        // The time axis reads like the status bar's "Last sync 7:16 PM" (QLocale's short time
        // format): an English axis says "7:12 PM", not "19:12".
        const QStringList x = view.xLabels(0);
        QVERIFY(!x.isEmpty());
        for (const QString& label : x) {
            QVERIFY2(l.toTime(label, QLocale::ShortFormat).isValid(),
                     qPrintable(lang + QLatin1String(": ") + label));
            if (lang == QLatin1String("ar"))
                QVERIFY2(!western.match(label).hasMatch(), qPrintable(label));
        }
        // Hover values too, with seconds.
        const QString tip = view.tooltipAt(0, t0, 3);
        if (lang == QLatin1String("en"))
            QVERIFY2(tip.contains(QLatin1String("AM")) || tip.contains(QLatin1String("PM")),
                     qPrintable(tip));
        // The window selector's numbers follow the language: no Western "5" in Arabic.
        auto* window = view.findChild<QComboBox*>(QStringLiteral("windowCombo"));
        QVERIFY(window);
        QCOMPARE(window->count(), 6);
        for (int i = 0; i < window->count(); ++i) {
            const QString item = window->itemText(i);
            if (lang == QLatin1String("ar"))
                QVERIFY2(!western.match(item).hasMatch(), qPrintable(item));
            else if (window->itemData(i).toInt() == 300)
                QVERIFY2(item.contains(QLatin1String("5 minutes")), qPrintable(item));
        }
        if (lang == QLatin1String("ar")) {
            window->showPopup();
            saveScreenshot(window->view()->window(), QStringLiteral("dashboard_window_arabic"));
            window->hidePopup();
        }
        saveScreenshot(&view, QStringLiteral("dashboard_time_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(DashboardViewTest)
#include "DashboardViewTest.moc"
