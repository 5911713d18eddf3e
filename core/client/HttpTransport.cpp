#include "client/HttpTransport.h"

#include "protocol/PushAnswerText.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QMetaMethod>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QUrlQuery>

#include <zlib.h>

namespace bridgecore::client {

namespace {

QByteArray gzip(const QByteArray& in) {
    z_stream zs{};
    // Fastest level: a 1,000-change body compresses ~5x at a fraction of the default cost.
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(in.size())) + 32));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.resize(static_cast<qsizetype>(zs.total_out));
    return out;
}

ErrorCode codeForStatus(int status) {
    switch (status) {
    case 400:
    case 422:
        return ErrorCode::ValidationError;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 413:
        return ErrorCode::PayloadTooLarge;
    case 429:
        return ErrorCode::RateLimited;
    default:
        return status >= 500 ? ErrorCode::Internal : ErrorCode::ValidationError;
    }
}

std::string detailOf(const json& body) {
    if (!body.is_object() || !body.contains("detail"))
        return {};
    const json& d = body["detail"];
    if (d.is_string())
        return d.get<std::string>();
    if (d.is_array()) {
        std::string out;
        for (const auto& issue : d) {
            if (!out.empty())
                out += "; ";
            if (issue.is_object())
                out += issue.value("loc", json::array()).dump() + " " +
                       issue.value("msg", std::string());
            else
                out += issue.dump();
        }
        return out;
    }
    return d.dump();
}

template <typename T, typename F> Result<T> convert(Result<json> r, F&& f) {
    if (!r.ok())
        return r.error();
    try {
        return f(r.value());
    } catch (const json::exception& e) {
        return Error{ErrorCode::Internal,
                     std::string("the server sent a malformed response: ") + e.what()};
    }
}

} // namespace

HttpTransport::HttpTransport(QUrl baseUrl)
    : m_base(std::move(baseUrl)) {
    const QString host = m_base.host();
    m_loopback = host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
    m_gzip = !m_loopback;
}

HttpTransport::~HttpTransport() {
    if (m_nam && m_namThread != QThread::currentThread())
        m_nam.release()->deleteLater();
}

QNetworkAccessManager& HttpTransport::nam() {
    if (!m_nam || m_namThread != QThread::currentThread()) {
        if (m_nam)
            m_nam.release()->deleteLater();
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_namThread = QThread::currentThread();
    }
    return *m_nam;
}

void HttpTransport::setRefreshToken(const std::string& token) {
    std::lock_guard lock(m_tokenMutex);
    m_refresh = token;
}

std::string HttpTransport::refreshToken() const {
    std::lock_guard lock(m_tokenMutex);
    return m_refresh;
}

void HttpTransport::setAccessToken(const std::string& token) {
    std::lock_guard lock(m_tokenMutex);
    m_access = token;
}

std::string HttpTransport::accessToken() const {
    std::lock_guard lock(m_tokenMutex);
    return m_access;
}

void HttpTransport::setLoginHint(const std::string& hint) {
    std::lock_guard lock(m_tokenMutex);
    m_loginHint = hint;
}

std::string HttpTransport::loginHint() const {
    std::lock_guard lock(m_tokenMutex);
    return m_loginHint;
}

void HttpTransport::setTokenListener(std::function<void(const std::string&)> listener) {
    std::lock_guard lock(m_tokenMutex);
    m_listener = std::move(listener);
}

