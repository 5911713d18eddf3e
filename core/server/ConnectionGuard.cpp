#include "ConnectionGuard.h"

#include <memory>
#include <utility>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bridgecore::server {

namespace {

/// Index just past the blank line that ends a request head in `head` followed by `more`
/// (`n` bytes), counted from the start of `head` (CRLF or bare LF line ends, as QtHttpServer's
/// parser accepts both), looking from index `from`; -1 when not there yet. The bytes after the
/// head need not be copied anywhere to find it.
qsizetype headEnd(const QByteArray& head, const char* more, qsizetype n, qsizetype from) {
    const qsizetype before = head.size();
    const qsizetype total = before + n;
    const auto at = [&](qsizetype k) { return k < before ? head.at(k) : more[k - before]; };
    for (qsizetype k = std::max<qsizetype>(0, from); k < total; ++k) {
        if (at(k) != '\n')
            continue;
        if (k + 1 < total && at(k + 1) == '\n')
            return k + 2;
        if (k + 2 < total && at(k + 1) == '\r' && at(k + 2) == '\n')
            return k + 3;
    }
    return -1;
}

/// ACKs what has arrived on `fd` now, not after the delayed-ACK timer (40 ms on Linux).
/// Clients that leave Nagle's algorithm on (QNetworkAccessManager does: our own HttpTransport,
/// the console) hold a request's last partial segment until their earlier segments are ACKed;
/// a server that has just answered is in "interactive" mode and delays that ACK, so every
/// request over ~16 KiB waited ~40 ms (strace: the body's tail reached the server 34-40 ms after
/// the client wrote it). TCP_QUICKACK is not a lasting option: it is set again on each read.
void acknowledgeNow(int fd) {
#ifdef TCP_QUICKACK
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)fd;
#endif
}

} // namespace

GuardedSocket::GuardedSocket(const ConnectionLimits& limits, QObject* httpServer,
                             const Refusals& refusals, QObject* parent)
    : QTcpSocket(parent)
    , m_limits(limits)
    , m_httpServer(httpServer)
    , m_refusals(refusals) {
    // Qt's own buffer never holds more than one maximal request: the hard memory bound.
    setReadBufferSize(limits.max_body_bytes + limits.max_header_bytes + 64 * 1024);
    // Connected before QtHttpServer connects its own slot, so it runs first on every readyRead.
    connect(this, &QIODevice::readyRead, this, &GuardedSocket::beforeHttpServer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GuardedSocket::timedOut);
    updateTimer(); // a new connection has header_timeout to send its first head
}

bool GuardedSocket::requestArrived() {
    ++m_arrived;
    if (m_state == State::Chunked) { // QtHttpServer has the whole chunked body
        m_state = State::Header;
        m_chunkedSeen = 0;
    }
    updateTimer();
    return m_closeAt == 0 || m_arrived <= m_closeAt;
}

void GuardedSocket::answerInOrder(qint64 request, std::function<void()> write) {
    m_waitingAnswers.emplace(request, std::move(write));
    // Each write ends in responseFinished() (one more answered) unless the client went away,
    // in which case nothing more is written anyway.
    for (auto it = m_waitingAnswers.begin();
         it != m_waitingAnswers.end() && it->first == m_answered + 1 && state() == ConnectedState;
         it = m_waitingAnswers.begin()) {
        const qint64 before = m_answered;
        auto next = std::move(it->second);
        m_waitingAnswers.erase(it);
        next();
        if (m_answered == before)
            break;
    }
}

bool GuardedSocket::responseStarted() {
    if (m_state == State::Chunked) {
        m_state = State::Header;
        m_chunkedSeen = 0;
    }
    return m_closeAt > 0 && m_answered + 1 >= m_closeAt;
}

void GuardedSocket::responseFinished() {
    ++m_answered;
    if (m_closeAt > 0 && m_answered >= m_closeAt) {
        m_timer.stop();
        disconnectFromHost(); // after the answer is flushed
        return;
    }
    updateTimer();
}

