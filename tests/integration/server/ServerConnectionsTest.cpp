// Hostile and unlucky connections against the real server: slowloris heads, idle keep-alive
// connections, the connection cap, request heads over max_header_bytes however their bytes
// arrive, and HTTP/1.0 / "Connection: close" clients that read to end-of-stream.

#include "ServerFixture.h"

#include <QElapsedTimer>

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bridgecore::testsupport;

namespace {

const QByteArray kHealth = "GET /api/v1/offline-sync/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";

/// A raw loopback connection (the test needs control over every byte and the end-of-stream).
class Conn {
public:
    explicit Conn(quint16 port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~Conn() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    bool ok() const { return m_fd >= 0; }
    bool send(const QByteArray& bytes) {
        qsizetype off = 0;
        while (off < bytes.size()) {
            const ssize_t n =
                ::send(m_fd, bytes.constData() + off, size_t(bytes.size() - off), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            off += n;
        }
        return true;
    }
    /// Reads until `until` is in the input (when given), the peer closes, or `timeoutMs` pass
    /// without a byte. closed() tells whether the peer closed.
    QByteArray read(int timeoutMs, const QByteArray& until = {}) {
        QByteArray got;
        while (until.isEmpty() || !got.contains(until)) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, timeoutMs) <= 0)
                break;
            char buf[16384];
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0) {
                m_closed = true;
                break;
            }
            got.append(buf, n);
        }
        return got;
    }
    /// One full answer to a request (head and Content-Length body); bytes after it (the next
    /// pipelined answer) are kept for the next call.
    QByteArray answer(int timeoutMs = 10000) {
        QByteArray got = std::exchange(m_rest, {});
        auto more = [&] {
            const QByteArray bytes = readSome(timeoutMs);
            got += bytes;
            return !bytes.isEmpty();
        };
        while (!got.contains("\r\n\r\n"))
            if (!more())
                return got;
        const qsizetype end = got.indexOf("\r\n\r\n");
        const qsizetype cl = got.toLower().indexOf("content-length:");
        if (cl < 0 || cl > end)
            return got;
        const qint64 length =
            got.mid(cl + 15, got.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
        while (got.size() < end + 4 + length)
            if (!more())
                return got;
        m_rest = got.mid(end + 4 + length);
        got.truncate(end + 4 + length);
        return got;
    }
    /// True when the peer closes within `timeoutMs` (any bytes before are discarded).
    bool closedWithin(int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!m_closed && t.elapsed() < timeoutMs)
            read(int(std::max<qint64>(1, timeoutMs - t.elapsed())));
        return m_closed;
    }
    bool closed() const { return m_closed; }

private:
    /// The bytes of one recv (empty after `timeoutMs` without any, or when the peer closed).
    QByteArray readSome(int timeoutMs) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return {};
        char buf[16384];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0) {
            m_closed = true;
            return {};
        }
        return QByteArray(buf, n);
    }

    int m_fd = -1;
    bool m_closed = false;
    QByteArray m_rest; // read past the last answer()
};

int statusOf(const QByteArray& answer) {
    return answer.startsWith("HTTP/1.") ? answer.mid(9, 3).toInt() : 0;
}

} // namespace

class ServerConnectionsTest : public QObject {
    Q_OBJECT
    ServerFixture f;

    json m_config = "none";

    /// (Re)starts the server with `config` unless it already runs with it.
    void restart(const json& config) {
        if (f.server->running() && m_config == config)
            return;
        if (f.server->running())
            QCOMPARE(f.server->stop(), 0);
        QVERIFY2(f.start(config), qPrintable(f.server->lastError()));
        m_config = config;
    }

private slots:
    void initTestCase() { QVERIFY(f.prepare()); }

    void slowHeadIsClosed() {
        restart(json{{"header_timeout_seconds", 1}, {"idle_timeout_seconds", 30}});
        // Slowloris: a head that never ends, one header line every 300 ms.
        Conn slow(f.server->port());
        QVERIFY(slow.ok());
        QVERIFY(slow.send(kHealth));
        QElapsedTimer t;
        t.start();
        bool sending = true;
        for (int i = 0; sending && !slow.closed() && t.elapsed() < 15000; ++i) {
            sending = slow.send("X-Slow-" + QByteArray::number(i) + ": 1\r\n");
            slow.read(300);
        }
        QVERIFY2(slow.closed() || !sending, "a head trickled for 15 s was still being read");
        QVERIFY2(t.elapsed() >= 900, "closed before header_timeout_seconds");
        // A connection that sends nothing at all goes the same way.
        Conn silent(f.server->port());
        QVERIFY(silent.ok());
        QVERIFY(silent.closedWithin(10000));
        // A complete head in time is answered.
        Conn prompt(f.server->port());
        QVERIFY(prompt.send(kHealth + "\r\n"));
        QCOMPARE(statusOf(prompt.answer()), 200);
    }

