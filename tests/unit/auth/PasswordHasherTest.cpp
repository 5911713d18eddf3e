#include "auth/PasswordHasher.h"

#include <QTest>

using namespace bridgecore::auth;

class PasswordHasherTest : public QObject {
    Q_OBJECT
private slots:
    void hashesAreArgon2idAndSalted() {
        PasswordHasher h;
        const auto a = h.hash("hunter22-password");
        const auto b = h.hash("hunter22-password");
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value().rfind("$argon2id$", 0) == 0);
        QVERIFY(a.value() != b.value()); // fresh salt each time
    }
    void verifiesOnlyTheRightPassword() {
        PasswordHasher h;
        const std::string hash = h.hash("hunter22-password").value();
        QVERIFY(h.verify(hash, "hunter22-password"));
        QVERIFY(!h.verify(hash, "hunter22-passwore"));
        QVERIFY(!h.verify(hash, ""));
        QVERIFY(!h.verify("", "hunter22-password"));
        QVERIFY(!h.verify("$argon2id$garbage", "hunter22-password"));
        QVERIFY(!h.dummyHash().empty());
        QVERIFY(!h.verify(h.dummyHash(), "hunter22-password"));
    }
};

QTEST_GUILESS_MAIN(PasswordHasherTest)
#include "PasswordHasherTest.moc"
