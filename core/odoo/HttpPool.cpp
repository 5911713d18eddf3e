#include "odoo/HttpPool.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QThreadStorage>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bridgecore::odoo {

namespace {

using Clock = std::chrono::steady_clock;

Error unavailable(const std::string& what) {
    return Error{ErrorCode::OdooUnavailable, what};
}

int msLeft(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(left) : 0;
}

/// Waits until `fd` is ready for `events`; false on timeout.
bool waitFor(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, msLeft(deadline));
        if (n > 0)
            return true;
        if (n == 0)
            return false;
        if (errno != EINTR)
            return false;
    }
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/// One connection's bytes: a plain socket, or a TLS session.
class Channel {
public:
    virtual ~Channel() = default;
    /// Sends all of `data`; errors name what failed.
    virtual Status sendAll(const std::string& data, Clock::time_point deadline,
                           const std::string& where) = 0;
    /// Appends what arrives to `buf`; `eof` at the end of the stream.
    virtual Status receiveSome(std::string& buf, Clock::time_point deadline, int timeoutMs,
                               bool& eof) = 0;
};

class FdChannel final : public Channel {
public:
    explicit FdChannel(int fd)
        : m_fd(fd) {}
    Status sendAll(const std::string& data, Clock::time_point deadline,
                   const std::string& where) override {
        std::size_t sent = 0;
        while (sent < data.size()) {
            if (!waitFor(m_fd, POLLOUT, deadline))
                return unavailable("sending to " + where + " timed out");
            const ssize_t n = ::send(m_fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN)
                    continue;
                return unavailable("sending to " + where + " failed: " + std::strerror(errno));
            }
            sent += std::size_t(n);
        }
        return Status::success();
    }
    Status receiveSome(std::string& buf, Clock::time_point deadline, int timeoutMs,
                       bool& eof) override {
        char chunk[16384];
        for (;;) {
            if (!waitFor(m_fd, POLLIN, deadline))
                return unavailable("no response within " + std::to_string(timeoutMs) + " ms");
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n == 0) {
                eof = true;
                return Status::success();
            }
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN)
                    continue;
                return unavailable(std::string("connection lost: ") + std::strerror(errno));
            }
            buf.append(chunk, std::size_t(n));
            return Status::success();
        }
    }

private:
    int m_fd;
};

class TlsChannel final : public Channel {
public:
    explicit TlsChannel(QSslSocket& socket)
        : m_socket(socket) {}
    Status sendAll(const std::string& data, Clock::time_point deadline,
                   const std::string& where) override {
        if (m_socket.write(data.data(), qint64(data.size())) != qint64(data.size()))
            return unavailable("sending to " + where +
                               " failed: " + m_socket.errorString().toStdString());
        while (m_socket.bytesToWrite() > 0)
            if (!m_socket.waitForBytesWritten(std::max(1, msLeft(deadline))))
                return unavailable("sending to " + where + " failed: " +
                                   (msLeft(deadline) == 0 ? std::string("timed out")
                                                          : m_socket.errorString().toStdString()));
        return Status::success();
    }
    Status receiveSome(std::string& buf, Clock::time_point deadline, int timeoutMs,
                       bool& eof) override {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(msLeft(deadline))) {
            if (m_socket.state() != QAbstractSocket::ConnectedState ||
                m_socket.error() == QAbstractSocket::RemoteHostClosedError) {
                const QByteArray rest = m_socket.readAll();
                buf.append(rest.constData(), std::size_t(rest.size()));
                eof = rest.isEmpty();
                return Status::success();
            }
            if (msLeft(deadline) == 0)
                return unavailable("no response within " + std::to_string(timeoutMs) + " ms");
            return unavailable("connection lost: " + m_socket.errorString().toStdString());
        }
        const QByteArray got = m_socket.readAll();
        buf.append(got.constData(), std::size_t(got.size()));
        return Status::success();
    }

private:
    QSslSocket& m_socket;
};

