#include "HttpApi.h"

#include "BodyCodec.h"
#include "ConnectionGuard.h"
#include "HttpStatus.h"
#include "PushBudget.h"
#include "QueryParams.h"
#include "RateLimiter.h"
#include "protocol/Handoff.h"
#include "protocol/PushRequestText.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QThreadPool>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

namespace bridgecore::server {

using protocol::json;
using protocol::ValidationIssue;
using protocol::ValidationIssues;

namespace {

enum class Endpoint {
    Login,
    Refresh,
    Push,
    Pull,
    Resolve,
    State,
    Reset,
    Statistics,
    Health,
    AdminDevices,
    AdminConflicts,
    AdminConflict,
    AdminResolve,
    AdminEvents,
    AdminMetrics,
    AdminSummary,
    AdminModelMap,
    AdminSetModels,
    AdminOdoo,
    AdminOdooTest,
    AdminOdooFields,
    AdminReceivePreview,
    AdminDeviceHistory,
    AdminLedger,
    Prometheus,
    Unknown
};

const char* endpointName(Endpoint e) {
    switch (e) {
    case Endpoint::Login:
        return "login";
    case Endpoint::Refresh:
        return "refresh";
    case Endpoint::Push:
        return "push";
    case Endpoint::Pull:
        return "pull";
    case Endpoint::Resolve:
        return "resolve";
    case Endpoint::State:
        return "state";
    case Endpoint::Reset:
        return "reset";
    case Endpoint::Statistics:
        return "statistics";
    case Endpoint::Health:
        return "health";
    case Endpoint::AdminDevices:
        return "admin_devices";
    case Endpoint::AdminConflicts:
        return "admin_conflicts";
    case Endpoint::AdminConflict:
        return "admin_conflict";
    case Endpoint::AdminResolve:
        return "admin_resolve";
    case Endpoint::AdminEvents:
        return "admin_events";
    case Endpoint::AdminMetrics:
        return "admin_metrics";
    case Endpoint::AdminSummary:
        return "admin_summary";
    case Endpoint::AdminModelMap:
        return "admin_model_map";
    case Endpoint::AdminSetModels:
        return "admin_set_models";
    case Endpoint::AdminOdoo:
        return "admin_odoo";
    case Endpoint::AdminOdooTest:
        return "admin_odoo_test";
    case Endpoint::AdminOdooFields:
        return "admin_odoo_fields";
    case Endpoint::AdminReceivePreview:
        return "admin_receive_preview";
    case Endpoint::AdminDeviceHistory:
        return "admin_device_history";
    case Endpoint::AdminLedger:
        return "admin_ledger";
    case Endpoint::Prometheus:
        return "metrics";
    case Endpoint::Unknown:
        return "unknown";
    }
    return "unknown";
}

using Method = QHttpServerRequest::Method;

const char* methodName(Method m) {
    switch (m) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

/// A copy of everything a worker needs from the request (QHttpServerRequest stays on the
/// socket's thread).
struct ApiRequest {
    Method method = Method::Unknown;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray authorization, contentEncoding, acceptEncoding;
    QString remote;
};

struct ApiResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    std::int64_t tenant = 0, user = 0;
    std::string device;
    Endpoint endpoint = Endpoint::Unknown;
    /// What the request's work leaves to destroy (a parsed push request: ~1.6k instructions per
    /// change, mostly its changes' data trees). The worker lets go of it after posting the
    /// answer, so the answer does not wait for it.
    std::shared_ptr<const void> spent;
};

/// One request on its way from the socket thread to a worker, and its answer on the way back.
/// The socket, its guard and the responder are touched only on the socket thread.
struct Exchange {
    ApiRequest req;
    ApiResponse resp;
    std::shared_ptr<QHttpServerResponder> responder;
    QPointer<QTcpSocket> socket;
    qint64 number = 0; // the request's number on its connection (answers go out in this order)
    QElapsedTimer timer;
    double ms = 0;
};

/// An answer posted from a worker to the socket thread (see Frontend::customEvent).
class AnswerEvent : public QEvent {
public:
    static constexpr QEvent::Type kType = QEvent::User;
    explicit AnswerEvent(std::unique_ptr<Exchange> x)
        : QEvent(kType)
        , exchange(std::move(x)) {}
    std::unique_ptr<Exchange> exchange;
};

std::string dumpJson(const json& j) {
    // Replace invalid UTF-8 rather than throw: stored client data is echoed back.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

ApiResponse jsonResponse(int status, const json& body) {
    ApiResponse r;
    r.status = status;
    r.body = QByteArray::fromStdString(dumpJson(body));
    return r;
}

ApiResponse errorResponse(const Error& e) {
    const int status = httpStatus(e.code);
    if (status == 422) { // FastAPI's validation shape, plus the code
        json body =
            protocol::toJson(ValidationIssues{{json::array({"body"}), e.message, "value_error"}});
        body["error_code"] = std::string(errorCodeName(e.code));
        return jsonResponse(422, body);
    }
    ApiResponse r = jsonResponse(status, protocol::errorBody(e));
    if (status == 401)
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
}

ApiResponse validationResponse(const ValidationIssues& issues) {
    return jsonResponse(422, protocol::toJson(issues));
}

ValidationIssue issue(json loc, std::string msg, std::string type) {
    return ValidationIssue{std::move(loc), std::move(msg), std::move(type)};
}

bool acceptsGzip(const QByteArray& acceptEncoding) {
    for (const QByteArray& part : acceptEncoding.split(',')) {
        const QList<QByteArray> bits = part.trimmed().split(';');
        const QByteArray coding = bits.value(0).trimmed().toLower();
        if (coding != "gzip" && coding != "x-gzip" && coding != "*")
            continue;
        bool zero = false;
        for (qsizetype i = 1; i < bits.size(); ++i) {
            const QByteArray p = bits[i].trimmed();
            if (p.startsWith("q=") && p.mid(2).toDouble() == 0.0)
                zero = true;
        }
        if (!zero)
            return true;
    }
    return false;
}

/// Nesting depth of JSON text (arrays and objects, outside strings); stops counting at `cap`.
int nestingDepth(const QByteArray& text, int cap) {
    int depth = 0, maxDepth = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth && (maxDepth = depth) > cap)
                return maxDepth;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return maxDepth;
}

/// Deeper documents are refused before parsing (nothing downstream has to recurse far).
constexpr int kMaxJsonDepth = 64;

template <typename T> json pageJson(const engine::Page<T>& page) {
    json items = json::array();
    for (const auto& item : page.items) {
        if constexpr (std::is_same_v<T, engine::ConflictRecord>)
            items.push_back(engine::toJson(item));
        else
            items.push_back(protocol::toJson(item));
    }
    return json{{"items", std::move(items)},
                {"total", page.total},
                {"limit", page.limit},
                {"offset", page.offset}};
}

std::string promEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

/// QtHttpServer under our own adapter: every request goes to HttpApi::Impl::accept, every
/// answer posted back from a worker to HttpApi::Impl::answer.
class Frontend : public QAbstractHttpServer {
public:
    explicit Frontend(std::function<void(const QHttpServerRequest&, QTcpSocket*)> handler,
                      std::function<void(std::unique_ptr<Exchange>)> answer, QObject* parent)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
        , m_answer(std::move(answer)) {}
    static QHttpServerResponder responderFor(const QHttpServerRequest& r, QTcpSocket* s) {
        return makeResponder(r, s);
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}
    void customEvent(QEvent* e) override {
        HANDOFF_ACQUIRE(e); // an answer is built on a worker thread and released before posting
        if (e->type() != AnswerEvent::kType)
            return;
        m_answer(std::move(static_cast<AnswerEvent*>(e)->exchange));
    }

private:
    std::function<void(const QHttpServerRequest&, QTcpSocket*)> m_handler;
    std::function<void(std::unique_ptr<Exchange>)> m_answer;
};

} // namespace

struct HttpApi::Impl {
    HttpApi* q;
    engine::SyncEngine& engine;
    auth::Accounts& accounts;
    ServerConfig config;
    RateLimiter limiter;
    // Pushes wait for the writer's group commit; on a pool of their own they never hold up a
    // pull or any other request, which runs on `pool` beside them.
    QThreadPool pool;
    QThreadPool pushPool;
    // Push bodies parsed and applied at once: twice the body limit (at least 64 MiB), so that
    // ordinary pushes never wait and 64 maximal ones are never held parsed together.
    PushBudget pushBudget;
    Frontend* frontend = nullptr;
    QList<QPointer<GuardedTcpServer>> servers;
    QString error;
    std::mutex logMutex;
    OdooAdmin odoo;

