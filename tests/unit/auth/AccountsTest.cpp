#include "auth/Accounts.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::auth;

class AccountsTest : public QObject {
    Q_OBJECT
    std::shared_ptr<storage::SyncStore> store;
    std::unique_ptr<Accounts> accounts;

private slots:
    void init() {
        auto s = storage::openSqliteStore(":memory:");
        QVERIFY(s.ok());
        store = s.value();
        accounts = std::make_unique<Accounts>(store, TokenService(std::string(40, 'k')));
        QVERIFY(accounts->createTenant("acme").ok());
        QVERIFY(
            accounts
                ->createUser("acme", "Ann@Acme.test ", "Ann", protocol::Role::Admin, "password-1")
                .ok());
    }
    void loginIssuesTokens() {
        const auto r = accounts->login("ann@acme.test", "password-1");
        QVERIFY(r.ok());
        QCOMPARE(r.value().user.email, std::string("ann@acme.test"));
        QCOMPARE(r.value().tenant.name, std::string("acme"));
        QVERIFY(r.value().user.password_hash.empty());
        const auto j = toJson(r.value());
        QCOMPARE(j["token_type"].get<std::string>(), std::string("bearer"));
        QVERIFY(!j.dump().empty() && j.dump().find("argon2") == std::string::npos);
        const auto claims = accounts->authenticate(r.value().access_token);
        QVERIFY(claims.ok());
        QCOMPARE(claims.value().user_id, r.value().user.id);
        QVERIFY(!accounts->authenticate(r.value().refresh_token).ok());
        QVERIFY(accounts->refresh(r.value().refresh_token).ok());
        QVERIFY(!accounts->refresh(r.value().access_token).ok());
    }
    void failuresLookAlike() {
        const auto wrong = accounts->login("ann@acme.test", "password-2");
        const auto unknown = accounts->login("bob@acme.test", "password-1");
        QVERIFY(!wrong.ok() && !unknown.ok());
        QVERIFY(wrong.error().code == ErrorCode::Unauthorized);
        QCOMPARE(wrong.error().message, unknown.error().message);
    }
    void disabledUserCannotLoginOrRefresh() {
        const auto before = accounts->login("ann@acme.test", "password-1");
        QVERIFY(before.ok());
        auto u = store->userByEmail("ann@acme.test").value();
        QVERIFY(u);
        storage::UserChange disable;
        disable.disabled = true;
        QVERIFY(store->updateUser(u->tenant_id, u->id, disable).ok());
        const auto r = accounts->login("ann@acme.test", "password-1");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, std::string(Accounts::kBadCredentials));
        QVERIFY(!accounts->refresh(before.value().refresh_token).ok());
    }
    void disablingRefusesLiveTokens() {
        const auto live = accounts->login("ann@acme.test", "password-1");
        QVERIFY(live.ok());
        QVERIFY(accounts->authenticate(live.value().access_token).ok());
        QVERIFY(accounts->setDisabled("ANN@acme.test", true).ok());
        QVERIFY(!accounts->authenticate(live.value().access_token).ok());
        QVERIFY(!accounts->refresh(live.value().refresh_token).ok());
        QVERIFY(accounts->setDisabled("ann@acme.test", false).ok());
        QVERIFY(accounts->authenticate(live.value().access_token).ok());
        QVERIFY(!accounts->setDisabled("nobody@acme.test", true).ok());
    }
    void passwordChangeRevokesTokens() {
        const auto old = accounts->login("ann@acme.test", "password-1");
        QVERIFY(old.ok());
        QVERIFY(!accounts->changePassword("ann@acme.test", "short").ok());
        QVERIFY(accounts->authenticate(old.value().access_token).ok());
        QVERIFY(accounts->changePassword("ann@acme.test", "password-2").ok());
        QVERIFY(!accounts->authenticate(old.value().access_token).ok());
        QVERIFY(!accounts->refresh(old.value().refresh_token).ok());
        QVERIFY(!accounts->login("ann@acme.test", "password-1").ok());
        const auto fresh = accounts->login("ann@acme.test", "password-2");
        QVERIFY(fresh.ok());
        QVERIFY(accounts->authenticate(fresh.value().access_token).ok());
        QVERIFY(accounts->refresh(fresh.value().refresh_token).ok());
        QVERIFY(accounts->changePassword("ann@acme.test", "password-1").ok()); // as before
    }
    void creationValidates() {
        QVERIFY(!accounts->createTenant("acme").ok());
        QVERIFY(!accounts->createTenant("").ok());
        QVERIFY(
            !accounts->createUser("acme", "not-an-email", "", protocol::Role::User, "password-1")
                 .ok());
        QVERIFY(
            !accounts->createUser("acme", "x@acme.test", "", protocol::Role::User, "short").ok());
        QVERIFY(!accounts->createUser("nope", "x@acme.test", "", protocol::Role::User, "password-1")
                     .ok());
        QVERIFY(
            !accounts->createUser("acme", "ANN@acme.test", "", protocol::Role::User, "password-1")
                 .ok());
        const auto id =
            accounts->createUser("acme", "x@acme.test", "", protocol::Role::User, "password-1");
        QVERIFY(id.ok());
        QCOMPARE(store->user(id.value()).value()->name, std::string("x"));
    }
};

QTEST_GUILESS_MAIN(AccountsTest)
#include "AccountsTest.moc"
