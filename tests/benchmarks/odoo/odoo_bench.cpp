// odoo_bench: writing devices' changes into Odoo and reading Odoo's changes back, against the
// Odoo emulator on loopback with 1 ms of latency per call (tests/odoo/odoo_emulator.py).
//   (a) 1,000 creates then 1,000 updates of res.partner, in pushes of 1,000 changes applied in
//       batches of 50 (the push's default batch_size), through OdooPushWriter: changes/s and
//       Odoo calls per change (goal: >= 385 changes/s, i.e. 20x the guide's 52 ms/change;
//       <= 0.05 calls per change for plain creates).
//   (b) feed lag: an Odoo user's edit until OdooFeed reports it, polling every 200 ms.
//   (c) (a) again through bridgecore-server over HTTP with a tenant attached to the emulator:
//       one push of 1,000 creates and one of 1,000 updates. Its figures are the JSON's
//       odoo_push_per_s / odoo_calls_per_change / odoo_calls_per_create.
//   (d) the cost of https: 200 search_count calls over http (pooled keep-alive connections)
//       and over https (the calling thread's kept TLS connection, see HttpPool), emulator
//       without latency.
// The last line is one JSON object.
#include "HttpClient.h"
#include "OdooEmulator.h"
#include "ServerProcess.h"
#include "odoo/OdooFeed.h"
#include "odoo/OdooPushWriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

