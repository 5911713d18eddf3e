// pushResponseFromText: the push answer read without a json tree is what the tree path reads,
// and anything outside the server's own shape is left to the tree path.
#include "protocol/PushAnswerText.h"

#include "GuideExamples.h"

#include <QTest>

#include <limits>

using namespace bridgecore;
using namespace bridgecore::protocol;

namespace {

/// Every field of both, id_mapping in order (toJson would sort it).
void compare(const PushResponse& fast, const PushResponse& tree) {
    QCOMPARE(toJsonText(fast), toJsonText(tree));
    QCOMPARE(fast.id_mapping, tree.id_mapping);
    QCOMPARE(fast.results.size(), tree.results.size());
    for (std::size_t i = 0; i < fast.results.size(); ++i) {
        QCOMPARE(fast.results[i].error_code.has_value(), tree.results[i].error_code.has_value());
        QCOMPARE(fast.results[i].server_id, tree.results[i].server_id);
        QCOMPARE(fast.results[i].version, tree.results[i].version);
    }
}

PushResponse typical() {
    PushResponse r;
    r.success = false;
    r.total = 5;
    r.succeeded = 3;
    r.failed = 2;
    for (int i = 0; i < 3; ++i) {
        ChangeResult ok;
        ok.local_id = "r-" + std::to_string(i);
        ok.model = "sale.order";
        ok.server_id = 100 + i;
        ok.server_timestamp = "2025-11-24T10:30:00.123Z";
        ok.processing_time_ms = 0.1 * i;
        ok.version = 1;
        r.results.push_back(ok);
        r.id_mapping.emplace_back(ok.local_id, *ok.server_id);
    }
    ChangeResult failed;
    failed.local_id = "caf\xc3\xa9 \"q\"";
    failed.status = ChangeStatus::Failed;
    failed.action = Action::Delete;
    failed.error = "no such record\n(line 2)";
    failed.error_code = ErrorCode::RecordNotFound;
    r.results.push_back(failed);
    ChangeResult again = r.results[0]; // a local id twice, and a duplicate
    again.duplicate = true;
    r.results.push_back(again);
    // a mapping without a result, sorting before and after the others
    r.id_mapping.emplace_back("zz-extra", 7);
    r.id_mapping.emplace_back("a-extra", 8);
    r.next_sync_token = "1_dev_2";
    r.server_timestamp = "2025-11-24T10:30:00Z";
    r.total_processing_time_ms = 12.5;
    r.average_processing_time_ms = 2.5;
    return r;
}

std::optional<PushResponse> fast(const std::string& text) {
    return pushResponseFromText(text);
}

PushResponse tree(const std::string& text) {
    return pushResponseFromJson(json::parse(text));
}

} // namespace

class PushAnswerTextTest : public QObject {
    Q_OBJECT
private slots:
    void readsWhatTheServerWritesAsTheTreeDoes() {
        for (const PushResponse& r : {PushResponse{}, typical()}) {
            const std::string text = toJsonText(r);
            const auto read = fast(text);
            QVERIFY2(read.has_value(), text.c_str());
            compare(*read, tree(text));
        }
        const std::string guide = guide::kGuidePushResponse; // whitespace, the guide's key order
        const auto read = fast(guide);
        QVERIFY(read.has_value());
        compare(*read, tree(guide));
        QCOMPARE(read->id_mapping.size(), std::size_t(2));
    }

    void readsKeysInAnyOrderWithNullsAsAbsent() {
        const std::string text =
            R"({"results":[{"status":null,"local_id":"x","server_id":null,"processing_time_ms":3,)"
            R"("error_code":"SOME_FUTURE_CODE","action":null,"version":18446744073709551}],)"
            R"("id_mapping":{"x":5},"success":null,"total":1,"next_sync_token":null,)"
            R"("total_processing_time_ms":7,"average_processing_time_ms":null})";
        const auto read = fast(text);
        QVERIFY(read.has_value());
        compare(*read, tree(text));
        QVERIFY(read->results[0].status == ChangeStatus::Failed); // the tree path's default
        QVERIFY(!read->results[0].error_code.has_value());
        QCOMPARE(read->results[0].processing_time_ms, 3.0);
    }

    void leavesEverythingElseToTheTreePath() {
        PushResponse withConflict = typical();
        withConflict.results[0].conflict_info = ConflictInfo{};
        withConflict.results[0].status = ChangeStatus::Conflict;
        for (const std::string& text : std::vector<std::string>{
                 toJsonText(withConflict),
                 std::string(R"({"total":1,"total":2})"), // repeated key
                 std::string(R"({"results":[{"local_id":"a","local_id":"b"}]})"),
                 std::string(R"({"id_mapping":{"a":1,"a":2}})"),
                 std::string(R"({"unknown":1})"), // ignored by the tree
                 std::string(R"({"total":1.0})"), // integral float
                 std::string(R"({"results":[{"local_id":"a","server_id":2.0}]})"),
                 std::string(R"({"id_mapping":{"a":null}})"),   // the tree throws
                 std::string(R"({"results":[{"model":"m"}]})"), // no local_id
                 std::string(R"({"results":[{"local_id":"a","status":"odd"}]})"),
                 std::string(R"({"results":[{"local_id":"a","server_id":9223372036854775808}]})"),
                 std::string(R"({"success":1})"),
                 std::string(R"({"results":[1]})"),
                 std::string(R"([])"),
                 std::string(R"({"total":1} trailing)"),
                 std::string(R"({"total":)"),
                 std::string(""),
             }) {
            QVERIFY2(!fast(text).has_value(), text.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(PushAnswerTextTest)
#include "PushAnswerTextTest.moc"
