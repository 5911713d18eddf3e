// Rate limits, gzip both ways, the body limit under streamed and compressed bodies, and a
// bounded fuzz loop of corrupted bodies, all against the real server.

#include "ServerFixture.h"

#include <QElapsedTimer>

#include <atomic>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <zlib.h>

using namespace bridgecore::testsupport;

namespace {

constexpr qint64 kLimit = 32LL * 1024 * 1024; // the default body limit
constexpr qint64 kGiB = 1024LL * 1024 * 1024;

struct StreamResult {
    QByteArray response;
    qint64 sent = 0;
    QString error;
};

/// Streams up to `total` body bytes to the push endpoint (declared with Content-Length or
/// sent chunked) while reading; stops when the server answers, closes, or stalls for 10 s.
StreamResult streamBody(quint16 port, bool chunked, const QByteArray& token, qint64 total) {
    StreamResult r;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        r.error = QStringLiteral("connect failed");
        ::close(fd);
        return r;
    }
    QByteArray head = "POST /api/v1/offline-sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\n";
    if (!token.isEmpty())
        head += "Authorization: Bearer " + token + "\r\n";
    head += chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                    : "Content-Length: " + QByteArray::number(total) + "\r\n";
    head += "\r\n";
    QByteArray chunk(1 << 20, ' ');
    chunk[0] = '[';
    if (chunked)
        chunk = QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    QByteArray pending = head;
    qint64 bodySent = 0;
    while (true) {
        pollfd p{fd, short(POLLIN | (bodySent < total || !pending.isEmpty() ? POLLOUT : 0)), 0};
        const int n = ::poll(&p, 1, 10000);
        if (n <= 0) {
            r.error = QStringLiteral("stalled without an answer");
            break;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            const ssize_t got = ::recv(fd, buf, sizeof buf, 0);
            if (got > 0) {
                r.response.append(buf, got);
                const qsizetype end = r.response.indexOf("\r\n\r\n");
                if (end > 0 && r.response.size() >= end + 4 + 60)
                    break; // status line, headers and the JSON body
                continue;
            }
            break; // closed (with or without an answer)
        }
        if (p.revents & POLLOUT) {
            if (pending.isEmpty()) {
                pending = chunk;
                bodySent += chunked ? (1 << 20) : chunk.size();
            }
            const ssize_t w = ::send(fd, pending.constData(), size_t(pending.size()), MSG_NOSIGNAL);
            if (w < 0) {
                if (errno == EAGAIN)
                    continue;
                // the server closed: read what it answered
                char buf[4096];
                ssize_t got;
                while ((got = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0)
                    r.response.append(buf, got);
                break;
            }
            r.sent += w;
            pending.remove(0, w);
        }
    }
    ::close(fd);
    return r;
}

/// Sends `bytes` on a fresh connection and reads until `until` appears, the peer closes, or 10 s.
QByteArray exchange(int fd, const QByteArray& bytes, const QByteArray& until) {
    if (!bytes.isEmpty() && ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) < 0)
        return {};
    QByteArray got;
    while (!got.contains(until)) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0)
            break;
        char buf[4096];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        got.append(buf, n);
    }
    return got;
}

