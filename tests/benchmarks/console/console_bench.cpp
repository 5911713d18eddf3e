// console_bench: the console's big tables. Fills a database with 100,000 devices and
// 1,000,000 events, then measures (offscreen) the time to show the devices view, and to
// scroll the event log from the first to the last of its million rows, as wall time and as
// CPU time of the UI thread; plus RSS growth and peak RSS. Last line: one JSON object.
// Usage: console_bench [devices] [events]

#include "DevicesView.h"
#include "EventLogView.h"
#include "console/EmbeddedBackend.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

using namespace bridgecore;

namespace {
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
double rssMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const auto parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / 1048576.0 : 0;
}
double peakRssMb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}
/// Runs the event loop (sleeping while idle, so the UI thread's CPU time is its real work)
/// until `done` or timeout; returns false on timeout.
template <typename F> bool waitFor(F done, int timeoutMs = 120000) {
    QElapsedTimer t;
    t.start();
    QTimer wake; // wakes the loop to re-check `done`
    wake.start(10);
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}
} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int nDevices = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int nEvents = argc > 2 ? std::atoi(argv[2]) : 1000000;
    QTemporaryDir dir;
    auto opened =
        storage::openSqliteStore(QString(dir.path() + QStringLiteral("/bench.db")).toStdString());
    if (!opened) {
        std::fprintf(stderr, "console_bench: %s\n", opened.error().message.c_str());
        return 1;
    }
    auto store = opened.value();
    engine::SyncEngine engine(store);
    QElapsedTimer fill;
    fill.start();
    std::int64_t tenant = 0, admin = 0;
    {
        tenant = store->createTenant("Bench").value();
        storage::User u;
        u.tenant_id = tenant;
        u.email = "admin@bench.test";
        u.name = "Admin";
        u.role = protocol::Role::Admin;
        u.password_hash = "x";
        admin = store->createUser(u).value();
    }
    const protocol::Millis now = QDateTime::currentMSecsSinceEpoch();
    const char* apps[] = {"sales_app", "delivery_app", "warehouse_app", "crm_app"};
    for (int i = 0; i < nDevices;) {
        auto tx = store->write().value();
        for (int k = 0; k < 10000 && i < nDevices; ++k, ++i) {
            storage::DeviceUpdate d;
            char id[32];
            std::snprintf(id, sizeof id, "device-%06d", i);
            d.device_id = id;
            d.user_id = admin;
            d.app_type = apps[i % 4];
            d.last_event_id = i % 1000;
            d.last_sync_time = now - std::int64_t(i % 200) * 3600 * 1000;
            d.syncs = i % 97;
            d.pending_changes = i % 13 == 0 ? i % 7 : 0;
            if (i % 101 == 0)
                d.last_error = "timeout";
            d.created_at = now;
            (void)tx->updateDevice(tenant, d);
        }
        (void)tx->commit();
    }
    const char* models[] = {"res.partner", "sale.order", "stock.picking", "product.product"};
    for (int i = 0; i < nEvents;) {
        auto tx = store->write().value();
        for (int k = 0; k < 20000 && i < nEvents; ++k, ++i) {
            storage::EventRow e;
            e.model = models[i % 4];
            e.record_id = 1 + i / 4;
            e.action = i % 3 == 0 ? protocol::EventAction::Create : protocol::EventAction::Write;
            e.timestamp = now - (nEvents - i);
            e.data_text = R"({"name":"Record )" + std::to_string(i) + R"(","qty":3})";
            e.changed_fields = {"name", "qty"};
            e.user_id = admin;
            e.device_id = "device-" + std::to_string(i % 1000);
            e.local_id = "l-" + std::to_string(i);
            e.version = 1 + i % 5;
            (void)tx->appendEvent(tenant, e);
        }
        (void)tx->commit();
    }
    const double fillS = double(fill.elapsed()) / 1000.0;
    std::printf("filled %d devices and %d events in %.1f s\n", nDevices, nEvents, fillS);

    auth::Accounts accounts(store,
                            auth::TokenService("console-bench-secret-long-enough-for-hs256"));
    console::EmbeddedBackend backend(engine, accounts, {tenant, admin, protocol::Role::Admin},
                                     dir.path());
    const double rssBefore = rssMb();

    // ---- devices view: construct, show, first page in -------------------------------------
    QElapsedTimer wall;
    double cpu0 = threadCpuMs();
    wall.start();
    auto* devices = new ui::DevicesView(&backend);
    devices->resize(1280, 800);
    devices->show();
    if (!waitFor([&] { return devices->model()->rowCount() > 0; })) {
        std::fprintf(stderr, "console_bench: the devices view never loaded\n");
        return 1;
    }
    QCoreApplication::processEvents();
    const double devicesShowMs = double(wall.nsecsElapsed()) / 1e6;
    const double devicesShowCpuMs = threadCpuMs() - cpu0;
    const auto deviceTotal = devices->model()->total();
    std::printf("devices view: %lld devices, first page shown in %.1f ms (UI thread %.1f ms)\n",
                qlonglong(deviceTotal), devicesShowMs, devicesShowCpuMs);

    // Scroll the devices table to the end of what is loaded a few times (fetchMore pages).
    cpu0 = threadCpuMs();
    wall.restart();
    for (int i = 0; i < 10; ++i) {
        waitFor([&] { return !devices->model()->isLoading(); });
        const int before = devices->model()->rowCount();
        if (!devices->model()->canFetchMore({}))
            break;
        devices->table()->scrollToBottom(); // the view asks for the next page at the bottom
        if (!devices->model()->isLoading())
            devices->model()->fetchMore({});
        waitFor([&] { return devices->model()->rowCount() > before; }, 20000);
        QCoreApplication::processEvents();
    }
    const double devicesFetchMs = double(wall.nsecsElapsed()) / 1e6;
    const double devicesFetchCpuMs = threadCpuMs() - cpu0;
    std::printf("devices view: 10 fetchMore pages to %d rows in %.1f ms (UI thread %.1f ms)\n",
                devices->model()->rowCount(), devicesFetchMs, devicesFetchCpuMs);

    // ---- event log: show, then scroll from the first row to the last -----------------------
    cpu0 = threadCpuMs();
    wall.restart();
    auto* events = new ui::EventLogView(&backend);
    events->resize(1280, 800);
    events->show();
    if (!waitFor([&] { return events->model()->rowCount() > 0; })) {
        std::fprintf(stderr, "console_bench: the event log never loaded\n");
        return 1;
    }
    QCoreApplication::processEvents();
    const double eventsShowMs = double(wall.nsecsElapsed()) / 1e6;
    const double eventsShowCpuMs = threadCpuMs() - cpu0;
    std::printf("event log: %d events, shown in %.1f ms (UI thread %.1f ms)\n",
                events->model()->rowCount(), eventsShowMs, eventsShowCpuMs);

    auto* bar = events->table()->verticalScrollBar();
    const int steps = 100; // a scrollbar drag from top to bottom
    double maxStepMs = 0;
    cpu0 = threadCpuMs();
    wall.restart();
    for (int s = 0; s <= steps; ++s) {
        QElapsedTimer step;
        step.start();
        bar->setValue(int(qint64(bar->maximum()) * s / steps));
        QCoreApplication::processEvents(); // paint: asks for the visible pages
        const auto top = events->table()->rowAt(0);
        waitFor([&] {
            return events->model()->pendingPages() == 0 && events->model()->event(std::max(0, top));
        });
        QCoreApplication::processEvents();
        maxStepMs = std::max(maxStepMs, double(step.nsecsElapsed()) / 1e6);
    }
    const double scrollMs = double(wall.nsecsElapsed()) / 1e6;
    const double scrollCpuMs = threadCpuMs() - cpu0;
    const int lastRow = events->table()->rowAt(events->table()->viewport()->height() - 1);
    const auto* lastEvent = events->model()->event(events->model()->rowCount() - 1);
    std::printf("event log: scrolled to the end in %d steps in %.1f ms (UI thread %.1f ms, slowest "
                "step %.1f ms), last visible row %d = event %lld\n",
                steps, scrollMs, scrollCpuMs, maxStepMs, lastRow,
                qlonglong(lastEvent ? lastEvent->event_id : -1));
    // ---- live updates: a push on the engine shows in both open views, no Refresh -----------
    bar->setValue(0);
    QCoreApplication::processEvents();
    const int rounds = 5;
    double liveMsTotal = 0, liveMsMax = 0, liveCpuMs = 0;
    for (int r = 0; r < rounds; ++r) {
        const auto devicesBefore = devices->model()->total();
        const int eventsBefore = events->model()->rowCount();
        protocol::json change = {{"local_id", "live-" + std::to_string(r)},
                                 {"action", "create"},
                                 {"model", "res.partner"},
                                 {"data", {{"name", "Live " + std::to_string(r)}}},
                                 {"local_timestamp", protocol::formatTime(now)},
                                 {"version", 1}};
        protocol::json body = {{"device_id", "a-live-" + std::to_string(r)},
                               {"changes", protocol::json::array({change})}};
        auto req = std::get<protocol::PushRequest>(protocol::parsePushRequest(body));
        QElapsedTimer live;
        live.start();
        const double c0 = threadCpuMs();
        if (!engine.push({tenant, admin, protocol::Role::Admin}, req)) {
            std::fprintf(stderr, "console_bench: live push failed\n");
            return 1;
        }
        const std::string id = "a-live-" + std::to_string(r);
        const bool shown = waitFor(
            [&] {
                bool row = false;
                for (int i = 0; i < std::min(devices->model()->rowCount(), 50) && !row; ++i)
                    row = devices->model()->device(i)->device_id == id;
                return row && devices->model()->total() > devicesBefore &&
                       events->model()->rowCount() > eventsBefore && events->model()->event(0) &&
                       events->model()->event(0)->event_id == events->model()->rowCount();
            },
            10000);
        QCoreApplication::processEvents(); // the repaint
        const double ms = double(live.nsecsElapsed()) / 1e6;
        liveCpuMs += threadCpuMs() - c0;
        if (!shown) {
            std::fprintf(stderr, "console_bench: a live push was not shown within 10 s\n");
            return 1;
        }
        liveMsTotal += ms;
        liveMsMax = std::max(liveMsMax, ms);
    }
    std::printf("live update: a push shown in the open devices view and event log in %.1f ms on "
                "average (slowest %.1f ms; UI thread %.1f ms per update)\n",
                liveMsTotal / rounds, liveMsMax, liveCpuMs / rounds);
    const double rssAfter = rssMb();
    std::printf("RSS %.1f MB before the views, %.1f MB after (growth %.1f MB), peak %.1f MB\n",
                rssBefore, rssAfter, rssAfter - rssBefore, peakRssMb());
    std::printf("{\"devices\":%d,\"events\":%d,\"fill_s\":%.1f,\"devices_show_ms\":%.1f,"
                "\"devices_show_ui_cpu_ms\":%.1f,\"devices_fetch10_ms\":%.1f,"
                "\"devices_fetch10_ui_cpu_ms\":%.1f,\"events_show_ms\":%.1f,"
                "\"events_show_ui_cpu_ms\":%.1f,\"events_scroll_ms\":%.1f,"
                "\"events_scroll_ui_cpu_ms\":%.1f,\"events_scroll_max_step_ms\":%.1f,"
                "\"rss_before_mb\":%.1f,\"rss_after_mb\":%.1f,\"rss_growth_mb\":%.1f,"
                "\"peak_rss_mb\":%.1f,\"live_update_ms\":%.1f,\"live_update_max_ms\":%.1f,"
                "\"live_update_ui_cpu_ms\":%.1f}\n",
                nDevices, nEvents, fillS, devicesShowMs, devicesShowCpuMs, devicesFetchMs,
                devicesFetchCpuMs, eventsShowMs, eventsShowCpuMs, scrollMs, scrollCpuMs, maxStepMs,
                rssBefore, rssAfter, rssAfter - rssBefore, peakRssMb(), liveMsTotal / rounds,
                liveMsMax, liveCpuMs / rounds);
    delete events;
    delete devices;
    return 0;
}
