#pragma once
// Shared setup of the server integration tests: a temporary database with tenants and users,
// the real server started on it, and JSON shape checks.

#include "HttpClient.h"
#include "ServerProcess.h"
#include "TestDatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace bridgecore::testsupport {

using nlohmann::json;

inline const QString kPassword = QStringLiteral("correct-horse-battery");

/// A server on a fresh database (SQLite, or PostgreSQL in the `postgres` runs) with tenant
/// "acme" and users admin@acme.test (admin), support@acme.test (support), user@acme.test
/// (user); all with kPassword.
struct ServerFixture {
    QTemporaryDir dir; // for files a test writes beside the database (backups, configs)
    TestDatabase db;
    std::unique_ptr<ServerProcess> server;

    bool prepare(const QStringList& tenants = {QStringLiteral("acme")}) {
        if (!db.valid())
            return false;
        server = std::make_unique<ServerProcess>(db.location());
        if (!server->init())
            return false;
        for (const QString& t : tenants) {
            if (!server->addTenant(t))
                return false;
            for (const char* role : {"admin", "support", "user"}) {
                const QString email =
                    QString::fromLatin1(role) + u'@' + t + QStringLiteral(".test");
                if (!server->addUser(t, email, QString::fromLatin1(role), kPassword))
                    return false;
            }
        }
        return true;
    }
    bool start(const json& config = nullptr) { return server->start(config); }
    /// A client logged in as role@tenant.test (token empty when login failed).
    std::unique_ptr<HttpClient> client(const QString& role,
                                       const QString& tenant = QStringLiteral("acme")) {
        auto c = std::make_unique<HttpClient>(server->baseUrl());
        c->login(role + u'@' + tenant + QStringLiteral(".test"), kPassword);
        return c;
    }
};

/// Every key of `example` is in `actual` with a value of the same JSON kind (numbers: an
/// integer example needs an integer, a fractional one any number); arrays are checked
/// element-wise against the example's first element; keys listed in `opaque` are only
/// checked for presence and kind (record payloads differ from the guide's). "" on success,
/// else the path of the first mismatch.
inline std::string shapeMismatch(const json& actual, const json& example,
                                 const std::string& path = "$",
                                 const std::vector<std::string>& opaque = {"data", "id_mapping"}) {
    auto kind = [](const json& j) -> std::string {
        if (j.is_boolean())
            return "boolean";
        if (j.is_number_integer())
            return "integer";
        if (j.is_number())
            return "number";
        if (j.is_string())
            return "string";
        if (j.is_array())
            return "array";
        if (j.is_object())
            return "object";
        return "null";
    };
    const std::string ek = kind(example), ak = kind(actual);
    if (ek == "number" ? (ak != "number" && ak != "integer") : ek != ak)
        return path + " is " + ak + ", the guide shows " + ek;
    if (example.is_object()) {
        const std::string last = path.substr(path.rfind('.') + 1);
        for (const auto& o : opaque)
            if (last == o)
                return {};
        for (const auto& [k, v] : example.items()) {
            if (!actual.contains(k))
                return path + "." + k + " is missing";
            if (auto m = shapeMismatch(actual[k], v, path + "." + k, opaque); !m.empty())
                return m;
        }
    } else if (example.is_array() && !example.empty()) {
        if (actual.empty())
            return path + " is empty; the guide shows elements";
        for (std::size_t i = 0; i < actual.size(); ++i)
            if (auto m = shapeMismatch(actual[i], example[0], path + "[" + std::to_string(i) + "]",
                                       opaque);
                !m.empty())
                return m;
    }
    return {};
}

/// The locs of a 422 body, as compact JSON strings, e.g. ["body","changes",0,"local_id"].
inline std::vector<std::string> locs(const json& body) {
    std::vector<std::string> out;
    if (body.is_object() && body.contains("detail") && body["detail"].is_array())
        for (const auto& d : body["detail"])
            if (d.is_object() && d.contains("loc"))
                out.push_back(d["loc"].dump());
    return out;
}

inline bool hasLoc(const json& body, const json& loc) {
    const auto all = locs(body);
    return std::find(all.begin(), all.end(), loc.dump()) != all.end();
}

/// `count` creates of `model` from `device` with local ids prefix-0.., in one push body.
inline json createsBody(const std::string& device, const std::string& model, int count,
                        const std::string& prefix, int from = 0) {
    json changes = json::array();
    for (int i = from; i < from + count; ++i)
        changes.push_back(json{{"local_id", prefix + std::to_string(i)},
                               {"action", "create"},
                               {"model", model},
                               {"record_id", nullptr},
                               {"data", {{"name", prefix + std::to_string(i)}, {"partner_id", 42}}},
                               {"local_timestamp", "2025-11-24T10:30:00Z"},
                               {"version", 1},
                               {"priority", 5}});
    return json{{"device_id", device}, {"changes", changes}, {"batch_size", 500}};
}

} // namespace bridgecore::testsupport