void GuardedSocket::updateTimer() {
    Deadline want = Deadline::None;
    if (m_rejected)
        want = Deadline::None;
    else if (m_state != State::Header)
        want = Deadline::Stall; // a body is arriving: it may pause, not stop
    else if (!m_header.isEmpty() || m_heads == 0)
        want = Deadline::Head; // a head is due (or under way): slowloris
    else if (m_heads > m_answered)
        want = Deadline::None; // requests in flight: the server is working
    else
        want = Deadline::Idle;
    // A head's deadline runs from its first byte and is not extended by trickling bytes; a
    // stalled body's runs from its last byte.
    if (want == m_deadline && want != Deadline::Stall)
        return;
    m_deadline = want;
    switch (want) {
    case Deadline::None:
        m_timer.stop();
        break;
    case Deadline::Head:
        m_timer.start(std::chrono::milliseconds(m_limits.header_timeout_ms));
        break;
    case Deadline::Stall:
    case Deadline::Idle:
        m_timer.start(std::chrono::milliseconds(m_limits.idle_timeout_ms));
        break;
    }
}

void GuardedSocket::timedOut() {
    if (m_deadline == Deadline::Head || m_deadline == Deadline::Stall)
        emit refused(m_method, m_path, 408, m_header.size());
    m_deadline = Deadline::None;
    abort();
}

void GuardedSocket::beforeHttpServer() {
    if (m_rejected)
        return; // input is no longer read: TCP flow control holds the client back
    acknowledgeNow(static_cast<int>(socketDescriptor()));
    if (!m_postConnected) { // normally done by the queued call from incomingConnection
        connectAfterHttpServer();
        QMetaObject::invokeMethod(this, &GuardedSocket::afterHttpServer, Qt::QueuedConnection);
    }
    const qint64 avail = bytesAvailable();
    qint64 fresh = avail - m_leftover;
    if (fresh > 0 && m_state != State::Header) {
        consumeBodyCount(fresh);
        // A Content-Length body may end inside these bytes: the rest starts a new head.
        fresh = m_state == State::Header && !m_rejected ? avail - m_leftover : 0;
    }
    if (fresh > 0) {
        const qint64 want = std::min<qint64>(avail, m_leftover + m_limits.max_header_bytes + 1);
        const QByteArray bytes = peek(want).mid(m_leftover);
        consume(bytes.constData(), bytes.size());
        // Bytes past what we could peek (a huge burst) are body bytes of the current request.
        if (!m_rejected && avail > want && m_state != State::Header)
            consumeBodyCount(avail - want);
    }
    updateTimer();
}

void GuardedSocket::connectAfterHttpServer() {
    if (m_postConnected)
        return;
    // QtHttpServer has connected its slot by now; this one runs after it on every readyRead
    // and records how many bytes it left unread.
    connect(this, &QIODevice::readyRead, this, &GuardedSocket::afterHttpServer);
    m_postConnected = true;
}

void GuardedSocket::afterHttpServer() {
    if (m_rejected)
        return;
    m_leftover = bytesAvailable();
}

void GuardedSocket::consumeBodyCount(qint64 n) {
    if (m_state == State::Body) {
        const qint64 used = std::min(n, m_bodyRemaining);
        m_bodyRemaining -= used;
        m_leftover += used;
        if (m_bodyRemaining == 0)
            m_state = State::Header;
    } else if (m_state == State::Chunked) {
        m_chunkedSeen += n;
        m_leftover += n;
        // Chunk framing adds a little; a body over the limit is rejected here at the latest.
        if (m_chunkedSeen > m_limits.max_body_bytes + m_limits.max_header_bytes)
            reject(413, m_chunkedSeen);
    }
}