    struct Counter {
        std::int64_t count = 0;
        double seconds = 0;
    };
    std::mutex statsMutex;
    // tenant -> (endpoint, status) -> count/time: /metrics shows only the caller's tenant.
    std::map<std::int64_t, std::map<std::pair<std::string, int>, Counter>> stats;

    Impl(HttpApi* api, engine::SyncEngine& e, auth::Accounts& a, ServerConfig c)
        : q(api)
        , engine(e)
        , accounts(a)
        , config(std::move(c))
        , pushBudget(std::max<std::int64_t>(2 * config.max_body_bytes, 64LL << 20)) {
        const int threads = config.worker_threads > 0 ? config.worker_threads
                                                      : std::max(4, QThread::idealThreadCount());
        pool.setMaxThreadCount(threads);
        // A push spends most of its time waiting for the writer's group commit, and only the
        // pushes already waiting can join a group: with 4 push threads the 50-device run
        // committed 723 groups for 1,001 pushes (1.4 each; the commits and their WAL
        // checkpoints were 18 % of the server's CPU), with 32 it committed 79 (9 %). Each
        // push in flight holds its parsed request; a group takes at most 64 (GroupCommit).
        pushPool.setMaxThreadCount(std::max(threads, std::min(8 * threads, 64)));
    }

    /// The complete answers the connection guard writes when it refuses a request.
    Refusals refusals() const {
        auto answer = [](int status, const json& body) -> QByteArray {
            const QByteArray text = QByteArray::fromStdString(dumpJson(body));
            return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                   "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                   QByteArray::number(text.size()) + "\r\n\r\n" + text;
        };
        const Error body{ErrorCode::PayloadTooLarge, "Request body exceeds the limit of " +
                                                         std::to_string(config.max_body_bytes) +
                                                         " bytes"};
        Refusals r;
        r.body_too_large = answer(httpStatus(body.code), protocol::errorBody(body));
        r.head_too_large =
            answer(431, json{{"detail", "Request head (request line, query string and headers) "
                                        "exceeds the limit of " +
                                            std::to_string(config.max_header_bytes) + " bytes"},
                             {"error_code", "HEADER_TOO_LARGE"}});
        return r;
    }

    ConnectionLimits connectionLimits() const {
        ConnectionLimits l;
        l.max_body_bytes = config.max_body_bytes;
        l.max_header_bytes = config.max_header_bytes;
        l.header_timeout_ms = config.header_timeout_seconds * 1000;
        l.idle_timeout_ms = config.idle_timeout_seconds * 1000;
        l.max_connections = config.max_connections;
        return l;
    }

    // ---- request entry (socket thread) ----
    void accept(const QHttpServerRequest& request, QTcpSocket* socket) {
        auto* guarded = qobject_cast<GuardedSocket*>(socket);
        if (guarded && !guarded->requestArrived())
            return; // sent after a request that closes the connection: not processed
        auto x = std::make_unique<Exchange>();
        x->timer.start();
        x->number = guarded ? guarded->lastRequest() : 0;
        x->responder =
            std::make_shared<QHttpServerResponder>(Frontend::responderFor(request, socket));
        x->socket = socket;
        ApiRequest& req = x->req;
        req.method = request.method();
        req.path = request.url().path();
        req.query = request.query();
        req.body = request.body();
        req.authorization = request.value("authorization");
        req.contentEncoding = request.value("content-encoding").trimmed().toLower();
        req.acceptEncoding = request.value("accept-encoding");
        req.remote = request.remoteAddress().toString();
        QThreadPool& workers =
            req.path == QLatin1String("/api/v1/offline-sync/push") ? pushPool : pool;
        auto* task = new Task(*this, std::move(x));
        HANDOFF_RELEASE(task);
        workers.start(task); // deleted by the pool once run
    }

    /// A request on a worker thread.
    struct Task final : QRunnable {
        Task(Impl& d, std::unique_ptr<Exchange> x)
            : d(d)
            , x(std::move(x)) {}
        void run() override {
            HANDOFF_ACQUIRE(this); // built on the socket thread, released there before start()
            d.work(std::move(x));
        }
        Impl& d;
        std::unique_ptr<Exchange> x;
    };

    // ---- the work (worker thread) ----
    void work(std::unique_ptr<Exchange> x) {
        const ApiRequest& req = x->req;
        ApiResponse& resp = x->resp;
        try {
            resp = handle(req);
        } catch (const std::exception& ex) {
            resp = errorResponse(Error{ErrorCode::Internal, "internal error"});
            logLine(
                json{{"level", "error"}, {"path", req.path.toStdString()}, {"what", ex.what()}});
        }
        finish(req, resp);
        x->ms = double(x->timer.nsecsElapsed()) / 1e6;
        log(req, resp, x->ms);
        count(resp, x->ms);
        const std::shared_ptr<const void> spent = std::move(resp.spent); // after the answer
        // The exchange goes back whole: the worker never copies the socket's guard or the
        // responder (ThreadSanitizer saw a worker's copy of the QPointer freeing its shared count
        // while the socket thread read it).
        auto* answer = new AnswerEvent(std::move(x));
        HANDOFF_RELEASE(answer);
        QCoreApplication::postEvent(frontend, answer);
    }

