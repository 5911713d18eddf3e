#pragma once
// Connection-level limits under QtHttpServer. QtHttpServer 6.4 buffers a whole request before
// any handler runs and has no timeouts or connection cap, so these live on the socket.
// GuardedTcpServer hands QtHttpServer sockets that
//  - cap Qt's read buffer at the body limit plus the head limit (memory stays bounded whatever
//    happens above);
//  - watch the byte stream before QtHttpServer parses it: a request head (request line, query
//    string, headers) over max_header_bytes gets 431 however its bytes arrive; a declared
//    Content-Length over the body limit gets 413 as soon as the head is complete, a chunked
//    body as soon as its bytes pass the limit;
//  - close a connection that has not sent a complete head header_timeout after it opened or
//    after the first byte of its next request (slowloris), one whose body stalls, and an idle
//    keep-alive connection idle_timeout after its last answer;
//  - close after the answer when the request was HTTP/1.0 or said "Connection: close", and
//    leave any request sent after that one unprocessed (RFC 9112 §9.6);
//  - write the answers to pipelined requests in the order the requests came, whatever order
//    the worker threads finish them in (RFC 9112 §9.3.2).
// GuardedTcpServer closes connections beyond max_connections as soon as they are accepted.
// A refused request gets a JSON answer, is cut off from QtHttpServer, its input is
// discarded, and the connection is closed after the answer is sent (at most a few seconds
// later). Only the head is looked at (request line, Content-Length, Transfer-Encoding,
// Expect, Connection); parsing stays QtHttpServer's. "Expect: 100-continue" is answered here
// (QtHttpServer 6.4 does not), so a client waiting for it learns at once whether to send.

#include <QByteArray>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <map>

namespace bridgecore::server {

struct ConnectionLimits {
    qint64 max_body_bytes = 32LL * 1024 * 1024;
    qint64 max_header_bytes = 64 * 1024;
    qint64 header_timeout_ms = 10'000;
    qint64 idle_timeout_ms = 60'000;
    qint64 max_connections = 10'000;
};

/// The complete HTTP answers written when a request is refused under QtHttpServer.
struct Refusals {
    QByteArray body_too_large; // 413
    QByteArray head_too_large; // 431
};

class GuardedSocket : public QTcpSocket {
    Q_OBJECT
public:
    GuardedSocket(const ConnectionLimits& limits, QObject* httpServer, const Refusals& refusals,
                  QObject* parent = nullptr);

    /// The HTTP layer calls this for each request QtHttpServer hands it; false when the
    /// request came after one that closes the connection and must not be processed.
    bool requestArrived();
    /// The number of the request that arrived last (1 for the first on this connection).
    qint64 lastRequest() const { return m_arrived; }
    /// Runs `write` (which answers request number `request`) once every earlier request of
    /// this connection has been answered: pipelined answers go out in request order.
    void answerInOrder(qint64 request, std::function<void()> write);
    /// The HTTP layer calls this when it starts answering a request; true when this answer
    /// ends the connection (it then says "Connection: close").
    bool responseStarted();
    /// ... and this once the whole answer has been written to the socket.
    void responseFinished();
    bool rejected() const { return m_rejected; }
    /// Called once QtHttpServer has connected to the socket (see GuardedTcpServer).
    void connectAfterHttpServer();

signals:
    /// A request was refused with `status` (413 or 431): its request line's method and path,
    /// and the bytes declared or seen when it was.
    void refused(const QByteArray& method, const QByteArray& path, int status, qint64 bytes);

private:
    void beforeHttpServer();
    void afterHttpServer();
    void consume(const char* data, qint64 size);
    void consumeBodyCount(qint64 n);
    bool parseHead(const QByteArray& head);
    void reject(int status, qint64 bytes);
    void drain();
    /// Arms the one timer for the connection's current state (see the header comment).
    void updateTimer();
    void timedOut();

    enum class State { Header, Body, Chunked };
    State m_state = State::Header;
    ConnectionLimits m_limits;
    QPointer<QObject> m_httpServer;
    Refusals m_refusals;         // implicitly shared copies
    QByteArray m_header;         // bytes of the head being read
    QByteArray m_method, m_path; // of the request being read
    qint64 m_bodyRemaining = 0;
    qint64 m_chunkedSeen = 0;
    qint64 m_leftover = 0;
    // Requests: heads completed, handed to the HTTP layer, answered. m_closeAt: the number
    // of the request that closes the connection (0 = none yet).
    qint64 m_heads = 0, m_arrived = 0, m_answered = 0, m_closeAt = 0;
    // Answers ready before an earlier request's, by request number (see answerInOrder).
    std::map<qint64, std::function<void()>> m_waitingAnswers;
    enum class Deadline { None, Head, Stall, Idle };
    Deadline m_deadline = Deadline::None;
    QTimer m_timer;
    bool m_postConnected = false;
    bool m_rejected = false;
    bool m_finSent = false;
};

/// A QTcpServer whose connections are GuardedSockets; give it to QAbstractHttpServer::bind().
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    GuardedTcpServer(const ConnectionLimits& limits, Refusals refusals, QObject* parent = nullptr);
    /// The QAbstractHttpServer the sockets are handed to (its readyRead slot is cut on reject).
    void setHttpServer(QObject* httpServer) { m_httpServer = httpServer; }
    qint64 rejectedCount() const { return m_rejectedCount; }
    /// Connections open now, and those closed at once because max_connections were open.
    qint64 openConnections() const { return m_open; }
    qint64 turnedAway() const { return m_turnedAway; }

signals:
    /// Forwarded from the sockets: for the request log.
    void refused(const QByteArray& method, const QByteArray& path, int status, qint64 bytes);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    ConnectionLimits m_limits;
    Refusals m_refusals;
    QPointer<QObject> m_httpServer;
    qint64 m_rejectedCount = 0;
    qint64 m_open = 0;
    qint64 m_turnedAway = 0;
};

} // namespace bridgecore::server
