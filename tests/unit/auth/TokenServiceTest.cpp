#include "auth/TokenService.h"

#include <QDateTime>
#include <QTest>

using namespace bridgecore;
using namespace bridgecore::auth;

namespace {
const std::string kSecret(40, 's');
QByteArray b64url(const QByteArray& s) {
    return s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

class TokenServiceTest : public QObject {
    Q_OBJECT
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};

private slots:
    void issuedTokensVerify() {
        TokenService t(kSecret, {}, clock);
        const std::string access = t.issue(7, 3, protocol::Role::Support, TokenType::Access);
        const auto c = t.verify(access, TokenType::Access);
        QVERIFY(c.ok());
        QCOMPARE(c.value().user_id, 7);
        QCOMPARE(c.value().tenant_id, 3);
        QVERIFY(c.value().role == protocol::Role::Support);
        QCOMPARE(c.value().expires_at - c.value().issued_at, 15 * 60);
        const std::string refresh = t.issue(7, 3, protocol::Role::Support, TokenType::Refresh);
        const auto r = t.verify(refresh, TokenType::Refresh);
        QVERIFY(r.ok());
        QCOMPARE(r.value().expires_at - r.value().issued_at, 30LL * 24 * 3600);
    }
    void wrongTypeIsRejected() {
        TokenService t(kSecret, {}, clock);
        QVERIFY(
            !t.verify(t.issue(1, 1, protocol::Role::User, TokenType::Refresh), TokenType::Access)
                 .ok());
        QVERIFY(
            !t.verify(t.issue(1, 1, protocol::Role::User, TokenType::Access), TokenType::Refresh)
                 .ok());
    }
    void expiryFollowsTheClock() {
        ManualClock c(QDateTime::currentMSecsSinceEpoch());
        TokenService t(kSecret, {60, 120}, c);
        const std::string tok = t.issue(1, 1, protocol::Role::User, TokenType::Access);
        c.advance(59'000);
        QVERIFY(t.verify(tok, TokenType::Access).ok());
        c.advance(1'000);
        const auto r = t.verify(tok, TokenType::Access);
        QVERIFY(!r.ok());
        QVERIFY(r.error().code == ErrorCode::Unauthorized);
    }
    void aTokenCheckedBeforeIsCheckedAgainForExpiryAndType() {
        ManualClock c(QDateTime::currentMSecsSinceEpoch());
        TokenService t(kSecret, {60, 120}, c);
        const std::string tok = t.issue(7, 3, protocol::Role::Support, TokenType::Access, 2);
        QVERIFY(t.verify(tok, TokenType::Access).ok()); // decoded, then remembered
        const auto again = t.verify(tok, TokenType::Access);
        QVERIFY(again.ok());
        QCOMPARE(again.value().user_id, 7);
        QCOMPARE(again.value().tenant_id, 3);
        QVERIFY(again.value().role == protocol::Role::Support);
        QCOMPARE(again.value().token_version, 2);
        QVERIFY(!t.verify(tok, TokenType::Refresh).ok());
        // another secret never accepts it, remembered elsewhere or not
        QVERIFY(!TokenService(std::string(40, 'o'), {}, c).verify(tok, TokenType::Access).ok());
        c.advance(60'000);
        const auto expired = t.verify(tok, TokenType::Access);
        QVERIFY(!expired.ok());
        QCOMPARE(expired.error().message, std::string("Token has expired"));
    }
    void forgeriesAreRejected() {
        TokenService t(kSecret, {}, clock);
        TokenService other(std::string(40, 'o'), {}, clock);
        const std::string good = t.issue(1, 1, protocol::Role::Admin, TokenType::Access);
        QVERIFY(!t.verify(other.issue(1, 1, protocol::Role::Admin, TokenType::Access),
                          TokenType::Access)
                     .ok());
        const auto dot = good.find('.');
        const std::string payload = good.substr(dot + 1, good.rfind('.') - dot - 1);
        const std::string none =
            b64url(R"({"alg":"none","typ":"JWT"})").toStdString() + "." + payload + ".";
        QVERIFY(!t.verify(none, TokenType::Access).ok());
        const std::string hs512 = b64url(R"({"alg":"HS512","typ":"JWT"})").toStdString() + "." +
                                  payload + good.substr(good.rfind('.'));
        QVERIFY(!t.verify(hs512, TokenType::Access).ok());
        std::string flipped = good;
        flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
        QVERIFY(!t.verify(flipped, TokenType::Access).ok());
        QVERIFY(!t.verify("", TokenType::Access).ok());
        QVERIFY(!t.verify("a.b", TokenType::Access).ok());
        QVERIFY(!t.verify(std::string(10000, 'a'), TokenType::Access).ok());
    }
    void claimsMustBeComplete() {
        TokenService t(kSecret, {}, clock);
        TokenClaims c;
        c.user_id = 0; // no user
        c.tenant_id = 1;
        c.issued_at = clock.now() / 1000;
        c.expires_at = c.issued_at + 60;
        QVERIFY(!t.verify(t.sign(c), TokenType::Access).ok());
        c.user_id = 5;
        c.tenant_id = 0; // no tenant
        QVERIFY(!t.verify(t.sign(c), TokenType::Access).ok());
        c.tenant_id = 2;
        QVERIFY(t.verify(t.sign(c), TokenType::Access).ok());
    }
};

QTEST_GUILESS_MAIN(TokenServiceTest)
#include "TokenServiceTest.moc"
