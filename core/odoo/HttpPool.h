#pragma once
// A small blocking HTTP/1.1 client with a pool of keep-alive connections to one origin, safe to
// use from any thread. Only what talking to Odoo needs: one request at a time per connection,
// Content-Length or chunked bodies, a deadline per request. No request is ever re-sent here:
// the caller decides (OdooClient retries only calls that are safe to repeat).

#include "protocol/Status.h"

#include <map>
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
    /// failed; a response of any status is a value.
    Result<HttpResponse> request(const std::string& method, const std::string& path,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& body, int timeoutMs);

    /// Connections opened so far (for tests of the pool).
    int connectionsOpened() const;

private:
    int takeConnection();
    void giveBack(int fd);

    std::string m_host;
    int m_port;
    int m_maxIdle;
    mutable std::mutex m_mutex;
    std::vector<int> m_idle;
    int m_opened = 0;
};

} // namespace bridgecore::odoo