void GuardedSocket::consume(const char* data, qint64 size) {
    qint64 i = 0;
    while (i < size && !m_rejected) {
        if (m_state != State::Header) {
            const qint64 before = m_leftover;
            consumeBodyCount(size - i);
            i += m_leftover - before;
            if (m_state != State::Header)
                return; // everything left was body
            continue;
        }
        // Line ends before a request line are skipped (as QtHttpServer's parser does).
        while (m_header.isEmpty() && i < size && (data[i] == '\r' || data[i] == '\n')) {
            ++i;
            ++m_leftover;
        }
        if (i == size)
            return;
        // The whole head counts, however its bytes arrive: each piece is added to what came
        // before, and the blank line is looked for across the seam. Only the head's own bytes
        // are kept (not the body after it).
        const qsizetype before = m_header.size();
        const qsizetype end = headEnd(m_header, data + i, size - i, before - 2);
        if (end < 0) {
            m_header.append(data + i, size - i);
            m_leftover += size - i;
            i = size;
            if (m_header.size() > m_limits.max_header_bytes)
                reject(431, m_header.size());
            return;
        }
        if (end > m_limits.max_header_bytes) {
            reject(431, end);
            return;
        }
        const qint64 usedHere = end - before;
        m_header.append(data + i, usedHere);
        const QByteArray head = std::exchange(m_header, QByteArray());
        i += usedHere;
        m_leftover += usedHere;
        if (!parseHead(head))
            return;
    }
}

bool GuardedSocket::parseHead(const QByteArray& head) {
    ++m_heads;
    qint64 contentLength = -1;
    bool chunked = false, expectContinue = false, close = false;
    // Read in place (views into `head`), line by line: lines end at LF, a CR before it is
    // trimmed with the other white space.
    const QByteArrayView all(head);
    qsizetype lineStart = 0;
    const auto nextLine = [&]() {
        qsizetype end = all.indexOf('\n', lineStart);
        if (end < 0)
            end = all.size();
        const QByteArrayView line = all.sliced(lineStart, end - lineStart).trimmed();
        lineStart = end + 1;
        return line;
    };
    // The request line's parts between single spaces, as split(' ') gives them.
    const QByteArrayView requestLine = nextLine();
    qsizetype partStart = 0;
    const auto nextPart = [&]() {
        if (partStart > requestLine.size())
            return QByteArrayView();
        qsizetype end = requestLine.indexOf(' ', partStart);
        if (end < 0)
            end = requestLine.size();
        const QByteArrayView part = requestLine.sliced(partStart, end - partStart);
        partStart = end + 1;
        return part;
    };
    const QByteArrayView method = nextPart();
    const QByteArrayView path = nextPart();
    const QByteArrayView version = nextPart();
    m_method = method.first(std::min<qsizetype>(method.size(), 16)).toByteArray();
    m_path = path.first(std::min<qsizetype>(path.size(), 200)).toByteArray();
    if (const qsizetype q = m_path.indexOf('?'); q >= 0)
        m_path.truncate(q);
    // HTTP/1.0 has no persistent connections here (its keep-alive extension is not offered).
    if (version.trimmed() == "HTTP/1.0")
        close = true;
    while (lineStart < all.size()) {
        const QByteArrayView line = nextLine();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        const auto is = [&name](const char* want) {
            return name.compare(want, Qt::CaseInsensitive) == 0;
        };
        if (is("content-length")) {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < 0 || (contentLength >= 0 && contentLength != v)) {
                reject(413, 0); // unreadable or conflicting lengths: refuse rather than guess
                return false;
            }
            contentLength = v;
        } else if (is("transfer-encoding")) {
            chunked = value.toByteArray().toLower().contains("chunked");
        } else if (is("expect")) {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (is("connection")) {
            qsizetype optionStart = 0;
            while (optionStart <= value.size()) {
                qsizetype end = value.indexOf(',', optionStart);
                if (end < 0)
                    end = value.size();
                if (value.sliced(optionStart, end - optionStart)
                        .trimmed()
                        .compare("close", Qt::CaseInsensitive) == 0)
                    close = true;
                optionStart = end + 1;
            }
        }
    }
    if (close && m_closeAt == 0)
        m_closeAt = m_heads;
    if (chunked) {
        m_state = State::Chunked;
        m_chunkedSeen = 0;
    } else if (contentLength > m_limits.max_body_bytes) {
        reject(413, contentLength); // with Expect: 100-continue the client never sends the body
        return false;
    } else if (contentLength > 0) {
        m_state = State::Body;
        m_bodyRemaining = contentLength;
    }
    // QtHttpServer 6.4 does not answer Expect: 100-continue, so clients like curl wait a second
    // before sending the body; a body within the limit may come at once.
    if (expectContinue && (chunked || contentLength > 0))
        write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
}

