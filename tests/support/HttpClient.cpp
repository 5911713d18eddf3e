#include "HttpClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <zlib.h>

namespace bridgecore::testsupport {

QByteArray HttpResponse::header(const std::string& lowerName) const {
    const auto it = headers.find(lowerName);
    return it == headers.end() ? QByteArray() : it->second;
}

nlohmann::json HttpResponse::json() const {
    return nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
}

HttpClient::HttpClient(QString baseUrl)
    : m_base(std::move(baseUrl))
    , m_nam(std::make_unique<QNetworkAccessManager>()) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const QString& path, const HttpRequestOptions& opt) {
    return send("GET", path, {}, opt);
}

HttpResponse HttpClient::post(const QString& path, const QByteArray& body,
                              const HttpRequestOptions& opt) {
    return send("POST", path, body, opt);
}

HttpResponse HttpClient::post(const QString& path, const nlohmann::json& body,
                              const HttpRequestOptions& opt) {
    return send("POST", path, QByteArray::fromStdString(body.dump()), opt);
}

HttpResponse HttpClient::send(const QByteArray& method, const QString& path, const QByteArray& body,
                              const HttpRequestOptions& opt) {
    QNetworkRequest request(QUrl(m_base + path));
    request.setTransferTimeout(opt.timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QByteArray payload = body;
    if (opt.gzipBody) {
        payload = gzip(body);
        request.setRawHeader("Content-Encoding", "gzip");
    }
    for (const auto& [k, v] : opt.headers)
        request.setRawHeader(k, v);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply* reply =
        method == "GET" ? m_nam->get(request) : m_nam->sendCustomRequest(request, method, payload);
    QEventLoop loop;
    // String connections, as in HttpTransport::callOnce: Qt may free a pointer-to-member
    // connection's slot object (allocated here, in our binary) on another thread after an atomic
    // unref ThreadSanitizer cannot see; tests call this from worker threads too.
    QObject::connect(reply, SIGNAL(finished()), &loop, SLOT(quit()));
    QTimer::singleShot(opt.timeoutMs + 1000, &loop, SLOT(quit()));
    if (!reply->isFinished())
        loop.exec();
    HttpResponse r;
    r.ms = double(timer.nsecsElapsed()) / 1e6;
    if (!reply->isFinished()) {
        reply->abort();
        r.error = QStringLiteral("timeout");
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto& [k, v] : reply->rawHeaderPairs())
        r.headers[k.toLower().toStdString()] = v;
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

HttpResponse HttpClient::login(const QString& email, const QString& password) {
    const nlohmann::json body{{"email", email.toStdString()}, {"password", password.toStdString()}};
    HttpResponse r = post(QStringLiteral("/api/v1/auth/tenant/login"), body);
    if (r.status == 200) {
        const auto j = r.json();
        if (j.is_object() && j.contains("access_token") && j["access_token"].is_string())
            m_token = QString::fromStdString(j["access_token"].get<std::string>());
    }
    return r;
}

QByteArray gzip(const QByteArray& data) {
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    out.resize(qsizetype(deflateBound(&s, uLong(data.size()))) + 32);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

QByteArray gunzip(const QByteArray& data) {
    z_stream s{};
    if (inflateInit2(&s, 15 + 32) != Z_OK)
        return {};
    QByteArray out;
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    s.avail_in = uInt(data.size());
    char buf[65536];
    int rc;
    do {
        s.next_out = reinterpret_cast<Bytef*>(buf);
        s.avail_out = sizeof buf;
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        out.append(buf, qsizetype(sizeof buf - s.avail_out));
    } while (rc != Z_STREAM_END);
    inflateEnd(&s);
    return rc == Z_STREAM_END ? out : QByteArray();
}

} // namespace bridgecore::testsupport
