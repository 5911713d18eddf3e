#include "odoo/OdooClient.h"

#include <QLoggingCategory>
#include <QUrl>

#include <chrono>
#include <ctime>
#include <thread>

Q_LOGGING_CATEGORY(lcOdoo, "bridgecore.odoo", QtInfoMsg)

namespace bridgecore::odoo {

namespace {

using Clock = std::chrono::steady_clock;

bool endsWith(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The first line of an Odoo message, short enough for a per-change error.
std::string shortMessage(const std::string& m) {
    std::string out = m;
    if (out.size() > 500)
        out = out.substr(0, 500) + "...";
    return out;
}

/// Exceptions whose 500 means "try again" (serialisation failures, lost database connection).
bool transientException(std::string_view name) {
    return name.find("OperationalError") != std::string_view::npos &&
           name.find("does not exist") == std::string_view::npos;
}

} // namespace

std::string_view apiName(Api api) {
    return api == Api::Json2 ? "json2" : "jsonrpc";
}

std::optional<Api> parseApi(std::string_view name) {
    if (name == "json2")
        return Api::Json2;
    if (name == "jsonrpc")
        return Api::JsonRpc;
    return std::nullopt;
}

ErrorCode odooErrorCode(std::string_view name, int httpStatus) {
    if (endsWith(name, ".AccessError"))
        return ErrorCode::AccessDenied;
    if (endsWith(name, ".AccessDenied") || endsWith(name, ".Unauthorized"))
        return ErrorCode::Unauthorized;
    if (endsWith(name, ".MissingError"))
        return ErrorCode::RecordNotFound;
    if (endsWith(name, ".NotFound"))
        return ErrorCode::NotFound;
    if (endsWith(name, ".ValidationError") || endsWith(name, ".UserError") ||
        endsWith(name, ".RedirectWarning") || endsWith(name, ".UnprocessableEntity") ||
        endsWith(name, ".BadRequest") || name.find("IntegrityError") != std::string_view::npos ||
        name.find("ValueError") != std::string_view::npos ||
        name.find("TypeError") != std::string_view::npos ||
        name.find("KeyError") != std::string_view::npos ||
        name.find("IndexError") != std::string_view::npos)
        return ErrorCode::OdooValidation;
    if (httpStatus == 401)
        return ErrorCode::Unauthorized;
    if (httpStatus == 403)
        return ErrorCode::AccessDenied;
    if (httpStatus == 404)
        return ErrorCode::NotFound;
    if (httpStatus >= 500 || httpStatus == 0)
        return ErrorCode::OdooUnavailable;
    return ErrorCode::OdooValidation;
}

OdooClient::OdooClient(OdooConfig config)
    : m_config(std::move(config))
    , m_api(m_config.api) {}

Status OdooClient::open() {
    const QUrl url(QString::fromStdString(m_config.url), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error{ErrorCode::ValidationError,
                     "the Odoo URL '" + m_config.url + "' is not a valid http(s):// URL"};
    const bool tls = url.scheme() == QLatin1String("https");
    if (!tls && url.scheme() != QLatin1String("http"))
        return Error{ErrorCode::ValidationError,
                     "the Odoo URL must start with http:// or https://"};
    if (!tls && !m_config.ca_file.empty())
        return Error{ErrorCode::ValidationError, "a CA file is only for an https:// Odoo URL"};
    m_host = url.host().toStdString();
    m_port = url.port(tls ? 443 : 80);
    m_prefix = url.path().toStdString();
    while (!m_prefix.empty() && m_prefix.back() == '/')
        m_prefix.pop_back();
    auto pool = std::make_unique<HttpPool>(m_host, m_port, m_config.pool_size);
    if (tls)
        if (Status s = pool->enableTls(m_config.ca_file); !s.ok())
            return s;
    m_pool = std::move(pool);
    return Status::success();
}

Api OdooClient::api() const {
    std::lock_guard lock(m_mutex);
    return m_api.value_or(Api::Json2);
}

std::int64_t OdooClient::uid() const {
    std::lock_guard lock(m_mutex);
    return m_uid;
}

OdooClient::Stats OdooClient::stats() const {
    return {m_calls.load(), m_retries.load(), m_failures.load(), double(m_usTotal.load()) / 1000};
}

Result<json> OdooClient::attempt(const std::string& path, const std::string& body, bool json2,
                                 bool& retryable) {
    retryable = false;
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json; charset=utf-8"},
        {"Accept", "application/json"},
        {"User-Agent", "BridgeCore-Sync"}};
    if (json2) {
        headers.emplace_back("Authorization", "bearer " + m_config.secret);
        if (!m_config.database.empty())
            headers.emplace_back("X-Odoo-Database", m_config.database);
    }
    ++m_calls;
    bool again = true;
    auto r = m_pool->request(body.empty() ? "GET" : "POST", m_prefix + path, headers, body,
                             m_config.timeout_ms, &again);
    if (!r.ok()) {
        retryable = again; // not a refused certificate: fails at once, still OdooUnavailable
        return r.error();
    }
    const HttpResponse& resp = r.value();
    json parsed = json::parse(resp.body, nullptr, false);
    if (resp.status >= 500 &&
        (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("name"))) {
        retryable = true;
        return Error{ErrorCode::OdooUnavailable,
                     "Odoo answered HTTP " + std::to_string(resp.status)};
    }
    if (parsed.is_discarded())
        return Error{resp.status == 200 ? ErrorCode::Internal : odooErrorCode("", resp.status),
                     "Odoo answered HTTP " + std::to_string(resp.status) + " with no JSON body"};
    // JSON-2 errors: a status >= 400 and {name, message, ...}; JSON-RPC errors: {"error": {...,
    // "data": {name, message, ...}}}.
    const json* err = nullptr;
    if (json2 && resp.status >= 400)
        err = &parsed;
    else if (!json2 && parsed.is_object() && parsed.contains("error"))
        err = parsed["error"].contains("data") ? &parsed["error"]["data"] : &parsed["error"];
    if (!json2 && !err && resp.status >= 400)
        return Error{odooErrorCode("", resp.status),
                     "Odoo answered HTTP " + std::to_string(resp.status)};
    if (err) {
        const std::string name = err->is_object() ? err->value("name", std::string()) : "";
        std::string message = err->is_object() && (*err)["message"].is_string()
                                  ? (*err)["message"].get<std::string>()
                              : err->is_string() ? err->get<std::string>()
                                                 : err->dump();
        ErrorCode code = odooErrorCode(name, json2 ? resp.status : 0);
        if (name.find("OperationalError") != std::string::npos &&
            message.find("does not exist") != std::string::npos)
            code = ErrorCode::NotFound; // JSON-RPC: unknown database
        else if (transientException(name) || (json2 && resp.status >= 502)) {
            retryable = true;
            code = ErrorCode::OdooUnavailable;
        } else if (!json2 && code == ErrorCode::OdooUnavailable)
            code = ErrorCode::OdooValidation; // an exception Odoo answered: not transient
        return Error{code, (name.empty() ? "" : name + ": ") + shortMessage(message)};
    }
    if (json2)
        return parsed;
    if (!parsed.is_object() || !parsed.contains("result"))
        return Error{ErrorCode::Internal, "Odoo's JSON-RPC answer has no result"};
    return std::move(parsed["result"]);
}

Result<json> OdooClient::send(const std::string& path, const json& body, bool json2,
                              const std::string& what) {
    if (!m_pool)
        return Error{ErrorCode::Internal, "OdooClient::open() was not called"};
    const std::string text = body.is_null() ? std::string() : body.dump();
    const auto start = Clock::now();
    int backoff = m_config.backoff_ms;
    for (int attempt = 0;; ++attempt) {
        bool retryable = false;
        auto r = this->attempt(path, text, json2, retryable);
        if (r.ok()) {
            const auto us =
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
            m_usTotal += us.count();
            qCDebug(lcOdoo, "%s: ok in %lld us", what.c_str(), static_cast<long long>(us.count()));
            return r;
        }
        if (!retryable || attempt >= m_config.retries) {
            ++m_failures;
            qCDebug(lcOdoo, "%s failed: %s", what.c_str(), r.error().message.c_str());
            if (retryable)
                return Error{ErrorCode::OdooUnavailable, r.error().message + " (after " +
                                                             std::to_string(attempt + 1) +
                                                             " attempts)"};
            return r;
        }
        ++m_retries;
        qCWarning(lcOdoo, "%s: %s; retrying in %d ms", what.c_str(), r.error().message.c_str(),
                  backoff);
        std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
        backoff *= 2;
    }
}

Result<OdooVersion> OdooClient::version() {
    auto r = send("/web/version", json(), true, "GET /web/version");
    json info;
    if (r.ok() && r.value().is_object() && r.value().contains("version_info")) {
        info = r.value()["version_info"];
    } else if (!r.ok() && r.error().code != ErrorCode::NotFound) {
        return r.error();
    } else {
        // Before Odoo 17: common.version over JSON-RPC.
        json body = {
            {"jsonrpc", "2.0"},
            {"method", "call"},
            {"id", 1},
            {"params", {{"service", "common"}, {"method", "version"}, {"args", json::array()}}}};
        auto v = send("/jsonrpc", body, false, "common.version");
        if (!v.ok())
            return v.error();
        if (!v.value().is_object() || !v.value().contains("server_version_info"))
            return Error{ErrorCode::Internal, "Odoo's version answer has no version"};
        info = v.value()["server_version_info"];
    }
    OdooVersion out;
    if (!info.is_array() || info.empty() || !info[0].is_number_integer())
        return Error{ErrorCode::Internal, "Odoo's version answer is not version_info"};
    out.major = info[0].get<int>();
    out.version =
        std::to_string(out.major) + "." +
        (info.size() > 1 && info[1].is_number_integer() ? std::to_string(info[1].get<int>())
                                                        : std::string("0"));
    std::lock_guard lock(m_mutex);
    m_version = out;
    return out;
}

Result<std::int64_t> OdooClient::authenticate() {
    std::optional<Api> api;
    {
        std::lock_guard lock(m_mutex);
        api = m_api;
    }
    if (!api) {
        std::optional<OdooVersion> known;
        {
            std::lock_guard lock(m_mutex);
            known = m_version;
        }
        if (!known) {
            auto v = version();
            if (!v.ok())
                return v.error();
            known = v.value();
        }
        api = known->major >= 19 ? Api::Json2 : Api::JsonRpc;
    }
    std::int64_t uid = 0;
    if (*api == Api::Json2) {
        auto r =
            send("/json/2/res.users/context_get", json::object(), true, "res.users.context_get");
        if (!r.ok()) {
            if (r.error().code == ErrorCode::Unauthorized)
                return Error{ErrorCode::Unauthorized,
                             "Odoo refused the API key (" + r.error().message + ")"};
            if (r.error().code == ErrorCode::NotFound)
                return Error{ErrorCode::NotFound, "Odoo has no database '" + m_config.database +
                                                      "' (" + r.error().message + ")"};
            return r.error();
        }
        if (!r.value().is_object() || !r.value()["uid"].is_number_integer())
            return Error{ErrorCode::Internal, "Odoo's context_get answer has no uid"};
        uid = r.value()["uid"].get<std::int64_t>();
    } else {
        json body = {
            {"jsonrpc", "2.0"},
            {"method", "call"},
            {"id", 1},
            {"params",
             {{"service", "common"},
              {"method", "authenticate"},
              {"args", {m_config.database, m_config.login, m_config.secret, json::object()}}}}};
        auto r = send("/jsonrpc", body, false, "common.authenticate");
        if (!r.ok()) {
            if (r.error().code == ErrorCode::NotFound)
                return Error{ErrorCode::NotFound,
                             "Odoo has no database '" + m_config.database + "'"};
            return r.error();
        }
        if (!r.value().is_number_integer())
            return Error{ErrorCode::Unauthorized, "Odoo refused the login '" + m_config.login +
                                                      "' with this key or password"};
        uid = r.value().get<std::int64_t>();
    }
    std::lock_guard lock(m_mutex);
    m_api = api;
    m_uid = uid;
    return uid;
}

Result<json> OdooClient::call(const std::string& model, const std::string& method, const json& ids,
                              const json& kwargs) {
    Api api;
    std::int64_t uid;
    {
        std::lock_guard lock(m_mutex);
        api = m_api.value_or(Api::Json2);
        uid = m_uid;
    }
    if (!m_api || (api == Api::JsonRpc && uid == 0)) {
        auto a = authenticate();
        if (!a.ok())
            return a.error();
        api = this->api();
        uid = a.value();
    }
    const std::string what = model + "." + method;
    if (api == Api::Json2) {
        json body = kwargs.is_object() ? kwargs : json::object();
        if (ids.is_array() && !ids.empty())
            body["ids"] = ids;
        return send("/json/2/" + model + "/" + method, body, true, what);
    }
    // execute_kw(db, uid, secret, model, method, args, kw): the record ids are args[0];
    // create takes its vals_list positionally (odoo/api.py reads args[0]).
    json args = json::array();
    json kw = kwargs.is_object() ? kwargs : json::object();
    if (ids.is_array() && !ids.empty())
        args.push_back(ids);
    if (method == "create" && kw.contains("vals_list")) {
        args.push_back(kw["vals_list"]);
        kw.erase("vals_list");
    }
    json body = {{"jsonrpc", "2.0"},
                 {"method", "call"},
                 {"id", 1},
                 {"params",
                  {{"service", "object"},
                   {"method", "execute_kw"},
                   {"args", {m_config.database, uid, m_config.secret, model, method, args, kw}}}}};
    return send("/jsonrpc", body, false, what);
}

json labelsContext(const OdooConfig& config) {
    return config.lang.empty() ? json(nullptr) : json{{"lang", config.lang}};
}

// ---- value shapes ----

std::optional<std::int64_t> many2oneId(const json& value) {
    if (value.is_array() && !value.empty() && value[0].is_number_integer())
        return value[0].get<std::int64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() > 0)
        return value.get<std::int64_t>();
    return std::nullopt;
}

std::optional<protocol::Millis> parseOdooDatetime(const json& value) {
    if (!value.is_string())
        return std::nullopt;
    const std::string s = value.get<std::string>();
    std::tm tm{};
    int sec = 0;
    if (s.size() != 19 || std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                                      &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &sec) != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_sec = sec;
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || sec > 60)
        return std::nullopt;
    return protocol::Millis(::timegm(&tm)) * 1000;
}

std::string formatOdooDatetime(protocol::Millis t) {
    const std::time_t secs = std::time_t(t / 1000);
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

json normaliseRecord(const json& record, const json& fieldTypes) {
    json out = json::object();
    if (!record.is_object())
        return out;
    for (const auto& [name, value] : record.items()) {
        if (name == "id")
            continue;
        const std::string type =
            fieldTypes.is_object() && fieldTypes.contains(name) && fieldTypes[name].is_object()
                ? fieldTypes[name].value("type", std::string())
                : std::string();
        if (type == "many2one") {
            const auto id = many2oneId(value);
            out[name] = id ? json(*id) : json(nullptr);
        } else if (type == "boolean") {
            out[name] = value.is_boolean() ? value : json(!value.is_null());
        } else if (value.is_boolean() && !value.get<bool>() && type != "boolean") {
            out[name] = nullptr; // Odoo's false for an empty value
        } else {
            out[name] = value;
        }
    }
    return out;
}

} // namespace bridgecore::odoo
