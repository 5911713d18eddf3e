// Tests of the wire contract: the guide's JSON examples, 422 validation, time and enums.
#include "protocol/Protocol.h"
#include "GuideExamples.h"

#include <QTest>

#include <limits>

#include <random>

using namespace bridgecore;
using namespace bridgecore::protocol;

using namespace guide;

namespace {

// -------------------------------------------------------------------------------------------------

/// A QCOMPARE-friendly dump of both documents on failure.
bool sameJson(const json& actual, const json& expected) {
    if (actual == expected) {
        return true;
    }
    qWarning("actual:   %s\nexpected: %s", actual.dump().c_str(), expected.dump().c_str());
    return false;
}

#define QCOMPARE_JSON(actual, expected) QVERIFY(sameJson((actual), (expected)))

/// (loc, type) of every issue, sorted, for exact comparisons.
std::vector<std::pair<std::string, std::string>> locTypes(const ValidationIssues& issues) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& i : issues) {
        out.emplace_back(i.loc.dump(), i.type);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::pair<std::string, std::string>> locTypes(const json& expected) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : expected) {
        out.emplace_back(e.at(0).dump(), e.at(1).get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

template <typename T> const ValidationIssues* issuesOf(const Parsed<T>& p) {
    return std::get_if<ValidationIssues>(&p);
}

std::string dumpIssues(const ValidationIssues& issues) {
    return toJson(issues).dump();
}

json minimalChange(std::string localId) {
    return {{"local_id", std::move(localId)},
            {"action", "create"},
            {"model", "res.partner"},
            {"data", {{"name", "A"}}},
            {"local_timestamp", "2025-11-24T10:30:00Z"}};
}

json minimalPush() {
    return {{"device_id", "dev-1"}, {"changes", json::array({minimalChange("loc-1")})}};
}

} // namespace

class ProtocolTest : public QObject {
    Q_OBJECT

private slots:
    void unknownActionParsesAsAPerChangeFailure() {
        // DESIGN.md §4 push rule 7: a bad action fails that change, not the whole request.
        json body = minimalPush();
        body["changes"][0]["action"] = "frobnicate";
        const auto parsed = parsePushRequest(body);
        const auto* req = std::get_if<PushRequest>(&parsed);
        QVERIFY(req);
        QCOMPARE(req->changes.at(0).invalid_action.value_or(""), std::string("frobnicate"));
        ChangeResult r;
        r.local_id = "loc-1";
        r.status = ChangeStatus::Failed;
        r.invalid_action = "frobnicate";
        QCOMPARE(toJson(r)["action"].get<std::string>(), std::string("frobnicate"));
    }

    // ---- guide examples ---------------------------------------------------------------------
    void guidePushRequestRoundTrip() {
        const json original = json::parse(kGuidePushRequest);
        const auto parsed = parsePushRequest(original);
        QVERIFY2(!issuesOf(parsed), issuesOf(parsed) ? dumpIssues(*issuesOf(parsed)).c_str() : "");
        const auto& req = std::get<PushRequest>(parsed);
        QCOMPARE(req.device_id, std::string("iphone-abc123"));
        QCOMPARE(req.changes.size(), std::size_t(1));
        const Change& c = req.changes[0];
        QCOMPARE(c.local_id, std::string("local_uuid_1"));
        QVERIFY(c.action == Action::Create);
        QCOMPARE(c.model, std::string("sale.order"));
        QVERIFY(std::holds_alternative<std::monostate>(c.record_id));
        QCOMPARE(c.data.at("partner_id").get<int>(), 42);
        QCOMPARE(c.local_time, Millis(1763980200000)); // 2025-11-24T10:30:00Z
        QCOMPARE(c.version, std::optional<std::int64_t>(1));
        QCOMPARE(c.priority, 5);
        QVERIFY(req.conflict_strategy == ConflictStrategy::ServerWins);
        QCOMPARE(req.stop_on_error, false);
        QCOMPARE(req.batch_size, 50);
        QVERIFY(sameJson(toJson(req), original));
    }

    void guideLocalChangeRoundTrip() {
        const json change = json::parse(kGuideLocalChange);
        const auto parsed =
            parsePushRequest({{"device_id", "iphone-abc123"}, {"changes", json::array({change})}});
        QVERIFY2(!issuesOf(parsed), issuesOf(parsed) ? dumpIssues(*issuesOf(parsed)).c_str() : "");
        const Change& c = std::get<PushRequest>(parsed).changes.at(0);
        json expected = change;
        expected["priority"] = 5; // the default, always written
        QVERIFY(sameJson(toJson(c), expected));
        QCOMPARE(c.changedFields(), (std::vector<std::string>{"date_order", "partner_id"}));
    }

    void guidePushResponseRoundTrip() {
        const json original = json::parse(kGuidePushResponse);
        const PushResponse r = pushResponseFromJson(original);
        QCOMPARE(r.success, true);
        QCOMPARE(r.total, 10);
        QCOMPARE(r.succeeded, 9);
        QCOMPARE(r.failed, 0);
        QCOMPARE(r.conflicts, 1);
        QCOMPARE(r.results.size(), std::size_t(1));
        QVERIFY(r.results[0].status == ChangeStatus::Success);
        QCOMPARE(r.results[0].server_id, std::optional<std::int64_t>(789));
        QCOMPARE(r.results[0].processing_time_ms, 45.2);
        QCOMPARE(r.id_mapping.size(), std::size_t(2));
        QCOMPARE(r.id_mapping[0].first, std::string("local_uuid_1")); // result order first
        QCOMPARE(r.id_mapping[0].second, std::int64_t(789));
        QCOMPARE(r.next_sync_token, std::string("1_iphone-abc123_1732451400"));
        QCOMPARE(r.average_processing_time_ms, 52.3);
        QVERIFY(sameJson(toJson(r), original));
    }

    void guidePullRequestRoundTrip() {
        const json original = json::parse(kGuidePullRequest);
        const auto parsed = parsePullRequest(original);
        QVERIFY2(!issuesOf(parsed), issuesOf(parsed) ? dumpIssues(*issuesOf(parsed)).c_str() : "");
        const auto& req = std::get<PullRequest>(parsed);
        QCOMPARE(req.app_type, std::string("sales_app"));
        QCOMPARE(req.last_event_id, std::optional<std::int64_t>(1250));
        QCOMPARE(req.models_filter->size(), std::size_t(2));
        QVERIFY((*req.priority_filter ==
                 std::vector<EventPriority>{EventPriority::High, EventPriority::Medium}));
        QCOMPARE(req.limit, 100);
        QCOMPARE(req.offset, 0);
        QCOMPARE(req.include_payload, true);
        QCOMPARE(req.include_metadata, false);
        QVERIFY(sameJson(toJson(req), original));
    }

    void guidePullResponseRoundTrip() {
        const json original = json::parse(kGuidePullResponse);
        const PullResponse r = pullResponseFromJson(original);
        QCOMPARE(r.new_events_count, 25);
        QCOMPARE(r.events.size(), std::size_t(1));
        const Event& e = r.events[0];
        QCOMPARE(e.event_id, std::int64_t(1251));
        QVERIFY(e.action == EventAction::Write);
        QVERIFY(e.priority == EventPriority::High);
        QCOMPARE(e.data.at("amount_total").get<double>(), 1500.0);
        QCOMPARE(r.last_event_id, std::int64_t(1275));
        QCOMPARE(r.has_more, false);
        QCOMPARE(r.total_available, std::int64_t(25));
        json expected = original;
        // DESIGN.md §4 adds user_id and version to every event.
        expected["events"][0]["user_id"] = 0;
        expected["events"][0]["version"] = 0;
        QVERIFY(sameJson(toJson(r), expected));
    }

    void guideResolveRequestRoundTrip() {
        const json original = json::parse(kGuideResolveRequest);
        const auto parsed = parseResolveRequest(original);
        QVERIFY2(!issuesOf(parsed), issuesOf(parsed) ? dumpIssues(*issuesOf(parsed)).c_str() : "");
        const auto& req = std::get<ResolveRequest>(parsed);
        QCOMPARE(req.conflicts.size(), std::size_t(1));
        QCOMPARE(req.conflicts[0].server_id, std::optional<std::int64_t>(123));
        QCOMPARE(req.resolutions.size(), std::size_t(1));
        QVERIFY(req.resolutions[0].strategy == ConflictStrategy::ClientWins);
        QVERIFY(req.resolutions[0].merged_data.is_null());
        QVERIFY(sameJson(toJson(req), original));
    }

    void guideResolveResponseRoundTrip() {
        const json original = json::parse(kGuideResolveResponse);
        const ResolveResponse r = resolveResponseFromJson(original);
        QCOMPARE(r.resolved, 1);
        QCOMPARE(r.results.size(), std::size_t(1));
        QVERIFY(r.results[0].action == Action::Update);
        QCOMPARE(r.results[0].server_id, std::optional<std::int64_t>(123));
        QVERIFY(sameJson(toJson(r), original));
    }

    void guideSyncStatesRoundTrip_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("core concepts") << QByteArray(kGuideSyncState);
        QTest::newRow("GET /state") << QByteArray(kGuideStateResponse);
    }
    void guideSyncStatesRoundTrip() {
        QFETCH(QByteArray, text);
        const json original = json::parse(text.toStdString());
        const SyncState s = syncStateFromJson(original);
        QCOMPARE(s.device_id, std::string("iphone-abc123"));
        QCOMPARE(s.user_id, std::int64_t(1));
        QCOMPARE(s.app_type, std::optional<std::string>("sales_app"));
        const json out = toJson(s);
        // Same fields and values as the guide ...
        for (auto it = original.begin(); it != original.end(); ++it) {
            QVERIFY2(out.contains(it.key()), it.key().c_str());
            QVERIFY2(out[it.key()] == it.value(), it.key().c_str());
        }
        // ... plus every other field of SyncState, at its default.
        const std::vector<std::string> all = {
            "device_id",           "user_id",        "last_event_id",   "last_sync_time",
            "last_push_time",      "last_pull_time", "next_sync_token", "total_syncs",
            "total_events_synced", "sync_status",    "pending_changes", "oldest_pending_at",
            "last_error",          "app_type",       "app_version",     "open_conflicts",
            "clock_skew_ms",       "head_event_id"};
        QCOMPARE(out.size(), all.size());
        for (const auto& k : all) {
            QVERIFY2(out.contains(k), k.c_str());
        }
        QVERIFY(out["last_push_time"].is_null());
        QVERIFY(out["clock_skew_ms"].is_null());
        QCOMPARE(out["open_conflicts"].get<int>(), 0);
    }

    void guideResetResponse() {
        ResetResponse r;
        r.device_id = "iphone-abc123";
        QVERIFY(sameJson(toJson(r), json::parse(kGuideResetResponse)));
    }

    void guideStrategyFragments_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("strategy");
        QTest::newRow("server_wins")
            << QByteArray(kGuideServerWins) << int(ConflictStrategy::ServerWins);
        QTest::newRow("client_wins")
            << QByteArray(kGuideClientWins) << int(ConflictStrategy::ClientWins);
        QTest::newRow("manual") << QByteArray(kGuideManual) << int(ConflictStrategy::Manual);
        QTest::newRow("merge") << QByteArray(kGuideMerge) << int(ConflictStrategy::Merge);
        QTest::newRow("newest_wins")
            << QByteArray(kGuideNewestWins) << int(ConflictStrategy::NewestWins);
    }
    void guideStrategyFragments() {
        // Each fragment, merged into a valid push, selects its strategy.
        QFETCH(QByteArray, text);
        QFETCH(int, strategy);
        json body = minimalPush();
        body.update(json::parse(text.toStdString()));
        const auto parsed = parsePushRequest(body);
        QVERIFY(!issuesOf(parsed));
        QCOMPARE(int(std::get<PushRequest>(parsed).conflict_strategy), strategy);
        QCOMPARE_JSON(toJson(std::get<PushRequest>(parsed))["conflict_strategy"],
                      body["conflict_strategy"]);
    }

    // ---- push parsing -----------------------------------------------------------------------
    void pushDefaults() {
        const auto parsed = parsePushRequest(minimalPush());
        QVERIFY(!issuesOf(parsed));
        const auto& req = std::get<PushRequest>(parsed);
        QVERIFY(req.conflict_strategy == ConflictStrategy::ServerWins);
        QCOMPARE(req.stop_on_error, false);
        QCOMPARE(req.batch_size, kDefaultBatchSize);
        QVERIFY(!req.last_pull_timestamp);
        QVERIFY(!req.report.pending_changes);
        const Change& c = req.changes.at(0);
        QCOMPARE(c.priority, kDefaultPriority);
        QVERIFY(!c.version);
        QVERIFY(!c.fields_changed);
        QVERIFY(c.dependencies.empty());
        QVERIFY(c.metadata.is_null());
        QVERIFY(c.merged_data.is_null());
        QVERIFY(std::holds_alternative<std::monostate>(c.record_id));
    }

    void pushAllFieldsRoundTrip() {
        json body = {{"device_id", "dev-1"},
                     {"conflict_strategy", "merge"},
                     {"stop_on_error", true},
                     {"batch_size", 500},
                     {"last_pull_timestamp", "2025-11-24T10:00:00Z"},
                     {"pending_changes", 7},
                     {"oldest_pending_at", "2025-11-24T09:00:00Z"},
                     {"last_error", "timeout"},
                     {"client_time", "2025-11-24T10:30:00.250+02:00"},
                     {"app_version", "1.2.3"}};
        json c1 = minimalChange("loc-1");
        json c2 = {{"local_id", "loc-2"},
                   {"action", "update"},
                   {"model", "sale.order"},
                   {"record_id", "loc-1"},
                   {"data", {{"partner_id", "loc-1"}}},
                   {"local_timestamp", "2025-11-24T10:31:00.5Z"},
                   {"version", 3},
                   {"priority", 10},
                   {"fields_changed", {"partner_id"}},
                   {"dependencies", {"loc-1"}},
                   {"metadata", {{"source", "tablet"}}},
                   {"merged_data", {{"partner_id", 7}}}};
        json c3 = {{"local_id", "loc-3"},    {"action", "delete"},
                   {"model", "sale.order"},  {"record_id", 99},
                   {"data", json::object()}, {"local_timestamp", "2025-11-24T10:32:00"},
                   {"version", nullptr},     {"priority", 0}};
        body["changes"] = {c1, c2, c3};
        const auto parsed = parsePushRequest(body);
        QVERIFY2(!issuesOf(parsed), issuesOf(parsed) ? dumpIssues(*issuesOf(parsed)).c_str() : "");
        const auto& req = std::get<PushRequest>(parsed);
        QCOMPARE(req.report.pending_changes, std::optional<std::int64_t>(7));
        QCOMPARE(req.report.client_time,
                 std::optional<std::string>("2025-11-24T10:30:00.250+02:00"));
        QCOMPARE(std::get<std::string>(req.changes[1].record_id), std::string("loc-1"));
        QCOMPARE(std::get<std::int64_t>(req.changes[2].record_id), std::int64_t(99));
        QCOMPARE(req.changes[1].local_time, *parseTime("2025-11-24T10:31:00.500Z"));
        QCOMPARE(req.changes[1].changedFields(), std::vector<std::string>{"partner_id"});
        QCOMPARE_JSON(req.changes[1].metadata, json({{"source", "tablet"}}));
        QVERIFY(!req.changes[2].version);

        json expected = body;
        expected["changes"][0]["record_id"] = nullptr;
        expected["changes"][0]["priority"] = 5;
        expected["changes"][2].erase("version"); // null version is written as absent
        QVERIFY(sameJson(toJson(req), expected));
        // And what toJson writes parses back to the same request.
        const auto again = parsePushRequest(toJson(req));
        QVERIFY(!issuesOf(again));
        QVERIFY(sameJson(toJson(std::get<PushRequest>(again)), toJson(req)));
    }

    void updateWithoutRecordIdIsNotA422() {
        json body = minimalPush();
        body["changes"][0]["action"] = "update";
        body["changes"][0]["record_id"] = nullptr;
        QVERIFY(!issuesOf(parsePushRequest(body)));
        body["changes"][0].erase("record_id");
        body["changes"][0]["action"] = "delete";
        QVERIFY(!issuesOf(parsePushRequest(body)));
    }

    void unknownFieldsAreIgnored() {
        json body = minimalPush();
        body["sync_status"] = "pending";
        body["changes"][0]["sync_status"] = "pending";
        QVERIFY(!issuesOf(parsePushRequest(body)));
    }

    void integralFloatIsAnInt() {
        json body = minimalPush();
        body["batch_size"] = 20.0;
        const auto parsed = parsePushRequest(body);
        QVERIFY(!issuesOf(parsed));
        QCOMPARE(std::get<PushRequest>(parsed).batch_size, 20);
    }

    // ---- validation: exact loc and type of every offending field -----------------------------
    void validation_data() {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected"); // [[loc, type], ...]

        auto row = [](const char* name, const char* kind, const json& body, const json& expected) {
            QTest::newRow(name) << QByteArray(kind) << QByteArray::fromStdString(body.dump())
                                << QByteArray::fromStdString(expected.dump());
        };
        auto withChange = [](const json& patch) {
            json body = minimalPush();
            body["changes"][0].update(patch);
            return body;
        };
        auto without = [](json body, const char* key) {
            body["changes"][0].erase(key);
            return body;
        };

        row("push: body not an object", "push", json::array(), {{{"body"}, "dict_type"}});
        row("push: body a string", "push", "x", {{{"body"}, "dict_type"}});
        row("push: empty object", "push", json::object(),
            {{{"body", "device_id"}, "missing"}, {{"body", "changes"}, "missing"}});
        row("push: device_id too short", "push",
            [&] {
                json b = minimalPush();
                b["device_id"] = "ab";
                return b;
            }(),
            {{{"body", "device_id"}, "string_too_short"}});
        row("push: device_id not a string", "push",
            [&] {
                json b = minimalPush();
                b["device_id"] = 12345;
                return b;
            }(),
            {{{"body", "device_id"}, "string_type"}});
        row("push: no changes", "push", {{"device_id", "dev-1"}, {"changes", json::array()}},
            {{{"body", "changes"}, "too_short"}});
        row("push: 1001 changes", "push",
            [&] {
                json b = minimalPush();
                for (int i = 2; i <= 1001; ++i) {
                    b["changes"].push_back(minimalChange("loc-" + std::to_string(i)));
                }
                return b;
            }(),
            {{{"body", "changes"}, "too_long"}});
        row("push: changes not a list", "push", {{"device_id", "dev-1"}, {"changes", {{"a", 1}}}},
            {{{"body", "changes"}, "list_type"}});
        row("push: change not an object", "push",
            {{"device_id", "dev-1"}, {"changes", {minimalChange("loc-1"), 5}}},
            {{{"body", "changes", 1}, "dict_type"}});
        row("push: bad top-level options", "push",
            [&] {
                json b = minimalPush();
                b["conflict_strategy"] = "best";
                b["stop_on_error"] = "yes";
                b["batch_size"] = 0;
                b["pending_changes"] = -1;
                b["client_time"] = 5;
                b["last_pull_timestamp"] = false;
                return b;
            }(),
            {{{"body", "conflict_strategy"}, "enum"},
             {{"body", "stop_on_error"}, "bool_type"},
             {{"body", "batch_size"}, "greater_than_equal"},
             {{"body", "pending_changes"}, "greater_than_equal"},
             {{"body", "client_time"}, "string_type"},
             {{"body", "last_pull_timestamp"}, "string_type"}});
        row("push: batch_size 501", "push",
            [&] {
                json b = minimalPush();
                b["batch_size"] = 501;
                return b;
            }(),
            {{{"body", "batch_size"}, "less_than_equal"}});
        row("push: batch_size true", "push",
            [&] {
                json b = minimalPush();
                b["batch_size"] = true;
                return b;
            }(),
            {{{"body", "batch_size"}, "int_type"}});
        row("push: missing local_id", "push", without(minimalPush(), "local_id"),
            {{{"body", "changes", 0, "local_id"}, "missing"}});
        row("push: missing local_timestamp", "push", without(minimalPush(), "local_timestamp"),
            {{{"body", "changes", 0, "local_timestamp"}, "missing"}});
        row("push: missing action and model", "push",
            without(without(minimalPush(), "action"), "model"),
            {{{"body", "changes", 0, "action"}, "missing"},
             {{"body", "changes", 0, "model"}, "missing"}});
        row("push: bad local_timestamp", "push", withChange({{"local_timestamp", "yesterday"}}),
            {{{"body", "changes", 0, "local_timestamp"}, "datetime_parsing"}});
        row("push: Feb 30", "push", withChange({{"local_timestamp", "2025-02-30T10:00:00Z"}}),
            {{{"body", "changes", 0, "local_timestamp"}, "datetime_parsing"}});
        row("push: action not a string", "push", withChange({{"action", 5}}),
            {{{"body", "changes", 0, "action"}, "enum"}});
        row("push: priority 11", "push", withChange({{"priority", 11}}),
            {{{"body", "changes", 0, "priority"}, "less_than_equal"}});
        row("push: priority -1", "push", withChange({{"priority", -1}}),
            {{{"body", "changes", 0, "priority"}, "greater_than_equal"}});
        row("push: priority 5.5", "push", withChange({{"priority", 5.5}}),
            {{{"body", "changes", 0, "priority"}, "int_from_float"}});
        row("push: version true", "push", withChange({{"version", true}}),
            {{{"body", "changes", 0, "version"}, "int_type"}});
        row("push: record_id true", "push", withChange({{"record_id", true}}),
            {{{"body", "changes", 0, "record_id"}, "int_type"}});
        row("push: record_id object", "push", withChange({{"record_id", {{"id", 1}}}}),
            {{{"body", "changes", 0, "record_id"}, "int_type"}});
        row("push: data a list", "push", withChange({{"data", json::array()}}),
            {{{"body", "changes", 0, "data"}, "dict_type"}});
        row("push: data null", "push", withChange({{"data", nullptr}}),
            {{{"body", "changes", 0, "data"}, "dict_type"}});
        row("push: model empty", "push", withChange({{"model", ""}}),
            {{{"body", "changes", 0, "model"}, "string_too_short"}});
        row("push: fields_changed element", "push", withChange({{"fields_changed", {"a", 1}}}),
            {{{"body", "changes", 0, "fields_changed", 1}, "string_type"}});
        row("push: dependencies a string", "push", withChange({{"dependencies", "loc-9"}}),
            {{{"body", "changes", 0, "dependencies"}, "list_type"}});
        row("push: merged_data a number", "push", withChange({{"merged_data", 5}}),
            {{{"body", "changes", 0, "merged_data"}, "dict_type"}});
        row("push: local_id too short", "push", withChange({{"local_id", "ab"}}),
            {{{"body", "changes", 0, "local_id"}, "string_too_short"}});
        row("push: many offending fields at once", "push",
            [&] {
                json b = {{"device_id", "ab"}, {"batch_size", 0}};
                json c0 = minimalChange("loc-0");
                c0.erase("local_id");
                json c1 = minimalChange("loc-1");
                c1["action"] = 7; // not a string (an unknown one is a per-change failure)
                json c2 = minimalChange("loc-2");
                c2["priority"] = 11;
                c2["local_timestamp"] = "nope";
                json c3 = minimalChange("loc-1"); // duplicate of c1
                json c4 = minimalChange("loc-4");
                c4["version"] = "3";
                c4["data"] = "x";
                b["changes"] = {c0, c1, c2, c3, c4};
                return b;
            }(),
            {{{"body", "device_id"}, "string_too_short"},
             {{"body", "batch_size"}, "greater_than_equal"},
             {{"body", "changes", 0, "local_id"}, "missing"},
             {{"body", "changes", 1, "action"}, "enum"},
             {{"body", "changes", 2, "priority"}, "less_than_equal"},
             {{"body", "changes", 2, "local_timestamp"}, "datetime_parsing"},
             {{"body", "changes", 3, "local_id"}, "value_error"},
             {{"body", "changes", 4, "version"}, "int_type"},
             {{"body", "changes", 4, "data"}, "dict_type"}});

        // pull
        const json pull = {{"device_id", "dev-1"}, {"app_type", "sales_app"}};
        row("pull: empty object", "pull", json::object(),
            {{{"body", "device_id"}, "missing"}, {{"body", "app_type"}, "missing"}});
        row("pull: not an object", "pull", json(nullptr), {{{"body"}, "dict_type"}});
        row("pull: every field wrong", "pull",
            {{"device_id", 5},
             {"app_type", ""},
             {"last_event_id", -1},
             {"last_sync_token", 3},
             {"models_filter", "sale.order"},
             {"priority_filter", {"high", "urgent"}},
             {"limit", 501},
             {"offset", -1},
             {"include_payload", "no"},
             {"include_metadata", 1},
             {"pending_changes", "many"}},
            {{{"body", "device_id"}, "string_type"},
             {{"body", "app_type"}, "string_too_short"},
             {{"body", "last_event_id"}, "greater_than_equal"},
             {{"body", "last_sync_token"}, "string_type"},
             {{"body", "models_filter"}, "list_type"},
             {{"body", "priority_filter", 1}, "enum"},
             {{"body", "limit"}, "less_than_equal"},
             {{"body", "offset"}, "greater_than_equal"},
             {{"body", "include_payload"}, "bool_type"},
             {{"body", "include_metadata"}, "bool_type"},
             {{"body", "pending_changes"}, "int_type"}});
        row("pull: limit 0", "pull",
            [&] {
                json b = pull;
                b["limit"] = 0;
                return b;
            }(),
            {{{"body", "limit"}, "greater_than_equal"}});

        // resolve
        const json res = {{"local_id", "loc-1"}, {"strategy", "client_wins"}};
        row("resolve: empty object", "resolve", json::object(),
            {{{"body", "device_id"}, "missing"}, {{"body", "resolutions"}, "missing"}});
        row("resolve: no resolutions", "resolve",
            {{"device_id", "dev-1"}, {"resolutions", json::array()}},
            {{{"body", "resolutions"}, "too_short"}});
        row("resolve: manual, merge without merged_data, bad conflict", "resolve",
            {{"device_id", "dev-1"},
             {"conflicts",
              {{{"local_id", "loc-1"},
                {"server_id", "x"},
                {"model", "res.partner"},
                {"local_data", json::array()},
                {"server_data", json::object()},
                {"local_timestamp", "soon"}},
               7}},
             {"resolutions",
              {{{"local_id", "loc-1"}, {"strategy", "manual"}},
               {{"local_id", "loc-2"}, {"strategy", "merge"}},
               {{"local_id", "loc-3"}, {"strategy", "merge"}, {"merged_data", nullptr}},
               {{"local_id", "l"}, {"strategy", "server_wins"}, {"merged_data", 3}},
               "x"}}},
            {{{"body", "conflicts", 0, "server_id"}, "int_type"},
             {{"body", "conflicts", 0, "local_data"}, "dict_type"},
             {{"body", "conflicts", 0, "local_timestamp"}, "datetime_parsing"},
             {{"body", "conflicts", 1}, "dict_type"},
             {{"body", "resolutions", 0, "strategy"}, "enum"},
             {{"body", "resolutions", 1, "merged_data"}, "missing"},
             {{"body", "resolutions", 2, "merged_data"}, "missing"},
             {{"body", "resolutions", 3, "local_id"}, "string_too_short"},
             {{"body", "resolutions", 3, "merged_data"}, "dict_type"},
             {{"body", "resolutions", 4}, "dict_type"}});
        row("resolve: conflict missing fields", "resolve",
            {{"device_id", "dev-1"}, {"conflicts", {json::object()}}, {"resolutions", {res}}},
            {{{"body", "conflicts", 0, "local_id"}, "missing"},
             {{"body", "conflicts", 0, "model"}, "missing"},
             {{"body", "conflicts", 0, "local_data"}, "missing"},
             {{"body", "conflicts", 0, "server_data"}, "missing"}});
    }

    void validation() {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        const json b = json::parse(body.toStdString());
        ValidationIssues issues;
        if (kind == "push") {
            const auto p = parsePushRequest(b);
            QVERIFY2(issuesOf(p), "expected a 422");
            issues = *issuesOf(p);
        } else if (kind == "pull") {
            const auto p = parsePullRequest(b);
            QVERIFY2(issuesOf(p), "expected a 422");
            issues = *issuesOf(p);
        } else {
            const auto p = parseResolveRequest(b);
            QVERIFY2(issuesOf(p), "expected a 422");
            issues = *issuesOf(p);
        }
        const auto actual = locTypes(issues);
        const auto wanted = locTypes(json::parse(expected.toStdString()));
        if (actual != wanted) {
            qWarning("issues: %s", dumpIssues(issues).c_str());
        }
        QCOMPARE(actual, wanted);
        for (const auto& i : issues) {
            QVERIFY(!i.msg.empty());
            QCOMPARE(i.loc.at(0).get<std::string>(), std::string("body"));
        }
    }

    void mutatedRequestsNeverThrow() {
        // Every value of the guide's requests replaced, one at a time, by values of every JSON
        // type: parsing never throws, and a rejection names a location under "body".
        const json replacements =
            json::array({nullptr, true, -1, 0, 1.5, 1e300, "", "x", json::array(), json::array({1}),
                         json::object(), json({{"k", "v"}}), 18446744073709551615ULL});
        int rejected = 0;
        for (const char* text : {kGuidePushRequest, kGuidePullRequest, kGuideResolveRequest}) {
            const json original = json::parse(text);
            const json flat = original.flatten();
            for (auto it = flat.begin(); it != flat.end(); ++it) {
                for (const auto& r : replacements) {
                    json body = original;
                    body[json::json_pointer(it.key())] = r;
                    ValidationIssues issues;
                    try {
                        if (text == kGuidePushRequest) {
                            const auto p = parsePushRequest(body);
                            if (issuesOf(p))
                                issues = *issuesOf(p);
                        } else if (text == kGuidePullRequest) {
                            const auto p = parsePullRequest(body);
                            if (issuesOf(p))
                                issues = *issuesOf(p);
                        } else {
                            const auto p = parseResolveRequest(body);
                            if (issuesOf(p))
                                issues = *issuesOf(p);
                        }
                    } catch (const std::exception& e) {
                        QFAIL((it.key() + " = " + r.dump() + ": " + e.what()).c_str());
                    }
                    rejected += issues.empty() ? 0 : 1;
                    for (const auto& i : issues) {
                        QCOMPARE(i.loc.at(0).get<std::string>(), std::string("body"));
                        QVERIFY(!i.type.empty() && !i.msg.empty());
                    }
                }
            }
        }
        QVERIFY(rejected > 0);
    }

    void validMinimalRequestsPass() {
        QVERIFY(!issuesOf(parsePullRequest({{"device_id", "dev"}, {"app_type", "x"}})));
        const auto p = parsePullRequest({{"device_id", "dev"}, {"app_type", "x"}});
        const auto& req = std::get<PullRequest>(p);
        QCOMPARE(req.limit, kDefaultPullLimit);
        QCOMPARE(req.offset, 0);
        QCOMPARE(req.include_payload, true);
        QCOMPARE(req.include_metadata, false);
        QVERIFY(!req.last_event_id && !req.models_filter && !req.priority_filter);

        const auto r = parseResolveRequest(
            {{"device_id", "dev"},
             {"resolutions",
              {{{"local_id", "loc-1"}, {"strategy", "merge"}, {"merged_data", {{"a", 1}}}}}}});
        QVERIFY(!issuesOf(r));
        QVERIFY(std::get<ResolveRequest>(r).conflicts.empty());
        QCOMPARE_JSON(std::get<ResolveRequest>(r).resolutions[0].merged_data, json({{"a", 1}}));
    }

    void issuesToJson() {
        ValidationIssues issues{
            {json::array({"body", "changes", 3, "local_id"}), "Field required", "missing"}};
        QVERIFY(sameJson(
            toJson(issues),
            json::parse(
                "{\"detail\":[{\"loc\":[\"body\",\"changes\",3,\"local_id\"],\n                    "
                "                      \"msg\":\"Field required\",\"type\":\"missing\"}]}")));
    }

    void jsonText() {
        auto ok = parseJsonText("{\"a\": [1, 2, {\"b\": \"]\"}]}");
        QVERIFY(std::holds_alternative<json>(ok));
        QCOMPARE_JSON(std::get<json>(ok)["a"][2]["b"], json("]"));

        for (const char* bad : {"", "{", "{\"a\": }", "not json", "{\"a\": 1} x", "\"\xff\""}) {
            const auto p = parseJsonText(bad);
            QVERIFY2(issuesOf(p), bad);
            QCOMPARE(issuesOf(p)->size(), std::size_t(1));
            const auto& i = issuesOf(p)->front();
            QCOMPARE(i.type, std::string("json_invalid"));
            QCOMPARE_JSON(i.loc.at(0), json("body"));
            QVERIFY(i.loc.at(1).is_number_integer());
        }
        // The byte position of the error.
        const auto p = parseJsonText("{\"a\": x}");
        QCOMPARE_JSON(issuesOf(p)->front().loc, json::array({"body", 6}));

        // Hostile nesting is rejected instead of exhausting the stack.
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        const auto d = parseJsonText(deep);
        QVERIFY(issuesOf(d));
        QCOMPARE(issuesOf(d)->front().type, std::string("json_invalid"));
        const std::string fine = std::string(100, '[') + std::string(100, ']');
        QVERIFY(!issuesOf(parseJsonText(fine)));

        // A number no double holds is an invalid document, not an exception.
        const auto huge = parseJsonText("{\"limit\": 1e309}");
        QVERIFY(issuesOf(huge));
        QCOMPARE(issuesOf(huge)->front().type, std::string("json_invalid"));
    }

    // ---- responses --------------------------------------------------------------------------
    void changeResultOmitsAbsentFields() {
        ChangeResult r;
        r.local_id = "loc-1";
        r.status = ChangeStatus::Failed;
        r.action = Action::Update;
        r.model = "res.partner";
        r.server_timestamp = "2025-11-24T10:31:00.000Z";
        r.processing_time_ms = 1.5;
        json j = toJson(r);
        QVERIFY(sameJson(
            j,
            json::parse(
                "{\"local_id\":\"loc-1\",\"status\":\"failed\",\"action\":\"update\",\n            "
                "\"model\":\"res.partner\",\"server_id\":null,\"server_timestamp\":\"2025-11-24T10:"
                "31:00.000Z\",\n            \"processing_time_ms\":1.5}")));

        r.error = "record 5 not found";
        r.error_code = ErrorCode::RecordNotFound;
        r.version = 4;
        r.duplicate = true;
        r.server_id = 5;
        j = toJson(r);
        QCOMPARE_JSON(j["error_code"], json("RECORD_NOT_FOUND"));
        QCOMPARE_JSON(j["error"], json("record 5 not found"));
        QCOMPARE_JSON(j["version"], json(4));
        QCOMPARE_JSON(j["duplicate"], json(true));
        QCOMPARE_JSON(j["server_id"], json(5));
        QVERIFY(!j.contains("conflict_info"));
    }

    void conflictInfoHasEveryField() {
        ConflictInfo c;
        c.conflict_id = 12;
        c.strategy = ConflictStrategy::Merge;
        c.resolution = Resolution::Manual;
        c.conflicting_fields = {"phone"};
        c.local_data = {{"phone", "+1"}};
        c.server_data = {{"phone", "+2"}};
        c.server_version = 3;
        c.local_timestamp = "2025-11-24T10:30:00.000Z";
        c.server_timestamp = "2025-11-24T10:35:00.000Z";
        c.requires_resolution = true;
        const json j = toJson(c);
        for (const char* k :
             {"conflict_id", "strategy", "resolution", "conflicting_fields", "local_data",
              "server_data", "base_data", "local_version", "server_version", "local_timestamp",
              "server_timestamp", "requires_resolution"}) {
            QVERIFY2(j.contains(k), k);
        }
        QCOMPARE(j.size(), std::size_t(12));
        QVERIFY(j["base_data"].is_null());
        QVERIFY(j["local_version"].is_null());
        QCOMPARE_JSON(j["resolution"], json("manual"));
        QCOMPARE_JSON(j["strategy"], json("merge"));

        const ConflictInfo back = conflictInfoFromJson(j);
        QVERIFY(sameJson(toJson(back), j));

        c.base_data = {{"phone", "+0"}};
        c.local_version = 2;
        QVERIFY(sameJson(toJson(conflictInfoFromJson(toJson(c))), toJson(c)));
    }

    void pushResponseRoundTripWithConflict() {
        PushResponse r;
        r.success = false;
        r.total = 3;
        r.succeeded = 1;
        r.failed = 1;
        r.conflicts = 1;
        ChangeResult ok;
        ok.local_id = "loc-2";
        ok.server_id = 10;
        ok.version = 1;
        ChangeResult bad;
        bad.local_id = "loc-1";
        bad.status = ChangeStatus::Failed;
        bad.error = "cycle";
        bad.error_code = ErrorCode::DependencyCycle;
        ChangeResult conflict;
        conflict.local_id = "loc-3";
        conflict.status = ChangeStatus::Conflict;
        conflict.action = Action::Update;
        conflict.server_id = 4;
        conflict.conflict_info = ConflictInfo{};
        conflict.conflict_info->conflict_id = 1;
        conflict.duplicate = true;
        r.results = {ok, bad, conflict};
        r.id_mapping = {{"loc-2", 10}};
        r.next_sync_token = "t";
        r.server_timestamp = formatTime(0);
        r.total_processing_time_ms = 3;
        r.average_processing_time_ms = 1;
        const json j = toJson(r);
        QCOMPARE_JSON(j["id_mapping"], json({{"loc-2", 10}}));
        QCOMPARE_JSON(j["results"][1]["error_code"], json("DEPENDENCY_CYCLE"));
        const PushResponse back = pushResponseFromJson(j);
        QVERIFY(back.results[1].error_code == ErrorCode::DependencyCycle);
        QVERIFY(back.results[2].conflict_info.has_value());
        QVERIFY(back.results[2].duplicate);
        QVERIFY(sameJson(toJson(back), j));
    }

    void pushAnswerTextIsTheTreesDump() {
        // The server writes the push answer as text; it must be the tree's dump, byte for byte.
        auto dumped = [](const PushResponse& r) {
            return toJson(r).dump(-1, ' ', false, json::error_handler_t::replace);
        };
        PushResponse empty;
        QCOMPARE(toJsonText(empty), dumped(empty));

        PushResponse r = pushResponseFromJson(json::parse(kGuidePushResponse));
        QCOMPARE(toJsonText(r), dumped(r));

        r.success = false;
        r.total = 7;
        r.failed = 2;
        ChangeResult full;
        full.local_id = "caf\xc3\xa9 \"quoted\" \\ tab\t nl\n bell\x07 del\x7f";
        full.status = ChangeStatus::Conflict;
        full.action = Action::Update;
        full.model = "sale.order.line";
        full.server_id = -5;
        full.server_timestamp = "2025-11-24T10:30:00.123Z";
        full.processing_time_ms = 0.1 + 0.2; // needs 17 digits
        full.error = std::string("bad byte \xff here, backspace \b formfeed \f");
        full.error_code = ErrorCode::LocalIdReused;
        full.conflict_info = ConflictInfo{};
        full.conflict_info->conflict_id = 9;
        full.conflict_info->local_data = {{"name", "x\xfe"}, {"qty", 1.5}};
        full.conflict_info->server_data = {{"name", "y"}};
        full.version = 4;
        full.duplicate = true;
        ChangeResult invalid;
        invalid.local_id = "";
        invalid.status = ChangeStatus::Failed;
        invalid.invalid_action = "explode";
        invalid.processing_time_ms = 1e-7;
        ChangeResult whole;
        whole.local_id = "w";
        whole.processing_time_ms = 3.0;
        whole.server_id = std::numeric_limits<std::int64_t>::max();
        ChangeResult huge;
        huge.local_id = "h";
        huge.processing_time_ms = 1e300;
        ChangeResult notANumber;
        notANumber.local_id = "n";
        notANumber.processing_time_ms = std::numeric_limits<double>::quiet_NaN();
        r.results.insert(r.results.end(), {full, invalid, whole, huge, notANumber});
        // unsorted, repeated (the last value wins, as in a json object) and non-ASCII keys
        r.id_mapping.insert(r.id_mapping.end(), {{"zz", 1},
                                                 {"a", 2},
                                                 {"\xc3\xa9t\xc3\xa9", 3},
                                                 {"a", 4},
                                                 {"B", 5},
                                                 {"zz", 6},
                                                 {"q\"", 7}});
        r.next_sync_token = "1_dev\x01_2";
        r.server_timestamp = "2025-11-24T10:30:00Z";
        r.total_processing_time_ms = 12345.678;
        r.average_processing_time_ms = -0.0;
        const std::string text = toJsonText(r);
        QCOMPARE(text, dumped(r));
        QVERIFY(json::parse(text, nullptr, false).is_object());
    }

    void fromJsonToleratesMissingOptionals() {
        const PushResponse p =
            pushResponseFromJson(json::parse("{\"success\": true, \"results\": [{\"local_id\": "
                                             "\"loc-1\", \"status\": \"success\"}]}"));
        QCOMPARE(p.results.size(), std::size_t(1));
        QVERIFY(!p.results[0].server_id);
        QVERIFY(p.id_mapping.empty());
        const PullResponse pl = pullResponseFromJson(json::parse("{\"events\": []}"));
        QVERIFY(pl.events.empty());
        QCOMPARE(pl.has_more, false);
        const SyncState s = syncStateFromJson(json::parse("{\"device_id\": \"d-1\"}"));
        QCOMPARE(s.sync_status, std::string("idle"));
        QVERIFY(!s.last_sync_time);
        QVERIFY(!s.open_conflict_local_ids); // an older server: unknown, not "none open"
        // An error code this client does not know is dropped, the message kept.
        const ResolveResponse rr = resolveResponseFromJson(json::parse(
            "{\"results\": [{\"local_id\": \"l-1\", \"status\": \"failed\", \"error\": \"x\",\n    "
            "                         \"error_code\": \"SOMETHING_NEW\"}]}"));
        QVERIFY(!rr.results[0].error_code);
        QCOMPARE(rr.results[0].error, std::optional<std::string>("x"));
    }

    void stateListsOpenConflictLocalIdsAsAnExtraField() {
        SyncState s;
        s.device_id = "d-1";
        s.open_conflicts = 2;
        // Absent when not known (the console's device list): no key at all.
        QVERIFY(!toJson(s).contains("open_conflict_local_ids"));
        s.open_conflict_local_ids = std::vector<std::string>{"l-1", "l-2"};
        const json out = toJson(s);
        QVERIFY(out["open_conflict_local_ids"] == json::array({"l-1", "l-2"}));
        QCOMPARE(out["open_conflicts"].get<int>(), 2);
        const SyncState back = syncStateFromJson(out);
        QVERIFY(back.open_conflict_local_ids == s.open_conflict_local_ids);
        // Empty list = the server holds none open (not the same as absent).
        s.open_conflict_local_ids = std::vector<std::string>{};
        const SyncState none = syncStateFromJson(toJson(s));
        QVERIFY(none.open_conflict_local_ids && none.open_conflict_local_ids->empty());
        QVERIFY_THROWS_EXCEPTION(json::exception,
                                 syncStateFromJson(json::parse(
                                     "{\"device_id\": \"d\", \"open_conflict_local_ids\": 7}")));
        QVERIFY_THROWS_EXCEPTION(
            json::exception, syncStateFromJson(json::parse(
                                 "{\"device_id\": \"d\", \"open_conflict_local_ids\": [1, 2]}")));
    }

    void fromJsonThrowsOnMalformed() {
        QVERIFY_THROWS_EXCEPTION(json::exception, pushResponseFromJson(json::array()));
        QVERIFY_THROWS_EXCEPTION(
            json::exception, pushResponseFromJson(json::parse(
                                 "{\"results\": [{\"local_id\": \"l\", \"status\": \"ok\"}]}")));
        QVERIFY_THROWS_EXCEPTION(json::exception,
                                 pullResponseFromJson(json::parse("{\"has_more\": \"yes\"}")));
    }

    void eventMetadataOnlyWhenPresent() {
        Event e;
        e.event_id = 5;
        e.model = "res.partner";
        e.record_id = 9;
        e.action = EventAction::Unlink;
        e.timestamp = formatTime(1000);
        e.priority = EventPriority::Low;
        e.user_id = 2;
        e.version = 4;
        json j = toJson(e);
        QVERIFY(!j.contains("metadata"));
        QVERIFY(j["data"].is_null());
        QCOMPARE(j.size(), std::size_t(11));
        QCOMPARE_JSON(j["action"], json("unlink"));
        e.metadata = {{"device_id", "dev-1"}, {"local_id", "loc-1"}};
        j = toJson(e);
        QCOMPARE_JSON(j["metadata"]["local_id"], json("loc-1"));
        PullResponse r;
        r.events = {e};
        QVERIFY(sameJson(toJson(pullResponseFromJson(toJson(r))), toJson(r)));
    }

    void statisticsAndErrorBody() {
        Statistics s;
        s.device_id = "dev-1";
        s.success_rate = 0.5;
        s.last_push_time = "2025-11-24T10:31:00.000Z";
        const json j = toJson(s);
        QCOMPARE(j.size(), std::size_t(24)); // BridgeCore's 12 SyncStatistics fields + 12 more
        for (const char* k :
             {"total_syncs", "total_events_synced", "total_conflicts", "success_rate",
              "conflict_rate", "average_sync_time_ms", "average_push_time_ms",
              "average_pull_time_ms", "last_sync_time", "last_sync_status",
              "total_data_uploaded_kb", "total_data_downloaded_kb"})
            QVERIFY2(j.contains(k), k);
        QCOMPARE_JSON(j["success_rate"], json(0.5));
        QVERIFY(j["last_pull_time"].is_null());
        QCOMPARE_JSON(j["last_push_time"], json("2025-11-24T10:31:00.000Z"));

        QVERIFY(sameJson(
            errorBody({ErrorCode::RateLimited, "Too many requests"}),
            json::parse("{\"detail\":\"Too many requests\",\"error_code\":\"RATE_LIMITED\"}")));
    }

    void changedFieldsFallsBackToDataKeys() {
        Change c;
        c.data = {{"b", 1}, {"a", 2}};
        QCOMPARE(c.changedFields(), (std::vector<std::string>{"a", "b"}));
        c.fields_changed = std::vector<std::string>{"b"};
        QCOMPARE(c.changedFields(), std::vector<std::string>{"b"});
        c.fields_changed = std::vector<std::string>{};
        QVERIFY(c.changedFields().empty());
    }

    // ---- time -------------------------------------------------------------------------------
    void formatTimeKnownValues() {
        QCOMPARE(formatTime(0), std::string("1970-01-01T00:00:00.000Z"));
        QCOMPARE(formatTime(1763980260000), std::string("2025-11-24T10:31:00.000Z"));
        QCOMPARE(formatTime(951782400123), std::string("2000-02-29T00:00:00.123Z"));
        QCOMPARE(formatTime(-1), std::string("1969-12-31T23:59:59.999Z"));
        QCOMPARE(formatTime(253402300799999), std::string("9999-12-31T23:59:59.999Z"));
    }

    void parseTimeAccepts_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("millis");
        const qint64 base = 1763980200000; // 2025-11-24T10:30:00Z
        QTest::newRow("Z") << QByteArray("2025-11-24T10:30:00Z") << base;
        QTest::newRow("lower z") << QByteArray("2025-11-24t10:30:00z") << base;
        QTest::newRow("no zone is UTC") << QByteArray("2025-11-24T10:30:00") << base;
        QTest::newRow("space") << QByteArray("2025-11-24 10:30:00Z") << base;
        QTest::newRow("millis") << QByteArray("2025-11-24T10:30:00.123Z") << base + 123;
        QTest::newRow("one digit") << QByteArray("2025-11-24T10:30:00.5Z") << base + 500;
        QTest::newRow("micros truncated")
            << QByteArray("2025-11-24T10:30:00.123999Z") << base + 123;
        QTest::newRow("nanos") << QByteArray("2025-11-24T10:30:00.000000001+00:00") << base;
        QTest::newRow("+02:00") << QByteArray("2025-11-24T12:30:00+02:00") << base;
        QTest::newRow("-05:30") << QByteArray("2025-11-24T05:00:00-05:30") << base;
        QTest::newRow("+0200") << QByteArray("2025-11-24T12:30:00+0200") << base;
        QTest::newRow("+02") << QByteArray("2025-11-24T12:30:00+02") << base;
        QTest::newRow("no seconds") << QByteArray("2025-11-24T10:30Z") << base;
        QTest::newRow("date only") << QByteArray("2025-11-24") << base - (10 * 60 + 30) * 60000LL;
        QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00Z") << qint64(1709164800000);
        QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00.000Z") << qint64(0);
        QTest::newRow("before epoch") << QByteArray("1969-12-31T23:59:59.999Z") << qint64(-1);
        QTest::newRow("JS toISOString") << QByteArray("2025-11-24T10:30:00.000Z") << base;
    }
    void parseTimeAccepts() {
        QFETCH(QByteArray, text);
        QFETCH(qint64, millis);
        const auto t = parseTime(text.toStdString());
        QVERIFY(t.has_value());
        QCOMPARE(*t, Millis(millis));
    }

    void parseTimeRejects_data() {
        QTest::addColumn<QByteArray>("text");
        for (const char* bad : {"",
                                "yesterday",
                                "2025-11-24T",
                                "2025-13-01T00:00:00Z",
                                "2025-00-01T00:00:00Z",
                                "2025-02-29T00:00:00Z",
                                "1900-02-29",
                                "2025-04-31",
                                "2025-11-24T24:00:00Z",
                                "2025-11-24T10:60:00Z",
                                "2025-11-24T10:30:60Z",
                                "2025-11-24T10:30:00.Z",
                                "2025-11-24T10:30:00ZZ",
                                "2025-11-24T10:30:00+2",
                                "2025-11-24T10:30:00+25:00",
                                "2025-11-24T10:30:00 UTC",
                                "25-11-24T10:30:00Z",
                                "2025/11/24T10:30:00Z",
                                "2025-11-24X10:30:00",
                                "1732451400",
                                " 2025-11-24T10:30:00Z"}) {
            QTest::newRow(bad) << QByteArray(bad);
        }
    }
    void parseTimeRejects() {
        QFETCH(QByteArray, text);
        QVERIFY(!parseTime(text.toStdString()).has_value());
    }

    void timeRoundTrip() {
        std::mt19937_64 rng(42);
        std::uniform_int_distribution<Millis> dist(-62135596800000LL /* year 1 */,
                                                   253402300799999LL /* year 9999 */);
        for (int i = 0; i < 100000; ++i) {
            const Millis t = dist(rng);
            const std::string s = formatTime(t);
            const auto back = parseTime(s);
            QVERIFY2(back && *back == t, s.c_str());
        }
        // Format of a parsed offset time is its UTC instant.
        QCOMPARE(formatTime(*parseTime("2025-11-24T12:30:00.250+02:00")),
                 std::string("2025-11-24T10:30:00.250Z"));
    }

    // ---- enums ------------------------------------------------------------------------------
    void enumRoundTrips() {
        for (auto a : {Action::Create, Action::Update, Action::Delete}) {
            QVERIFY(parseAction(toString(a)) == a);
        }
        for (auto s :
             {ConflictStrategy::ServerWins, ConflictStrategy::ClientWins,
              ConflictStrategy::NewestWins, ConflictStrategy::Merge, ConflictStrategy::Manual}) {
            QVERIFY(parseConflictStrategy(toString(s)) == s);
        }
        for (auto s : {ChangeStatus::Success, ChangeStatus::Failed, ChangeStatus::Conflict}) {
            QVERIFY(parseChangeStatus(toString(s)) == s);
        }
        for (auto r : {Resolution::ServerWins, Resolution::ClientWins, Resolution::Merged,
                       Resolution::Manual}) {
            QVERIFY(parseResolution(toString(r)) == r);
        }
        for (auto a : {EventAction::Create, EventAction::Write, EventAction::Unlink}) {
            QVERIFY(parseEventAction(toString(a)) == a);
        }
        for (auto p : {EventPriority::High, EventPriority::Medium, EventPriority::Low}) {
            QVERIFY(parseEventPriority(toString(p)) == p);
        }
        for (auto r : {Role::User, Role::Support, Role::Admin}) {
            QVERIFY(parseRole(toString(r)) == r);
        }
        QCOMPARE(toString(ConflictStrategy::NewestWins), std::string_view("newest_wins"));
        QCOMPARE(toString(Resolution::Merged), std::string_view("merged"));
        QCOMPARE(toString(EventAction::Write), std::string_view("write"));
        QVERIFY(!parseAction("Create"));
        QVERIFY(!parseConflictStrategy("server-wins"));
        QVERIFY(!parseEventPriority(""));
        QVERIFY(!parseRole("root"));
    }

    void priorityClasses() {
        for (int p = 0; p <= 10; ++p) {
            const auto expected = p >= 7 ? EventPriority::High
                                         : (p >= 4 ? EventPriority::Medium : EventPriority::Low);
            QVERIFY(priorityClass(p) == expected);
        }
        QVERIFY(priorityClass(3) == EventPriority::Low);
        QVERIFY(priorityClass(4) == EventPriority::Medium);
        QVERIFY(priorityClass(6) == EventPriority::Medium);
        QVERIFY(priorityClass(7) == EventPriority::High);
    }
};

QTEST_GUILESS_MAIN(ProtocolTest)
#include "ProtocolTest.moc"