/// Reads from `ch` into `buf` until `done(buf)` says enough (or the stream ends).
Status readUntil(Channel& ch, std::string& buf, Clock::time_point deadline, int timeoutMs,
                 const std::function<bool(const std::string&)>& done, bool& eof) {
    eof = false;
    while (!done(buf)) {
        if (Status s = ch.receiveSome(buf, deadline, timeoutMs, eof); !s.ok())
            return s;
        if (eof)
            return Status::success();
    }
    return Status::success();
}

/// Decodes a complete chunked body starting at `from`; nullopt while incomplete.
std::optional<std::string> dechunk(const std::string& buf, std::size_t from) {
    std::string out;
    std::size_t pos = from;
    for (;;) {
        const auto eol = buf.find("\r\n", pos);
        if (eol == std::string::npos)
            return std::nullopt;
        std::size_t size = 0;
        try {
            size = std::stoul(buf.substr(pos, eol - pos), nullptr, 16);
        } catch (...) {
            return std::string("\x01"
                               "bad chunk");
        }
        pos = eol + 2;
        if (size == 0)
            return buf.find("\r\n", pos) == std::string::npos ? std::nullopt
                                                              : std::optional<std::string>(out);
        if (buf.size() < pos + size + 2)
            return std::nullopt;
        out.append(buf, pos, size);
        pos += size + 2;
    }
}

/// Reads one response from `ch`; `reusable` when the connection may carry another request.
Result<HttpResponse> readResponse(Channel& ch, Clock::time_point deadline, int timeoutMs,
                                  bool& reusable, bool& eof) {
    std::string buf;
    auto fail = [](const std::string& what) -> Result<HttpResponse> { return unavailable(what); };
    Status s = readUntil(
        ch, buf, deadline, timeoutMs,
        [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; }, eof);
    if (!s.ok())
        return fail(s.error().message);
    const auto headEnd = buf.find("\r\n\r\n");
    if (headEnd == std::string::npos)
        return fail("connection closed before the response");

    HttpResponse resp;
    std::size_t lineEnd = buf.find("\r\n");
    const std::string statusLine = buf.substr(0, lineEnd);
    if (statusLine.rfind("HTTP/1.", 0) != 0 || statusLine.size() < 12)
        return fail("not an HTTP response");
    try {
        resp.status = std::stoi(statusLine.substr(9, 3));
    } catch (...) {
        return fail("not an HTTP response");
    }
    std::size_t pos = lineEnd + 2;
    while (pos < headEnd) {
        const auto e = buf.find("\r\n", pos);
        const std::string line = buf.substr(pos, e - pos);
        if (const auto colon = line.find(':'); colon != std::string::npos) {
            std::string v = line.substr(colon + 1);
            v.erase(0, v.find_first_not_of(" \t"));
            resp.headers[lower(line.substr(0, colon))] = v;
        }
        pos = e + 2;
    }
    const std::size_t bodyStart = headEnd + 4;
    reusable = lower(resp.headers["connection"]) != "close" && statusLine.rfind("HTTP/1.1", 0) == 0;
    if (resp.headers.count("content-length")) {
        std::size_t len = 0;
        try {
            len = std::stoul(resp.headers["content-length"]);
        } catch (...) {
            return fail("bad Content-Length");
        }
        s = readUntil(
            ch, buf, deadline, timeoutMs,
            [&](const std::string& b) { return b.size() >= bodyStart + len; }, eof);
        if (!s.ok())
            return fail(s.error().message);
        if (buf.size() < bodyStart + len)
            return fail("connection closed in the middle of the response");
        resp.body = buf.substr(bodyStart, len);
    } else if (lower(resp.headers["transfer-encoding"]).find("chunked") != std::string::npos) {
        s = readUntil(
            ch, buf, deadline, timeoutMs,
            [&](const std::string& b) { return dechunk(b, bodyStart).has_value(); }, eof);
        if (!s.ok())
            return fail(s.error().message);
        auto decoded = dechunk(buf, bodyStart);
        if (!decoded || (!decoded->empty() && (*decoded)[0] == '\x01'))
            return fail("connection closed in the middle of the response");
        resp.body = std::move(*decoded);
    } else {
        // No length: the body runs to the end of the connection.
        s = readUntil(
            ch, buf, deadline, timeoutMs, [](const std::string&) { return false; }, eof);
        if (!s.ok())
            return fail(s.error().message);
        resp.body = buf.substr(bodyStart);
        reusable = false;
    }
    return resp;
}

} // namespace

