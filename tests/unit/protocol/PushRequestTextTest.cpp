// pushRequestFromText: the push request read without a json tree is what the tree path
// (parseJsonText + parsePushRequest) reads, and anything that path refuses or converts is left
// to it, so that its error messages stay the only ones.
#include "protocol/PushRequestText.h"

#include "GuideExamples.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::protocol;

namespace {

/// The tree path's reading of `text`.
Parsed<PushRequest> viaTree(const std::string& text) {
    auto body = parseJsonText(text);
    if (auto* issues = std::get_if<ValidationIssues>(&body))
        return *issues;
    return parsePushRequest(std::get<json>(std::move(body)));
}

/// Every field, also those toJson leaves out (invalid_action, the parsed time).
json everything(const PushRequest& r) {
    json j = toJson(r);
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
        const Change& c = r.changes[i];
        j["changes"][i]["local_time"] = c.local_time;
        j["changes"][i]["invalid_action"] = c.invalid_action ? json(*c.invalid_action) : json();
        j["changes"][i]["record_id_kind"] = c.record_id.index();
        j["changes"][i]["metadata_raw"] = c.metadata; // null and absent alike
        j["changes"][i]["fields_changed_set"] = c.fields_changed.has_value();
    }
    return j;
}

void sameAsTree(const std::string& text) {
    const auto fast = pushRequestFromText(text, 64);
    QVERIFY2(fast.has_value(), text.c_str());
    const auto tree = viaTree(text);
    QVERIFY2(std::holds_alternative<PushRequest>(tree), text.c_str());
    QCOMPARE(everything(*fast).dump(), everything(std::get<PushRequest>(tree)).dump());
}

/// Left to the tree path, which refuses or converts it.
void leftToTree(const std::string& text) {
    QVERIFY2(!pushRequestFromText(text, 64).has_value(), text.c_str());
}

std::string change(const std::string& fields) {
    return "{\"local_id\":\"c-1\",\"action\":\"create\",\"model\":\"res.partner\","
           "\"local_timestamp\":\"2025-11-24T10:30:00Z\"" +
           (fields.empty() ? std::string() : "," + fields) + "}";
}

std::string push(const std::string& changes, const std::string& extra = "") {
    return "{\"device_id\":\"dev-1\",\"changes\":[" + changes + "]" +
           (extra.empty() ? std::string() : "," + extra) + "}";
}

} // namespace

class PushRequestTextTest : public QObject {
    Q_OBJECT
private slots:
    void guideExampleReadsAsTheTreeReadsIt() {
        sameAsTree(json::parse(guide::kGuidePushRequest).dump());
        sameAsTree(guide::kGuidePushRequest); // as written, with its spaces and line breaks
    }

    void everyFieldReadsAsTheTreeReadsIt() {
        sameAsTree(push(
            change(
                "\"record_id\":42,\"data\":{\"name\":\"caf\\u00e9 "
                "\\\"q\\\"\",\"n\":1.5,\"t\":[1,{\"a\":null}],"
                "\"b\":true,\"big\":18446744073709551615,\"neg\":-3},\"version\":7,\"priority\":0,"
                "\"fields_changed\":[\"name\",\"n\"],\"dependencies\":[\"c-0\",\"x-9\"],"
                "\"metadata\":{\"k\":[1,2]},\"merged_data\":{\"name\":\"m\"}") +
                "," +
                change("\"record_id\":\"c-1x\",\"version\":null,\"priority\":10,\"fields_changed\":"
                       "null,"
                       "\"metadata\":\"text\",\"merged_data\":null")
                    .replace(13, 3, "c-2") +
                "," +
                change("\"record_id\":null,\"metadata\":2.5,\"data\":{}").replace(13, 3, "c-3"),
            "\"conflict_strategy\":\"manual\",\"stop_on_error\":true,\"batch_size\":500,"
            "\"last_pull_timestamp\":\"2025-11-24T10:00:00Z\",\"pending_changes\":3,"
            "\"oldest_pending_at\":null,\"last_error\":\"boom\",\"client_time\":\"now\","
            "\"app_version\":\"1.2\""));
        // metadata of every scalar kind, and an array
        for (const char* m : {"true", "false", "-1", "18446744073709551615", "[1,\"a\",{}]", "{}"})
            sameAsTree(push(change(std::string("\"metadata\":") + m)));
    }

