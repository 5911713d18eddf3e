// SecretBox: sealed Odoo secrets open with the key that sealed them and nothing else.
#include "odoo/SecretBox.h"

#include <QTest>

using namespace bridgecore;
using odoo::SecretBox;

class SecretBoxTest : public QObject {
    Q_OBJECT
private slots:
    void roundTripWithFreshNonces() {
        auto box = SecretBox::fromKey(std::string(40, 'k'));
        QVERIFY(box.ok());
        const std::string a = box.value().seal("6578616d706c65206a736f6e20617069206b6579");
        const std::string b = box.value().seal("6578616d706c65206a736f6e20617069206b6579");
        QVERIFY(a != b); // a fresh nonce each time
        QVERIFY(a.find("6578616d") == std::string::npos);
        auto opened = box.value().open(a);
        QVERIFY(opened.ok());
        QCOMPARE(opened.value(), std::string("6578616d706c65206a736f6e20617069206b6579"));
        QCOMPARE(box.value().open(b).value(), opened.value());
    }
    void anotherKeyCannotOpen() {
        auto box = SecretBox::fromKey(std::string(40, 'k'));
        auto other = SecretBox::fromKey(std::string(40, 'j'));
        const auto sealed = box.value().seal("secret");
        auto r = other.value().open(sealed);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        QVERIFY(r.error().message.find("secret\"") == std::string::npos);
    }
    void alteredTextIsRefused() {
        auto box = SecretBox::fromKey(std::string(40, 'k'));
        std::string sealed = box.value().seal("secret");
        sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
        QVERIFY(!box.value().open(sealed).ok());
        QVERIFY(!box.value().open("plain-text").ok());
        QVERIFY(!box.value().open("sb1:!!!").ok());
    }
    void shortKeyIsRefused() {
        auto r = SecretBox::fromKey("short");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::ValidationError);
    }
    void keyFromEnvironmentFirst() {
        qputenv("BRIDGECORE_SECRET_KEY", QByteArray(36, 'e'));
        auto fromEnv = SecretBox::fromEnvironment(std::string(36, 'c'));
        auto envKey = SecretBox::fromKey(std::string(36, 'e'));
        QVERIFY(fromEnv.ok());
        QVERIFY(envKey.value().open(fromEnv.value().seal("x")).ok());
        qunsetenv("BRIDGECORE_SECRET_KEY");
        auto fromConfig = SecretBox::fromEnvironment(std::string(36, 'c'));
        QVERIFY(fromConfig.ok());
        QVERIFY(!envKey.value().open(fromConfig.value().seal("x")).ok());
        auto none = SecretBox::fromEnvironment();
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.find("BRIDGECORE_SECRET_KEY") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(SecretBoxTest)
#include "SecretBoxTest.moc"
