#pragma once
// A small blocking HTTP/1.1 client for tests and benchmarks (QNetworkAccessManager with a
// local event loop). One instance per thread. Responses keep the raw body: when a request
// sets Accept-Encoding itself the body arrives as the server sent it (gzip), otherwise Qt
// negotiates and decompresses.

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

class QNetworkAccessManager;

namespace bridgecore::testsupport {

struct HttpResponse {
    int status = 0;  // 0 when no HTTP answer came (connection error, timeout)
    QByteArray body; // as received
    std::map<std::string, QByteArray> headers; // names lower-cased
    QString error;                             // transport error, if any
    double ms = 0;                             // round-trip time

    /// Header value or empty.
    QByteArray header(const std::string& lowerName) const;
    /// The body parsed as JSON (null when it is not JSON).
    nlohmann::json json() const;
};

struct HttpRequestOptions {
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    bool gzipBody = false; // compress the body and send Content-Encoding: gzip
    int timeoutMs = 60000;
};

class HttpClient {
public:
    explicit HttpClient(QString baseUrl);
    ~HttpClient();

    /// Bearer token added to every request ("" = none).
    void setToken(const QString& accessToken) { m_token = accessToken; }
    const QString& token() const { return m_token; }

    HttpResponse get(const QString& pathAndQuery, const HttpRequestOptions& opt = {});
    HttpResponse post(const QString& pathAndQuery, const QByteArray& body,
                      const HttpRequestOptions& opt = {});
    HttpResponse post(const QString& pathAndQuery, const nlohmann::json& body,
                      const HttpRequestOptions& opt = {});
    HttpResponse send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
                      const HttpRequestOptions& opt = {});

    /// POST /api/v1/auth/tenant/login; on success remembers and returns the access token.
    HttpResponse login(const QString& email, const QString& password);

private:
    QString m_base;
    QString m_token;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

/// gzip and gunzip helpers for tests.
QByteArray gzip(const QByteArray& data);
QByteArray gunzip(const QByteArray& data);

} // namespace bridgecore::testsupport
