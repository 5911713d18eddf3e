#pragma once
// A small blocking HTTP/1.1 client with a pool of keep-alive connections to one origin, safe to
// use from any thread. Only what talking to Odoo needs: one request at a time per connection,
// Content-Length or chunked bodies, a deadline per request. No request is ever re-sent here:
// the caller decides (OdooClient retries only calls that are safe to repeat).
// With enableTls(), requests go over TLS (Qt's QSslSocket, the OpenSSL backend), verifying the
// server's certificate and name against the system's CA store plus an optional CA file. A
// QSslSocket belongs to the thread that made it, and requests come from any thread, so TLS
// connections are kept per thread: a thread's next request to the same pool reuses its
// connection (no new handshake) unless the server closed it meanwhile.

#include "protocol/Status.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace bridgecore::odoo {

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
};

class HttpPool {
public:
    /// `host` is a name or a numeric address; at most `maxIdle` idle connections are kept.
    HttpPool(std::string host, int port, int maxIdle = 8);
    ~HttpPool();
    HttpPool(const HttpPool&) = delete;
    HttpPool& operator=(const HttpPool&) = delete;

    /// Sends one request and reads its response within `timeoutMs`. Network failures (refused,
    /// timed out, closed before a complete response) are OdooUnavailable errors naming what
    /// failed; a response of any status is a value. `retryable`, when given, is set false for
    /// a failure another attempt cannot mend: the peer's TLS certificate was refused.
    Result<HttpResponse> request(const std::string& method, const std::string& path,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& body, int timeoutMs, bool* retryable = nullptr);

    /// Connections opened so far (for tests of the pool).
    int connectionsOpened() const;

    /// Speaks TLS from now on. `caFile` (PEM, may be empty) adds certificates to the system's
    /// CA store, e.g. the CA of a self-signed Odoo. ValidationError when Qt has no TLS backend
    /// or the file holds no certificate.
    Status enableTls(const std::string& caFile);
    bool tls() const { return m_tls != nullptr; }

private:
    struct Tls;
    int takeConnection();
    void giveBack(int fd);
    Result<HttpResponse> requestTls(const std::string& req, int timeoutMs, bool* retryable);

    std::string m_host;
    int m_port;
    int m_maxIdle;
    mutable std::mutex m_mutex;
    std::vector<int> m_idle;
    int m_opened = 0;
    std::unique_ptr<Tls> m_tls;
    std::uint64_t m_serial; // names this pool's kept TLS connections in each thread
};

} // namespace bridgecore::odoo
