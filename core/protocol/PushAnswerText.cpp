#include "protocol/PushAnswerText.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace bridgecore::protocol {

namespace {

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
        if (m_where == Where::TopValue && m_key == "success") {
            response.success = v;
            m_where = Where::Top;
            return true;
        }
        if (m_where == Where::ResultValue && m_key == "duplicate") {
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
            if (m_key == "next_sync_token")
                response.next_sync_token = std::move(v);
            else if (m_key == "server_timestamp")
                response.server_timestamp = std::move(v);
            else
                return false;
            m_where = Where::Top;
            return true;
        }
        if (m_where != Where::ResultValue)
            return false;
        if (m_key == "local_id") {
            m_result.local_id = std::move(v);
            m_hasLocalId = true;
        } else if (m_key == "status") {
            const auto s = parseChangeStatus(v);
            if (!s)
                return false;
            m_result.status = *s;
        } else if (m_key == "action") {
            const auto a = parseAction(v);
            if (!a)
                return false;
            m_result.action = *a;
        } else if (m_key == "model") {
            m_result.model = std::move(v);
        } else if (m_key == "server_timestamp") {
            m_result.server_timestamp = std::move(v);
        } else if (m_key == "error") {
            m_result.error = std::move(v);
        } else if (m_key == "error_code") {
            m_result.error_code = parseErrorCode(v); // an unknown code is kept as absent
        } else {
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
            m_resultKeys.clear();
            m_where = Where::Result;
            return true;
        }
        if (m_where == Where::TopValue && m_key == "id_mapping") {
            m_where = Where::Mapping;
            return true;
        }
        return false; // conflict_info and anything else
    }
    bool key(string_t& k) override {
        switch (m_where) {
        case Where::Top:
            if (!m_topKeys.insert(k).second)
                return false; // a repeated key: the tree keeps the last, so read it that way
            m_key = std::move(k);
            m_where = Where::TopValue;
            return true;
        case Where::Result:
            if (!m_resultKeys.insert(k).second)
                return false;
            m_key = std::move(k);
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
        if (m_where != Where::TopValue || m_key != "results")
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
        static const std::unordered_set<std::string> nullable{"success",
                                                              "total",
                                                              "succeeded",
                                                              "failed",
                                                              "conflicts",
                                                              "results",
                                                              "id_mapping",
                                                              "next_sync_token",
                                                              "server_timestamp",
                                                              "total_processing_time_ms",
                                                              "average_processing_time_ms"};
        if (!nullable.count(m_key))
            return false;
        m_where = Where::Top;
        return true;
    }
    bool resultNull() {
        // local_id is required; conflict_info goes through the tree path either way.
        static const std::unordered_set<std::string> nullable{
            "status",    "action",           "model",
            "server_id", "server_timestamp", "processing_time_ms",
            "error",     "error_code",       "version",
            "duplicate"};
        if (!nullable.count(m_key))
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
            int* field = m_key == "total"       ? &response.total
                         : m_key == "succeeded" ? &response.succeeded
                         : m_key == "failed"    ? &response.failed
                         : m_key == "conflicts" ? &response.conflicts
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
            if (m_key == "server_id")
                m_result.server_id = v;
            else if (m_key == "version")
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
            if (m_key == "total_processing_time_ms")
                response.total_processing_time_ms = v;
            else if (m_key == "average_processing_time_ms")
                response.average_processing_time_ms = v;
            else
                return false; // an integral float for an integer: the tree path's rules
            m_where = Where::Top;
            return true;
        }
        if (m_where == Where::ResultValue && m_key == "processing_time_ms") {
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
    std::string m_key;
    std::unordered_set<std::string> m_topKeys, m_resultKeys;
    ChangeResult m_result;
    bool m_hasLocalId = false;
    std::unordered_map<std::string, std::int64_t> m_mapping;
    std::vector<std::string> m_mappingKeys;
};

} // namespace

std::optional<PushResponse> pushResponseFromText(std::string_view text) {
    PushAnswerReader reader;
    if (!json::sax_parse(text.begin(), text.end(), &reader) || !reader.complete)
        return std::nullopt;
    return std::move(reader.response);
}

} // namespace bridgecore::protocol