    void idleKeepAliveIsClosed() {
        restart(json{{"header_timeout_seconds", 30}, {"idle_timeout_seconds", 2}});
        Conn c(f.server->port());
        QVERIFY(c.ok());
        // Requests within the idle window keep the connection.
        for (int i = 0; i < 3; ++i) {
            QVERIFY(c.send(kHealth + "\r\n"));
            QCOMPARE(statusOf(c.answer()), 200);
            QVERIFY(!c.closed());
            c.read(1000); // idle for 1 s, less than the timeout
            QVERIFY2(!c.closed(), "closed while within idle_timeout_seconds");
        }
        // Then nothing: closed after the idle timeout.
        QVERIFY2(c.closedWithin(10000), "an idle keep-alive connection was held open");
    }

    void stalledBodyIsClosed() {
        restart(json{{"header_timeout_seconds", 30}, {"idle_timeout_seconds", 2}});
        Conn c(f.server->port());
        // A head promising 100 bytes of body, then 10 of them and silence.
        QVERIFY(c.send("POST /api/v1/offline-sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                       "{\"device_i"));
        QVERIFY2(c.closedWithin(10000), "a stalled body held its connection");
    }

    void connectionsBeyondTheCapAreClosed() {
        restart(json{{"max_connections", 3}, {"header_timeout_seconds", 60}});
        std::vector<std::unique_ptr<Conn>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<Conn>(f.server->port()));
            QVERIFY(held.back()->send(kHealth + "\r\n"));
            QCOMPARE(statusOf(held.back()->answer()), 200);
        }
        Conn extra(f.server->port()); // the kernel accepts; the server closes it at once
        QVERIFY(extra.closedWithin(5000));
        // The existing connections keep working.
        for (auto& c : held) {
            QVERIFY(c->send(kHealth + "\r\n"));
            QCOMPARE(statusOf(c->answer()), 200);
        }
        // A closed connection frees its place.
        held.pop_back();
        QTest::qWait(300);
        Conn again(f.server->port());
        QVERIFY(again.send(kHealth + "\r\n"));
        QCOMPARE(statusOf(again.answer()), 200);
    }

    void acceptsAgainAfterRunningOutOfDescriptors() {
        // More connections than the process has file descriptors: accept() fails with EMFILE,
        // and QTcpServer would stop accepting for good. Once they are gone, a new connection
        // must be served again.
        restart(json{{"header_timeout_seconds", 60}});
        rlimit few{48, 48};
        QVERIFY(::prlimit(pid_t(f.server->pid()), RLIMIT_NOFILE, &few, nullptr) == 0);
        {
            std::vector<std::unique_ptr<Conn>> flood;
            for (int i = 0; i < 80; ++i)
                flood.push_back(std::make_unique<Conn>(f.server->port()));
            QTest::qWait(1000);
        }
        QTest::qWait(1000);
        Conn after(f.server->port());
        QVERIFY(after.send(kHealth + "\r\n"));
        QCOMPARE(statusOf(after.answer(15000)), 200);
        m_config = "exhausted"; // the next test starts a fresh server
    }

    void largeHeadIs431_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("pieces"); // the head is sent in this many writes
        QTest::addColumn<int>("status");
        const QByteArray big(100 * 1024, 'a');
        QTest::newRow("100 KiB header in one write") << kHealth + "X-Big: " + big + "\r\n\r\n"
                                                     << 1 << 431;
        QTest::newRow("100 KiB header in two writes") << kHealth + "X-Big: " + big + "\r\n\r\n"
                                                      << 2 << 431;
        QByteArray lines = kHealth;
        for (int i = 0; i < 25; ++i)
            lines += "X-Line-" + QByteArray::number(i) + ": " + QByteArray(4096, 'b') + "\r\n";
        lines += "\r\n";
        QTest::newRow("25 lines of 4 KiB in one write") << lines << 1 << 431;
        QTest::newRow("25 lines of 4 KiB, 4 KiB at a time") << lines << 25 << 431;
        QTest::newRow("25 lines of 4 KiB in two writes") << lines << 2 << 431;
        QTest::newRow("one 100 KiB line")
            << QByteArray("GET /" + big + " HTTP/1.1\r\n\r\n") << 1 << 431;
        QTest::newRow("100 KB query string")
            << QByteArray("GET /api/v1/offline-sync/state?device_id=" + QByteArray(100000, 'q') +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            << 3 << 431;
        QTest::newRow("60 KiB head is fine")
            << kHealth + "X-Big: " + QByteArray(60 * 1024, 'c') + "\r\n\r\n"
            << 2 << 200;
    }
    void largeHeadIs431() {
        QFETCH(QByteArray, head);
        QFETCH(int, pieces);
        QFETCH(int, status);
        restart(nullptr);
        Conn c(f.server->port());
        QVERIFY(c.ok());
        const qsizetype step = (head.size() + pieces - 1) / pieces;
        for (qsizetype off = 0; off < head.size(); off += step) {
            if (!c.send(head.mid(off, step)))
                break; // the server may close once it has refused
            QTest::qWait(50);
        }
        const QByteArray answer = c.answer();
        QCOMPARE(statusOf(answer), status);
        if (status == 431) {
            const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
            const json j = json::parse(body.toStdString(), nullptr, false);
            QVERIFY2(j.is_object() && j["detail"].is_string(), body.constData());
            const std::string detail = j["detail"].get<std::string>();
            QVERIFY2(detail.find("head") != std::string::npos, detail.c_str());
            QVERIFY2(detail.find("body") == std::string::npos, detail.c_str());
            QVERIFY(c.closedWithin(5000));
        }
    }

    void closeAfterTheAnswer_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /api/v1/offline-sync/health HTTP/1.0\r\n\r\n");
        QTest::newRow("Connection: close") << kHealth + "Connection: close\r\n\r\n";
        QTest::newRow("Connection: Close, TE") << kHealth + "Connection: TE, Close\r\n\r\n";
    }
    void closeAfterTheAnswer() {
        QFETCH(QByteArray, request);
        restart(nullptr);
        Conn c(f.server->port());
        // A client that reads to end-of-stream (RFC 9112 §9.6) must not hang; a request
        // pipelined after the closing one is not processed.
        QVERIFY(c.send(request + kHealth + "\r\n"));
        const QByteArray all = c.read(10000);
        QVERIFY2(c.closed(), "the connection stayed open after the answer");
        QCOMPARE(statusOf(all), 200);
        QVERIFY2(all.toLower().contains("connection: close"), all.constData());
        QCOMPARE(all.count("HTTP/1.1 200"), 1);
    }

    void keepAliveStaysOpen() {
        restart(nullptr);
        Conn c(f.server->port());
        QVERIFY(c.send(kHealth + "\r\n"));
        QCOMPARE(statusOf(c.answer()), 200);
        c.read(1000);
        QVERIFY(!c.closed());
        QVERIFY(c.send(kHealth + "\r\n"));
        QCOMPARE(statusOf(c.answer()), 200);
    }

    void pipelinedAnswersComeInRequestOrder() {
        restart(nullptr);
        // A slow request (a pull of 500 events with payloads) and fast ones (health) sent in
        // one write on one connection: the worker threads finish the fast ones first, but the
        // answers must come in request order (RFC 9112 §9.3.2).
        auto admin = f.client(QStringLiteral("admin"));
        QVERIFY(!admin->token().isEmpty());
        for (int from = 0; from < 2000; from += 1000) {
            const auto seed =
                admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                            createsBody("pipe-seed", "sale.order", 1000, "pp-", from));
            QCOMPARE(seed.status, 200);
        }
        const QByteArray pullBody =
            R"({"device_id": "pipe-puller", "app_type": "sales_app", "last_event_id": 0, "limit": 500})";
        const QByteArray pull = "POST /api/v1/offline-sync/pull HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Authorization: Bearer " +
                                admin->token().toLatin1() +
                                "\r\nContent-Type: application/json\r\nContent-Length: " +
                                QByteArray::number(pullBody.size()) + "\r\n\r\n" + pullBody;
        const QByteArray health = kHealth + "\r\n";
        for (int round = 0; round < 3; ++round) {
            Conn c(f.server->port());
            QVERIFY(c.ok());
            QVERIFY(c.send(pull + health + pull + health));
            for (const char* expected : {"events", "status", "events", "status"}) {
                const QByteArray a = c.answer();
                QCOMPARE(statusOf(a), 200);
                const json body =
                    json::parse(a.mid(a.indexOf("\r\n\r\n") + 4).toStdString(), nullptr, false);
                QVERIFY2(body.is_object() && body.contains(expected),
                         qPrintable(QStringLiteral("round %1: expected the answer with \"%2\", "
                                                   "got: %3")
                                        .arg(round)
                                        .arg(QLatin1String(expected))
                                        .arg(QString::fromUtf8(a.left(300)))));
            }
            QVERIFY(!c.closed());
        }
    }

    void cleanupTestCase() {
        if (f.server->running())
            QCOMPARE(f.server->stop(), 0);
        QVERIFY2(!f.server->stderrText().contains("\"level\":\"error\""),
                 f.server->stderrText().right(2000).constData());
    }
};

QTEST_GUILESS_MAIN(ServerConnectionsTest)
#include "ServerConnectionsTest.moc"
