#pragma once
// HttpTransport: the offline-sync HTTP API (DESIGN.md §4) over QNetworkAccessManager.
// Logs in, refreshes the access token transparently on a 401 and retries once, gzips large
// request bodies, and turns every failure into an Error with one clear message. Calls block
// the calling thread (run it on a worker thread next to a UI).

#include "client/Transport.h"

#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

class QNetworkAccessManager;
class QThread;

namespace bridgecore::client {

struct LoginResult {
    std::string access_token;
    std::string refresh_token;
    std::int64_t expires_in = 0;
    json user;
    json tenant;
};

class HttpTransport : public Transport {
public:
    /// `baseUrl` like http://127.0.0.1:8080 (the API paths are appended).
    explicit HttpTransport(QUrl baseUrl);
    ~HttpTransport() override;

    /// POST /api/v1/auth/tenant/login; keeps the tokens.
    Result<LoginResult> login(const std::string& email, const std::string& password);
    /// POST /api/v1/auth/tenant/refresh with the kept refresh token; keeps the new tokens.
    Status refresh();
    /// Sets the refresh token (e.g. loaded from the cache); the access token is fetched on use.
    void setRefreshToken(const std::string& token);
    std::string refreshToken() const;
    void setAccessToken(const std::string& token);
    std::string accessToken() const;
    /// What a person should do when the session expired ("log in again (bridgecore-sync
    /// login)" by default; the console says how to log in to it).
    void setLoginHint(const std::string& hint);
    /// Called with the new refresh token whenever the server issues one (to persist it).
    void setTokenListener(std::function<void(const std::string& refreshToken)> listener);
    /// Transfer timeout of each request (default 30 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /// Gzip request bodies above 1 KiB (default: on, except to a loopback address, where
    /// compressing costs CPU on both ends and saves nothing; answers from a loopback address
    /// are asked for uncompressed too).
    void setGzipRequests(bool on) { m_gzip = on; }

    Result<protocol::PushResponse> push(const protocol::PushRequest& request) override;
    Result<protocol::PushResponse> pushText(const std::string& body) override;
    /// Refreshes the access token when there is none yet.
    Status prepare() override;
    void releaseThreadResources() override;
    bool waitsOnNetwork() const override { return true; }
    Result<protocol::PullResponse> pull(const protocol::PullRequest& request) override;
    Result<protocol::ResolveResponse> resolve(const protocol::ResolveRequest& request) override;
    Result<protocol::SyncState> state(const std::string& deviceId) override;
    Result<protocol::ResetResponse> reset(const std::string& deviceId) override;
    /// GET /api/v1/offline-sync/health (no auth).
    Result<json> health();
    /// Any authenticated call of the API (`verb` GET, POST, PUT, DELETE…; `path` like
    /// /api/v1/admin/devices), from any thread: the same token, refresh and error handling
    /// as the sync calls (the console's admin views use it). Blocks the calling thread.
    Result<json> request(const QByteArray& verb, const QString& path, const QUrlQuery& query = {},
                         const json* body = nullptr);

private:
    Result<json> call(const QByteArray& verb, const QString& path, const QByteArray* body,
                      bool auth);
    Result<json> callJson(const QByteArray& verb, const QString& path, const json* body, bool auth);
    /// Reads a 2xx answer's text itself; false leaves it to the json tree (see callOnce).
    using AnswerReader = std::function<bool(std::string_view)>;
    /// A call with the access token; on a 401 one refresh (refreshWith) and one retry.
    Result<json> callWith(QNetworkAccessManager& nam, const QByteArray& verb, const QString& path,
                          const QUrlQuery& query, const QByteArray* body, bool auth,
                          const AnswerReader* reader = nullptr);
    /// A 2xx answer that `reader` took comes back as a null json; any other is parsed.
    Result<json> callOnce(QNetworkAccessManager& nam, const QByteArray& verb, const QString& path,
                          const QUrlQuery& query, const QByteArray* body, bool auth,
                          int* httpStatus, const AnswerReader* reader = nullptr);
    /// Refreshes the tokens unless the access token is no longer `rejectedToken` (another
    /// caller renewed it meanwhile); one refresh at a time.
    Status refreshWith(QNetworkAccessManager& nam, const std::string& rejectedToken);
    std::string loginHint() const;
    QNetworkAccessManager& nam();

    QUrl m_base;
    mutable std::mutex m_tokenMutex;
    std::string m_access, m_refresh;
    std::string m_loginHint = "log in again (bridgecore-sync login)";
    std::mutex m_refreshMutex;
    std::function<void(const std::string&)> m_listener;
    int m_timeoutMs = 30000;
    bool m_gzip = true;
    bool m_loopback = false;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QThread* m_namThread = nullptr;
};

} // namespace bridgecore::client