void GuardedSocket::reject(int status, qint64 bytes) {
    if (m_rejected)
        return;
    m_rejected = true;
    m_timer.stop();
    emit refused(m_method, m_path, status, bytes);
    if (m_httpServer) // QtHttpServer sees nothing more of this connection
        disconnect(this, &QIODevice::readyRead, m_httpServer.data(), nullptr);
    if (isTransactionStarted())
        rollbackTransaction();
    drain();
    setReadBufferSize(64 * 1024); // stop reading: nothing more is buffered for this request
    write(status == 431 ? m_refusals.head_too_large : m_refusals.body_too_large);
    connect(this, &QIODevice::bytesWritten, this, [this] {
        if (bytesToWrite() != 0 || state() != ConnectedState || m_finSent)
            return;
        m_finSent = true;
        ::shutdown(static_cast<int>(socketDescriptor()), SHUT_WR); // answer sent: FIN
        // A moment for the client to read it, then drop the connection (and with it what
        // QtHttpServer buffered of the request).
        QTimer::singleShot(500, this, [this] { abort(); });
    });
    // Whatever the client does, the connection goes after a few seconds.
    QTimer::singleShot(3000, this, [this] { abort(); });
}

void GuardedSocket::drain() {
    char sink[64 * 1024];
    while (bytesAvailable() > 0 && read(sink, sizeof sink) > 0) {
    }
}

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits& limits, Refusals refusals,
                                   QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_refusals(std::move(refusals)) {
    // QTcpServer stops accepting for good after an accept() error such as EMFILE (out of file
    // descriptors); accept again shortly, once connections have gone.
    connect(this, &QTcpServer::acceptError, this, [this] {
        QTimer::singleShot(250, this, [this] {
            if (isListening())
                resumeAccepting();
        });
    });
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor) {
    if (m_open >= m_limits.max_connections) {
        ::close(static_cast<int>(socketDescriptor)); // existing connections keep working
        ++m_turnedAway;
        return;
    }
    auto* socket = new GuardedSocket(m_limits, m_httpServer.data(), m_refusals, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // An answer's last segment leaves at once instead of waiting (Nagle) for the client's
    // delayed ACK of the previous one.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_open;
    auto counted = std::make_shared<bool>(true);
    auto release = [this, counted] {
        if (std::exchange(*counted, false))
            --m_open;
    };
    connect(socket, &QAbstractSocket::disconnected, this, release);
    connect(socket, &QObject::destroyed, this, release);
    connect(socket, &GuardedSocket::refused, this,
            [this](const QByteArray& method, const QByteArray& path, int status, qint64 bytes) {
                if (status != 408)
                    ++m_rejectedCount;
                emit refused(method, path, status, bytes);
            });
    addPendingConnection(socket);
    // QtHttpServer connects to the socket when told of the pending connection; after that,
    // and before any data can be read, the socket adds its "after" slot.
    QMetaObject::invokeMethod(socket, &GuardedSocket::connectAfterHttpServer, Qt::QueuedConnection);
}

} // namespace bridgecore::server
