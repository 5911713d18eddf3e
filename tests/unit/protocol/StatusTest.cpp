// Error code names (the wire's error_code) and the Result/Status value types.
#include "protocol/Status.h"

#include <QTest>

#include <set>

using namespace bridgecore;

class StatusTest : public QObject {
    Q_OBJECT

private slots:
    void namesAreTheWireSpelling_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        const std::pair<ErrorCode, const char*> all[] = {
            {ErrorCode::ValidationError, "VALIDATION_ERROR"},
            {ErrorCode::UnknownModel, "UNKNOWN_MODEL"},
            {ErrorCode::InvalidAction, "INVALID_ACTION"},
            {ErrorCode::MissingRecordId, "MISSING_RECORD_ID"},
            {ErrorCode::RecordNotFound, "RECORD_NOT_FOUND"},
            {ErrorCode::LocalIdReused, "LOCAL_ID_REUSED"},
            {ErrorCode::DependencyCycle, "DEPENDENCY_CYCLE"},
            {ErrorCode::DependencyFailed, "DEPENDENCY_FAILED"},
            {ErrorCode::UnresolvedReference, "UNRESOLVED_REFERENCE"},
            {ErrorCode::NotAttempted, "NOT_ATTEMPTED"},
            {ErrorCode::Unauthorized, "UNAUTHORIZED"},
            {ErrorCode::Forbidden, "FORBIDDEN"},
            {ErrorCode::NotFound, "NOT_FOUND"},
            {ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE"},
            {ErrorCode::RateLimited, "RATE_LIMITED"},
            {ErrorCode::StorageError, "STORAGE_ERROR"},
            {ErrorCode::SchemaTooNew, "SCHEMA_TOO_NEW"},
            {ErrorCode::Internal, "INTERNAL_ERROR"},
        };
        for (const auto& [code, name] : all) {
            QTest::newRow(name) << int(code) << QString::fromLatin1(name);
        }
    }
    void namesAreTheWireSpelling() {
        QFETCH(int, code);
        QFETCH(QString, name);
        const auto c = static_cast<ErrorCode>(code);
        QCOMPARE(QString::fromLatin1(errorCodeName(c).data(), qsizetype(errorCodeName(c).size())),
                 name);
        QVERIFY(parseErrorCode(name.toStdString()) == c);
    }

    void namesAreUnique() {
        std::set<std::string_view> names;
        int count = 0;
        for (int i = int(ErrorCode::ValidationError); i <= int(ErrorCode::Internal); ++i) {
            names.insert(errorCodeName(static_cast<ErrorCode>(i)));
            ++count;
        }
        QCOMPARE(int(names.size()), count);
    }

    void unknownNames() {
        QVERIFY(!parseErrorCode(""));
        QVERIFY(!parseErrorCode("validation_error"));
        QVERIFY(!parseErrorCode("INTERNAL"));
    }

    void resultAndStatus() {
        Result<int> ok = 5;
        QVERIFY(ok.ok());
        QCOMPARE(ok.value(), 5);
        Result<int> bad = Error{ErrorCode::NotFound, "no such device"};
        QVERIFY(!bad);
        QVERIFY(bad.error().code == ErrorCode::NotFound);
        Status s = Status::success();
        QVERIFY(s.ok());
        Status f = Error{ErrorCode::StorageError, "disk full"};
        QVERIFY(!f.ok());
        QCOMPARE(f.error().message, std::string("disk full"));
    }
};

QTEST_GUILESS_MAIN(StatusTest)
#include "StatusTest.moc"