Result<json> HttpTransport::callOnce(QNetworkAccessManager& nam, const QByteArray& verb,
                                     const QString& path, const QUrlQuery& query,
                                     const QByteArray* body, bool auth, int* httpStatus,
                                     const AnswerReader* reader) {
    *httpStatus = 0;
    QUrl url = m_base;
    const int q = path.indexOf(QLatin1Char('?'));
    QString basePath = m_base.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    else if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setRawHeader("Accept", "application/json");
    // Answers uncompressed on this machine, for the reason requests are (see setGzipRequests);
    // elsewhere QNetworkAccessManager asks for gzip and inflates the answer itself.
    if (m_loopback)
        req.setRawHeader("Accept-Encoding", "identity");
    req.setTransferTimeout(m_timeoutMs);
    if (auth) {
        const std::string token = accessToken();
        if (!token.empty())
            req.setRawHeader("Authorization",
                             QByteArray("Bearer ") + QByteArray::fromStdString(token));
    }
    QByteArray payload;
    if (body) {
        payload = *body;
        if (m_gzip && payload.size() > 1024) {
            QByteArray z = gzip(payload);
            if (!z.isEmpty()) {
                payload = z;
                req.setRawHeader("Content-Encoding", "gzip");
            }
        }
    }
    QNetworkReply* reply = verb == "GET"    ? nam.get(req)
                           : verb == "POST" ? nam.post(req, payload)
                                            : nam.sendCustomRequest(req, verb, payload);
    QEventLoop loop;
    // A connection by meta-method on purpose: a pointer-to-member connect allocates its slot
    // object in our binary, and Qt may free it on its HTTP thread after an atomic unref that
    // ThreadSanitizer cannot see (uninstrumented Qt); it reported that free as a race (exit 66
    // of the CLI in test_client_faults). A meta-method connection's state lives wholly inside
    // Qt, as a string connection's does, without parsing the signatures at every request
    // (the string form was ~7 % of the client's CPU with 50-change pushes).
    static const QMetaMethod finished = QMetaMethod::fromSignal(&QNetworkReply::finished);
    static const QMetaMethod quit =
        QEventLoop::staticMetaObject.method(QEventLoop::staticMetaObject.indexOfSlot("quit()"));
    QObject::connect(reply, finished, &loop, quit);
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray text = reply->readAll();
    const auto netError = reply->error();
    const QString errorString = reply->errorString();
    const QByteArray retryAfter = reply->rawHeader("Retry-After");
    // Deleted now, not later: a caller without an event loop (the CLI, SyncClient's wire
    // thread) would never get to a deferred delete, and each reply keeps its buffers (a
    // 1,000,000-event pull grew to 227 MB that way).
    delete reply;
    *httpStatus = status;
    // the address, for errors only
    const auto where = [&url] { return url.toString().toStdString(); };
    if (status == 0) {
        if (netError == QNetworkReply::OperationCanceledError ||
            netError == QNetworkReply::TimeoutError)
            return Error{ErrorCode::Network, "network: no answer from " + where() + " within " +
                                                 std::to_string(m_timeoutMs) + " ms"};
        const bool unreachable = netError == QNetworkReply::ConnectionRefusedError ||
                                 netError == QNetworkReply::HostNotFoundError;
        return Error{unreachable ? ErrorCode::Unreachable : ErrorCode::Network,
                     "network: " + errorString.toStdString() + " (" + where() + ")"};
    }
    if (reader && status >= 200 && status < 300 &&
        (*reader)(std::string_view(text.constData(), std::size_t(text.size()))))
        return json();
    json doc = json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (status >= 200 && status < 300) {
        if (doc.is_discarded())
            return Error{ErrorCode::Internal, "the server sent invalid JSON (" + where() + ")"};
        return doc;
    }
    std::string detail = doc.is_discarded() ? text.left(200).toStdString() : detailOf(doc);
    ErrorCode code = codeForStatus(status);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("error_code") &&
        doc["error_code"].is_string())
        if (auto c = parseErrorCode(doc["error_code"].get<std::string>()))
            code = *c;
    std::string msg = "HTTP " + std::to_string(status) + " from " + where();
    if (!detail.empty())
        msg += ": " + detail;
    if (!retryAfter.isEmpty())
        msg += " (retry after " + retryAfter.toStdString() + " s)";
    return Error{code, msg};
}

Result<json> HttpTransport::callJson(const QByteArray& verb, const QString& path, const json* body,
                                     bool auth) {
    if (!body)
        return call(verb, path, nullptr, auth);
    const QByteArray text = QByteArray::fromStdString(body->dump());
    return call(verb, path, &text, auth);
}