    // ---- the answer (socket thread) ----
    void answer(std::unique_ptr<Exchange> x) {
        if (!x->socket || x->socket->state() != QAbstractSocket::ConnectedState)
            return; // the client went away; the work itself is done
        const int status = x->resp.status;
        const bool headOnly = x->req.method == Method::Head;
        if (auto* g = qobject_cast<GuardedSocket*>(x->socket.data())) {
            // Pipelined requests: answers in request order (RFC 9112 §9.3.2).
            g->answerInOrder(x->number, [g, responder = x->responder, headOnly,
                                         resp = std::move(x->resp)]() mutable {
                if (g->responseStarted())
                    resp.headers.emplace_back("Connection", "close");
                write(*responder, resp, headOnly);
                g->responseFinished();
            });
        } else {
            write(*x->responder, x->resp, headOnly);
        }
        emit q->requestFinished(QString::fromLatin1(methodName(x->req.method)), x->req.path, status,
                                x->ms);
    }

    static void write(QHttpServerResponder& r, const ApiResponse& resp, bool headOnly) {
        r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(resp.status));
        r.writeHeader("Content-Type", resp.contentType);
        r.writeHeader("Content-Length", QByteArray::number(resp.body.size()));
        for (const auto& [k, v] : resp.headers)
            r.writeHeader(k, v);
        r.writeBody(headOnly ? QByteArray() : resp.body);
    }

    /// Compression of the answer (worker thread).
    void finish(const ApiRequest& req, ApiResponse& resp) {
        if (resp.body.size() >= config.gzip_min_bytes && acceptsGzip(req.acceptEncoding)) {
            QByteArray z = gzipCompress(resp.body, 1); // fastest level: CPU is the scarce part
            if (!z.isEmpty()) {
                resp.body = std::move(z);
                resp.headers.emplace_back("Content-Encoding", "gzip");
            }
        }
        // Vary is for caches, so only on answers a cache may keep (GET, HEAD): our POST
        // answers carry no freshness information, so no cache stores them (RFC 9111 §3).
        // QNetworkAccessManager reads an answer's head one byte per read() (without a proxy
        // its socket is unbuffered): these 23 bytes were 23 of the ~96 system calls of each
        // push answer's head in every client.
        if (req.method == Method::Get || req.method == Method::Head)
            resp.headers.emplace_back("Vary", "Accept-Encoding");
    }

    void logLine(const json& line) {
        if (!config.log_requests && !line.contains("level"))
            return;
        const std::string s = dumpJson(line) + "\n";
        std::lock_guard lock(logMutex);
        std::fwrite(s.data(), 1, s.size(), stderr);
        std::fflush(stderr);
    }

    void log(const ApiRequest& req, const ApiResponse& resp, double ms) {
        if (!config.log_requests)
            return; // not built to be dropped by logLine
        json line{{"ts", protocol::formatTime(QDateTime::currentMSecsSinceEpoch())},
                  {"method", methodName(req.method)},
                  {"path", req.path.toStdString()},
                  {"status", resp.status},
                  {"ms", std::round(ms * 100) / 100},
                  {"tenant", resp.tenant ? json(resp.tenant) : json(nullptr)},
                  {"user", resp.user ? json(resp.user) : json(nullptr)},
                  {"device", resp.device.empty() ? json(nullptr) : json(resp.device)},
                  {"bytes_in", req.body.size()},
                  {"bytes_out", resp.body.size()}};
        logLine(line);
    }

    void count(const ApiResponse& resp, double ms) {
        if (!resp.tenant)
            return;
        std::lock_guard lock(statsMutex);
        auto& c = stats[resp.tenant][{endpointName(resp.endpoint), resp.status}];
        ++c.count;
        c.seconds += ms / 1000.0;
    }

    // ---- routing and handling (worker thread) ----
    /// The segments after /api/v1/admin/devices/ (device id first), none of them empty;
    /// empty when the path is not below it.
    static QStringList devicePath(const QString& path) {
        static const QString prefix = QStringLiteral("/api/v1/admin/devices/");
        if (!path.startsWith(prefix))
            return {};
        QString rest = path.mid(prefix.size());
        if (rest.endsWith(u'/'))
            rest.chop(1);
        QStringList parts = rest.split(u'/');
        for (const QString& p : parts)
            if (p.isEmpty())
                return {};
        return parts;
    }

