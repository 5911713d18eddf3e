#include "protocol/PushRequestText.h"

#include "protocol/SaxKeys.h"
#include "protocol/SaxParse.h"

#include <algorithm>
#include <bitset>
#include <limits>
#include <unordered_set>

namespace bridgecore::protocol {

namespace {

using Dom = nlohmann::detail::json_sax_dom_parser<json>;

enum class TopKey {
    DeviceId,
    Changes,
    ConflictStrategy,
    StopOnError,
    BatchSize,
    LastPullTimestamp,
    PendingChanges,
    OldestPendingAt,
    LastError,
    ClientTime,
    AppVersion,
    Unknown
};

enum class ChangeKey {
    LocalId,
    Action,
    Model,
    RecordId,
    Data,
    LocalTimestamp,
    Version,
    Priority,
    FieldsChanged,
    Dependencies,
    Metadata,
    MergedData,
    Unknown
};

TopKey topKey(std::string_view k) {
    static constexpr std::pair<std::string_view, TopKey> keys[] = {
        {"device_id", TopKey::DeviceId},
        {"changes", TopKey::Changes},
        {"conflict_strategy", TopKey::ConflictStrategy},
        {"stop_on_error", TopKey::StopOnError},
        {"batch_size", TopKey::BatchSize},
        {"last_pull_timestamp", TopKey::LastPullTimestamp},
        {"pending_changes", TopKey::PendingChanges},
        {"oldest_pending_at", TopKey::OldestPendingAt},
        {"last_error", TopKey::LastError},
        {"client_time", TopKey::ClientTime},
        {"app_version", TopKey::AppVersion}};
    return sax::keyIn(keys, k);
}

ChangeKey changeKey(std::string_view k) {
    static constexpr std::pair<std::string_view, ChangeKey> keys[] = {
        {"local_id", ChangeKey::LocalId},
        {"action", ChangeKey::Action},
        {"model", ChangeKey::Model},
        {"record_id", ChangeKey::RecordId},
        {"data", ChangeKey::Data},
        {"local_timestamp", ChangeKey::LocalTimestamp},
        {"version", ChangeKey::Version},
        {"priority", ChangeKey::Priority},
        {"fields_changed", ChangeKey::FieldsChanged},
        {"dependencies", ChangeKey::Dependencies},
        {"metadata", ChangeKey::Metadata},
        {"merged_data", ChangeKey::MergedData}};
    return sax::keyIn(keys, k);
}

/// A SAX reader of a valid push request. Any event it does not expect, or a value
/// parsePushRequest would refuse or convert, returns false, which stops the parse: the caller
/// then reads the document through a json tree, which says what is wrong. Unknown keys are
/// skipped; data, metadata and merged_data are built by nlohmann's own DOM builder.
class PushRequestReader final : public nlohmann::json_sax<json> {
public:
    explicit PushRequestReader(int maxDepth)
        : m_maxDepth(maxDepth) {}

    PushRequest request;
    bool complete = false;

    bool null() override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([](auto& s) { return s.null(); });
        if (m_where == Where::TopValue) {
            switch (m_topKey) {
            case TopKey::LastPullTimestamp:
            case TopKey::PendingChanges:
            case TopKey::OldestPendingAt:
            case TopKey::LastError:
            case TopKey::ClientTime:
            case TopKey::AppVersion:
            case TopKey::Unknown:
                return topDone(); // nullable: absent
            default:
                return false;
            }
        }
        if (m_where == Where::ChangeValue) {
            switch (m_changeKey) {
            case ChangeKey::RecordId:
            case ChangeKey::Version:
            case ChangeKey::FieldsChanged:
            case ChangeKey::Metadata: // null is the field's "absent"
            case ChangeKey::MergedData:
            case ChangeKey::Unknown:
                return changeDone();
            default:
                return false;
            }
        }
        return false;
    }

    bool boolean(bool v) override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([v](auto& s) { return s.boolean(v); });
        if (m_where == Where::TopValue) {
            if (m_topKey == TopKey::StopOnError) {
                request.stop_on_error = v;
                return topDone();
            }
            return m_topKey == TopKey::Unknown && topDone();
        }
        if (m_where == Where::ChangeValue) {
            if (m_changeKey == ChangeKey::Metadata)
                return captureScalar([v](Dom& d) { return d.boolean(v); });
            return m_changeKey == ChangeKey::Unknown && changeDone();
        }
        return false;
    }