Status HttpTransport::prepare() {
    if (accessToken().empty() && !refreshToken().empty())
        return refresh();
    return Status::success();
}

void HttpTransport::releaseThreadResources() {
    if (m_nam && m_namThread == QThread::currentThread()) {
        m_nam.reset();
        m_namThread = nullptr;
    }
}

Result<json> HttpTransport::call(const QByteArray& verb, const QString& path,
                                 const QByteArray* body, bool auth) {
    return callWith(nam(), verb, path, {}, body, auth);
}

Result<json> HttpTransport::request(const QByteArray& verb, const QString& path,
                                    const QUrlQuery& query, const json* body) {
    // A manager of this call's own: callers run on any thread (a console's worker pool),
    // and the kept manager belongs to the sync thread.
    QNetworkAccessManager nam;
    const QByteArray text = body ? QByteArray::fromStdString(body->dump()) : QByteArray();
    return callWith(nam, verb, path, query, body ? &text : nullptr, true);
}

Result<json> HttpTransport::callWith(QNetworkAccessManager& nam, const QByteArray& verb,
                                     const QString& path, const QUrlQuery& query,
                                     const QByteArray* body, bool auth,
                                     const AnswerReader* reader) {
    if (auth && accessToken().empty() && !refreshToken().empty()) {
        if (Status st = refreshWith(nam, std::string()); !st.ok())
            return st.error();
    }
    int status = 0;
    const std::string usedToken = accessToken();
    auto r = callOnce(nam, verb, path, query, body, auth, &status, reader);
    if (auth && status == 401 && !refreshToken().empty()) {
        if (Status st = refreshWith(nam, usedToken); !st.ok())
            return st.error();
        r = callOnce(nam, verb, path, query, body, auth, &status, reader);
    }
    if (!r.ok() && status == 401)
        return Error{ErrorCode::Unauthorized, r.error().message + " — " + loginHint()};
    return r;
}

Result<LoginResult> HttpTransport::login(const std::string& email, const std::string& password) {
    const QByteArray body =
        QByteArray::fromStdString(json{{"email", email}, {"password", password}}.dump());
    int status = 0;
    auto r = callOnce(nam(), "POST", QStringLiteral("/api/v1/auth/tenant/login"), {}, &body, false,
                      &status);
    if (!r.ok())
        return r.error();
    LoginResult out;
    try {
        const json& j = r.value();
        out.access_token = j.at("access_token").get<std::string>();
        out.refresh_token = j.value("refresh_token", std::string());
        out.expires_in = protocol::int64Field(j, "expires_in");
        out.user = j.value("user", json(nullptr));
        out.tenant = j.value("tenant", json(nullptr));
    } catch (const json::exception& e) {
        return Error{ErrorCode::Internal, std::string("malformed login response: ") + e.what()};
    }
    std::function<void(const std::string&)> listener;
    {
        std::lock_guard lock(m_tokenMutex);
        m_access = out.access_token;
        m_refresh = out.refresh_token;
        listener = m_listener;
    }
    if (listener && !out.refresh_token.empty())
        listener(out.refresh_token);
    return out;
}

Status HttpTransport::refresh() {
    return refreshWith(nam(), accessToken());
}

