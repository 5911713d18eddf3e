// Account safety against the real server: login throttling per (address, email) under a
// looser per-address ceiling, `user disable|enable` refusing a user's tokens at once in every
// server process on the database, and `user passwd` revoking the user's sessions.

#include "ServerFixture.h"

using namespace bridgecore::testsupport;

namespace {

const QString kState = QStringLiteral("/api/v1/offline-sync/state?device_id=account-device");
const QString kRefresh = QStringLiteral("/api/v1/auth/tenant/refresh");

struct Session {
    QString access;
    std::string refresh;
};

} // namespace

class ServerAccountsTest : public QObject {
    Q_OBJECT
    ServerFixture f;

    CommandResult admin(const QStringList& args, const QByteArray& input = {}) {
        return runServerCommand(QStringList{QStringLiteral("user")} + args +
                                    QStringList{QStringLiteral("--db"), f.server->dbPath()},
                                input);
    }

    Session login(HttpClient& c, const QString& email, const QString& password) {
        const auto r = c.login(email, password);
        if (r.status != 200)
            return {};
        return {QString::fromStdString(r.json()["access_token"].get<std::string>()),
                r.json()["refresh_token"].get<std::string>()};
    }

    int stateStatus(HttpClient& c, const QString& token) {
        c.setToken(token);
        return c.get(kState).status;
    }

private slots:
    void initTestCase() {
        QVERIFY(f.prepare());
        // Small limits so the test stays short; the rule is the same at the defaults.
        QVERIFY(f.start(json{{"rate_limits",
                              {{"login", {{"requests", 5}, {"window_seconds", 600}}},
                               {"login_address", {{"requests", 12}, {"window_seconds", 600}}}}}}));
    }

    void mistypedPasswordThrottlesOnlyItsAccount() {
        HttpClient c(f.server->baseUrl());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                c.login(QStringLiteral("user@acme.test"), QStringLiteral("wrong-password")).status,
                401);
        // The same email in other letter case is the same account.
        const auto throttled =
            c.login(QStringLiteral("USER@acme.test"), QStringLiteral("wrong-password"));
        QCOMPARE(throttled.status, 429);
        QVERIFY(throttled.header("retry-after").toInt() > 0);
        QCOMPARE(c.login(QStringLiteral("user@acme.test"), kPassword).status, 429);
        // Everyone else behind the same address logs in.
        QCOMPARE(c.login(QStringLiteral("admin@acme.test"), kPassword).status, 200);
        QCOMPARE(c.login(QStringLiteral("support@acme.test"), kPassword).status, 200);
    }

    void addressCeilingStopsPasswordSpraying() {
        // 7 attempts counted so far from 127.0.0.1 (5 wrong + admin + support; throttled ones
        // are not counted again); the ceiling is 12.
        HttpClient c(f.server->baseUrl());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(c.login(QStringLiteral("nobody%1@acme.test").arg(i), kPassword).status, 401);
        const auto r = c.login(QStringLiteral("nobody-else@acme.test"), kPassword);
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("retry-after").toInt() > 0);
        // Restart with the defaults for the account tests (limits are per process).
        QCOMPARE(f.server->stop(), 0);
        QVERIFY(f.start());
    }

    void disabledUserIsRefusedAtOnceByEveryProcess() {
        // A second server process on the same database.
        ServerProcess second(f.server->dbPath(), f.server->jwtSecret());
        QVERIFY(second.start());
        HttpClient one(f.server->baseUrl()), two(second.baseUrl());
        const Session s = login(one, QStringLiteral("user@acme.test"), kPassword);
        QVERIFY(!s.access.isEmpty());
        QCOMPARE(stateStatus(one, s.access), 200);
        QCOMPARE(stateStatus(two, s.access), 200);

        const auto off = admin({QStringLiteral("disable"), QStringLiteral("--email"),
                                QStringLiteral("User@acme.test")});
        QVERIFY2(off.exitCode == 0, off.err.constData());
        QCOMPARE(stateStatus(one, s.access), 401);
        QCOMPARE(stateStatus(two, s.access), 401);
        one.setToken({});
        QCOMPARE(one.post(kRefresh, json{{"refresh_token", s.refresh}}).status, 401);
        QCOMPARE(two.post(kRefresh, json{{"refresh_token", s.refresh}}).status, 401);
        QCOMPARE(one.login(QStringLiteral("user@acme.test"), kPassword).status, 401);
        // Others are untouched.
        HttpClient other(f.server->baseUrl());
        QCOMPARE(other.login(QStringLiteral("support@acme.test"), kPassword).status, 200);

        const auto on = admin({QStringLiteral("enable"), QStringLiteral("--email"),
                               QStringLiteral("user@acme.test")});
        QVERIFY2(on.exitCode == 0, on.err.constData());
        QCOMPARE(one.login(QStringLiteral("user@acme.test"), kPassword).status, 200);
        QCOMPARE(second.stop(), 0);

        const auto unknown = admin({QStringLiteral("disable"), QStringLiteral("--email"),
                                    QStringLiteral("nobody@acme.test")});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY(unknown.err.contains("nobody@acme.test"));
    }

    void passwordChangeRevokesSessions() {
        HttpClient c(f.server->baseUrl());
        const Session s = login(c, QStringLiteral("support@acme.test"), kPassword);
        QVERIFY(!s.access.isEmpty());
        QCOMPARE(stateStatus(c, s.access), 200);

        const QString fresh = QStringLiteral("a-new-password-42");
        const auto r = admin({QStringLiteral("passwd"), QStringLiteral("--email"),
                              QStringLiteral("support@acme.test")},
                             fresh.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        c.setToken({});
        QCOMPARE(c.post(kRefresh, json{{"refresh_token", s.refresh}}).status, 401);
        QCOMPARE(stateStatus(c, s.access), 401);
        c.setToken({});
        QCOMPARE(c.login(QStringLiteral("support@acme.test"), kPassword).status, 401);
        const Session again = login(c, QStringLiteral("support@acme.test"), fresh);
        QVERIFY(!again.access.isEmpty());
        QCOMPARE(stateStatus(c, again.access), 200);
        c.setToken({});
        QCOMPARE(c.post(kRefresh, json{{"refresh_token", again.refresh}}).status, 200);

        // Too short a password changes nothing.
        const auto shortPw = admin({QStringLiteral("passwd"), QStringLiteral("--email"),
                                    QStringLiteral("support@acme.test")},
                                   "short\n");
        QVERIFY(shortPw.exitCode != 0);
        QCOMPARE(stateStatus(c, again.access), 200);
    }

    void cleanupTestCase() {
        if (f.server->running())
            QCOMPARE(f.server->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerAccountsTest)
#include "ServerAccountsTest.moc"