    bool number_integer(number_integer_t v) override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([v](auto& s) { return s.number_integer(v); });
        return integer(v, [v](Dom& d) { return d.number_integer(v); });
    }

    bool number_unsigned(number_unsigned_t v) override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([v](auto& s) { return s.number_unsigned(v); });
        if (v > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
            // too large for every integer field; kept as it is only in metadata
            if (m_where == Where::ChangeValue && m_changeKey == ChangeKey::Metadata)
                return captureScalar([v](Dom& d) { return d.number_unsigned(v); });
            return unknownValue();
        }
        return integer(static_cast<std::int64_t>(v), [v](Dom& d) { return d.number_unsigned(v); });
    }

    bool number_float(number_float_t v, const string_t& s) override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([v, &s](auto& d) { return d.number_float(v, s); });
        // An integral float for an integer field is the tree path's conversion: it decides.
        if (m_where == Where::ChangeValue && m_changeKey == ChangeKey::Metadata)
            return captureScalar([v, &s](Dom& d) { return d.number_float(v, s); });
        return unknownValue();
    }

    bool string(string_t& v) override {
        if (m_where == Where::Skip || m_where == Where::Capture)
            return inner([&v](auto& s) { return s.string(v); });
        if (m_where == Where::TopValue)
            return topString(v);
        if (m_where == Where::ChangeValue)
            return changeString(v);
        if (m_where == Where::StringList) {
            m_list->push_back(std::move(v));
            return true;
        }
        return false;
    }

    bool binary(binary_t&) override { return false; }

    bool start_object(std::size_t n) override {
        if (++m_depth > m_maxDepth)
            return false;
        switch (m_where) {
        case Where::Skip:
        case Where::Capture:
            ++m_innerDepth;
            return inner([n](auto& s) { return s.start_object(n); });
        case Where::Start:
            m_where = Where::Top;
            return true;
        case Where::Changes:
            m_change = Change{};
            m_changeKeys.reset();
            m_where = Where::Change;
            return true;
        case Where::TopValue:
            return m_topKey == TopKey::Unknown && startSkip(Where::Top);
        case Where::ChangeValue:
            switch (m_changeKey) {
            case ChangeKey::Data:
                return startCapture(m_change.data, n);
            case ChangeKey::Metadata:
                return startCapture(m_change.metadata, n);
            case ChangeKey::MergedData:
                return startCapture(m_change.merged_data, n);
            case ChangeKey::Unknown:
                return startSkip(Where::Change);
            default:
                return false;
            }
        default:
            return false;
        }
    }

    bool start_array(std::size_t n) override {
        if (++m_depth > m_maxDepth)
            return false;
        switch (m_where) {
        case Where::Skip:
        case Where::Capture:
            ++m_innerDepth;
            return inner([n](auto& s) { return s.start_array(n); });
        case Where::TopValue:
            if (m_topKey == TopKey::Changes) {
                m_where = Where::Changes;
                return true;
            }
            return m_topKey == TopKey::Unknown && startSkip(Where::Top);
        case Where::ChangeValue:
            switch (m_changeKey) {
            case ChangeKey::FieldsChanged:
                m_change.fields_changed.emplace();
                return startList(&*m_change.fields_changed);
            case ChangeKey::Dependencies:
                return startList(&m_change.dependencies);
            case ChangeKey::Metadata:
                m_dom.emplace(m_change.metadata, true);
                m_innerDepth = 1;
                m_where = Where::Capture;
                return m_dom->start_array(n);
            case ChangeKey::Unknown:
                return startSkip(Where::Change);
            default:
                return false;
            }
        default:
            return false;
        }
    }

    bool key(string_t& k) override {
        switch (m_where) {
        case Where::Skip:
        case Where::Capture:
            return inner([&k](auto& s) { return s.key(k); });
        case Where::Top: {
            m_topKey = topKey(k);
            // Unknown keys may repeat: the tree path ignores them whichever value it keeps.
            if (!sax::firstTime(m_topKeys, m_topKey))
                return false;
            m_where = Where::TopValue;
            return true;
        }
        case Where::Change: {
            m_changeKey = changeKey(k);
            if (!sax::firstTime(m_changeKeys, m_changeKey))
                return false;
            m_where = Where::ChangeValue;
            return true;
        }
        default:
            return false;
        }
    }

    bool end_object() override {
        --m_depth;
        switch (m_where) {
        case Where::Skip:
        case Where::Capture:
            return endInner([](auto& s) { return s.end_object(); });
        case Where::Change:
            return endChange();
        case Where::Top:
            return endTop();
        default:
            return false;
        }
    }

    bool end_array() override {
        --m_depth;
        switch (m_where) {
        case Where::Skip:
        case Where::Capture:
            return endInner([](auto& s) { return s.end_array(); });
        case Where::Changes:
            if (request.changes.empty() || request.changes.size() > kMaxChangesPerPush)
                return false;
            return topDone();
        case Where::StringList:
            m_list = nullptr;
            return changeDone();
        default:
            return false;
        }
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    enum class Where {
        Start,
        Top,
        TopValue,
        Changes,
        Change,
        ChangeValue,
        StringList, // fields_changed or dependencies
        Capture,    // a value built by m_dom
        Skip,       // the value of an unknown key
        End
    };

    /// An event inside a captured or skipped value.
    template <typename F> bool inner(F&& f) {
        if (m_where == Where::Skip)
            return true;
        const bool ok = f(*m_dom);
        if (ok && m_innerDepth == 0)
            return captureDone();
        return ok;
    }
    template <typename F> bool endInner(F&& f) {
        --m_innerDepth;
        if (m_where == Where::Skip) {
            if (m_innerDepth == 0)
                m_where = m_skipReturn;
            return true;
        }
        return inner(f);
    }

    bool startSkip(Where back) {
        m_where = Where::Skip;
        m_skipReturn = back;
        m_innerDepth = 1;
        return true;
    }
    bool startCapture(json& into, std::size_t n) {
        m_dom.emplace(into, true);
        m_innerDepth = 1;
        m_where = Where::Capture;
        return m_dom->start_object(n);
    }
    /// A scalar metadata value.
    template <typename F> bool captureScalar(F&& f) {
        Dom dom(m_change.metadata, true);
        return f(dom) && changeDone();
    }
    bool captureDone() {
        m_dom.reset();
        return changeDone();
    }
    bool startList(std::vector<std::string>* list) {
        m_list = list;
        m_where = Where::StringList;
        return true;
    }

    bool topDone() {
        m_where = Where::Top;
        return true;
    }
    bool changeDone() {
        m_where = Where::Change;
        return true;
    }
    /// A value of a type no known field takes here: fine only for an unknown key.
    bool unknownValue() {
        if (m_where == Where::TopValue)
            return m_topKey == TopKey::Unknown && topDone();
        if (m_where == Where::ChangeValue)
            return m_changeKey == ChangeKey::Unknown && changeDone();
        return false;
    }

    template <typename F> bool integer(std::int64_t v, F&& asMetadata) {
        if (m_where == Where::TopValue) {
            switch (m_topKey) {
            case TopKey::BatchSize:
                if (v < kMinBatchSize || v > kMaxBatchSize)
                    return false;
                request.batch_size = static_cast<int>(v);
                return topDone();
            case TopKey::PendingChanges:
                if (v < 0)
                    return false;
                request.report.pending_changes = v;
                return topDone();
            case TopKey::Unknown:
                return topDone();
            default:
                return false;
            }
        }
        if (m_where == Where::ChangeValue) {
            switch (m_changeKey) {
            case ChangeKey::RecordId:
                m_change.record_id = v;
                return changeDone();
            case ChangeKey::Version:
                m_change.version = v;
                return changeDone();
            case ChangeKey::Priority:
                if (v < kMinPriority || v > kMaxPriority)
                    return false;
                m_change.priority = static_cast<int>(v);
                return changeDone();
            case ChangeKey::Metadata:
                return captureScalar(asMetadata);
            case ChangeKey::Unknown:
                return changeDone();
            default:
                return false;
            }
        }
        return false;
    }

    bool topString(std::string& v) {
        switch (m_topKey) {
        case TopKey::DeviceId:
            if (v.size() < kMinIdLength)
                return false;
            request.device_id = std::move(v);
            break;
        case TopKey::ConflictStrategy: {
            const auto s = parseConflictStrategy(v);
            if (!s)
                return false;
            request.conflict_strategy = *s;
            break;
        }
        case TopKey::LastPullTimestamp:
            request.last_pull_timestamp = std::move(v);
            break;
        case TopKey::OldestPendingAt:
            request.report.oldest_pending_at = std::move(v);
            break;
        case TopKey::LastError:
            request.report.last_error = std::move(v);
            break;
        case TopKey::ClientTime:
            request.report.client_time = std::move(v);
            break;
        case TopKey::AppVersion:
            request.report.app_version = std::move(v);
            break;
        case TopKey::Unknown:
            break;
        default:
            return false;
        }
        return topDone();
    }

    bool changeString(std::string& v) {
        switch (m_changeKey) {
        case ChangeKey::LocalId:
            if (v.size() < kMinIdLength)
                return false;
            m_change.local_id = std::move(v);
            break;
        case ChangeKey::Action:
            if (const auto a = parseAction(v))
                m_change.action = *a;
            else
                m_change.invalid_action = std::move(v); // fails alone (push rule 7)
            break;
        case ChangeKey::Model:
            if (v.empty())
                return false;
            m_change.model = std::move(v);
            break;
        case ChangeKey::RecordId:
            m_change.record_id = std::move(v);
            break;
        case ChangeKey::LocalTimestamp: {
            const auto t = parseTime(v);
            if (!t)
                return false;
            m_change.local_time = *t;
            m_change.local_timestamp = std::move(v);
            break;
        }
        case ChangeKey::Metadata:
            return captureScalar([&v](Dom& d) { return d.string(v); });
        case ChangeKey::Unknown:
            break;
        default:
            return false;
        }
        return changeDone();
    }

    bool endChange() {
        for (const ChangeKey required :
             {ChangeKey::LocalId, ChangeKey::Action, ChangeKey::Model, ChangeKey::LocalTimestamp})
            if (!m_changeKeys.test(std::size_t(required)))
                return false;
        request.changes.push_back(std::move(m_change));
        m_where = Where::Changes;
        return true;
    }

    bool endTop() {
        if (!m_topKeys.test(std::size_t(TopKey::DeviceId)) ||
            !m_topKeys.test(std::size_t(TopKey::Changes)))
            return false;
        std::unordered_set<std::string_view> seen;
        seen.reserve(request.changes.size());
        for (const Change& c : request.changes)
            if (!seen.insert(c.local_id).second)
                return false; // a repeated local_id: the tree path names it
        m_where = Where::End;
        complete = true;
        return true;
    }

    const int m_maxDepth;
    int m_depth = 0;
    Where m_where = Where::Start;
    TopKey m_topKey = TopKey::Unknown;
    ChangeKey m_changeKey = ChangeKey::Unknown;
    std::bitset<std::size_t(TopKey::Unknown)> m_topKeys;
    std::bitset<std::size_t(ChangeKey::Unknown)> m_changeKeys;
    Change m_change;
    std::vector<std::string>* m_list = nullptr;
    std::optional<Dom> m_dom;
    int m_innerDepth = 0;
    Where m_skipReturn = Where::Top;
};

} // namespace

std::optional<PushRequest> pushRequestFromText(std::string_view text, int maxDepth) {
    PushRequestReader reader(maxDepth);
    // Room for the changes up front (each push_back moved every earlier Change at each growth:
    // 7 growths for 50): our clients write ~200 bytes per change, none can write under ~90.
    reader.request.changes.reserve(std::min(text.size() / 128 + 1, kMaxChangesPerPush));
    try {
        if (!sax::parse(text, reader) || !reader.complete)
            return std::nullopt;
    } catch (const json::exception&) { // the DOM builder's own errors: the tree path reports
        return std::nullopt;
    }
    return std::move(reader.request);
}

} // namespace bridgecore::protocol