Status HttpTransport::refreshWith(QNetworkAccessManager& nam, const std::string& rejectedToken) {
    // One refresh at a time: a refresh token is used once, and a caller whose token another
    // thread renewed meanwhile goes on with the new one.
    std::lock_guard refreshing(m_refreshMutex);
    if (accessToken() != rejectedToken)
        return Status::success();
    const std::string token = refreshToken();
    if (token.empty())
        return Error{ErrorCode::Unauthorized, "not logged in (no refresh token)"};
    const QByteArray body = QByteArray::fromStdString(json{{"refresh_token", token}}.dump());
    int status = 0;
    auto r = callOnce(nam, "POST", QStringLiteral("/api/v1/auth/tenant/refresh"), {}, &body, false,
                      &status);
    if (!r.ok()) {
        if (status == 401 || status == 403)
            return Error{ErrorCode::Unauthorized, "the session expired (refresh refused: " +
                                                      r.error().message + ") — " + loginHint()};
        return r.error();
    }
    const json& j = r.value();
    if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
        return Error{ErrorCode::Internal, "malformed refresh response"};
    std::function<void(const std::string&)> listener;
    std::string newRefresh;
    {
        std::lock_guard lock(m_tokenMutex);
        m_access = j["access_token"].get<std::string>();
        if (j.contains("refresh_token") && j["refresh_token"].is_string())
            m_refresh = j["refresh_token"].get<std::string>();
        newRefresh = m_refresh;
        listener = m_listener;
    }
    if (listener)
        listener(newRefresh);
    return Status::success();
}

Result<protocol::PushResponse> HttpTransport::push(const protocol::PushRequest& request) {
    const json body = protocol::toJson(request);
    return convert<protocol::PushResponse>(
        callJson("POST", QStringLiteral("/api/v1/offline-sync/push"), &body, true),
        [](const json& j) { return protocol::pushResponseFromJson(j); });
}

Result<protocol::PushResponse> HttpTransport::pushText(const std::string& body) {
    const QByteArray text = QByteArray::fromStdString(body);
    // The answer in the server's own shape is read straight from its text (a json tree of a
    // 1,000-change answer cost ~3.5 ms); anything else (a conflict, another server's extra
    // fields) through the tree.
    std::optional<protocol::PushResponse> read;
    const AnswerReader reader = [&read](std::string_view answer) {
        read = protocol::pushResponseFromText(answer);
        return read.has_value();
    };
    auto r = callWith(nam(), "POST", QStringLiteral("/api/v1/offline-sync/push"), {}, &text, true,
                      &reader);
    if (r.ok() && read)
        return *std::move(read);
    return convert<protocol::PushResponse>(
        std::move(r), [](const json& j) { return protocol::pushResponseFromJson(j); });
}

Result<protocol::PullResponse> HttpTransport::pull(const protocol::PullRequest& request) {
    const json body = protocol::toJson(request);
    return convert<protocol::PullResponse>(
        callJson("POST", QStringLiteral("/api/v1/offline-sync/pull"), &body, true),
        [](const json& j) { return protocol::pullResponseFromJson(j); });
}

Result<protocol::ResolveResponse> HttpTransport::resolve(const protocol::ResolveRequest& request) {
    const json body = protocol::toJson(request);
    return convert<protocol::ResolveResponse>(
        callJson("POST", QStringLiteral("/api/v1/offline-sync/resolve-conflicts"), &body, true),
        [](const json& j) { return protocol::resolveResponseFromJson(j); });
}

namespace {
QString withDevice(const char* path, const std::string& deviceId) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("device_id"), QString::fromStdString(deviceId));
    return QString::fromLatin1(path) + QLatin1Char('?') + q.toString(QUrl::FullyEncoded);
}
} // namespace

Result<protocol::SyncState> HttpTransport::state(const std::string& deviceId) {
    return convert<protocol::SyncState>(
        call("GET", withDevice("/api/v1/offline-sync/state", deviceId), nullptr, true),
        [](const json& j) { return protocol::syncStateFromJson(j); });
}

Result<protocol::ResetResponse> HttpTransport::reset(const std::string& deviceId) {
    const json body = json::object();
    return convert<protocol::ResetResponse>(
        callJson("POST", withDevice("/api/v1/offline-sync/reset", deviceId), &body, true),
        [](const json& j) {
            protocol::ResetResponse r;
            r.success = j.value("success", true);
            r.message = j.value("message", std::string());
            r.device_id = j.value("device_id", std::string());
            return r;
        });
}

Result<json> HttpTransport::health() {
    return call("GET", QStringLiteral("/api/v1/offline-sync/health"), nullptr, false);
}

} // namespace bridgecore::client