int connectLoopback(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QByteArray gzipZeros(qint64 bytes) {
    z_stream s{};
    deflateInit2(&s, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out;
    std::vector<char> zeros(1 << 20, ' ');
    char buf[1 << 16];
    qint64 left = bytes;
    while (true) {
        const qint64 n = std::min<qint64>(left, qint64(zeros.size()));
        s.next_in = reinterpret_cast<Bytef*>(zeros.data());
        s.avail_in = uInt(n);
        left -= n;
        const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        int rc;
        do {
            s.next_out = reinterpret_cast<Bytef*>(buf);
            s.avail_out = sizeof buf;
            rc = deflate(&s, flush);
            out.append(buf, qsizetype(sizeof buf - s.avail_out));
        } while (s.avail_out == 0);
        if (flush == Z_FINISH && rc == Z_STREAM_END)
            break;
    }
    deflateEnd(&s);
    return out;
}

json validPush(const std::string& device, const std::string& prefix) {
    json b = createsBody(device, "sale.order", 3, prefix);
    b["changes"][1]["dependencies"] = json::array({prefix + "0"});
    b["changes"][2]["data"]["order_id"] = prefix + "0";
    return b;
}

} // namespace

class ServerLimitsTest : public QObject {
    Q_OBJECT
    ServerFixture f;
    std::unique_ptr<HttpClient> admin, user;

private slots:
    void initTestCase() {
        QVERIFY(f.prepare());
        QVERIFY(f.start(json{{"log_requests", false},
                             {"rate_limits",
                              {{"push", {{"requests", 100000}}},
                               {"pull", {{"requests", 100000}}},
                               {"resolve", {{"requests", 100000}}},
                               {"login", {{"requests", 10000}}}}}}));
        admin = f.client(QStringLiteral("admin"));
        user = f.client(QStringLiteral("user"));
        QVERIFY(!admin->token().isEmpty() && !user->token().isEmpty());
    }

    void eleventhResetIsRateLimited() {
        const QString path = QStringLiteral("/api/v1/offline-sync/reset?device_id=reset-device");
        for (int i = 1; i <= 10; ++i) {
            const auto r = user->post(path, QByteArray());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("x-ratelimit-limit"), QByteArray("10"));
            QCOMPARE(r.header("x-ratelimit-remaining").toInt(), 10 - i);
            QVERIFY(r.header("x-ratelimit-reset").toLongLong() > 0);
        }
        const auto r = user->post(path, QByteArray());
        QCOMPARE(r.status, 429);
        QCOMPARE(r.json()["error_code"].get<std::string>(), std::string("RATE_LIMITED"));
        QVERIFY(r.header("retry-after").toInt() > 0);
        QVERIFY(r.header("retry-after").toInt() <= 3600);
        QCOMPARE(r.header("x-ratelimit-limit"), QByteArray("10"));
        QCOMPARE(r.header("x-ratelimit-remaining"), QByteArray("0"));
        QVERIFY(r.header("x-ratelimit-reset").toLongLong() > 0);
        // per user: another user of the tenant still may reset
        QCOMPARE(admin->post(path, QByteArray()).status, 200);
        // and per endpoint: the limited user can still read its state
        QCOMPARE(
            user->get(QStringLiteral("/api/v1/offline-sync/state?device_id=reset-device")).status,
            200);
    }

    void gzipRequestBodies() {
        HttpRequestOptions gz;
        gz.gzipBody = true;
        const auto r =
            admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                        QByteArray::fromStdString(validPush("gzip-device", "gz-").dump()), gz);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["succeeded"].get<int>(), 3);
        HttpRequestOptions bad;
        bad.headers.emplace_back("Content-Encoding", "gzip");
        const auto broken = admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                                        QByteArray("definitely not gzip"), bad);
        QCOMPARE(broken.status, 422);
        QVERIFY(hasLoc(broken.json(), json::array({"body"})));
    }

    void gzipResponses() {
        QCOMPARE(admin
                     ->post(QStringLiteral("/api/v1/offline-sync/push"),
                            createsBody("gzip-device", "sale.order", 200, "many-"))
                     .status,
                 200);
        const json pull{{"device_id", "gzip-reader"},
                        {"app_type", "sales_app"},
                        {"last_event_id", 0},
                        {"limit", 500}};
        HttpRequestOptions gz;
        gz.headers.emplace_back("Accept-Encoding", "gzip");
        const auto r = admin->post(QStringLiteral("/api/v1/offline-sync/pull"), pull, gz);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-encoding"), QByteArray("gzip"));
        const QByteArray plain = gunzip(r.body);
        QVERIFY(!plain.isEmpty());
        QVERIFY(plain.size() > r.body.size());
        const json j =
            json::parse(plain.constData(), plain.constData() + plain.size(), nullptr, false);
        QVERIFY(j.is_object());
        QVERIFY(j["events"].size() >= 200);

        HttpRequestOptions identity;
        identity.headers.emplace_back("Accept-Encoding", "identity");
        const auto p = admin->post(QStringLiteral("/api/v1/offline-sync/pull"), pull, identity);
        QCOMPARE(p.status, 200);
        QVERIFY(p.header("content-encoding").isEmpty());
        QVERIFY(p.json().is_object());
        // Vary is for caches: on answers a cache may keep (GET), not on POST answers, whose
        // head every QNetworkAccessManager client reads one byte per system call.
        QVERIFY(r.header("vary").isEmpty());
        QVERIFY(p.header("vary").isEmpty());
        const auto stats = admin->get(QStringLiteral("/api/v1/admin/devices"), gz);
        QCOMPARE(stats.status, 200);
        QCOMPARE(stats.header("vary"), QByteArray("Accept-Encoding"));
    }

    void streamedBodyOverLimit_data() {
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<bool>("withToken");
        QTest::newRow("1 GiB declared, no token") << false << false;
        QTest::newRow("1 GiB declared, token") << false << true;
        QTest::newRow("1 GiB chunked, no token") << true << false;
        QTest::newRow("1 GiB chunked, token") << true << true;
    }

    void streamedBodyOverLimit() {
        QFETCH(bool, chunked);
        QFETCH(bool, withToken);
        QTest::qWait(800); // earlier rejected connections are gone
        const qint64 baseKiB = f.server->rssKiB();
        QVERIFY(baseKiB > 0);
        std::atomic<bool> done{false};
        StreamResult result;
        std::thread streamer([&] {
            result = streamBody(f.server->port(), chunked,
                                withToken ? admin->token().toUtf8() : QByteArray(), kGiB);
            done = true;
        });
        qint64 maxKiB = baseKiB;
        int healthOk = 0, healthTried = 0;
        HttpClient other(f.server->baseUrl());
        QElapsedTimer t;
        t.start();
        do { // at least one other request, even when the 413 came at once
            maxKiB = std::max(maxKiB, f.server->rssKiB());
            if (healthTried < 20) { // the server keeps serving others meanwhile
                ++healthTried;
                healthOk += other.get(QStringLiteral("/api/v1/offline-sync/health")).status == 200;
            } else {
                QThread::msleep(5);
            }
        } while (!done && t.elapsed() < 120000);
        streamer.join();
        maxKiB = std::max(maxKiB, f.server->rssKiB());
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY2(result.response.startsWith("HTTP/1.1 413"), result.response.left(200).constData());
        QVERIFY(result.response.contains("PAYLOAD_TOO_LARGE"));
        QVERIFY(result.sent < kGiB / 4); // the server stopped it long before 1 GiB
        const qint64 growthMiB = (maxKiB - baseKiB) / 1024;
        qInfo(
            "sent %lld MiB before the 413; server RSS %lld MiB -> peak %lld MiB (growth %lld MiB, "
            "limit %lld MiB); %d/%d health checks answered meanwhile",
            result.sent >> 20, baseKiB / 1024, maxKiB / 1024, growthMiB, kLimit >> 20, healthOk,
            healthTried);
        QVERIFY2(growthMiB <= (kLimit >> 20) + 48, "resident memory grew past limit + 48 MiB");
        QCOMPARE(healthOk, healthTried);
        QVERIFY(healthTried > 0);
        QVERIFY(f.server->running());
    }

    void expectContinueIsAnsweredByTheGuard() {
        // over the limit: 413 before a single body byte is sent
        int fd = connectLoopback(f.server->port());
        QVERIFY(fd >= 0);
        QByteArray answer = exchange(fd,
                                     "POST /api/v1/offline-sync/push HTTP/1.1\r\nHost: "
                                     "x\r\nContent-Type: application/json\r\n"
                                     "Expect: 100-continue\r\nContent-Length: " +
                                         QByteArray::number(kLimit + 1) + "\r\n\r\n",
                                     "PAYLOAD_TOO_LARGE");
        ::close(fd);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        // within the limit: 100 Continue, then the body, then the real answer
        const QByteArray body = QByteArray::fromStdString(validPush("expect-device", "ex-").dump());
        fd = connectLoopback(f.server->port());
        QVERIFY(fd >= 0);
        answer =
            exchange(fd,
                     "POST /api/v1/offline-sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     "application/json\r\n"
                     "Authorization: Bearer " +
                         admin->token().toUtf8() + "\r\nExpect: 100-continue\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n",
                     "\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 100 Continue"), answer.constData());
        answer = exchange(fd, body, "\"succeeded\":3");
        ::close(fd);
        QVERIFY2(answer.contains("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("\"succeeded\":3"));
    }

    void gzipBombIs413() {
        const QByteArray bomb = gzipZeros(256LL * 1024 * 1024);
        QVERIFY(bomb.size() < kLimit);
        const qint64 baseKiB = f.server->rssKiB();
        HttpRequestOptions opt;
        opt.headers.emplace_back("Content-Encoding", "gzip");
        const auto r = admin->post(QStringLiteral("/api/v1/offline-sync/push"), bomb, opt);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.json()["error_code"].get<std::string>(), std::string("PAYLOAD_TOO_LARGE"));
        const qint64 growthMiB = (f.server->rssKiB() - baseKiB) / 1024;
        qInfo("gzip bomb: %lld KiB compressed, 256 MiB inflated; RSS growth after it %lld MiB",
              qint64(bomb.size()) / 1024, growthMiB);
        QVERIFY(growthMiB <= (kLimit >> 20) + 48);
        // a compressed body just under the limit still works
        HttpRequestOptions gz;
        gz.gzipBody = true;
        QCOMPARE(
            admin
                ->post(QStringLiteral("/api/v1/offline-sync/push"),
                       QByteArray::fromStdString(validPush("bomb-device", "after-bomb-").dump()),
                       gz)
                .status,
            200);
    }

    void fuzzedBodiesNeverBreakTheServer() {
        std::mt19937 rng(20251124);
        const std::string bases[] = {validPush("fuzz-device", "fz-").dump(),
                                     json{{"device_id", "fuzz-device"},
                                          {"app_type", "sales_app"},
                                          {"last_event_id", 0},
                                          {"models_filter", {"sale.order"}},
                                          {"priority_filter", {"high", "medium"}},
                                          {"limit", 50}}
                                         .dump(),
                                     json{{"device_id", "fuzz-device"},
                                          {"conflicts",
                                           {{{"local_id", "fz-9"},
                                             {"server_id", 1},
                                             {"model", "res.partner"},
                                             {"local_data", {{"phone", "+1"}}},
                                             {"server_data", {{"phone", "+2"}}}}}},
                                          {"resolutions",
                                           {{{"local_id", "fz-9"},
                                             {"strategy", "merge"},
                                             {"merged_data", {{"phone", "+3"}}}}}}}
                                         .dump()};
        const QString paths[] = {QStringLiteral("/api/v1/offline-sync/push"),
                                 QStringLiteral("/api/v1/offline-sync/pull"),
                                 QStringLiteral("/api/v1/offline-sync/resolve-conflicts")};
        auto pick = [&](int n) { return int(rng() % unsigned(n)); };
        std::map<int, int> statuses;
        QStringList failures;
        for (int i = 0; i < 1000; ++i) {
            const int which = pick(10) < 6 ? 0 : pick(2) + 1;
            std::string body = bases[which];
            switch (pick(7)) {
            case 0: // truncated
                body.resize(size_t(pick(int(body.size()))));
                break;
            case 1: // bit flips
                for (int k = pick(8) + 1; k > 0; --k)
                    body[size_t(pick(int(body.size())))] ^= char(1 << pick(8));
                break;
            case 2: { // deeply nested
                const size_t at = size_t(pick(int(body.size())));
                const int depth = 10 + pick(200000);
                body.insert(at, std::string(size_t(depth), pick(2) ? '[' : '{'));
                break;
            }
            case 3: { // huge numbers
                static const char* huge[] = {"1e999999",
                                             "123456789012345678901234567890123456789",
                                             "-9223372036854775809",
                                             "18446744073709551616",
                                             "1.7976931348623157e309",
                                             "-0.0000000000000000000001e-400"};
                const size_t at = body.find_first_of("0123456789", size_t(pick(int(body.size()))));
                if (at != std::string::npos)
                    body.replace(at, 1, huge[pick(6)]);
                break;
            }
            case 4: { // invalid UTF-8 inside strings
                static const char* bad[] = {"\xff", "\xc0\x80", "\xed\xa0\x80",
                                            "\xf8\x88\x80\x80\x80", "\xe2\x28\xa1"};
                const size_t at = body.find('"', size_t(pick(int(body.size()))));
                if (at != std::string::npos)
                    body.insert(at + 1, bad[pick(5)]);
                break;
            }
            case 5: { // random bytes
                body.clear();
                for (int k = pick(2000); k > 0; --k)
                    body.push_back(char(pick(256)));
                break;
            }
            case 6: { // a field of the wrong type or an absurd value
                json j = json::parse(body);
                static const json values[] = {nullptr,
                                              json::array(),
                                              json::object(),
                                              "",
                                              1e308,
                                              -1,
                                              true,
                                              std::string(100000, 'x'),
                                              json::array({nullptr})};
                std::vector<json::json_pointer> ptrs;
                const json flat = j.flatten();
                for (const auto& [k, v] : flat.items())
                    ptrs.emplace_back(k);
                if (!ptrs.empty())
                    j[ptrs[size_t(pick(int(ptrs.size())))]] = values[pick(9)];
                body = j.dump(-1, ' ', false, json::error_handler_t::replace);
                break;
            }
            }
            const auto r = admin->post(paths[which], QByteArray::fromStdString(body));
            ++statuses[r.status];
            if (r.status == 0 || r.status >= 500)
                failures << QStringLiteral("#%1 -> %2 %3 %4 <- %5")
                                .arg(i)
                                .arg(r.status)
                                .arg(r.error, QString::fromUtf8(r.body.left(300)),
                                     QString::fromUtf8(QByteArray::fromStdString(body).left(400)));
            if (!f.server->running())
                QFAIL(qPrintable(QStringLiteral("server died at fuzz case %1").arg(i)));
        }
        QString summary;
        for (const auto& [s, n] : statuses)
            summary += QStringLiteral("%1:%2 ").arg(s).arg(n);
        qInfo("fuzz statuses: %s", qPrintable(summary));
        if (!failures.isEmpty()) {
            QByteArray errors;
            for (const QByteArray& line : f.server->stderrText().split('\n'))
                if (line.contains("\"level\""))
                    errors += line.left(300) + '\n';
            QFAIL(qPrintable(failures.mid(0, 5).join(u'\n') + QStringLiteral("\nserver: ") +
                             QString::fromUtf8(errors.left(3000))));
        }
        const auto ok = admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                                    validPush("after-fuzz", "ok-"));
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json()["succeeded"].get<int>(), 3);
    }

    void cleanupTestCase() { QCOMPARE(f.server->stop(), 0); }
};

QTEST_GUILESS_MAIN(ServerLimitsTest)
#include "ServerLimitsTest.moc"
