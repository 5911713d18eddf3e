// Replays every committed fuzz input (seeds in tests/fuzz/corpus/<target>, past findings in
// tests/fuzz/regressions/<target>) through its parser: a finding fixed once stays fixed, and
// the parsers run under the ordinary and the asan builds, not only under libFuzzer.

#include "FuzzTargets.h"

#include <QDir>
#include <QFile>
#include <QTest>

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
