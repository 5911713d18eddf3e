#pragma once
// Socket-level body limit under QtHttpServer. QtHttpServer 6.4 buffers a whole request before
// any handler runs, so a limit checked in a handler comes too late: one client streaming 1 GiB
// costs 1 GiB of memory. GuardedTcpServer hands QtHttpServer sockets that
//  - cap Qt's read buffer at the body limit plus headers (so memory stays bounded whatever
//    happens above), and
//  - watch the byte stream before QtHttpServer parses it: a declared Content-Length over the
//    limit is rejected as soon as the header block is complete, a chunked body as soon as its
//    bytes pass the limit, a header block over 64 KiB at once.
// A rejected connection gets a 413 JSON answer, is cut off from QtHttpServer, its input is
// discarded, and it is closed after the answer is sent (at most a few seconds later).
// Only the header block is looked at (Content-Length, Transfer-Encoding, Expect); parsing stays
// QtHttpServer's. "Expect: 100-continue" is answered here (QtHttpServer 6.4 does not), so a
// client waiting for it learns at once whether to send the body.

#include <QByteArray>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace bridgecore::server {

class GuardedSocket : public QTcpSocket {
    Q_OBJECT
public:
    static constexpr qint64 kMaxHeaderBytes = 64 * 1024;

    GuardedSocket(qint64 maxBodyBytes, QObject* httpServer, QByteArray rejection,
                  QObject* parent = nullptr);

    /// The HTTP layer calls this when it starts answering a request (ends a chunked body).
    void responseStarted();
    bool rejected() const { return m_rejected; }
    /// Called once QtHttpServer has connected to the socket (see GuardedTcpServer).
    void connectAfterHttpServer();

signals:
    /// A request was refused: its request line's method and path, and the bytes declared or
    /// seen when it was.
    void bodyRejected(const QByteArray& method, const QByteArray& path, qint64 declaredOrSeenBytes);

private:
    void beforeHttpServer();
    void afterHttpServer();
    void consume(const char* data, qint64 size);
    void consumeBodyCount(qint64 n);
    bool parseHeaderBlock(const QByteArray& block);
    void reject(qint64 bytes);
    void drain();

    enum class State { Header, Body, Chunked };
    State m_state = State::Header;
    qint64 m_max;
    QPointer<QObject> m_httpServer;
    QByteArray m_rejection;
    QByteArray m_header;
    QByteArray m_method, m_path; // of the request being read
    qint64 m_bodyRemaining = 0;
    qint64 m_chunkedSeen = 0;
    qint64 m_leftover = 0;
    bool m_postConnected = false;
    bool m_rejected = false;
    bool m_finSent = false;
};

/// A QTcpServer whose connections are GuardedSockets; give it to QAbstractHttpServer::bind().
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    /// `rejection`: the full HTTP response written when a body is over the limit.
    GuardedTcpServer(qint64 maxBodyBytes, QByteArray rejection, QObject* parent = nullptr);
    /// The QAbstractHttpServer the sockets are handed to (its readyRead slot is cut on reject).
    void setHttpServer(QObject* httpServer) { m_httpServer = httpServer; }
    qint64 rejectedCount() const { return m_rejectedCount; }

signals:
    /// Forwarded from the sockets: for the request log.
    void bodyRejected(const QByteArray& method, const QByteArray& path, qint64 bytes);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    qint64 m_max;
    QByteArray m_rejection;
    QPointer<QObject> m_httpServer;
    qint64 m_rejectedCount = 0;
};

} // namespace bridgecore::server