    void keysInAnyOrderAndUnknownKeysSkipped() {
        sameAsTree(
            "{\"x\":{\"y\":[1,{\"z\":2}]},\"changes\":[{\"model\":\"m\",\"extra\":[[]],"
            "\"local_timestamp\":\"2025-11-24T10:30:00+02:00\",\"extra\":1,\"action\":\"delete\","
            "\"local_id\":\"abc\"}],\"x\":null,\"device_id\":\"ddd\",\"y\":1.5,\"z\":\"s\"}");
    }

    void anUnknownActionFailsAloneAsInTheTree() {
        sameAsTree(push(change("").replace(change("").find("create"), 6, "archive")));
    }

    void whatTheTreeRefusesOrConvertsIsLeftToIt() {
        const std::string ok = change("");
        leftToTree("");
        leftToTree("[]");
        leftToTree("nul");
        leftToTree(push(ok) + "x");                                    // trailing garbage
        leftToTree(push(ok).substr(0, 40));                            // truncated
        leftToTree("{\"device_id\":\"dev-1\",\"changes\":[]}");        // too few changes
        leftToTree("{\"changes\":[" + ok + "]}");                      // no device_id
        leftToTree("{\"device_id\":\"d1\",\"changes\":[" + ok + "]}"); // too short
        leftToTree("{\"device_id\":\"dev-1\",\"changes\":null}");
        leftToTree("{\"device_id\":\"dev-1\",\"changes\":[1]}");
        leftToTree("{\"device_id\":\"dev-1\",\"device_id\":\"dev-2\",\"changes\":[" + ok + "]}");
        leftToTree(push(ok + "," + ok));            // repeated local_id
        leftToTree(push(ok, "\"batch_size\":5.0")); // a float for an int
        leftToTree(push(ok, "\"batch_size\":0"));
        leftToTree(push(ok, "\"batch_size\":501"));
        leftToTree(push(ok, "\"stop_on_error\":1"));
        leftToTree(push(ok, "\"conflict_strategy\":\"loudest_wins\""));
        leftToTree(push(ok, "\"pending_changes\":-1"));
        leftToTree(push(ok, "\"last_pull_timestamp\":5"));
        leftToTree(push(change("\"priority\":11")));
        leftToTree(push(change("\"priority\":null")));
        leftToTree(push(change("\"version\":1.0")));
        leftToTree(push(change("\"record_id\":true")));
        leftToTree(push(change("\"record_id\":9223372036854775808")));
        leftToTree(push(change("\"data\":[]")));
        leftToTree(push(change("\"data\":null")));
        leftToTree(push(change("\"merged_data\":[]")));
        leftToTree(push(change("\"dependencies\":null")));
        leftToTree(push(change("\"fields_changed\":[\"a\",1]")));
        leftToTree(push(change("\"model\":\"x\",\"model\":\"y\"")));
        leftToTree(push(
            "{\"local_id\":\"c-1\",\"model\":\"m\",\"local_timestamp\":\"2025-11-24T10:30:00Z\"}"));
        leftToTree(push(change("").replace(change("").find("2025"), 4, "year")));
        leftToTree(push(change("").replace(change("").find("\"create\""), 8, "5")));
        std::string long1001;
        for (int i = 0; i < 1001; ++i)
            long1001 += (i ? "," : "") + change("").replace(13, 3, "c-" + std::to_string(i));
        leftToTree(push(long1001));
        // Each of those is refused by the tree path too (none is a quiet conversion there,
        // except the float and the time zone, which the tree path accepts on its own).
        QVERIFY(std::holds_alternative<ValidationIssues>(viaTree(push(ok + "," + ok))));
        QVERIFY(std::holds_alternative<PushRequest>(viaTree(push(ok, "\"batch_size\":5.0"))));
    }

    void nestingDeeperThanTheLimitIsLeftToTheTree() {
        std::string deep = "1";
        for (int i = 0; i < 62; ++i)
            deep = "[" + deep + "]";
        // depth: the body 1, the changes list 2, the change 3, data 4, then 62 arrays
        const std::string text = push(change("\"data\":{\"d\":" + deep + "}"));
        QVERIFY(!pushRequestFromText(text, 65).has_value());
        QVERIFY(pushRequestFromText(text, 66).has_value());
    }
};

QTEST_APPLESS_MAIN(PushRequestTextTest)
#include "PushRequestTextTest.moc"