using namespace bridgecore;
using namespace bridgecore::odoo;
using protocol::json;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    testsupport::OdooEmulator emulator;
    if (!emulator.start({"--version", "19.0", "--latency-ms", "1"})) {
        std::fprintf(stderr, "cannot start the emulator: %s\n", qPrintable(emulator.lastError()));
        return 1;
    }
    OdooConfig cfg;
    cfg.url = emulator.url().toStdString();
    cfg.database = "odoo";
    cfg.login = "admin";
    cfg.secret = "admin-api-key";
    cfg.api = Api::Json2;
    OdooClient client(cfg);
    if (!client.open().ok() || !client.authenticate().ok()) {
        std::fprintf(stderr, "cannot reach the emulator\n");
        return 1;
    }
    constexpr int kChanges = 1000, kBatch = 50;
    OdooPushWriter writer(client, OdooPushWriter::externalIdPrefix(1, "bench-device"));

    auto run = [&](const std::vector<OdooChange>& changes, long long& calls) -> double {
        emulator.control("reset_stats");
        QElapsedTimer t;
        t.start();
        for (int from = 0; from < kChanges; from += kBatch) {
            std::vector<OdooChange> batch(changes.begin() + from,
                                          changes.begin() + std::min(kChanges, from + kBatch));
            auto out = writer.write(batch);
            for (const auto& o : out)
                if (!o.done) {
                    std::fprintf(stderr, "a change failed: %s\n",
                                 o.error ? o.error->message.c_str() : "?");
                    std::exit(1);
                }
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        calls = emulator.calls();
        return s;
    };

    std::vector<OdooChange> creates;
    for (int i = 0; i < kChanges; ++i) {
        OdooChange c;
        c.local_id = "bench-" + std::to_string(i);
        c.model = "res.partner";
        c.action = protocol::Action::Create;
        c.values = {{"name", "Bench Customer " + std::to_string(i)},
                    {"email", "c" + std::to_string(i) + "@example.com"},
                    {"is_company", i % 3 == 0}};
        creates.push_back(c);
    }
    long long createCalls = 0, updateCalls = 0;
    const double createSeconds = run(creates, createCalls);
    // the Odoo ids of the creates, for the updates
    auto ids =
        client.call("ir.model.data", "search_read", json::array(),
                    {{"domain", json::array({json::array({"module", "=", kExternalIdModule})})},
                     {"fields", {"name", "res_id"}}});
    std::map<std::string, std::int64_t> byName;
    for (const auto& r : ids.value())
        byName[r["name"].get<std::string>()] = r["res_id"].get<std::int64_t>();
    std::vector<OdooChange> updates;
    for (int i = 0; i < kChanges; ++i) {
        OdooChange u;
        u.local_id = "bench-u-" + std::to_string(i);
        u.model = "res.partner";
        u.action = protocol::Action::Update;
        u.odoo_id = byName[writer.externalName("bench-" + std::to_string(i))];
        u.values = {{"phone", "+1 555 " + std::to_string(i)}};
        updates.push_back(u);
    }
    const double updateSeconds = run(updates, updateCalls);
    const double perS = 2.0 * kChanges / (createSeconds + updateSeconds);
    const double createCallsPerChange = double(createCalls) / kChanges;
    const double callsPerChange = double(createCalls + updateCalls) / (2.0 * kChanges);
    std::printf("(a) %d creates: %.0f changes/s, %lld Odoo calls (%.3f per change)\n", kChanges,
                kChanges / createSeconds, createCalls, createCallsPerChange);
    std::printf("    %d updates: %.0f changes/s, %lld Odoo calls (%.3f per change)\n", kChanges,
                kChanges / updateSeconds, updateCalls, double(updateCalls) / kChanges);
    std::printf("    together: %.0f changes/s (%.2f ms per change; the guide: 52 ms)\n", perS,
                1000.0 / perS);
    std::printf("bars (writer): >= 385 changes/s: %s; <= 0.05 calls per create: %s\n",
                perS >= 385 ? "met" : "NOT met", createCallsPerChange <= 0.05 ? "met" : "NOT met");

    // (b) feed lag: a poller thread every 200 ms; the main thread edits in Odoo.
    constexpr int kEdits = 40, kPollMs = 200;
    OdooFeed feed(client, {"res.partner"});
    FeedCursor cursor;
    (void)feed.poll(cursor); // initial catch-up
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::map<std::int64_t, qint64> seenAt; // odoo id -> ms
    QElapsedTimer clock;
    clock.start();
    std::thread poller([&] {
        while (!stop) {
            auto r = feed.poll(cursor);
            if (r.ok()) {
                std::lock_guard lock(mutex);
                for (const auto& c : r.value())
                    seenAt.emplace(c.odoo_id, clock.elapsed());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
        }
    });
    std::vector<std::pair<std::int64_t, qint64>> made;
    testsupport::OdooEmulator* e = &emulator;
    for (int i = 0; i < kEdits; ++i) {
        const auto id = e->control("create", {{"model", "res.partner"},
                                              {"values", {{"name", "Office " + std::to_string(i)}}},
                                              {"uid", 7}});
        made.emplace_back(id.get<std::int64_t>(), clock.elapsed());
        QThread::msleep(37);
    }
    QThread::msleep(3 * kPollMs);
    stop = true;
    poller.join();
    std::vector<double> lags;
    for (const auto& [id, at] : made) {
        std::lock_guard lock(mutex);
        if (auto it = seenAt.find(id); it != seenAt.end())
            lags.push_back(double(it->second - at));
    }
    std::sort(lags.begin(), lags.end());
    const double p95 = lags.empty() ? -1 : lags[std::min(lags.size() - 1, lags.size() * 95 / 100)];
    std::printf("(b) feed: %zu of %d Odoo edits seen, lag p95 %.0f ms (polling every %d ms)\n",
                lags.size(), kEdits, p95, kPollMs);
    // (c) The same through bridgecore-server: a tenant attached to a fresh emulator, one push
    // of 1,000 creates and one of 1,000 updates over HTTP (batch_size 50).
    testsupport::OdooEmulator odoo2;
    if (!odoo2.start({"--version", "19.0", "--latency-ms", "1"}))
        return 1;
    QTemporaryDir dir;
    qputenv("BRIDGECORE_SECRET_KEY", "odoo-bench-secret-key-0123456789abcdef");
    testsupport::ServerProcess server(dir.filePath(QStringLiteral("bench.db")));
    if (!server.init() || !server.addTenant(QStringLiteral("acme")) ||
        !server.addUser(QStringLiteral("acme"), QStringLiteral("rep@acme.test"),
                        QStringLiteral("user"), QStringLiteral("bench-password-1")))
        return 1;
    auto attach = testsupport::runServerCommand({"tenant", "odoo", "--db", server.dbPath(),
                                                 "--tenant", "acme", "--url", odoo2.url(),
                                                 "--database", "odoo", "--login", "admin"},
                                                "admin-api-key\n");
    if (attach.exitCode != 0 || !server.start(json{{"rate_limits", {{"push", {{"requests", 0}}}}},
                                                   {"log_requests", false}}))
        return 1;
    testsupport::HttpClient http(server.baseUrl());
    http.login(QStringLiteral("rep@acme.test"), QStringLiteral("bench-password-1"));
    auto pushAll = [&](const json& changes, double& seconds, long long& calls) -> json {
        odoo2.control("reset_stats");
        QElapsedTimer t;
        t.start();
        auto r =
            http.post(QStringLiteral("/api/v1/offline-sync/push"),
                      json{{"device_id", "bench-van"}, {"changes", changes}, {"batch_size", 50}});
        seconds = double(t.nsecsElapsed()) / 1e9;
        calls = odoo2.calls();
        return r.json();
    };
    json creates2 = json::array();
    for (int i = 0; i < kChanges; ++i)
        creates2.push_back({{"local_id", "c-" + std::to_string(i)},
                            {"action", "create"},
                            {"model", "res.partner"},
                            {"record_id", nullptr},
                            {"data", {{"name", "Server Bench " + std::to_string(i)}}},
                            {"local_timestamp", "2026-11-29T10:00:00Z"},
                            {"version", 1}});
    double sCreates = 0, sUpdates = 0;
    long long cCreates = 0, cUpdates = 0;
    json rc = pushAll(creates2, sCreates, cCreates);
    if (rc.value("succeeded", 0) != kChanges) {
        std::fprintf(stderr, "server push failed: %s\n", rc.dump().substr(0, 400).c_str());
        return 1;
    }
    json updates2 = json::array();
    for (int i = 0; i < kChanges; ++i)
        updates2.push_back({{"local_id", "u-" + std::to_string(i)},
                            {"action", "update"},
                            {"model", "res.partner"},
                            {"record_id", rc["id_mapping"]["c-" + std::to_string(i)]},
                            {"data", {{"phone", "+1 " + std::to_string(i)}}},
                            {"local_timestamp", "2026-11-29T10:00:00Z"},
                            {"version", 1}});
    json ru = pushAll(updates2, sUpdates, cUpdates);
    if (ru.value("succeeded", 0) != kChanges) {
        std::fprintf(stderr, "server update push failed: %s\n", ru.dump().substr(0, 400).c_str());
        return 1;
    }
    server.stop();
    const double serverPerS = 2.0 * kChanges / (sCreates + sUpdates);
    const double serverCallsPerCreate = double(cCreates) / kChanges;
    const double serverCallsPerChange = double(cCreates + cUpdates) / (2.0 * kChanges);
    std::printf("(c) through bridgecore-server over HTTP: %d creates in %.2f s (%lld Odoo calls, "
                "%.3f per change), %d updates in %.2f s (%lld calls); together %.0f changes/s\n",
                kChanges, sCreates, cCreates, serverCallsPerCreate, kChanges, sUpdates, cUpdates,
                serverPerS);
    std::printf("bars (through the server): >= 385 changes/s: %s; <= 0.05 calls per create: %s\n",
                serverPerS >= 385 ? "met" : "NOT met",
                serverCallsPerCreate <= 0.05 ? "met" : "NOT met");
    // (d) http vs https per call.
    testsupport::OdooEmulator tlsOdoo;
    double httpMs = -1, httpsMs = -1;
    if (tlsOdoo.startTls(QStringLiteral("server"), {"--version", "19.0"})) {
        auto perCall = [&](const QString& url) -> double {
            OdooConfig c = cfg;
            c.url = url.toStdString();
            if (url.startsWith(QLatin1String("https")))
                c.ca_file =
                    testsupport::OdooEmulator::tlsFile(QStringLiteral("ca.pem")).toStdString();
            OdooClient oc(c);
            if (!oc.open().ok() || !oc.authenticate().ok())
                return -1;
            constexpr int kCalls = 200;
            QElapsedTimer t;
            t.start();
            for (int i = 0; i < kCalls; ++i)
                if (!oc.call("res.partner", "search_count", json::array(),
                             {{"domain", json::array()}})
                         .ok())
                    return -1;
            return double(t.nsecsElapsed()) / 1e6 / kCalls;
        };
        httpMs = perCall(tlsOdoo.url());
        httpsMs = perCall(tlsOdoo.httpsUrl());
    }
    std::printf("(d) one Odoo call: %.2f ms over http (kept connection), %.2f ms over https "
                "(kept connection per thread)\n",
                httpMs, httpsMs);
    std::printf("{\"odoo_push_per_s\":%.0f,\"odoo_calls_per_change\":%.3f,"
                "\"odoo_calls_per_create\":%.3f,\"feed_lag_ms_p95\":%.0f,"
                "\"writer_push_per_s\":%.0f,\"writer_calls_per_change\":%.3f,"
                "\"http_call_ms\":%.2f,\"https_call_ms\":%.2f}\n",
                serverPerS, serverCallsPerChange, serverCallsPerCreate, p95, perS, callsPerChange,
                httpMs, httpsMs);
    return lags.size() == std::size_t(kEdits) ? 0 : 1;
}