struct HttpPool::Tls {
    QSslConfiguration config;
};

namespace {
/// This thread's kept TLS connections, by pool serial: a QSslSocket belongs to the thread that
/// made it, so each thread keeps its own. QThreadStorage deletes them when the thread ends
/// (before a QThread's event dispatcher goes). A thread keeps at most kTlsKeptPerThread (the
/// oldest pool's goes first; a destroyed pool's is never asked for again).
constexpr std::size_t kTlsKeptPerThread = 16;
using ThreadTls = std::map<std::uint64_t, std::unique_ptr<QSslSocket>>;
QThreadStorage<ThreadTls*> threadTls;
std::atomic<std::uint64_t> poolSerials{0};

ThreadTls& keptTls() {
    if (!threadTls.hasLocalData())
        threadTls.setLocalData(new ThreadTls);
    return *threadTls.localData();
}

/// Whether a kept connection can carry another request: still connected, nothing unread,
/// and the peer has not closed it (its socket is not readable).
bool stillUsable(QSslSocket& socket) {
    if (socket.state() != QAbstractSocket::ConnectedState || !socket.isEncrypted() ||
        socket.bytesAvailable() > 0)
        return false;
    const auto fd = socket.socketDescriptor();
    if (fd < 0)
        return false;
    pollfd p{int(fd), POLLIN, 0};
    return ::poll(&p, 1, 0) == 0;
}
} // namespace

HttpPool::HttpPool(std::string host, int port, int maxIdle)
    : m_host(std::move(host))
    , m_port(port)
    , m_maxIdle(maxIdle)
    , m_serial(++poolSerials) {}

HttpPool::~HttpPool() {
    for (int fd : m_idle)
        ::close(fd);
    // This thread's kept TLS connection goes with the pool (other threads' go with them).
    if (threadTls.hasLocalData())
        threadTls.localData()->erase(m_serial);
}

int HttpPool::connectionsOpened() const {
    std::lock_guard lock(m_mutex);
    return m_opened;
}

int HttpPool::takeConnection() {
    std::lock_guard lock(m_mutex);
    while (!m_idle.empty()) {
        const int fd = m_idle.back();
        m_idle.pop_back();
        // An idle connection that is readable was closed by the server (or holds garbage).
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 0) == 0)
            return fd;
        ::close(fd);
    }
    return -1;
}

void HttpPool::giveBack(int fd) {
    std::lock_guard lock(m_mutex);
    if (int(m_idle.size()) < m_maxIdle)
        m_idle.push_back(fd);
    else
        ::close(fd);
}

Result<HttpResponse>
HttpPool::request(const std::string& method, const std::string& path,
                  const std::vector<std::pair<std::string, std::string>>& headers,
                  const std::string& body, int timeoutMs, bool* retryable) {
    if (retryable)
        *retryable = true;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    const std::string where = m_host + ":" + std::to_string(m_port);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: " + where +
                      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    for (const auto& [k, v] : headers)
        req += k + ": " + v + "\r\n";
    req += "\r\n";
    req += body;
    if (m_tls)
        return requestTls(req, timeoutMs, retryable);
    int fd = takeConnection();
    if (fd < 0) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* res = nullptr;
        if (const int rc =
                ::getaddrinfo(m_host.c_str(), std::to_string(m_port).c_str(), &hints, &res);
            rc != 0)
            return unavailable("cannot resolve " + m_host + ": " + ::gai_strerror(rc));
        std::string lastError = "no address";
        for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
            fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          a->ai_protocol);
            if (fd < 0)
                continue;
            int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
            if (rc != 0 && errno == EINPROGRESS) {
                if (!waitFor(fd, POLLOUT, deadline)) {
                    lastError = "timed out";
                    ::close(fd);
                    fd = -1;
                    continue;
                }
                int err = 0;
                socklen_t len = sizeof err;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
                rc = err == 0 ? 0 : -1;
                errno = err;
            }
            if (rc != 0) {
                lastError = std::strerror(errno);
                ::close(fd);
                fd = -1;
            }
        }
        ::freeaddrinfo(res);
        if (fd < 0)
            return unavailable("cannot connect to " + where + ": " + lastError);
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(m_mutex);
        ++m_opened;
    }

    FdChannel channel(fd);
    if (Status sent = channel.sendAll(req, deadline, where); !sent.ok()) {
        ::close(fd);
        return sent.error();
    }
    bool reusable = false, eof = false;
    auto resp = readResponse(channel, deadline, timeoutMs, reusable, eof);
    if (!resp.ok()) {
        ::close(fd);
        return unavailable(resp.error().message + " (" + where + ")");
    }
    if (reusable && !eof)
        giveBack(fd);
    else
        ::close(fd);
    return resp;
}

