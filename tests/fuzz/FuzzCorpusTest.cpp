// Replays every committed fuzz input (seeds in tests/fuzz/corpus/<target>, past findings in
// tests/fuzz/regressions/<target>) through its parser: a finding fixed once stays fixed, and
// the parsers run under the ordinary and the asan builds, not only under libFuzzer.

#include "FuzzTargets.h"

#include "protocol/Protocol.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <limits>
#include <map>

namespace {

using Target = int (*)(const std::uint8_t*, std::size_t);

const std::map<QString, Target>& targets() {
    using namespace bridgecore::fuzz;
    static const std::map<QString, Target> t{
        {QStringLiteral("push"), &pushRequest},       {QStringLiteral("pull"), &pullRequest},
        {QStringLiteral("resolve"), &resolveRequest}, {QStringLiteral("login"), &loginRequest},
        {QStringLiteral("gzip"), &gzipInflate},       {QStringLiteral("query"), &queryString},
        {QStringLiteral("client"), &clientResponses}};
    return t;
}

QString fuzzDir() {
    return qEnvironmentVariable("BRIDGECORE_SOURCE_DIR") + QStringLiteral("/tests/fuzz/");
}

} // namespace

class FuzzCorpusTest : public QObject {
    Q_OBJECT
private slots:
    void everyTargetHasSeeds() {
        for (const auto& [name, fn] : targets()) {
            const QDir seeds(fuzzDir() + QStringLiteral("corpus/") + name);
            QVERIFY2(!seeds.entryList(QDir::Files).isEmpty(), qPrintable(seeds.path()));
        }
        // A findings folder for a target that does not exist would be replayed by nobody.
        const QDir regressions(fuzzDir() + QStringLiteral("regressions"));
        for (const QString& d : regressions.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(targets().count(d), qPrintable(d));
    }

    // fuzz_client's finding, asserted without a sanitizer: a count too large for an int was
    // converted from double (undefined behaviour); it is a malformed response now.
    void hugeCountIsMalformed() {
        using bridgecore::protocol::json;
        const json push = json::parse(R"({"success": true, "total": 1, "conflicts": 8.9e69})");
        QVERIFY_THROWS_EXCEPTION(json::exception, bridgecore::protocol::pushResponseFromJson(push));
        const json pull = json::parse(R"({"events": [{"event_id": 1e300}], "has_more": false})");
        QVERIFY_THROWS_EXCEPTION(json::exception, bridgecore::protocol::pullResponseFromJson(pull));
        const json fine = json::parse(R"({"success": true, "total": 2.0, "conflicts": 1})");
        QCOMPARE(bridgecore::protocol::pushResponseFromJson(fine).total, 2);
    }

    // The number fields HttpTransport and RemoteBackend read (they used get<int>/value(): a
    // float-to-int conversion out of range, and wrong types silently read as 0): out of range
    // and wrong types are malformed responses naming the key; absent and null give the default.
    void numberFieldsRejectOutOfRange() {
        using bridgecore::protocol::json;
        namespace p = bridgecore::protocol;
        const json bad = json::parse(R"({"total": 1e300, "limit": 4294967296, "offset": -8.9e69,
            "expires_in": "900", "devices": 18446744073709551615, "pushes": 9.5,
            "push_ms_avg": "fast", "total_syncs": 1e19})");
        for (const char* key : {"total", "devices", "pushes", "expires_in", "total_syncs"}) {
            try {
                (void)p::int64Field(bad, key);
                QFAIL(key);
            } catch (const json::type_error& e) {
                QVERIFY2(std::string(e.what()).find(std::string("\"") + key + '"') !=
                             std::string::npos,
                         e.what());
            }
        }
        for (const char* key : {"limit", "offset"})
            QVERIFY_THROWS_EXCEPTION(json::type_error, p::intField(bad, key));
        QVERIFY_THROWS_EXCEPTION(json::type_error, p::doubleField(bad, "push_ms_avg"));
        QVERIFY_THROWS_EXCEPTION(json::exception,
                                 p::statisticsFromJson(json::parse(R"({"total_syncs": 1e19})")));
        const json good = json::parse(R"({"total": 1200, "limit": 50.0, "offset": null,
            "expires_in": 9007199254740993, "push_ms_avg": 12, "min": -9223372036854775808})");
        QCOMPARE(p::int64Field(good, "total"), std::int64_t{1200});
        QCOMPARE(p::intField(good, "limit"), 50);
        QCOMPARE(p::intField(good, "offset", 7), 7);
        QCOMPARE(p::intField(good, "absent", 3), 3);
        QCOMPARE(p::int64Field(good, "expires_in"), std::int64_t{9007199254740993});
        QCOMPARE(p::int64Field(good, "min"), std::numeric_limits<std::int64_t>::min());
        QCOMPARE(p::doubleField(good, "push_ms_avg"), 12.0);
    }

    void replay_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        for (const QString& kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            for (const auto& [name, fn] : targets()) {
                const QDir dir(fuzzDir() + kind + u'/' + name);
                for (const QString& f : dir.entryList(QDir::Files, QDir::Name))
                    QTest::newRow(qPrintable(kind + u'/' + name + u'/' + f))
                        << name << dir.filePath(f);
            }
        }
    }

    void replay() {
        QFETCH(QString, target);
        QFETCH(QString, file);
        QFile in(file);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray bytes = in.readAll();
        // A failed invariant aborts the test process, naming the file in the log above.
        QCOMPARE(targets().at(target)(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                      std::size_t(bytes.size())),
                 0);
    }
};

QTEST_GUILESS_MAIN(FuzzCorpusTest)
#include "FuzzCorpusTest.moc"
