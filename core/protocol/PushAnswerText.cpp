#include "protocol/PushAnswerText.h"

#include "protocol/SaxKeys.h"
#include "protocol/SaxParse.h"

#include <algorithm>
#include <bitset>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace bridgecore::protocol {

namespace {

enum class TopKey {
    Success,
    Total,
    Succeeded,
    Failed,
    Conflicts,
    Results,
    IdMapping,
    NextSyncToken,
    ServerTimestamp,
    TotalProcessingTimeMs,
    AverageProcessingTimeMs,
    Unknown
};

enum class ResultKey {
    LocalId,
    Status,
    Action,
    Model,
    ServerId,
    ServerTimestamp,
    ProcessingTimeMs,
    Error,
    ErrorCode,
    Version,
    Duplicate,
    Unknown // conflict_info too: the tree path reads it
};

TopKey topKey(std::string_view k) {
    static constexpr std::pair<std::string_view, TopKey> keys[] = {
        {"success", TopKey::Success},
        {"total", TopKey::Total},
        {"succeeded", TopKey::Succeeded},
        {"failed", TopKey::Failed},
        {"conflicts", TopKey::Conflicts},
        {"results", TopKey::Results},
        {"id_mapping", TopKey::IdMapping},
        {"next_sync_token", TopKey::NextSyncToken},
        {"server_timestamp", TopKey::ServerTimestamp},
        {"total_processing_time_ms", TopKey::TotalProcessingTimeMs},
        {"average_processing_time_ms", TopKey::AverageProcessingTimeMs}};
    return sax::keyIn(keys, k);
}

ResultKey resultKey(std::string_view k) {
    static constexpr std::pair<std::string_view, ResultKey> keys[] = {
        {"local_id", ResultKey::LocalId},
        {"status", ResultKey::Status},
        {"action", ResultKey::Action},
        {"model", ResultKey::Model},
        {"server_id", ResultKey::ServerId},
        {"server_timestamp", ResultKey::ServerTimestamp},
        {"processing_time_ms", ResultKey::ProcessingTimeMs},
        {"error", ResultKey::Error},
        {"error_code", ResultKey::ErrorCode},
        {"version", ResultKey::Version},
        {"duplicate", ResultKey::Duplicate}};
    return sax::keyIn(keys, k);
}

/// A SAX reader of the answer's expected shape. Any event it does not expect returns false,
/// which stops the parse: the caller then reads the document through a json tree. Where it
/// accepts a value it does what pushResponseFromJson does with it (null = absent).
class PushAnswerReader final : public nlohmann::json_sax<json> {
public:
    PushResponse response;
    bool complete = false;