    static Endpoint route(Method m, QString path, std::int64_t& id, bool& wrongMethod) {
        wrongMethod = false;
        if (path.size() > 1 && path.endsWith(u'/'))
            path.chop(1);
        struct R {
            const char* path;
            Method method;
            Endpoint e;
        };
        static const R table[] = {
            {"/api/v1/auth/tenant/login", Method::Post, Endpoint::Login},
            {"/api/v1/auth/tenant/refresh", Method::Post, Endpoint::Refresh},
            {"/api/v1/offline-sync/push", Method::Post, Endpoint::Push},
            {"/api/v1/offline-sync/pull", Method::Post, Endpoint::Pull},
            {"/api/v1/offline-sync/resolve-conflicts", Method::Post, Endpoint::Resolve},
            {"/api/v1/offline-sync/state", Method::Get, Endpoint::State},
            {"/api/v1/offline-sync/reset", Method::Post, Endpoint::Reset},
            {"/api/v1/offline-sync/statistics", Method::Get, Endpoint::Statistics},
            {"/api/v1/offline-sync/health", Method::Get, Endpoint::Health},
            {"/api/v1/admin/devices", Method::Get, Endpoint::AdminDevices},
            {"/api/v1/admin/conflicts", Method::Get, Endpoint::AdminConflicts},
            {"/api/v1/admin/events", Method::Get, Endpoint::AdminEvents},
            {"/api/v1/admin/metrics", Method::Get, Endpoint::AdminMetrics},
            {"/api/v1/admin/summary", Method::Get, Endpoint::AdminSummary},
            {"/api/v1/admin/model-map", Method::Get, Endpoint::AdminModelMap},
            {"/api/v1/admin/odoo", Method::Get, Endpoint::AdminOdoo},
            {"/api/v1/admin/odoo/fields", Method::Get, Endpoint::AdminOdooFields},
            {"/metrics", Method::Get, Endpoint::Prometheus},
        };
        for (const R& r : table) {
            if (path == QLatin1String(r.path)) {
                if (m == r.method || (m == Method::Head && r.method == Method::Get))
                    return r.e;
                wrongMethod = true;
                return Endpoint::Unknown;
            }
        }
        static const QString modelMapPrefix = QStringLiteral("/api/v1/admin/model-map/");
        if (path.startsWith(modelMapPrefix) && path.size() > modelMapPrefix.size() &&
            !path.mid(modelMapPrefix.size()).contains(u'/')) {
            if (m != Method::Put) {
                wrongMethod = true;
                return Endpoint::Unknown;
            }
            return Endpoint::AdminSetModels;
        }
        static const QString odooPrefix = QStringLiteral("/api/v1/admin/odoo/");
        if (path.startsWith(odooPrefix) && path.endsWith(QLatin1String("/test")) &&
            path.size() > odooPrefix.size() + 5 &&
            !path.mid(odooPrefix.size(), path.size() - odooPrefix.size() - 5).contains(u'/')) {
            if (m != Method::Post) {
                wrongMethod = true;
                return Endpoint::Unknown;
            }
            return Endpoint::AdminOdooTest;
        }
        // A device's drill-down: /api/v1/admin/devices/<device_id>/receive-preview,
        // /api/v1/admin/devices/<device_id>/history and
        // /api/v1/admin/devices/<device_id>/ledger/<local_id> (extensions beyond DESIGN.md).
        if (const auto parts = devicePath(path); !parts.isEmpty()) {
            const bool preview = parts.size() == 2 && parts[1] == QLatin1String("receive-preview");
            const bool history = parts.size() == 2 && parts[1] == QLatin1String("history");
            const bool ledger = parts.size() == 3 && parts[1] == QLatin1String("ledger");
            if (!preview && !history && !ledger)
                return Endpoint::Unknown;
            if (m != Method::Get && m != Method::Head) {
                wrongMethod = true;
                return Endpoint::Unknown;
            }
            return preview   ? Endpoint::AdminReceivePreview
                   : history ? Endpoint::AdminDeviceHistory
                             : Endpoint::AdminLedger;
        }
        static const QString conflictPrefix = QStringLiteral("/api/v1/admin/conflicts/");
        if (path.startsWith(conflictPrefix)) {
            QString rest = path.mid(conflictPrefix.size());
            bool resolve = false;
            if (rest.endsWith(QLatin1String("/resolve"))) {
                resolve = true;
                rest.chop(8);
            }
            bool ok = false;
            id = rest.toLongLong(&ok);
            if (!ok || id <= 0)
                return Endpoint::Unknown;
            const Method want = resolve ? Method::Post : Method::Get;
            if (m != want) {
                wrongMethod = true;
                return Endpoint::Unknown;
            }
            return resolve ? Endpoint::AdminResolve : Endpoint::AdminConflict;
        }
        return Endpoint::Unknown;
    }

    /// Body bytes after Content-Encoding, or the error answer.
    std::variant<QByteArray, ApiResponse> decodedBody(const ApiRequest& req) {
        if (req.body.size() > config.max_body_bytes)
            return errorResponse(Error{ErrorCode::PayloadTooLarge,
                                       "Request body exceeds the limit of " +
                                           std::to_string(config.max_body_bytes) + " bytes"});
        const QByteArray& ce = req.contentEncoding;
        if (ce.isEmpty() || ce == "identity")
            return req.body;
        if (ce == "gzip" || ce == "x-gzip" || ce == "deflate") {
            auto inflated = inflateBody(req.body, config.max_body_bytes);
            if (!inflated.ok()) {
                if (inflated.error().code == ErrorCode::ValidationError)
                    return validationResponse(
                        {issue(json::array({"body"}), inflated.error().message, "value_error")});
                return errorResponse(inflated.error());
            }
            return std::move(inflated).value();
        }
        return validationResponse(
            {issue(json::array({"header", "content-encoding"}),
                   "Unsupported Content-Encoding (use gzip or deflate)", "value_error")});
    }

    std::variant<json, ApiResponse> jsonBody(const ApiRequest& req) {
        auto body = decodedBody(req);
        if (auto* r = std::get_if<ApiResponse>(&body))
            return std::move(*r);
        return jsonOf(std::get<QByteArray>(body));
    }