Status HttpPool::enableTls(const std::string& caFile) {
    if (!QSslSocket::supportsSsl())
        return Error{ErrorCode::ValidationError,
                     "https:// needs Qt's TLS backend, which cannot load here (is libssl3 "
                     "installed?)"};
    QSslConfiguration config = QSslConfiguration::defaultConfiguration(); // the system's CAs
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!caFile.empty()) {
        QFile f(QString::fromStdString(caFile));
        if (!f.open(QIODevice::ReadOnly))
            return Error{ErrorCode::ValidationError, "cannot read the CA file " + caFile + ": " +
                                                         f.errorString().toStdString()};
        const auto certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
        if (certs.isEmpty())
            return Error{ErrorCode::ValidationError,
                         "the CA file " + caFile + " holds no PEM certificate"};
        config.addCaCertificates(certs);
    }
    m_tls = std::make_unique<Tls>(Tls{config});
    return Status::success();
}

Result<HttpResponse> HttpPool::requestTls(const std::string& req, int timeoutMs, bool* retryable) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    const std::string where = m_host + ":" + std::to_string(m_port);
    ThreadTls& kept = keptTls();
    std::unique_ptr<QSslSocket> socket;
    if (auto it = kept.find(m_serial); it != kept.end()) {
        socket = std::move(it->second);
        kept.erase(it);
        if (!stillUsable(*socket)) {
            socket->abort();
            socket.reset();
        }
    }
    if (!socket) {
        socket = std::make_unique<QSslSocket>();
        socket->setSslConfiguration(m_tls->config);
        socket->setPeerVerifyName(QString::fromStdString(m_host));
        socket->connectToHostEncrypted(QString::fromStdString(m_host), quint16(m_port));
        if (!socket->waitForEncrypted(std::max(1, msLeft(deadline)))) {
            std::string why;
            for (const QSslError& e : socket->sslHandshakeErrors())
                why += (why.empty() ? "" : "; ") + e.errorString().toStdString();
            if (!why.empty()) { // the certificate: refused again however often asked
                if (retryable)
                    *retryable = false;
                return unavailable("TLS handshake with " + where + " failed: " + why);
            }
            if (socket->error() == QAbstractSocket::SslHandshakeFailedError ||
                socket->error() == QAbstractSocket::SslInternalError ||
                socket->error() == QAbstractSocket::SslInvalidUserDataError)
                return unavailable("TLS handshake with " + where +
                                   " failed: " + socket->errorString().toStdString());
            if (msLeft(deadline) == 0)
                return unavailable("cannot connect to " + where + ": timed out");
            return unavailable("cannot connect to " + where + ": " +
                               socket->errorString().toStdString());
        }
        std::lock_guard lock(m_mutex);
        ++m_opened;
    }
    TlsChannel channel(*socket);
    if (Status sent = channel.sendAll(req, deadline, where); !sent.ok()) {
        socket->abort();
        return sent.error();
    }
    bool reusable = false, eof = false;
    auto resp = readResponse(channel, deadline, timeoutMs, reusable, eof);
    if (!resp.ok()) {
        socket->abort();
        return unavailable(resp.error().message + " (" + where + ")");
    }
    if (reusable && !eof) { // kept for this thread's next request to this origin
        if (kept.size() >= kTlsKeptPerThread)
            kept.erase(kept.begin());
        kept[m_serial] = std::move(socket);
    } else {
        socket->abort();
    }
    return resp;
}

} // namespace bridgecore::odoo