    bool null() override {
        switch (m_where) {
        case Where::TopValue:
            return topNull();
        case Where::ResultValue:
            return resultNull();
        default:
            return false; // a null id_mapping value, a null result: the tree path decides
        }
    }
    bool boolean(bool v) override {
        if (m_where == Where::TopValue && m_top == TopKey::Success) {
            response.success = v;
            m_where = Where::Top;
            return true;
        }
        if (m_where == Where::ResultValue && m_res == ResultKey::Duplicate) {
            m_result.duplicate = v;
            m_where = Where::Result;
            return true;
        }
        return false;
    }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override {
        if (v > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
            return false;
        return integer(static_cast<std::int64_t>(v));
    }
    bool number_float(number_float_t v, const string_t&) override { return real(v); }
    bool string(string_t& v) override {
        if (m_where == Where::TopValue) {
            if (m_top == TopKey::NextSyncToken)
                response.next_sync_token = std::move(v);
            else if (m_top == TopKey::ServerTimestamp)
                response.server_timestamp = std::move(v);
            else
                return false;
            m_where = Where::Top;
            return true;
        }
        if (m_where != Where::ResultValue)
            return false;
        switch (m_res) {
        case ResultKey::LocalId:
            m_result.local_id = std::move(v);
            m_hasLocalId = true;
            break;
        case ResultKey::Status: {
            const auto st = parseChangeStatus(v);
            if (!st)
                return false;
            m_result.status = *st;
            break;
        }
        case ResultKey::Action: {
            const auto a = parseAction(v);
            if (!a)
                return false;
            m_result.action = *a;
            break;
        }
        case ResultKey::Model:
            m_result.model = std::move(v);
            break;
        case ResultKey::ServerTimestamp:
            m_result.server_timestamp = std::move(v);
            break;
        case ResultKey::Error:
            m_result.error = std::move(v);
            break;
        case ResultKey::ErrorCode:
            m_result.error_code = parseErrorCode(v); // an unknown code is kept as absent
            break;
        default:
            return false;
        }
        m_where = Where::Result;
        return true;
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override {
        if (m_where == Where::Start) {
            m_where = Where::Top;
            return true;
        }
        if (m_where == Where::Results) {
            m_result = ChangeResult{};
            m_result.status = ChangeStatus::Failed; // pushResponseFromJson's default
            m_hasLocalId = false;
            m_resultKeys.reset();
            m_where = Where::Result;
            return true;
        }
        if (m_where == Where::TopValue && m_top == TopKey::IdMapping) {
            m_where = Where::Mapping;
            return true;
        }
        return false; // conflict_info and anything else
    }
    bool key(string_t& k) override {
        switch (m_where) {
        case Where::Top:
            m_top = topKey(k);
            // an unknown key, or a repeated one: the tree path reads it
            if (m_top == TopKey::Unknown || !sax::firstTime(m_topKeys, m_top))
                return false;
            m_where = Where::TopValue;
            return true;
        case Where::Result:
            m_res = resultKey(k);
            if (m_res == ResultKey::Unknown || !sax::firstTime(m_resultKeys, m_res))
                return false;
            m_where = Where::ResultValue;
            return true;
        case Where::Mapping:
            m_key = std::move(k);
            m_where = Where::MappingValue;
            return true;
        default:
            return false;
        }
    }
    /// Room for `results` results and mappings.
    void reserve(std::size_t results) {
        response.results.reserve(results);
        m_mapping.reserve(results);
        m_mappingKeys.reserve(results);
    }
    bool end_object() override {
        switch (m_where) {
        case Where::Result:
            if (!m_hasLocalId)
                return false;
            response.results.push_back(std::move(m_result));
            m_where = Where::Results;
            return true;
        case Where::Mapping:
            m_where = Where::Top;
            return true;
        case Where::Top:
            finishMapping();
            m_where = Where::End;
            complete = true;
            return true;
        default:
            return false;
        }
    }
    bool start_array(std::size_t n) override {
        if (m_where != Where::TopValue || m_top != TopKey::Results)
            return false;
        if (n != static_cast<std::size_t>(-1))
            response.results.reserve(n);
        m_where = Where::Results;
        return true;
    }
    bool end_array() override {
        if (m_where != Where::Results)
            return false;
        m_where = Where::Top;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    enum class Where {
        Start,
        Top,
        TopValue,
        Results,
        Result,
        ResultValue,
        Mapping,
        MappingValue,
        End
    };

    bool topNull() {
        // every field of the answer may be null (absent)
        m_where = Where::Top;
        return true;
    }
    bool resultNull() {
        // local_id is required (unknown keys and conflict_info never get here)
        if (m_res == ResultKey::LocalId)
            return false;
        m_where = Where::Result;
        return true;
    }
    bool integer(std::int64_t v) {
        if (m_where == Where::MappingValue) {
            if (!m_mapping.emplace(m_key, v).second)
                return false; // a repeated key
            m_mappingKeys.push_back(std::move(m_key));
            m_where = Where::Mapping;
            return true;
        }
        if (m_where == Where::TopValue) {
            int* field = m_top == TopKey::Total       ? &response.total
                         : m_top == TopKey::Succeeded ? &response.succeeded
                         : m_top == TopKey::Failed    ? &response.failed
                         : m_top == TopKey::Conflicts ? &response.conflicts
                                                      : nullptr;
            if (field) {
                if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
                    return false;
                *field = static_cast<int>(v);
                m_where = Where::Top;
                return true;
            }
            return real(static_cast<double>(v));
        }
        if (m_where == Where::ResultValue) {
            if (m_res == ResultKey::ServerId)
                m_result.server_id = v;
            else if (m_res == ResultKey::Version)
                m_result.version = v;
            else
                return real(static_cast<double>(v));
            m_where = Where::Result;
            return true;
        }
        return false;
    }
    bool real(double v) {
        if (m_where == Where::TopValue) {
            if (m_top == TopKey::TotalProcessingTimeMs)
                response.total_processing_time_ms = v;
            else if (m_top == TopKey::AverageProcessingTimeMs)
                response.average_processing_time_ms = v;
            else
                return false; // an integral float for an integer: the tree path's rules
            m_where = Where::Top;
            return true;
        }
        if (m_where == Where::ResultValue && m_res == ResultKey::ProcessingTimeMs) {
            m_result.processing_time_ms = v;
            m_where = Where::Result;
            return true;
        }
        return false;
    }
    /// As pushResponseFromJson: in result order first, then the mappings without a result in
    /// the object's (sorted) key order.
    void finishMapping() {
        std::unordered_set<std::string_view> done;
        done.reserve(m_mappingKeys.size());
        response.id_mapping.reserve(m_mappingKeys.size());
        for (const auto& res : response.results)
            if (const auto it = m_mapping.find(res.local_id);
                it != m_mapping.end() && done.insert(it->first).second)
                response.id_mapping.emplace_back(res.local_id, it->second);
        std::vector<const std::string*> rest;
        for (const auto& k : m_mappingKeys)
            if (!done.count(k))
                rest.push_back(&k);
        std::sort(rest.begin(), rest.end(),
                  [](const std::string* a, const std::string* b) { return *a < *b; });
        for (const std::string* k : rest)
            response.id_mapping.emplace_back(*k, m_mapping.at(*k));
    }

    Where m_where = Where::Start;
    std::string m_key; // of id_mapping
    TopKey m_top = TopKey::Unknown;
    ResultKey m_res = ResultKey::Unknown;
    std::bitset<std::size_t(TopKey::Unknown)> m_topKeys;
    std::bitset<std::size_t(ResultKey::Unknown)> m_resultKeys;
    ChangeResult m_result;
    bool m_hasLocalId = false;
    std::unordered_map<std::string, std::int64_t> m_mapping;
    std::vector<std::string> m_mappingKeys;
};

} // namespace

std::optional<PushResponse> pushResponseFromText(std::string_view text) {
    PushAnswerReader reader;
    // Room for the results and mappings up front (a text parse does not know an array's size):
    // the server writes ~200 bytes per result, none fewer than ~100; a push has at most 1,000.
    reader.reserve(std::min(text.size() / 96 + 1, kMaxChangesPerPush));
    if (!sax::parse(text, reader) || !reader.complete)
        return std::nullopt;
    return std::move(reader.response);
}

} // namespace bridgecore::protocol