    static std::variant<json, ApiResponse> jsonOf(const QByteArray& bytes) {
        if (nestingDepth(bytes, kMaxJsonDepth) > kMaxJsonDepth)
            return validationResponse(
                {issue(json::array({"body"}),
                       "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                       "json_invalid")});
        try {
            auto parsed =
                protocol::parseJsonText(std::string_view(bytes.constData(), bytes.size()));
            if (auto* issues = std::get_if<ValidationIssues>(&parsed))
                return validationResponse(*issues);
            return std::get<json>(std::move(parsed));
        } catch (const std::exception& e) { // e.g. a number too large for a double
            return validationResponse({issue(
                json::array({"body"}), std::string("Invalid JSON: ") + e.what(), "json_invalid")});
        }
    }

    /// Counts a request of `who` against the configured limit `name` (a ServerConfig
    /// rate_limits key); the 429 answer when over it, else the X-RateLimit headers on
    /// `headersTo`.
    std::optional<ApiResponse> rateLimit(const std::string& name, const std::string& who,
                                         ApiResponse& headersTo) {
        const auto it = config.rate_limits.find(name);
        if (it == config.rate_limits.end() || it->second.requests <= 0)
            return std::nullopt;
        const int share = std::max(1, it->second.requests / std::max(1, config.server_processes));
        const RateDecision d = limiter.hit(name + '|' + who, share, it->second.window_seconds,
                                           QDateTime::currentMSecsSinceEpoch());
        std::vector<std::pair<QByteArray, QByteArray>> h{
            {"X-RateLimit-Limit", QByteArray::number(d.limit)},
            {"X-RateLimit-Remaining", QByteArray::number(d.remaining)},
            {"X-RateLimit-Reset", QByteArray::number(d.reset_at)}};
        if (d.allowed) {
            headersTo.headers.insert(headersTo.headers.end(), h.begin(), h.end());
            return std::nullopt;
        }
        ApiResponse r = errorResponse(
            Error{ErrorCode::RateLimited, "Rate limit exceeded: " + std::to_string(d.limit) +
                                              " requests per " +
                                              std::to_string(it->second.window_seconds) + " s"});
        r.headers.insert(r.headers.end(), h.begin(), h.end());
        r.headers.emplace_back("Retry-After", QByteArray::number(d.retry_after));
        return r;
    }

    ApiResponse handle(const ApiRequest& req) {
        std::int64_t id = 0;
        bool wrongMethod = false;
        const Endpoint e = route(req.method, req.path, id, wrongMethod);
        ApiResponse r = dispatch(e, id, wrongMethod, req);
        r.endpoint = e;
        return r;
    }

    ApiResponse dispatch(Endpoint e, std::int64_t id, bool wrongMethod, const ApiRequest& req) {
        if (e == Endpoint::Unknown) {
            ApiResponse r =
                jsonResponse(wrongMethod ? 405 : 404,
                             json{{"detail", wrongMethod ? "Method Not Allowed" : "Not Found"}});
            return r;
        }
        if (e == Endpoint::Health)
            return health();
        if (e == Endpoint::Login || e == Endpoint::Refresh)
            return login(e, req);

        // ---- everything else needs a valid access token ----
        const QByteArray auth = req.authorization.trimmed();
        if (auth.size() < 8 || auth.left(7).toLower() != "bearer ")
            return errorResponse(Error{ErrorCode::Unauthorized, "Not authenticated"});
        const QByteArray token = auth.mid(7).trimmed();
        auto claims = accounts.authenticate(std::string_view(token.constData(), token.size()));
        if (!claims.ok())
            return errorResponse(claims.error());
        const engine::Caller caller{claims.value().tenant_id, claims.value().user_id,
                                    claims.value().role};
        ApiResponse r = authed(e, id, req, caller);
        r.tenant = caller.tenant_id;
        r.user = caller.user_id;
        return r;
    }

    ApiResponse health() {
        const engine::Health h = engine.health();
        json body{{"status", h.database_ok ? "healthy" : "unhealthy"},
                  {"database", h.database_ok ? "ok" : "error"},
                  {"engine", "ok"},
                  {"schema_version", h.schema_version},
                  {"protocol_version", protocol::kProtocolVersion},
                  {"version", "0.1.0"},
                  {"server_timestamp", protocol::formatTime(QDateTime::currentMSecsSinceEpoch())}};
        if (!h.detail.empty())
            body["detail"] = h.detail;
        return jsonResponse(h.database_ok ? 200 : 503, body);
    }

    ApiResponse login(Endpoint e, const ApiRequest& req) {
        auto parsed = jsonBody(req);
        if (auto* r = std::get_if<ApiResponse>(&parsed))
            return std::move(*r);
        const json& body = std::get<json>(parsed);
        ApiResponse limited;
        Result<auth::LoginResult> result = Error{ErrorCode::Internal, ""};
        if (e == Endpoint::Login) {
            auto login = protocol::parseLoginRequest(body);
            if (auto* issues = std::get_if<ValidationIssues>(&login))
                return validationResponse(*issues);
            const auto& request = std::get<protocol::LoginRequest>(login);
            if (auto r = throttleLogin(req.remote.toStdString(), request.email, limited))
                return *r;
            result = accounts.login(request.email, request.password);
        } else {
            auto refresh = protocol::parseRefreshRequest(body);
            if (auto* issues = std::get_if<ValidationIssues>(&refresh))
                return validationResponse(*issues);
            result = accounts.refresh(std::get<protocol::RefreshRequest>(refresh).refresh_token);
        }
        if (!result.ok())
            return errorResponse(result.error());
        ApiResponse r = jsonResponse(200, auth::toJson(result.value()));
        r.headers.insert(r.headers.end(), limited.headers.begin(), limited.headers.end());
        r.headers.emplace_back("Cache-Control", "no-store");
        r.tenant = result.value().tenant.id;
        r.user = result.value().user.id;
        return r;
    }

    /// Logins are counted per (client address, email), so one mistyped password throttles
    /// only that account from that address; attempts that pass are also counted per address
    /// against the looser "login_address" ceiling (password spraying, hashing cost).
    std::optional<ApiResponse> throttleLogin(const std::string& address, const std::string& email,
                                             ApiResponse& headersTo) {
        if (auto r = rateLimit("login", address + '|' + auth::normalizeEmail(email), headersTo))
            return r;
        ApiResponse ignored; // the client sees the per-account counters
        return rateLimit("login_address", address, ignored);
    }

    template <typename T> ApiResponse fromResult(const Result<T>& result) {
        if (!result.ok())
            return errorResponse(result.error());
        return jsonResponse(200, protocol::toJson(result.value()));
    }

    /// Pull pages and push answers are the largest responses: written as text, without a
    /// json tree.
    template <typename T> static ApiResponse textResponse(const Result<T>& result) {
        if (!result.ok())
            return errorResponse(result.error());
        ApiResponse r;
        r.status = 200;
        r.body = QByteArray::fromStdString(protocol::toJsonText(result.value()));
        return r;
    }
    ApiResponse fromResult(const Result<protocol::PullResponse>& result) {
        return textResponse(result);
    }
    ApiResponse fromResult(const Result<protocol::PushResponse>& result) {
        return textResponse(result);
    }

    ApiResponse authed(Endpoint e, std::int64_t id, const ApiRequest& req,
                       const engine::Caller& caller) {
        // Who may do what is the engine's AccessPolicy: the admin API is the console's view of
        // the whole tenant; the engine then decides per call (e.g. who resolves a conflict).
        switch (e) {
        case Endpoint::AdminDevices:
        case Endpoint::AdminConflicts:
        case Endpoint::AdminConflict:
        case Endpoint::AdminEvents:
        case Endpoint::AdminMetrics:
        case Endpoint::AdminSummary:
        case Endpoint::AdminModelMap:
        case Endpoint::AdminResolve:
        case Endpoint::AdminOdooFields:
        case Endpoint::AdminReceivePreview:
        case Endpoint::AdminDeviceHistory:
        case Endpoint::AdminLedger:
        case Endpoint::Prometheus:
            if (Status s = engine::AccessPolicy::mayReadTenantActivity(caller, "the admin API");
                !s.ok())
                return errorResponse(s.error());
            break;
        case Endpoint::AdminSetModels:
            if (Status s = engine::AccessPolicy::mayEditModelMap(caller); !s.ok())
                return errorResponse(s.error());
            break;
        case Endpoint::AdminOdoo:
        case Endpoint::AdminOdooTest:
            if (Status s = engine::AccessPolicy::mayManageOdoo(caller); !s.ok())
                return errorResponse(s.error());
            break;
        default:
            break;
        }

        ApiResponse limitHeaders;
        const std::string who =
            std::to_string(caller.tenant_id) + ':' + std::to_string(caller.user_id);
        if (auto r = rateLimit(endpointName(e), who, limitHeaders))
            return *r;
        ApiResponse r = endpoint(e, id, req, caller);
        r.headers.insert(r.headers.end(), limitHeaders.headers.begin(), limitHeaders.headers.end());
        return r;
    }

    ApiResponse endpoint(Endpoint e, std::int64_t id, const ApiRequest& req,
                         const engine::Caller& caller) {
        ValidationIssues issues;
        QueryParams query{req.query, issues};
        switch (e) {
        case Endpoint::Push: {
            auto body = decodedBody(req);
            if (auto* r = std::get_if<ApiResponse>(&body))
                return std::move(*r);
            const QByteArray& bytes = std::get<QByteArray>(body);
            const PushBudget::Hold inFlight = pushBudget.take(bytes.size()); // until answered
            // A valid request of the usual shape is read without a tree; anything else goes
            // through the tree, which says what is wrong with it.
            protocol::Parsed<protocol::PushRequest> parsed = ValidationIssues{};
            if (auto fast = protocol::pushRequestFromText(
                    std::string_view(bytes.constData(), bytes.size()), kMaxJsonDepth)) {
                parsed = std::move(*fast);
            } else {
                auto tree = jsonOf(bytes);
                if (auto* r = std::get_if<ApiResponse>(&tree))
                    return std::move(*r);
                parsed = protocol::parsePushRequest(std::get<json>(std::move(tree)));
            }
            if (auto* is = std::get_if<ValidationIssues>(&parsed))
                return validationResponse(*is);
            const auto push = std::make_shared<protocol::PushRequest>(
                std::get<protocol::PushRequest>(std::move(parsed)));
            ApiResponse r = fromResult(engine.push(caller, *push));
            r.device = push->device_id;
            if (r.status == 200)
                engine.recordTraffic(caller, push->device_id, req.body.size(), r.body.size());
            r.spent = push;
            return r;
        }
        case Endpoint::Pull: {
            auto body = jsonBody(req);
            if (auto* r = std::get_if<ApiResponse>(&body))
                return std::move(*r);
            auto parsed = protocol::parsePullRequest(std::get<json>(body));
            if (auto* is = std::get_if<ValidationIssues>(&parsed))
                return validationResponse(*is);
            const auto& pull = std::get<protocol::PullRequest>(parsed);
            ApiResponse r =
                fromResult(engine.pull(caller, pull, engine::SyncEngine::PayloadForm::Text));
            r.device = pull.device_id;
            if (r.status == 200)
                engine.recordTraffic(caller, pull.device_id, req.body.size(), r.body.size());
            return r;
        }
        case Endpoint::Resolve: {
            auto body = jsonBody(req);
            if (auto* r = std::get_if<ApiResponse>(&body))
                return std::move(*r);
            auto parsed = protocol::parseResolveRequest(std::get<json>(body));
            if (auto* is = std::get_if<ValidationIssues>(&parsed))
                return validationResponse(*is);
            const auto& resolve = std::get<protocol::ResolveRequest>(parsed);
            ApiResponse r = fromResult(engine.resolveConflicts(caller, resolve));
            r.device = resolve.device_id;
            return r;
        }
        case Endpoint::State:
        case Endpoint::Reset:
        case Endpoint::Statistics: {
            const std::string device = query.deviceId();
            if (!issues.empty())
                return validationResponse(issues);
            ApiResponse r = e == Endpoint::State   ? fromResult(engine.state(caller, device))
                            : e == Endpoint::Reset ? fromResult(engine.reset(caller, device))
                                                   : fromResult(engine.statistics(caller, device));
            r.device = device;
            return r;
        }
        case Endpoint::AdminDevices: {
            const auto limit = query.integer("limit", 1, 500, 100);
            const auto offset = query.integer("offset", 0, INT32_MAX, 0);
            const std::string search = query.string("search").value_or("");
            if (!issues.empty())
                return validationResponse(issues);
            auto page = engine.devices(caller, int(*limit), int(*offset), search);
            if (!page.ok())
                return errorResponse(page.error());
            return jsonResponse(200, pageJson(page.value()));
        }
        case Endpoint::AdminConflicts: {
            const auto limit = query.integer("limit", 1, 500, 100);
            const auto offset = query.integer("offset", 0, INT32_MAX, 0);
            std::string status = query.string("status").value_or("");
            if (status == "all")
                status.clear();
            if (!status.empty() && status != "open" && status != "resolved")
                issues.push_back(issue(json::array({"query", "status"}),
                                       "Input should be 'open', 'resolved' or 'all'", "enum"));
            if (!issues.empty())
                return validationResponse(issues);
            auto page = engine.conflicts(caller, status, int(*limit), int(*offset));
            if (!page.ok())
                return errorResponse(page.error());
            return jsonResponse(200, pageJson(page.value()));
        }
        case Endpoint::AdminConflict: {
            auto c = engine.conflict(caller, id);
            if (!c.ok())
                return errorResponse(c.error());
            json body = engine::toJson(c.value());
            json rows = json::array();
            for (const auto& f : engine::fieldRows(c.value().info))
                rows.push_back(json{{"field", f.field},
                                    {"base", f.base},
                                    {"local", f.local},
                                    {"server", f.server},
                                    {"conflicting", f.conflicting}});
            body["fields"] = std::move(rows);
            return jsonResponse(200, body);
        }
        case Endpoint::AdminResolve: {
            auto body = jsonBody(req);
            if (auto* r = std::get_if<ApiResponse>(&body))
                return std::move(*r);
            const json& j = std::get<json>(body);
            std::optional<protocol::ConflictStrategy> strategy;
            if (!j.is_object()) {
                issues.push_back(issue(json::array({"body"}), "Input should be a valid dictionary",
                                       "dict_type"));
            } else if (!j.contains("strategy")) {
                issues.push_back(
                    issue(json::array({"body", "strategy"}), "Field required", "missing"));
            } else if (!j["strategy"].is_string() ||
                       !(strategy =
                             protocol::parseConflictStrategy(j["strategy"].get<std::string>())) ||
                       *strategy == protocol::ConflictStrategy::Manual) {
                issues.push_back(issue(json::array({"body", "strategy"}),
                                       "Input should be 'server_wins', 'client_wins', 'merge' or "
                                       "'newest_wins'",
                                       "enum"));
            }
            json merged = nullptr;
            if (j.is_object() && j.contains("merged_data") && !j["merged_data"].is_null()) {
                if (!j["merged_data"].is_object())
                    issues.push_back(issue(json::array({"body", "merged_data"}),
                                           "Input should be a valid dictionary", "dict_type"));
                else
                    merged = j["merged_data"];
            }
            if (strategy == protocol::ConflictStrategy::Merge && merged.is_null())
                issues.push_back(issue(json::array({"body", "merged_data"}),
                                       "merged_data is required for the merge strategy",
                                       "missing"));
            if (!issues.empty())
                return validationResponse(issues);
            return fromResult(engine.resolveConflict(caller, id, *strategy, merged));
        }
        case Endpoint::AdminEvents: {
            engine::EventQuery eq;
            eq.limit = int(query.integer("limit", 1, 500, 100).value_or(100));
            eq.offset = int(query.integer("offset", 0, INT32_MAX, 0).value_or(0));
            eq.model = query.string("model");
            eq.device_id = query.string("device_id");
            eq.after_event_id = query.integer("after_event_id", 0, INT64_MAX, std::nullopt);
            eq.action = query.string("action");
            if (eq.action && !protocol::parseEventAction(*eq.action))
                issues.push_back(issue(json::array({"query", "action"}),
                                       "Input should be 'create', 'write' or 'unlink'", "enum"));
            if (auto order = query.string("order")) {
                if (*order == "asc")
                    eq.newest_first = false;
                else if (*order != "desc")
                    issues.push_back(issue(json::array({"query", "order"}),
                                           "Input should be 'asc' or 'desc'", "enum"));
            }
            if (!issues.empty())
                return validationResponse(issues);
            auto page = engine.events(caller, eq);
            if (!page.ok())
                return errorResponse(page.error());
            return jsonResponse(200, pageJson(page.value()));
        }
        case Endpoint::AdminMetrics: {
            const protocol::Millis now = QDateTime::currentMSecsSinceEpoch();
            const auto bucket = query.integer("bucket_seconds", 1, 86400, 60);
            const auto to = query.time("to").value_or(now);
            const auto from = query.time("from").value_or(to - 3600 * 1000);
            if (issues.empty() && (to < from || (to - from) / (*bucket * 1000) > 10000))
                issues.push_back(issue(json::array({"query", "from"}),
                                       "from must be before to and the range at most 10000 "
                                       "buckets",
                                       "value_error"));
            if (!issues.empty())
                return validationResponse(issues);
            auto points = engine.metrics(caller, from, to, *bucket * 1000);
            if (!points.ok())
                return errorResponse(points.error());
            json items = json::array();
            for (const auto& p : points.value())
                items.push_back(engine::toJson(p));
            const auto n = static_cast<std::int64_t>(items.size());
            return jsonResponse(200, json{{"items", std::move(items)},
                                          {"total", n},
                                          {"limit", n},
                                          {"offset", 0},
                                          {"from", protocol::formatTime(from)},
                                          {"to", protocol::formatTime(to)},
                                          {"bucket_seconds", *bucket}});
        }
        case Endpoint::AdminReceivePreview: {
            const std::string device = devicePath(req.path).at(0).toStdString();
            auto preview = engine.receivePreview(caller, device);
            if (!preview.ok())
                return errorResponse(preview.error());
            json models = json::array();
            for (const auto& m : preview.value().models)
                models.push_back(
                    json{{"model", m.model}, {"records", m.records}, {"bytes", m.bytes}});
            ApiResponse r = jsonResponse(
                200, json{{"device_id", device},
                          {"app_type", preview.value().app_type ? json(*preview.value().app_type)
                                                                : json(nullptr)},
                          {"models", std::move(models)}});
            r.device = device;
            return r;
        }
        case Endpoint::AdminDeviceHistory: {
            const std::string device = devicePath(req.path).at(0).toStdString();
            auto history = engine.deviceHistory(caller, device);
            if (!history.ok())
                return errorResponse(history.error());
            json rows = json::array();
            for (const auto& h : history.value())
                rows.push_back(engine::toJson(h));
            ApiResponse r = jsonResponse(200, json{{"device_id", device}, {"history", rows}});
            r.device = device;
            return r;
        }
        case Endpoint::AdminLedger: {
            const QStringList parts = devicePath(req.path);
            const std::string device = parts.at(0).toStdString();
            const std::string localId = parts.at(2).toStdString();
            auto found = engine.ledgerLookup(caller, device, localId);
            if (!found.ok())
                return errorResponse(found.error());
            const engine::LedgerLookup& l = found.value();
            auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
            json body = {{"device_id", device}, {"local_id", localId}, {"found", l.found}};
            if (l.found) {
                body["model"] = l.model;
                body["server_id"] = opt(l.server_id);
                body["created"] = l.created;
                body["status"] = l.status;
                body["version"] = opt(l.version);
                body["applied_at"] = opt(l.applied_at);
                body["event_id"] = opt(l.event_id);
                body["conflict_id"] = opt(l.conflict_id);
            }
            ApiResponse r = jsonResponse(200, body);
            r.device = device;
            return r;
        }
        case Endpoint::AdminSummary: {
            auto s = engine.summary(caller);
            if (!s.ok())
                return errorResponse(s.error());
            return jsonResponse(200, engine::toJson(s.value()));
        }
        case Endpoint::AdminOdoo: {
            json items = json::array();
            if (odoo.connections) {
                auto list = odoo.connections(caller.tenant_id);
                if (!list.ok())
                    return errorResponse(list.error());
                for (const auto& c : list.value())
                    items.push_back(protocol::toJson(c));
            }
            return jsonResponse(200, json{{"items", std::move(items)}});
        }
        case Endpoint::AdminOdooTest: {
            static const QString prefix = QStringLiteral("/api/v1/admin/odoo/");
            const QString name = req.path.mid(prefix.size()).section(u'/', 0, 0);
            if (!odoo.test)
                return errorResponse(
                    Error{ErrorCode::NotFound, "the tenant is not attached to Odoo"});
            auto check = odoo.test(caller.tenant_id, name.toStdString());
            if (!check.ok())
                return errorResponse(check.error());
            return jsonResponse(200, protocol::toJson(check.value()));
        }
        case Endpoint::AdminOdooFields: {
            // Field labels and types for the records views; names are checked like the
            // model map's and never reach anything but Odoo's own call.
            const std::string model = query.string("model").value_or("");
            if (model.empty() || model.size() > 128 ||
                !std::all_of(model.begin(), model.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
                }))
                return errorResponse(Error{ErrorCode::ValidationError,
                                           "model: give one Odoo model name, e.g. sale.order"});
            if (!odoo.fields)
                return errorResponse(
                    Error{ErrorCode::NotFound, "the tenant is not attached to Odoo"});
            auto fields = odoo.fields(caller.tenant_id, model);
            if (!fields.ok())
                return errorResponse(fields.error());
            return jsonResponse(200, json{{"model", model}, {"fields", fields.value()}});
        }
        case Endpoint::AdminModelMap: {
            auto map = engine.modelMap(caller);
            if (!map.ok())
                return errorResponse(map.error());
            json body = json::object();
            for (const auto& [appType, models] : map.value()) {
                json list = json::array();
                for (const auto& m : models)
                    list.push_back(
                        json{{"model", m.model},
                             {"priority",
                              m.priority ? json(protocol::toString(*m.priority)) : json(nullptr)},
                             {"category", m.category}});
                body[appType] = std::move(list);
            }
            return jsonResponse(200, body);
        }
        case Endpoint::AdminSetModels: {
            static const QString prefix = QStringLiteral("/api/v1/admin/model-map/");
            const std::string appType = req.path.mid(prefix.size()).toStdString();
            auto body = jsonBody(req);
            if (auto* r = std::get_if<ApiResponse>(&body))
                return std::move(*r);
            const json& j = std::get<json>(body);
            auto validName = [](const std::string& n) {
                return !n.empty() && n.size() <= 128 && std::all_of(n.begin(), n.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
                });
            };
            if (!validName(appType))
                issues.push_back(issue(json::array({"path", "app_type"}),
                                       "app_type may hold a-z, 0-9, '_' and '.'", "value_error"));
            std::vector<storage::ModelEntry> entries;
            if (!j.is_object() || !j.contains("models") || !j["models"].is_array()) {
                issues.push_back(issue(json::array({"body", "models"}),
                                       "Field required: a list of models", "missing"));
            } else {
                for (std::size_t i = 0; i < j["models"].size(); ++i) {
                    const json& m = j["models"][i];
                    storage::ModelEntry e;
                    const json name = m.is_object() ? m.value("model", json()) : m;
                    if (!name.is_string() || !validName(name.get<std::string>())) {
                        issues.push_back(issue(json::array({"body", "models", i, "model"}),
                                               "a model name of a-z, 0-9, '_' and '.'",
                                               "value_error"));
                        continue;
                    }
                    e.model = name.get<std::string>();
                    if (m.is_object() && m.contains("priority") && !m["priority"].is_null()) {
                        const auto p =
                            m["priority"].is_string()
                                ? protocol::parseEventPriority(m["priority"].get<std::string>())
                                : std::nullopt;
                        if (!p)
                            issues.push_back(issue(json::array({"body", "models", i, "priority"}),
                                                   "Input should be 'high', 'medium' or 'low'",
                                                   "enum"));
                        else
                            e.priority = *p;
                    }
                    if (m.is_object() && m.contains("category")) {
                        if (!m["category"].is_string())
                            issues.push_back(issue(json::array({"body", "models", i, "category"}),
                                                   "Input should be a valid string",
                                                   "string_type"));
                        else
                            e.category = m["category"].get<std::string>();
                    }
                    entries.push_back(std::move(e));
                }
            }
            if (!issues.empty())
                return validationResponse(issues);
            if (auto st = engine.setAppTypeModels(caller, appType, entries); !st.ok())
                return errorResponse(st.error());
            return jsonResponse(
                200, json{{"success", true}, {"app_type", appType}, {"models", entries.size()}});
        }
        case Endpoint::Prometheus:
            return prometheus(caller);
        default:
            return jsonResponse(404, json{{"detail", "Not Found"}});
        }
    }

    ApiResponse prometheus(const engine::Caller& caller) {
        std::ostringstream out;
        out << "# HELP bridgecore_http_requests_total HTTP requests answered for this tenant.\n"
               "# TYPE bridgecore_http_requests_total counter\n";
        std::map<std::string, Counter> perEndpoint;
        {
            std::lock_guard lock(statsMutex);
            for (const auto& [key, c] : stats[caller.tenant_id]) {
                out << "bridgecore_http_requests_total{endpoint=\"" << promEscape(key.first)
                    << "\",status=\"" << key.second << "\"} " << c.count << "\n";
                perEndpoint[key.first].count += c.count;
                perEndpoint[key.first].seconds += c.seconds;
            }
        }
        out << "# HELP bridgecore_http_request_duration_seconds Time to answer requests.\n"
               "# TYPE bridgecore_http_request_duration_seconds summary\n";
        for (const auto& [name, c] : perEndpoint) {
            out << "bridgecore_http_request_duration_seconds_sum{endpoint=\"" << name << "\"} "
                << c.seconds << "\n";
            out << "bridgecore_http_request_duration_seconds_count{endpoint=\"" << name << "\"} "
                << c.count << "\n";
        }
        if (auto s = engine.summary(caller); s.ok()) {
            const auto& v = s.value();
            const std::pair<const char*, std::int64_t> gauges[] = {
                {"bridgecore_devices", v.devices},
                {"bridgecore_stale_devices", v.stale_devices},
                {"bridgecore_pending_changes", v.pending_changes},
                {"bridgecore_open_conflicts", v.open_conflicts},
                {"bridgecore_head_event_id", v.head_event_id},
                {"bridgecore_users", v.users}};
            for (const auto& [name, value] : gauges)
                out << "# TYPE " << name << " gauge\n" << name << " " << value << "\n";
        }
        const engine::Health h = engine.health();
        out << "# TYPE bridgecore_database_up gauge\nbridgecore_database_up "
            << (h.database_ok ? 1 : 0) << "\n";
        ApiResponse r;
        r.body = QByteArray::fromStdString(out.str());
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        return r;
    }
};

HttpApi::HttpApi(engine::SyncEngine& engine, auth::Accounts& accounts, ServerConfig config,
                 QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this, engine, accounts, std::move(config))) {
    d->frontend =
        new Frontend([this](const QHttpServerRequest& r, QTcpSocket* s) { d->accept(r, s); },
                     [this](std::unique_ptr<Exchange> x) { d->answer(std::move(x)); }, this);
}

