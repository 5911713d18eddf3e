#include "BodyLimitGuard.h"

#include <QTimer>

#include <sys/socket.h>

namespace bridgecore::server {

GuardedSocket::GuardedSocket(qint64 maxBodyBytes, QObject* httpServer, QByteArray rejection,
                             QObject* parent)
    : QTcpSocket(parent)
    , m_max(maxBodyBytes)
    , m_httpServer(httpServer)
    , m_rejection(std::move(rejection)) {
    // Qt's own buffer never holds more than one maximal request: the hard memory bound.
    setReadBufferSize(maxBodyBytes + kMaxHeaderBytes + 64 * 1024);
    // Connected before QtHttpServer connects its own slot, so it runs first on every readyRead.
    connect(this, &QIODevice::readyRead, this, &GuardedSocket::beforeHttpServer);
}

void GuardedSocket::responseStarted() {
    if (m_state == State::Chunked) {
        m_state = State::Header;
        m_chunkedSeen = 0;
    }
}

void GuardedSocket::beforeHttpServer() {
    if (m_rejected)
        return;             // input is no longer read: TCP flow control holds the client back
    if (!m_postConnected) { // normally done by the queued call from incomingConnection
        connectAfterHttpServer();
        QMetaObject::invokeMethod(this, &GuardedSocket::afterHttpServer, Qt::QueuedConnection);
    }
    const qint64 avail = bytesAvailable();
    qint64 fresh = avail - m_leftover;
    if (fresh <= 0)
        return;
    if (m_state != State::Header) {
        consumeBodyCount(fresh);
        if (m_state != State::Header || m_rejected)
            return;
        // A Content-Length body ended inside these bytes: the rest starts a new header.
        fresh = avail - m_leftover; // consumeBodyCount advanced m_leftover past the body
    }
    if (fresh <= 0)
        return;
    const qint64 want = std::min<qint64>(avail, m_leftover + kMaxHeaderBytes + 1);
    const QByteArray bytes = peek(want).mid(m_leftover);
    consume(bytes.constData(), bytes.size());
    // Bytes past what we could peek (a huge burst) are body bytes of the current request.
    if (!m_rejected && avail > want && m_state != State::Header)
        consumeBodyCount(avail - want);
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
        if (m_chunkedSeen > m_max + kMaxHeaderBytes)
            reject(m_chunkedSeen);
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
        // Header state: look for the blank line that ends the header block.
        const qint64 start = i;
        qint64 end = -1;
        m_header.append(data + i, size - i);
        const qsizetype at = m_header.indexOf("\r\n\r\n");
        if (at >= 0) {
            end = at + 4;
            const qint64 usedHere = end - (m_header.size() - (size - start));
            const QByteArray block = m_header.left(end);
            m_header.clear();
            i = start + usedHere;
            m_leftover += usedHere;
            if (!parseHeaderBlock(block))
                return;
        } else {
            m_leftover += size - i;
            i = size;
            if (m_header.size() > kMaxHeaderBytes)
                reject(m_header.size());
        }
    }
}

bool GuardedSocket::parseHeaderBlock(const QByteArray& block) {
    qint64 contentLength = -1;
    bool chunked = false, expectContinue = false;
    const QList<QByteArray> lines = block.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    m_method = requestLine.value(0).left(16);
    m_path = requestLine.value(1).left(200);
    if (const qsizetype q = m_path.indexOf('?'); q >= 0)
        m_path.truncate(q);
    for (qsizetype n = 1; n < lines.size(); ++n) { // line 0 is the request line
        const QByteArray line = lines[n].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 v = value.toLongLong(&ok);
            if (!ok || v < 0 || (contentLength >= 0 && contentLength != v)) {
                reject(0); // unreadable or conflicting lengths: refuse rather than guess
                return false;
            }
            contentLength = v;
        } else if (name == "transfer-encoding") {
            chunked = value.toLower().contains("chunked");
        } else if (name == "expect") {
            expectContinue = value.toLower() == "100-continue";
        }
    }
    if (chunked) {
        m_state = State::Chunked;
        m_chunkedSeen = 0;
    } else if (contentLength > m_max) {
        reject(contentLength); // with Expect: 100-continue the client never sends the body
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

void GuardedSocket::reject(qint64 bytes) {
    if (m_rejected)
        return;
    m_rejected = true;
    emit bodyRejected(m_method, m_path, bytes);
    if (m_httpServer) // QtHttpServer sees nothing more of this connection
        disconnect(this, &QIODevice::readyRead, m_httpServer.data(), nullptr);
    if (isTransactionStarted())
        rollbackTransaction();
    drain();
    setReadBufferSize(64 * 1024); // stop reading: nothing more is buffered for this request
    write(m_rejection);
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

GuardedTcpServer::GuardedTcpServer(qint64 maxBodyBytes, QByteArray rejection, QObject* parent)
    : QTcpServer(parent)
    , m_max(maxBodyBytes)
    , m_rejection(std::move(rejection)) {}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor) {
    auto* socket = new GuardedSocket(m_max, m_httpServer.data(), m_rejection, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    connect(socket, &GuardedSocket::bodyRejected, this,
            [this](const QByteArray& method, const QByteArray& path, qint64 bytes) {
                ++m_rejectedCount;
                emit bodyRejected(method, path, bytes);
            });
    addPendingConnection(socket);
    // QtHttpServer connects to the socket when told of the pending connection; after that,
    // and before any data can be read, the socket adds its "after" slot.
    QMetaObject::invokeMethod(socket, &GuardedSocket::connectAfterHttpServer, Qt::QueuedConnection);
}

} // namespace bridgecore::server
