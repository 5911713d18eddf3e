#include "server/BodyCodec.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::server;

class BodyCodecTest : public QObject {
    Q_OBJECT
private slots:
    void roundTrip() {
        const QByteArray text = QByteArray("{\"device_id\":\"abc\"}").repeated(1000);
        const QByteArray z = gzipCompress(text);
        QVERIFY(z.size() < text.size());
        QVERIFY(z.startsWith("\x1f\x8b"));
        const auto back = inflateBody(z, 1 << 20);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), text);
    }
    void bombStopsAtTheLimit() {
        const QByteArray z = gzipCompress(QByteArray(8 << 20, '\0'), 9);
        const auto r = inflateBody(z, 1 << 20);
        QVERIFY(!r.ok());
        QVERIFY(r.error().code == ErrorCode::PayloadTooLarge);
        QVERIFY(inflateBody(z, 8 << 20).ok()); // exactly at the limit is fine
    }
    void corruptOrTruncatedIsValidationError() {
        const QByteArray z = gzipCompress(QByteArray("hello world, hello world"));
        for (const QByteArray& bad :
             {QByteArray("plain text"), z.left(z.size() / 2), QByteArray()}) {
            const auto r = inflateBody(bad, 1 << 20);
            QVERIFY(!r.ok());
            QVERIFY(r.error().code == ErrorCode::ValidationError);
        }
    }
};

QTEST_GUILESS_MAIN(BodyCodecTest)
#include "BodyCodecTest.moc"