HttpApi::~HttpApi() {
    close();
}

quint16 HttpApi::listen(const QHostAddress& address, quint16 port) {
    auto* server = new GuardedTcpServer(d->connectionLimits(), d->refusals());
    server->setHttpServer(d->frontend);
    connect(server, &GuardedTcpServer::refused, this,
            [this](const QByteArray& method, const QByteArray& path, int status, qint64 bytes) {
                d->logLine(json{{"ts", protocol::formatTime(QDateTime::currentMSecsSinceEpoch())},
                                {"method", method.toStdString()},
                                {"path", path.toStdString()},
                                {"status", status},
                                {"ms", 0},
                                {"tenant", nullptr},
                                {"user", nullptr},
                                {"device", nullptr},
                                {"bytes_in", bytes},
                                {"bytes_out", 0},
                                {"refused", status == 408   ? "head or body timeout (socket guard)"
                                            : status == 431 ? "head limit (socket guard)"
                                                            : "body limit (socket guard)"}});
            });
    if (!server->listen(address, port)) {
        d->error = server->errorString();
        delete server;
        return 0;
    }
    d->frontend->bind(server); // takes ownership
    d->servers.append(server);
    return server->serverPort();
}

void HttpApi::close() {
    for (auto& s : d->servers)
        if (s)
            s->close();
    d->pool.waitForDone();
    d->pushPool.waitForDone();
}

QString HttpApi::errorString() const {
    return d->error;
}
void HttpApi::setOdooAdmin(OdooAdmin admin) {
    d->odoo = std::move(admin);
}

const ServerConfig& HttpApi::config() const {
    return d->config;
}

qint64 HttpApi::rejectedBodies() const {
    qint64 n = 0;
    for (const auto& s : d->servers)
        if (s)
            n += s->rejectedCount();
    return n;
}

} // namespace bridgecore::server
