#include "Protocol.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <unordered_set>

namespace bridgecore::protocol {

// ================================================================================================
// enums
// ================================================================================================

std::string_view toString(Action a) {
    switch (a) {
    case Action::Create:
        return "create";
    case Action::Update:
        return "update";
    case Action::Delete:
        return "delete";
    }
    return "create";
}

std::string_view toString(ConflictStrategy s) {
    switch (s) {
    case ConflictStrategy::ServerWins:
        return "server_wins";
    case ConflictStrategy::ClientWins:
        return "client_wins";
    case ConflictStrategy::NewestWins:
        return "newest_wins";
    case ConflictStrategy::Merge:
        return "merge";
    case ConflictStrategy::Manual:
        return "manual";
    }
    return "server_wins";
}

std::string_view toString(ChangeStatus s) {
    switch (s) {
    case ChangeStatus::Success:
        return "success";
    case ChangeStatus::Failed:
        return "failed";
    case ChangeStatus::Conflict:
        return "conflict";
    }
    return "failed";
}

std::string_view toString(Resolution r) {
    switch (r) {
    case Resolution::ServerWins:
        return "server_wins";
    case Resolution::ClientWins:
        return "client_wins";
    case Resolution::Merged:
        return "merged";
    case Resolution::Manual:
        return "manual";
    }
    return "manual";
}

std::string_view toString(EventAction a) {
    switch (a) {
    case EventAction::Create:
        return "create";
    case EventAction::Write:
        return "write";
    case EventAction::Unlink:
        return "unlink";
    }
    return "write";
}

std::string_view toString(EventPriority p) {
    switch (p) {
    case EventPriority::High:
        return "high";
    case EventPriority::Medium:
        return "medium";
    case EventPriority::Low:
        return "low";
    }
    return "medium";
}

std::string_view toString(Role r) {
    switch (r) {
    case Role::User:
        return "user";
    case Role::Support:
        return "support";
    case Role::Admin:
        return "admin";
    }
    return "user";
}

namespace {

/// Finds the enumerator of E in [first, last] whose toString is `text`.
template <typename E> std::optional<E> parseEnum(std::string_view text, E first, E last) {
    for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
        const auto e = static_cast<E>(i);
        if (toString(e) == text) {
            return e;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Action> parseAction(std::string_view t) {
    return parseEnum(t, Action::Create, Action::Delete);
}
std::optional<ConflictStrategy> parseConflictStrategy(std::string_view t) {
    return parseEnum(t, ConflictStrategy::ServerWins, ConflictStrategy::Manual);
}
std::optional<ChangeStatus> parseChangeStatus(std::string_view t) {
    return parseEnum(t, ChangeStatus::Success, ChangeStatus::Conflict);
}
std::optional<Resolution> parseResolution(std::string_view t) {
    return parseEnum(t, Resolution::ServerWins, Resolution::Manual);
}
std::optional<EventAction> parseEventAction(std::string_view t) {
    return parseEnum(t, EventAction::Create, EventAction::Unlink);
}
std::optional<EventPriority> parseEventPriority(std::string_view t) {
    return parseEnum(t, EventPriority::High, EventPriority::Low);
}
std::optional<Role> parseRole(std::string_view t) {
    return parseEnum(t, Role::User, Role::Admin);
}

EventPriority priorityClass(int p) {
    if (p >= 7) {
        return EventPriority::High;
    }
    if (p >= 4) {
        return EventPriority::Medium;
    }
    return EventPriority::Low;
}

// ================================================================================================
// time
// ================================================================================================

namespace {

// Howard Hinnant's civil calendar algorithms (public domain).
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t y;
    unsigned m, d;
};

constexpr Civil civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

constexpr unsigned daysInMonth(std::int64_t y, unsigned m) {
    constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) {
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return leap ? 29 : 28;
    }
    return kDays[m - 1];
}

inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

/// Reads exactly n digits at text[pos]; advances pos.
bool readDigits(std::string_view text, std::size_t& pos, int n, int& out) {
    if (pos + static_cast<std::size_t>(n) > text.size()) {
        return false;
    }
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(n);
    out = v;
    return true;
}

} // namespace

std::string formatTime(Millis t) {
    const std::int64_t days = floorDiv(t, 86'400'000);
    const std::int64_t msOfDay = t - days * 86'400'000;
    const Civil c = civilFromDays(days);
    const auto h = static_cast<int>(msOfDay / 3'600'000);
    const auto mi = static_cast<int>(msOfDay / 60'000 % 60);
    const auto s = static_cast<int>(msOfDay / 1000 % 60);
    const auto ms = static_cast<int>(msOfDay % 1000);
    if (c.y < 0 || c.y > 9999) {
        char buf[48];
        const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                                    static_cast<long long>(c.y), c.m, c.d, h, mi, s, ms);
        return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    }
    // The common case without printf: "YYYY-MM-DDTHH:MM:SS.mmmZ".
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](std::size_t at, unsigned v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    };
    put(0, static_cast<unsigned>(c.y), 4);
    put(5, c.m, 2);
    put(8, c.d, 2);
    put(11, static_cast<unsigned>(h), 2);
    put(14, static_cast<unsigned>(mi), 2);
    put(17, static_cast<unsigned>(s), 2);
    put(20, static_cast<unsigned>(ms), 3);
    return out;
}

std::optional<Millis> parseTime(std::string_view text) {
    // YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)fraction]][Z|z|±HH[:MM|MM]]]
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0;
    if (!readDigits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' ||
        !readDigits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-' ||
        !readDigits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 ||
        static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month))) {
        return std::nullopt;
    }
    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    if (pos == text.size()) {
        return days * 86'400'000;
    }
    const char sep = text[pos++];
    if (sep != 'T' && sep != 't' && sep != ' ') {
        return std::nullopt;
    }
    int hour = 0, minute = 0, second = 0, millis = 0;
    if (!readDigits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
        !readDigits(text, pos, 2, minute)) {
        return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!readDigits(text, pos, 2, second)) {
            return std::nullopt;
        }
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            int digits = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (digits < 3) {
                    millis = millis * 10 + (text[pos] - '0');
                }
                ++digits;
                ++pos;
            }
            if (digits == 0) {
                return std::nullopt;
            }
            for (int i = digits; i < 3; ++i) {
                millis *= 10;
            }
        }
    }
    if (hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    std::int64_t offsetMinutes = 0;
    if (pos < text.size()) {
        const char z = text[pos++];
        if (z == 'Z' || z == 'z') {
            // UTC
        } else if (z == '+' || z == '-') {
            int oh = 0, om = 0;
            if (!readDigits(text, pos, 2, oh)) {
                return std::nullopt;
            }
            if (pos < text.size()) {
                if (text[pos] == ':') {
                    ++pos;
                }
                if (!readDigits(text, pos, 2, om)) {
                    return std::nullopt;
                }
            }
            if (oh > 23 || om > 59) {
                return std::nullopt;
            }
            offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    return days * 86'400'000 + hour * 3'600'000LL + minute * 60'000LL + second * 1000LL + millis -
           offsetMinutes * 60'000;
}

// ================================================================================================
// validation helpers
// ================================================================================================

json toJson(const ValidationIssues& issues) {
    json detail = json::array();
    for (const auto& i : issues) {
        detail.push_back({{"loc", i.loc}, {"msg", i.msg}, {"type", i.type}});
    }
    return {{"detail", std::move(detail)}};
}

namespace {

json at(const json& base, const char* key) {
    json l = base;
    l.push_back(key);
    return l;
}

json at(const json& base, std::size_t i) {
    json l = base;
    l.push_back(i);
    return l;
}

std::string quotedList(std::initializer_list<std::string_view> names) {
    std::string s;
    std::size_t i = 0;
    for (auto n : names) {
        if (i > 0) {
            s += i + 1 == names.size() ? " or " : ", ";
        }
        s += '\'';
        s += n;
        s += '\'';
        ++i;
    }
    return s;
}

/// A location given as a JSON array, or as a function building it: locations are built only
/// for an issue (a valid push of 1,000 changes built ~10,000 arrays it never used).
template <typename L> json locationOf(L&& loc) {
    if constexpr (std::is_invocable_v<L>) {
        return loc();
    } else {
        return json(std::forward<L>(loc));
    }
}

/// Reads the fields of one JSON object, recording every issue with its location.
class Reader {
public:
    Reader(const json& obj, json loc, ValidationIssues& issues)
        : m_obj(obj)
        , m_loc(std::move(loc))
        , m_built(true)
        , m_issues(issues) {}
    /// The element `index` of the list at `base`; its location is built on the first issue.
    Reader(const json& obj, const json& base, std::size_t index, ValidationIssues& issues)
        : m_obj(obj)
        , m_base(&base)
        , m_index(index)
        , m_issues(issues) {}

    const json& loc() const {
        if (!m_built) {
            m_loc = at(*m_base, m_index);
            m_built = true;
        }
        return m_loc;
    }
    json locOf(const char* key) const { return at(loc(), key); }

    void issue(json loc, std::string msg, std::string type) {
        m_issues.push_back({std::move(loc), std::move(msg), std::move(type)});
    }

    /// The value of key, or nullptr when absent (a "missing" issue when required).
    const json* get(const char* key, bool required) {
        const auto it = m_obj.find(key);
        if (it == m_obj.end()) {
            if (required) {
                issue(locOf(key), "Field required", "missing");
            }
            return nullptr;
        }
        return &*it;
    }

    /// nullptr when absent or (nullable and null).
    const json* value(const char* key, bool required, bool nullable) {
        const json* v = get(key, required);
        if (v != nullptr && nullable && v->is_null()) {
            return nullptr;
        }
        return v;
    }

    std::optional<std::string> string(const char* key, bool required, bool nullable,
                                      std::size_t minLength = 0) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        return checkString(
            *v, [&] { return locOf(key); }, minLength);
    }

    template <typename L>
    std::optional<std::string> checkString(const json& v, L&& loc, std::size_t minLength) {
        if (!v.is_string()) {
            issue(locationOf(loc), "Input should be a valid string", "string_type");
            return std::nullopt;
        }
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() < minLength) {
            issue(locationOf(loc),
                  "String should have at least " + std::to_string(minLength) +
                      (minLength == 1 ? " character" : " characters"),
                  "string_too_short");
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const char* key, bool required, bool nullable,
                                        std::optional<std::int64_t> min = std::nullopt,
                                        std::optional<std::int64_t> max = std::nullopt) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        const auto i = checkInteger(*v, [&] { return locOf(key); });
        if (!i) {
            return std::nullopt;
        }
        if (min && *i < *min) {
            issue(locOf(key), "Input should be greater than or equal to " + std::to_string(*min),
                  "greater_than_equal");
            return std::nullopt;
        }
        if (max && *i > *max) {
            issue(locOf(key), "Input should be less than or equal to " + std::to_string(*max),
                  "less_than_equal");
            return std::nullopt;
        }
        return i;
    }

    template <typename L> std::optional<std::int64_t> checkInteger(const json& v, L&& loc) {
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                issue(locationOf(loc), "Input should be less than or equal to 9223372036854775807",
                      "less_than_equal");
                return std::nullopt;
            }
            return static_cast<std::int64_t>(u);
        }
        if (v.is_number_integer()) {
            return v.get<std::int64_t>();
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::trunc(d) && d >= -9.2e18 && d <= 9.2e18) {
                return static_cast<std::int64_t>(d);
            }
            issue(locationOf(loc),
                  "Input should be a valid integer, got a number with a fractional part",
                  "int_from_float");
            return std::nullopt;
        }
        issue(locationOf(loc), "Input should be a valid integer", "int_type");
        return std::nullopt;
    }

    std::optional<bool> boolean(const char* key, bool required, bool nullable) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_boolean()) {
            issue(locOf(key), "Input should be a valid boolean", "bool_type");
            return std::nullopt;
        }
        return v->get<bool>();
    }

    /// An object (or, when nullable, null -> nullopt).
    std::optional<json> object(const char* key, bool required, bool nullable) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_object()) {
            issue(locOf(key), "Input should be a valid dictionary", "dict_type");
            return std::nullopt;
        }
        return *v;
    }

    /// An array (nullptr when absent/null-and-nullable or not an array).
    const json* list(const char* key, bool required, bool nullable) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return nullptr;
        }
        if (!v->is_array()) {
            issue(locOf(key), "Input should be a valid list", "list_type");
            return nullptr;
        }
        return v;
    }

    std::optional<std::vector<std::string>> stringList(const char* key, bool required,
                                                       bool nullable) {
        const json* v = list(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        std::vector<std::string> out;
        out.reserve(v->size());
        bool ok = true;
        for (std::size_t i = 0; i < v->size(); ++i) {
            auto s = checkString((*v)[i], [&] { return at(locOf(key), i); }, 0);
            if (s) {
                out.push_back(std::move(*s));
            } else {
                ok = false;
            }
        }
        if (!ok) {
            return std::nullopt;
        }
        return out;
    }

    template <typename E>
    std::optional<E> enumeration(const char* key, bool required, bool nullable,
                                 std::optional<E> (*parse)(std::string_view),
                                 std::initializer_list<std::string_view> allowed) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        return checkEnum(
            *v, [&] { return locOf(key); }, parse, allowed);
    }

    template <typename E, typename L>
    std::optional<E> checkEnum(const json& v, L&& loc, std::optional<E> (*parse)(std::string_view),
                               std::initializer_list<std::string_view> allowed) {
        if (v.is_string()) {
            const auto& s = v.get_ref<const std::string&>();
            for (auto a : allowed) {
                if (a == s) {
                    return parse(s);
                }
            }
        }
        issue(locationOf(loc), "Input should be " + quotedList(allowed), "enum");
        return std::nullopt;
    }

    /// A required-or-optional ISO-8601 time; returns the text and its parsed value.
    std::optional<std::pair<std::string, Millis>> time(const char* key, bool required,
                                                       bool nullable) {
        const json* v = value(key, required, nullable);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->is_string()) {
            issue(locOf(key), "Input should be a valid datetime", "datetime_type");
            return std::nullopt;
        }
        const auto& s = v->get_ref<const std::string&>();
        const auto t = parseTime(s);
        if (!t) {
            issue(locOf(key),
                  "Input should be a valid ISO-8601 datetime (e.g. 2025-11-24T10:30:00Z)",
                  "datetime_parsing");
            return std::nullopt;
        }
        return std::make_pair(s, *t);
    }

private:
    const json& m_obj;
    const json* m_base = nullptr; // with m_index: the location of an element, until built
    std::size_t m_index = 0;
    mutable json m_loc;
    mutable bool m_built = false;
    ValidationIssues& m_issues;
};

bool checkBodyObject(const json& body, ValidationIssues& issues) {
    if (!body.is_object()) {
        issues.push_back(
            {json::array({"body"}), "Input should be a valid dictionary", "dict_type"});
        return false;
    }
    return true;
}

bool checkElementObject(const json& v, const json& loc, ValidationIssues& issues) {
    if (!v.is_object()) {
        issues.push_back({loc, "Input should be a valid dictionary", "dict_type"});
        return false;
    }
    return true;
}

/// Checks a list's length against [minItems, maxItems]; false when out of bounds.
bool checkListLength(Reader& r, const char* key, const json& list, std::size_t minItems,
                     std::size_t maxItems) {
    if (list.size() < minItems) {
        r.issue(r.locOf(key),
                "List should have at least " + std::to_string(minItems) +
                    (minItems == 1 ? " item" : " items") + " after validation, not " +
                    std::to_string(list.size()),
                "too_short");
        return false;
    }
    if (list.size() > maxItems) {
        r.issue(r.locOf(key),
                "List should have at most " + std::to_string(maxItems) +
                    (maxItems == 1 ? " item" : " items") + " after validation, not " +
                    std::to_string(list.size()),
                "too_long");
        return false;
    }
    return true;
}

void readQueueReport(Reader& r, QueueReport& q) {
    q.pending_changes = r.integer("pending_changes", false, true, 0);
    q.oldest_pending_at = r.string("oldest_pending_at", false, true);
    q.last_error = r.string("last_error", false, true);
    q.client_time = r.string("client_time", false, true);
    q.app_version = r.string("app_version", false, true);
}

void writeQueueReport(json& j, const QueueReport& q) {
    if (q.pending_changes) {
        j["pending_changes"] = *q.pending_changes;
    }
    if (q.oldest_pending_at) {
        j["oldest_pending_at"] = *q.oldest_pending_at;
    }
    if (q.last_error) {
        j["last_error"] = *q.last_error;
    }
    if (q.client_time) {
        j["client_time"] = *q.client_time;
    }
    if (q.app_version) {
        j["app_version"] = *q.app_version;
    }
}

const std::initializer_list<std::string_view> kStrategyNames = {"server_wins", "client_wins",
                                                                "newest_wins", "merge", "manual"};

/// The change at `base`[`index`]; its data is moved out of `v`.
Change readChange(json& v, const json& base, std::size_t index, ValidationIssues& issues) {
    Change c;
    Reader r(v, base, index, issues);
    if (auto s = r.string("local_id", true, false, kMinIdLength)) {
        c.local_id = std::move(*s);
    }
    if (const json* a = r.value("action", false, false);
        a && a->is_string() && !parseAction(a->get<std::string>())) {
        c.invalid_action = a->get<std::string>(); // a per-change failure, not a bad request
    } else if (auto act = r.enumeration<Action>("action", true, false, parseAction,
                                                {"create", "update", "delete"})) {
        c.action = *act;
    }
    if (auto s = r.string("model", true, false, 1)) {
        c.model = std::move(*s);
    }
    if (const json* rid = r.value("record_id", false, true)) {
        if (rid->is_string()) {
            c.record_id = rid->get<std::string>();
        } else if (rid->is_number() && !rid->is_boolean()) {
            if (auto i = r.checkInteger(*rid, [&] { return r.locOf("record_id"); })) {
                c.record_id = *i;
            }
        } else {
            r.issue(r.locOf("record_id"), "Input should be a valid integer or string", "int_type");
        }
    }
    if (const json* d = r.value("data", false, false)) {
        if (d->is_object()) {
            c.data = std::move(const_cast<json&>(*d)); // `v` is ours to take from
        } else {
            r.issue(r.locOf("data"), "Input should be a valid dictionary", "dict_type");
        }
    }
    if (auto t = r.time("local_timestamp", true, false)) {
        c.local_timestamp = std::move(t->first);
        c.local_time = t->second;
    }
    c.version = r.integer("version", false, true);
    if (auto p = r.integer("priority", false, false, kMinPriority, kMaxPriority)) {
        c.priority = static_cast<int>(*p);
    }
    c.fields_changed = r.stringList("fields_changed", false, true);
    if (auto deps = r.stringList("dependencies", false, false)) {
        c.dependencies = std::move(*deps);
    }
    if (const json* m = r.value("metadata", false, true)) {
        c.metadata = *m;
    }
    if (auto m = r.object("merged_data", false, true)) {
        c.merged_data = std::move(*m);
    }
    return c;
}

json recordRefJson(const RecordRef& ref) {
    if (const auto* i = std::get_if<std::int64_t>(&ref)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&ref)) {
        return *s;
    }
    return nullptr;
}

template <typename T> json optJson(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

} // namespace

// ================================================================================================
// requests
// ================================================================================================

std::vector<std::string> Change::changedFields() const {
    if (fields_changed) {
        return *fields_changed;
    }
    std::vector<std::string> keys;
    if (data.is_object()) {
        keys.reserve(data.size());
        for (auto it = data.begin(); it != data.end(); ++it) {
            keys.push_back(it.key());
        }
    }
    return keys;
}

Parsed<json> parseJsonText(std::string_view text) {
    // Nesting is bounded before parsing: nlohmann's recursive dump/compare would otherwise
    // overflow the stack on a hostile document.
    constexpr int kMaxDepth = 256;
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) {
                return ValidationIssues{{json::array({"body", i}),
                                         "JSON decode error: nesting deeper than " +
                                             std::to_string(kMaxDepth) + " levels",
                                         "json_invalid"}};
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        if (const auto p = what.find("] "); p != std::string::npos) {
            what.erase(0, p + 2);
        }
        const std::size_t pos = e.byte > 0 ? e.byte - 1 : 0;
        return ValidationIssues{
            {json::array({"body", pos}), "JSON decode error: " + what, "json_invalid"}};
    } catch (const json::exception& e) { // e.g. a number out of range such as 1e309
        std::string what = e.what();
        if (const auto p = what.find("] "); p != std::string::npos) {
            what.erase(0, p + 2);
        }
        return ValidationIssues{
            {json::array({"body"}), "JSON decode error: " + what, "json_invalid"}};
    }
}

Parsed<PushRequest> parsePushRequest(const json& body) {
    json copy = body;
    return parsePushRequest(std::move(copy));
}

Parsed<PushRequest> parsePushRequest(json&& body) {
    ValidationIssues issues;
    if (!checkBodyObject(body, issues)) {
        return issues;
    }
    PushRequest req;
    Reader r(body, json::array({"body"}), issues);
    if (auto s = r.string("device_id", true, false, kMinIdLength)) {
        req.device_id = std::move(*s);
    }
    if (const json* changes = r.list("changes", true, false)) {
        if (checkListLength(r, "changes", *changes, 1, kMaxChangesPerPush)) {
            req.changes.reserve(changes->size());
            const json base = r.locOf("changes");
            std::unordered_set<std::string_view> seen;
            seen.reserve(changes->size());
            for (std::size_t i = 0; i < changes->size(); ++i) {
                json& v = const_cast<json&>((*changes)[i]); // the body is ours to take from
                if (!v.is_object()) {
                    checkElementObject(v, at(base, i), issues);
                    req.changes.emplace_back();
                    continue;
                }
                req.changes.push_back(readChange(v, base, i, issues));
                const std::string& id = req.changes.back().local_id;
                if (!id.empty() && !seen.insert(id).second) {
                    issues.push_back(
                        {at(at(base, i), "local_id"),
                         "Value error, duplicate local_id '" + id + "' in this request",
                         "value_error"});
                }
            }
        }
    }
    if (auto s = r.enumeration<ConflictStrategy>("conflict_strategy", false, false,
                                                 parseConflictStrategy, kStrategyNames)) {
        req.conflict_strategy = *s;
    }
    if (auto b = r.boolean("stop_on_error", false, false)) {
        req.stop_on_error = *b;
    }
    if (auto n = r.integer("batch_size", false, false, kMinBatchSize, kMaxBatchSize)) {
        req.batch_size = static_cast<int>(*n);
    }
    req.last_pull_timestamp = r.string("last_pull_timestamp", false, true);
    readQueueReport(r, req.report);
    if (!issues.empty()) {
        return issues;
    }
    return req;
}

Parsed<PullRequest> parsePullRequest(const json& body) {
    ValidationIssues issues;
    if (!checkBodyObject(body, issues)) {
        return issues;
    }
    PullRequest req;
    Reader r(body, json::array({"body"}), issues);
    if (auto s = r.string("device_id", true, false, kMinIdLength)) {
        req.device_id = std::move(*s);
    }
    if (auto s = r.string("app_type", true, false, 1)) {
        req.app_type = std::move(*s);
    }
    req.last_event_id = r.integer("last_event_id", false, true, 0);
    req.last_sync_token = r.string("last_sync_token", false, true);
    req.models_filter = r.stringList("models_filter", false, true);
    if (const json* pf = r.list("priority_filter", false, true)) {
        std::vector<EventPriority> out;
        bool ok = true;
        const json base = r.locOf("priority_filter");
        for (std::size_t i = 0; i < pf->size(); ++i) {
            auto p = r.checkEnum<EventPriority>((*pf)[i], at(base, i), parseEventPriority,
                                                {"high", "medium", "low"});
            if (p) {
                out.push_back(*p);
            } else {
                ok = false;
            }
        }
        if (ok) {
            req.priority_filter = std::move(out);
        }
    }
    if (auto n = r.integer("limit", false, false, kMinPullLimit, kMaxPullLimit)) {
        req.limit = static_cast<int>(*n);
    }
    if (auto n = r.integer("offset", false, false, 0, std::numeric_limits<int>::max())) {
        req.offset = static_cast<int>(*n);
    }
    if (auto b = r.boolean("include_payload", false, false)) {
        req.include_payload = *b;
    }
    if (auto b = r.boolean("include_metadata", false, false)) {
        req.include_metadata = *b;
    }
    readQueueReport(r, req.report);
    if (!issues.empty()) {
        return issues;
    }
    return req;
}

Parsed<ResolveRequest> parseResolveRequest(const json& body) {
    ValidationIssues issues;
    if (!checkBodyObject(body, issues)) {
        return issues;
    }
    ResolveRequest req;
    Reader r(body, json::array({"body"}), issues);
    if (auto s = r.string("device_id", true, false, kMinIdLength)) {
        req.device_id = std::move(*s);
    }
    if (const json* conflicts = r.list("conflicts", false, true)) {
        const json base = r.locOf("conflicts");
        for (std::size_t i = 0; i < conflicts->size(); ++i) {
            const json& v = (*conflicts)[i];
            const json loc = at(base, i);
            if (!checkElementObject(v, loc, issues)) {
                continue;
            }
            Reader cr(v, loc, issues);
            ClientConflict c;
            if (auto s = cr.string("local_id", true, false, kMinIdLength)) {
                c.local_id = std::move(*s);
            }
            c.server_id = cr.integer("server_id", false, true);
            if (auto s = cr.string("model", true, false, 1)) {
                c.model = std::move(*s);
            }
            if (auto d = cr.object("local_data", true, false)) {
                c.local_data = std::move(*d);
            }
            if (auto d = cr.object("server_data", true, false)) {
                c.server_data = std::move(*d);
            }
            if (auto t = cr.time("local_timestamp", false, true)) {
                c.local_timestamp = std::move(t->first);
            }
            req.conflicts.push_back(std::move(c));
        }
    }
    if (const json* resolutions = r.list("resolutions", true, false)) {
        if (checkListLength(r, "resolutions", *resolutions, 1,
                            std::numeric_limits<std::size_t>::max())) {
            const json base = r.locOf("resolutions");
            for (std::size_t i = 0; i < resolutions->size(); ++i) {
                const json& v = (*resolutions)[i];
                const json loc = at(base, i);
                if (!checkElementObject(v, loc, issues)) {
                    continue;
                }
                Reader rr(v, loc, issues);
                ConflictResolution res;
                if (auto s = rr.string("local_id", true, false, kMinIdLength)) {
                    res.local_id = std::move(*s);
                }
                if (auto s = rr.enumeration<ConflictStrategy>(
                        "strategy", true, false, parseConflictStrategy,
                        {"server_wins", "client_wins", "merge", "newest_wins"})) {
                    res.strategy = *s;
                }
                if (auto m = rr.object("merged_data", false, true)) {
                    res.merged_data = std::move(*m);
                } else if (res.strategy == ConflictStrategy::Merge) {
                    const json* given = v.contains("merged_data") ? &v["merged_data"] : nullptr;
                    if (given == nullptr || given->is_null()) {
                        rr.issue(rr.locOf("merged_data"), "Field required when strategy is 'merge'",
                                 "missing");
                    }
                }
                req.resolutions.push_back(std::move(res));
            }
        }
    }
    if (!issues.empty()) {
        return issues;
    }
    return req;
}

// ================================================================================================
// to JSON
// ================================================================================================

json toJson(const Change& c) {
    json j = {{"local_id", c.local_id}, {"action", toString(c.action)},
              {"model", c.model},       {"record_id", recordRefJson(c.record_id)},
              {"data", c.data},         {"local_timestamp", c.local_timestamp}};
    if (c.version) {
        j["version"] = *c.version;
    }
    j["priority"] = c.priority;
    if (c.fields_changed) {
        j["fields_changed"] = *c.fields_changed;
    }
    if (!c.dependencies.empty()) {
        j["dependencies"] = c.dependencies;
    }
    if (!c.metadata.is_null()) {
        j["metadata"] = c.metadata;
    }
    if (!c.merged_data.is_null()) {
        j["merged_data"] = c.merged_data;
    }
    return j;
}

json toJson(const PushRequest& r) {
    json changes = json::array();
    for (const auto& c : r.changes) {
        changes.push_back(toJson(c));
    }
    json j = {{"device_id", r.device_id},
              {"changes", std::move(changes)},
              {"conflict_strategy", toString(r.conflict_strategy)},
              {"stop_on_error", r.stop_on_error},
              {"batch_size", r.batch_size}};
    if (r.last_pull_timestamp) {
        j["last_pull_timestamp"] = *r.last_pull_timestamp;
    }
    writeQueueReport(j, r.report);
    return j;
}

json toJson(const PullRequest& r) {
    json j = {{"device_id", r.device_id}, {"app_type", r.app_type}};
    if (r.last_event_id) {
        j["last_event_id"] = *r.last_event_id;
    }
    if (r.last_sync_token) {
        j["last_sync_token"] = *r.last_sync_token;
    }
    if (r.models_filter) {
        j["models_filter"] = *r.models_filter;
    }
    if (r.priority_filter) {
        json pf = json::array();
        for (auto p : *r.priority_filter) {
            pf.push_back(toString(p));
        }
        j["priority_filter"] = std::move(pf);
    }
    j["limit"] = r.limit;
    j["offset"] = r.offset;
    j["include_payload"] = r.include_payload;
    j["include_metadata"] = r.include_metadata;
    writeQueueReport(j, r.report);
    return j;
}

json toJson(const ResolveRequest& r) {
    json conflicts = json::array();
    for (const auto& c : r.conflicts) {
        json cj = {{"local_id", c.local_id},
                   {"server_id", optJson(c.server_id)},
                   {"model", c.model},
                   {"local_data", c.local_data},
                   {"server_data", c.server_data}};
        if (c.local_timestamp) {
            cj["local_timestamp"] = *c.local_timestamp;
        }
        conflicts.push_back(std::move(cj));
    }
    json resolutions = json::array();
    for (const auto& res : r.resolutions) {
        json rj = {{"local_id", res.local_id}, {"strategy", toString(res.strategy)}};
        if (!res.merged_data.is_null()) {
            rj["merged_data"] = res.merged_data;
        }
        resolutions.push_back(std::move(rj));
    }
    return {{"device_id", r.device_id},
            {"conflicts", std::move(conflicts)},
            {"resolutions", std::move(resolutions)}};
}

json toJson(const ConflictInfo& c) {
    return {{"conflict_id", c.conflict_id},
            {"strategy", toString(c.strategy)},
            {"resolution", toString(c.resolution)},
            {"conflicting_fields", c.conflicting_fields},
            {"local_data", c.local_data},
            {"server_data", c.server_data},
            {"base_data", c.base_data},
            {"local_version", optJson(c.local_version)},
            {"server_version", c.server_version},
            {"local_timestamp", c.local_timestamp},
            {"server_timestamp", c.server_timestamp},
            {"requires_resolution", c.requires_resolution}};
}

json toJson(const ChangeResult& r) {
    json j = {
        {"local_id", r.local_id},
        {"status", toString(r.status)},
        {"action", r.invalid_action ? std::string_view(*r.invalid_action) : toString(r.action)},
        {"model", r.model},
        {"server_id", optJson(r.server_id)},
        {"server_timestamp", r.server_timestamp},
        {"processing_time_ms", r.processing_time_ms}};
    if (r.error) {
        j["error"] = *r.error;
    }
    if (r.error_code) {
        j["error_code"] = errorCodeName(*r.error_code);
    }
    if (r.conflict_info) {
        j["conflict_info"] = toJson(*r.conflict_info);
    }
    if (r.version) {
        j["version"] = *r.version;
    }
    if (r.duplicate) {
        j["duplicate"] = true;
    }
    return j;
}

json toJson(const PushResponse& r) {
    json results = json::array();
    for (const auto& res : r.results) {
        results.push_back(toJson(res));
    }
    json mapping = json::object();
    for (const auto& [local, server] : r.id_mapping) {
        mapping[local] = server;
    }
    return {{"success", r.success},
            {"total", r.total},
            {"succeeded", r.succeeded},
            {"failed", r.failed},
            {"conflicts", r.conflicts},
            {"results", std::move(results)},
            {"id_mapping", std::move(mapping)},
            {"next_sync_token", r.next_sync_token},
            {"server_timestamp", r.server_timestamp},
            {"total_processing_time_ms", r.total_processing_time_ms},
            {"average_processing_time_ms", r.average_processing_time_ms}};
}

json toJson(const Event& e) {
    json j = {{"event_id", e.event_id},
              {"model", e.model},
              {"record_id", e.record_id},
              {"action", toString(e.action)},
              {"timestamp", e.timestamp},
              {"data", e.data.is_null() && !e.data_text.empty()
                           ? json::parse(e.data_text, nullptr, false)
                           : e.data},
              {"changed_fields", e.changed_fields},
              {"priority", toString(e.priority)},
              {"category", e.category},
              {"user_id", e.user_id},
              {"version", e.version}};
    if (!e.metadata.is_null()) {
        j["metadata"] = e.metadata;
    }
    return j;
}

namespace {
/// Appends `text` as a JSON string literal.
void appendString(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out.push_back('"');
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xf]);
            } else {
                out.push_back(ch);
            }
        }
    }
    out.push_back('"');
}
} // namespace

std::string toJsonText(const PullResponse& r) {
    // Written directly: a pull page is the largest response, and building a json tree of it
    // first would copy every record twice.
    std::string out;
    out.reserve(256 + r.events.size() * 320);
    out += "{\"success\":";
    out += r.success ? "true" : "false";
    out += ",\"has_updates\":";
    out += r.has_updates ? "true" : "false";
    out += ",\"new_events_count\":" + std::to_string(r.new_events_count);
    out += ",\"events\":[";
    bool first = true;
    for (const Event& e : r.events) {
        if (!first)
            out.push_back(',');
        first = false;
        out += "{\"event_id\":" + std::to_string(e.event_id) + ",\"model\":";
        appendString(out, e.model);
        out += ",\"record_id\":" + std::to_string(e.record_id) + ",\"action\":";
        appendString(out, toString(e.action));
        out += ",\"timestamp\":";
        appendString(out, e.timestamp);
        out += ",\"data\":";
        if (e.data.is_null() && !e.data_text.empty())
            out += e.data_text; // already JSON: written by the store from a parsed document
        else
            out += e.data.dump(-1, ' ', false, json::error_handler_t::replace);
        out += ",\"changed_fields\":[";
        for (std::size_t i = 0; i < e.changed_fields.size(); ++i) {
            if (i)
                out.push_back(',');
            appendString(out, e.changed_fields[i]);
        }
        out += "],\"priority\":";
        appendString(out, toString(e.priority));
        out += ",\"category\":";
        appendString(out, e.category);
        out += ",\"user_id\":" + std::to_string(e.user_id);
        out += ",\"version\":" + std::to_string(e.version);
        if (!e.metadata.is_null())
            out +=
                ",\"metadata\":" + e.metadata.dump(-1, ' ', false, json::error_handler_t::replace);
        out.push_back('}');
    }
    out += "],\"next_sync_token\":";
    appendString(out, r.next_sync_token);
    out += ",\"last_event_id\":" + std::to_string(r.last_event_id);
    out += ",\"last_sync_time\":";
    appendString(out, r.last_sync_time);
    out += ",\"has_more\":";
    out += r.has_more ? "true" : "false";
    out += ",\"total_available\":" + std::to_string(r.total_available);
    out += ",\"server_timestamp\":";
    appendString(out, r.server_timestamp);
    out.push_back('}');
    return out;
}

namespace {
/// Appends `text` as json(text).dump(-1, ' ', false, replace) writes it: plain printable ASCII
/// directly, anything else through nlohmann's own serializer (escapes, invalid UTF-8).
void appendDumpedString(std::string& out, std::string_view text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
            out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
            return;
        }
    }
    out.push_back('"');
    out.append(text);
    out.push_back('"');
}

/// Appends a double exactly as nlohmann::json writes it (shortest form, "1.0", null for NaN
/// and infinities): its serializer's own steps (dump_float), without building a serializer
/// and a string per number (~1,300 instructions each, 51 numbers in a 50-change answer).
void appendDumpedDouble(std::string& out, double v) {
    static_assert(std::numeric_limits<double>::is_iec559, "nlohmann's to_chars path");
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    std::array<char, 64> buffer; // the serializer's number_buffer
    char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void appendText(std::string& out, const ChangeResult& r) {
    // Keys in nlohmann::json's (sorted) order, so the text is the tree's dump byte for byte.
    out += "{\"action\":";
    appendDumpedString(out, r.invalid_action ? std::string_view(*r.invalid_action)
                                             : std::string_view(toString(r.action)));
    if (r.conflict_info) {
        out += ",\"conflict_info\":";
        out += toJson(*r.conflict_info).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    if (r.duplicate)
        out += ",\"duplicate\":true";
    if (r.error) {
        out += ",\"error\":";
        appendDumpedString(out, *r.error);
    }
    if (r.error_code) {
        out += ",\"error_code\":";
        appendDumpedString(out, errorCodeName(*r.error_code));
    }
    out += ",\"local_id\":";
    appendDumpedString(out, r.local_id);
    out += ",\"model\":";
    appendDumpedString(out, r.model);
    out += ",\"processing_time_ms\":";
    appendDumpedDouble(out, r.processing_time_ms);
    out += ",\"server_id\":";
    out += r.server_id ? std::to_string(*r.server_id) : std::string("null");
    out += ",\"server_timestamp\":";
    appendDumpedString(out, r.server_timestamp);
    out += ",\"status\":";
    appendDumpedString(out, toString(r.status));
    if (r.version)
        out += ",\"version\":" + std::to_string(*r.version);
    out.push_back('}');
}
} // namespace

std::string toJsonText(const PushResponse& r) {
    // Written directly: building the json tree of a 1,000-change answer and dumping it cost
    // ~3 ms of the server's ~20 ms per push.
    std::string out;
    out.reserve(256 + r.results.size() * 220 + r.id_mapping.size() * 40);
    out += "{\"average_processing_time_ms\":";
    appendDumpedDouble(out, r.average_processing_time_ms);
    out += ",\"conflicts\":" + std::to_string(r.conflicts);
    out += ",\"failed\":" + std::to_string(r.failed);
    // An object: keys sorted bytewise, the last value of a repeated key kept (as json's map).
    std::vector<const std::pair<std::string, std::int64_t>*> mapping;
    mapping.reserve(r.id_mapping.size());
    for (const auto& m : r.id_mapping)
        mapping.push_back(&m);
    std::stable_sort(mapping.begin(), mapping.end(),
                     [](const auto* a, const auto* b) { return a->first < b->first; });
    out += ",\"id_mapping\":{";
    bool first = true;
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        if (i + 1 < mapping.size() && mapping[i + 1]->first == mapping[i]->first)
            continue; // a later entry for the same key wins
        if (!first)
            out.push_back(',');
        first = false;
        appendDumpedString(out, mapping[i]->first);
        out += ':' + std::to_string(mapping[i]->second);
    }
    out += "},\"next_sync_token\":";
    appendDumpedString(out, r.next_sync_token);
    out += ",\"results\":[";
    for (std::size_t i = 0; i < r.results.size(); ++i) {
        if (i)
            out.push_back(',');
        appendText(out, r.results[i]);
    }
    out += "],\"server_timestamp\":";
    appendDumpedString(out, r.server_timestamp);
    out += ",\"succeeded\":" + std::to_string(r.succeeded);
    out += ",\"success\":";
    out += r.success ? "true" : "false";
    out += ",\"total\":" + std::to_string(r.total);
    out += ",\"total_processing_time_ms\":";
    appendDumpedDouble(out, r.total_processing_time_ms);
    out.push_back('}');
    return out;
}

json toJson(const PullResponse& r) {
    json events = json::array();
    for (const auto& e : r.events) {
        events.push_back(toJson(e));
    }
    return {{"success", r.success},
            {"has_updates", r.has_updates},
            {"new_events_count", r.new_events_count},
            {"events", std::move(events)},
            {"next_sync_token", r.next_sync_token},
            {"last_event_id", r.last_event_id},
            {"last_sync_time", r.last_sync_time},
            {"has_more", r.has_more},
            {"total_available", r.total_available},
            {"server_timestamp", r.server_timestamp}};
}

json toJson(const ResolveResult& r) {
    json j = {{"local_id", r.local_id},
              {"status", toString(r.status)},
              {"action", toString(r.action)},
              {"model", r.model},
              {"server_id", optJson(r.server_id)}};
    if (r.version) {
        j["version"] = *r.version;
    }
    if (r.conflict_id) {
        j["conflict_id"] = *r.conflict_id;
    }
    if (r.error) {
        j["error"] = *r.error;
    }
    if (r.error_code) {
        j["error_code"] = errorCodeName(*r.error_code);
    }
    return j;
}

json toJson(const ResolveResponse& r) {
    json results = json::array();
    for (const auto& res : r.results) {
        results.push_back(toJson(res));
    }
    return {{"success", r.success},
            {"resolved", r.resolved},
            {"failed", r.failed},
            {"results", std::move(results)}};
}

json toJson(const SyncState& s) {
    json j = {{"device_id", s.device_id},
              {"user_id", s.user_id},
              {"last_event_id", s.last_event_id},
              {"last_sync_time", optJson(s.last_sync_time)},
              {"last_push_time", optJson(s.last_push_time)},
              {"last_pull_time", optJson(s.last_pull_time)},
              {"next_sync_token", s.next_sync_token},
              {"total_syncs", s.total_syncs},
              {"total_events_synced", s.total_events_synced},
              {"sync_status", s.sync_status},
              {"pending_changes", s.pending_changes},
              {"oldest_pending_at", optJson(s.oldest_pending_at)},
              {"last_error", optJson(s.last_error)},
              {"app_type", optJson(s.app_type)},
              {"app_version", optJson(s.app_version)},
              {"open_conflicts", s.open_conflicts},
              {"clock_skew_ms", optJson(s.clock_skew_ms)},
              {"head_event_id", s.head_event_id}};
    // An extra field of GET /state (a device's own state, not the console's device list).
    if (s.open_conflict_local_ids)
        j["open_conflict_local_ids"] = *s.open_conflict_local_ids;
    return j;
}

json toJson(const ResetResponse& r) {
    return {{"success", r.success}, {"message", r.message}, {"device_id", r.device_id}};
}

json toJson(const Statistics& s) {
    return {// BridgeCore's SyncStatistics
            {"total_syncs", s.total_syncs},
            {"total_events_synced", s.total_events_pulled},
            {"total_conflicts", s.conflicts},
            {"success_rate", s.success_rate},
            {"conflict_rate", s.conflict_rate},
            {"average_sync_time_ms", s.average_sync_time_ms},
            {"average_push_time_ms", s.average_push_time_ms},
            {"average_pull_time_ms", s.average_pull_time_ms},
            {"last_sync_time", optJson(s.last_sync_time)},
            {"last_sync_status", optJson(s.last_sync_status)},
            {"total_data_uploaded_kb", double(s.bytes_received) / 1024.0},
            {"total_data_downloaded_kb", double(s.bytes_sent) / 1024.0},
            // our own detail
            {"device_id", s.device_id},
            {"total_pushes", s.total_pushes},
            {"total_pulls", s.total_pulls},
            {"total_changes_pushed", s.total_changes_pushed},
            {"successful_changes", s.successful_changes},
            {"failed_changes", s.failed_changes},
            {"conflicts", s.conflicts},
            {"total_events_pulled", s.total_events_pulled},
            {"bytes_received", s.bytes_received},
            {"bytes_sent", s.bytes_sent},
            {"last_push_time", optJson(s.last_push_time)},
            {"last_pull_time", optJson(s.last_pull_time)}};
}

namespace {
/// The required string field `name` of an auth request body ("" with an issue otherwise).
std::string requiredString(const json& body, const char* name, ValidationIssues& issues) {
    if (!body.contains(name)) {
        issues.push_back({json::array({"body", name}), "Field required", "missing"});
        return {};
    }
    if (!body[name].is_string()) {
        issues.push_back(
            {json::array({"body", name}), "Input should be a valid string", "string_type"});
        return {};
    }
    return body[name].get<std::string>();
}
} // namespace

Parsed<LoginRequest> parseLoginRequest(const json& body) {
    ValidationIssues issues;
    if (!checkBodyObject(body, issues))
        return issues;
    LoginRequest r;
    r.email = requiredString(body, "email", issues);
    r.password = requiredString(body, "password", issues);
    if (!issues.empty())
        return issues;
    return r;
}

Parsed<RefreshRequest> parseRefreshRequest(const json& body) {
    ValidationIssues issues;
    if (!checkBodyObject(body, issues))
        return issues;
    RefreshRequest r;
    r.refresh_token = requiredString(body, "refresh_token", issues);
    if (!issues.empty())
        return issues;
    return r;
}

json errorBody(const Error& error) {
    return {{"detail", error.message}, {"error_code", errorCodeName(error.code)}};
}

// ================================================================================================
// from JSON (clients)
// ================================================================================================

namespace {

/// A number of type T from a response value; json::type_error when it is not one or does not
/// fit (a float-to-int conversion out of range is undefined behaviour, found by fuzz_client).
template <typename T> T number(const json& v) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (v.is_number_integer()) {
            if (v.is_number_unsigned()) {
                const auto u = v.get<std::uint64_t>();
                if (u <= static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                    return static_cast<T>(u);
            } else {
                const auto i = v.get<std::int64_t>();
                if (i >= std::numeric_limits<T>::min() && i <= std::numeric_limits<T>::max())
                    return static_cast<T>(i);
            }
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && std::trunc(d) == d &&
                d >= static_cast<double>(std::numeric_limits<T>::min()) &&
                d < std::ldexp(1.0, std::numeric_limits<T>::digits))
                return static_cast<T>(d);
        }
        throw json::type_error::create(302, "malformed response: expected an integer in range", &v);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!v.is_number())
            throw json::type_error::create(302, "malformed response: expected a number", &v);
        return v.get<T>();
    } else {
        return v.get<T>();
    }
}

[[noreturn]] void malformed(const std::string& what, const json& j) {
    throw json::other_error::create(501, "malformed response: " + what, &j);
}

void requireObject(const json& j) {
    if (!j.is_object()) {
        throw json::type_error::create(302, "malformed response: expected an object", &j);
    }
}

/// The value at key when present and not null.
const json* present(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

template <typename T> T valueOr(const json& j, const char* key, T fallback) {
    const json* v = present(j, key);
    return v != nullptr ? number<T>(*v) : fallback;
}

template <typename T> std::optional<T> optional(const json& j, const char* key) {
    const json* v = present(j, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    return number<T>(*v);
}

template <typename E>
E enumOr(const json& j, const char* key, std::optional<E> (*parse)(std::string_view), E fallback) {
    const json* v = present(j, key);
    if (v == nullptr) {
        return fallback;
    }
    const auto& s = v->get_ref<const std::string&>();
    const auto e = parse(s);
    if (!e) {
        malformed(std::string("unknown ") + key + " '" + s + "'", *v);
    }
    return *e;
}

std::optional<ErrorCode> errorCodeOf(const json& j) {
    const json* v = present(j, "error_code");
    if (v == nullptr) {
        return std::nullopt;
    }
    // A code this client does not know yet is kept as "absent"; the message still says it.
    return parseErrorCode(v->get_ref<const std::string&>());
}

} // namespace

ChangeResult changeResultFromJson(const json& j) {
    requireObject(j);
    ChangeResult r;
    r.local_id = j.at("local_id").get<std::string>();
    r.status = enumOr(j, "status", parseChangeStatus, ChangeStatus::Failed);
    r.action = enumOr(j, "action", parseAction, Action::Create);
    r.model = valueOr<std::string>(j, "model", "");
    r.server_id = optional<std::int64_t>(j, "server_id");
    r.server_timestamp = valueOr<std::string>(j, "server_timestamp", "");
    r.processing_time_ms = valueOr<double>(j, "processing_time_ms", 0);
    r.error = optional<std::string>(j, "error");
    r.error_code = errorCodeOf(j);
    if (const json* ci = present(j, "conflict_info")) {
        r.conflict_info = conflictInfoFromJson(*ci);
    }
    r.version = optional<std::int64_t>(j, "version");
    r.duplicate = valueOr<bool>(j, "duplicate", false);
    return r;
}

namespace {

Event eventFromJson(const json& j) {
    Event e;
    e.event_id = number<std::int64_t>(j.at("event_id"));
    e.model = valueOr<std::string>(j, "model", "");
    e.record_id = valueOr<std::int64_t>(j, "record_id", 0);
    e.action = enumOr(j, "action", parseEventAction, EventAction::Write);
    e.timestamp = valueOr<std::string>(j, "timestamp", "");
    if (const auto it = j.find("data"); it != j.end()) {
        e.data = *it;
    }
    e.changed_fields = valueOr<std::vector<std::string>>(j, "changed_fields", {});
    e.priority = enumOr(j, "priority", parseEventPriority, EventPriority::Medium);
    e.category = valueOr<std::string>(j, "category", "business");
    e.user_id = valueOr<std::int64_t>(j, "user_id", 0);
    e.version = valueOr<std::int64_t>(j, "version", 0);
    if (const auto it = j.find("metadata"); it != j.end()) {
        e.metadata = *it;
    }
    return e;
}

} // namespace

ConflictInfo conflictInfoFromJson(const json& j) {
    requireObject(j);
    ConflictInfo c;
    c.conflict_id = valueOr<std::int64_t>(j, "conflict_id", 0);
    c.strategy = enumOr(j, "strategy", parseConflictStrategy, ConflictStrategy::ServerWins);
    c.resolution = enumOr(j, "resolution", parseResolution, Resolution::ServerWins);
    c.conflicting_fields = valueOr<std::vector<std::string>>(j, "conflicting_fields", {});
    c.local_data = valueOr<json>(j, "local_data", json::object());
    c.server_data = valueOr<json>(j, "server_data", json::object());
    c.base_data = valueOr<json>(j, "base_data", nullptr);
    c.local_version = optional<std::int64_t>(j, "local_version");
    c.server_version = valueOr<std::int64_t>(j, "server_version", 0);
    c.local_timestamp = valueOr<std::string>(j, "local_timestamp", "");
    c.server_timestamp = valueOr<std::string>(j, "server_timestamp", "");
    c.requires_resolution = valueOr<bool>(j, "requires_resolution", false);
    return c;
}

PushResponse pushResponseFromJson(const json& j) {
    requireObject(j);
    PushResponse r;
    r.success = valueOr<bool>(j, "success", true);
    r.total = valueOr<int>(j, "total", 0);
    r.succeeded = valueOr<int>(j, "succeeded", 0);
    r.failed = valueOr<int>(j, "failed", 0);
    r.conflicts = valueOr<int>(j, "conflicts", 0);
    if (const json* results = present(j, "results")) {
        for (const auto& res : *results) {
            r.results.push_back(changeResultFromJson(res));
        }
    }
    if (const json* mapping = present(j, "id_mapping")) {
        requireObject(*mapping);
        // In result order first, then any mapping without a result (the object's own order).
        std::unordered_set<std::string> done;
        for (const auto& res : r.results) {
            if (const auto it = mapping->find(res.local_id);
                it != mapping->end() && done.insert(res.local_id).second) {
                r.id_mapping.emplace_back(res.local_id, number<std::int64_t>(*it));
            }
        }
        for (auto it = mapping->begin(); it != mapping->end(); ++it) {
            if (done.insert(it.key()).second) {
                r.id_mapping.emplace_back(it.key(), number<std::int64_t>(*it));
            }
        }
    }
    r.next_sync_token = valueOr<std::string>(j, "next_sync_token", "");
    r.server_timestamp = valueOr<std::string>(j, "server_timestamp", "");
    r.total_processing_time_ms = valueOr<double>(j, "total_processing_time_ms", 0);
    r.average_processing_time_ms = valueOr<double>(j, "average_processing_time_ms", 0);
    return r;
}

PullResponse pullResponseFromJson(const json& j) {
    requireObject(j);
    PullResponse r;
    r.success = valueOr<bool>(j, "success", true);
    r.has_updates = valueOr<bool>(j, "has_updates", false);
    r.new_events_count = valueOr<int>(j, "new_events_count", 0);
    if (const json* events = present(j, "events")) {
        r.events.reserve(events->size());
        for (const auto& e : *events) {
            r.events.push_back(eventFromJson(e));
        }
    }
    r.next_sync_token = valueOr<std::string>(j, "next_sync_token", "");
    r.last_event_id = valueOr<std::int64_t>(j, "last_event_id", 0);
    r.last_sync_time = valueOr<std::string>(j, "last_sync_time", "");
    r.has_more = valueOr<bool>(j, "has_more", false);
    r.total_available = valueOr<std::int64_t>(j, "total_available", 0);
    r.server_timestamp = valueOr<std::string>(j, "server_timestamp", "");
    return r;
}

ResolveResponse resolveResponseFromJson(const json& j) {
    requireObject(j);
    ResolveResponse r;
    r.success = valueOr<bool>(j, "success", true);
    r.resolved = valueOr<int>(j, "resolved", 0);
    r.failed = valueOr<int>(j, "failed", 0);
    if (const json* results = present(j, "results")) {
        for (const auto& res : *results) {
            ResolveResult rr;
            rr.local_id = res.at("local_id").get<std::string>();
            rr.status = enumOr(res, "status", parseChangeStatus, ChangeStatus::Failed);
            rr.action = enumOr(res, "action", parseAction, Action::Update);
            rr.model = valueOr<std::string>(res, "model", "");
            rr.server_id = optional<std::int64_t>(res, "server_id");
            rr.version = optional<std::int64_t>(res, "version");
            rr.conflict_id = optional<std::int64_t>(res, "conflict_id");
            rr.error = optional<std::string>(res, "error");
            rr.error_code = errorCodeOf(res);
            r.results.push_back(std::move(rr));
        }
    }
    return r;
}

SyncState syncStateFromJson(const json& j) {
    requireObject(j);
    SyncState s;
    s.device_id = valueOr<std::string>(j, "device_id", "");
    s.user_id = valueOr<std::int64_t>(j, "user_id", 0);
    s.last_event_id = valueOr<std::int64_t>(j, "last_event_id", 0);
    s.last_sync_time = optional<std::string>(j, "last_sync_time");
    s.last_push_time = optional<std::string>(j, "last_push_time");
    s.last_pull_time = optional<std::string>(j, "last_pull_time");
    s.next_sync_token = valueOr<std::string>(j, "next_sync_token", "");
    s.total_syncs = valueOr<std::int64_t>(j, "total_syncs", 0);
    s.total_events_synced = valueOr<std::int64_t>(j, "total_events_synced", 0);
    s.sync_status = valueOr<std::string>(j, "sync_status", "idle");
    s.pending_changes = valueOr<std::int64_t>(j, "pending_changes", 0);
    s.oldest_pending_at = optional<std::string>(j, "oldest_pending_at");
    s.last_error = optional<std::string>(j, "last_error");
    s.app_type = optional<std::string>(j, "app_type");
    s.app_version = optional<std::string>(j, "app_version");
    s.open_conflicts = valueOr<std::int64_t>(j, "open_conflicts", 0);
    s.open_conflict_local_ids = optional<std::vector<std::string>>(j, "open_conflict_local_ids");
    s.clock_skew_ms = optional<std::int64_t>(j, "clock_skew_ms");
    s.head_event_id = valueOr<std::int64_t>(j, "head_event_id", 0);
    return s;
}

json toJson(const OdooConnection& c) {
    return {{"tenant", c.tenant},
            {"url", c.url},
            {"database", c.database},
            {"login", c.login},
            {"api", c.api},
            {"version", c.version},
            {"uid", c.uid},
            {"lang", optJson(c.lang)},
            {"attached_at", optJson(c.attached_at)},
            {"feed_running", c.feed_running},
            {"webhook", c.webhook},
            {"last_contact", optJson(c.last_contact)},
            {"feed_lag_ms", optJson(c.feed_lag_ms)},
            {"last_error", optJson(c.last_error)},
            {"write_latency_ms", optJson(c.write_latency_ms)},
            {"write_batches", c.write_batches},
            {"feed_events", c.feed_events}};
}

json toJson(const OdooCheck& c) {
    return {{"ok", c.ok},
            {"tenant", c.tenant},
            {"version", c.ok ? json(c.version) : json(nullptr)},
            {"api", c.ok ? json(c.api) : json(nullptr)},
            {"uid", c.ok ? json(c.uid) : json(nullptr)},
            {"error", c.ok ? json(nullptr) : json(c.error)}};
}

OdooConnection odooConnectionFromJson(const json& j) {
    requireObject(j);
    OdooConnection c;
    c.tenant = valueOr<std::string>(j, "tenant", "");
    c.url = valueOr<std::string>(j, "url", "");
    c.database = valueOr<std::string>(j, "database", "");
    c.login = valueOr<std::string>(j, "login", "");
    c.api = valueOr<std::string>(j, "api", "");
    c.version = valueOr<std::string>(j, "version", "");
    c.uid = valueOr<std::int64_t>(j, "uid", 0);
    c.lang = optional<std::string>(j, "lang");
    c.attached_at = optional<std::string>(j, "attached_at");
    c.feed_running = valueOr<bool>(j, "feed_running", false);
    c.webhook = valueOr<bool>(j, "webhook", false);
    c.last_contact = optional<std::string>(j, "last_contact");
    c.feed_lag_ms = optional<std::int64_t>(j, "feed_lag_ms");
    c.last_error = optional<std::string>(j, "last_error");
    c.write_latency_ms = optional<double>(j, "write_latency_ms");
    c.write_batches = valueOr<std::int64_t>(j, "write_batches", 0);
    c.feed_events = valueOr<std::int64_t>(j, "feed_events", 0);
    return c;
}

OdooCheck odooCheckFromJson(const json& j) {
    requireObject(j);
    OdooCheck c;
    c.ok = valueOr<bool>(j, "ok", false);
    c.tenant = valueOr<std::string>(j, "tenant", "");
    c.version = optional<std::string>(j, "version").value_or("");
    c.api = optional<std::string>(j, "api").value_or("");
    c.uid = optional<std::int64_t>(j, "uid").value_or(0);
    c.error = optional<std::string>(j, "error").value_or("");
    return c;
}

namespace {
/// valueOr with the key named in the error: what a client shows its user.
template <typename T> T field(const json& j, const char* key, T fallback) {
    requireObject(j);
    const json* v = present(j, key);
    if (v == nullptr) {
        return fallback;
    }
    try {
        return number<T>(*v);
    } catch (const json::type_error&) {
        std::string shown = v->dump();
        if (shown.size() > 40) {
            shown = shown.substr(0, 40) + "...";
        }
        throw json::type_error::create(
            302,
            std::string("malformed response: \"") + key + "\" is " + shown + ", expected " +
                (std::is_integral_v<T>
                     ? "an integer from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
                           std::to_string(std::numeric_limits<T>::max())
                     : std::string("a number")),
            v);
    }
}
} // namespace

std::int64_t int64Field(const json& j, const char* key, std::int64_t fallback) {
    return field<std::int64_t>(j, key, fallback);
}

int intField(const json& j, const char* key, int fallback) {
    return field<int>(j, key, fallback);
}

double doubleField(const json& j, const char* key, double fallback) {
    return field<double>(j, key, fallback);
}

Statistics statisticsFromJson(const json& j) {
    requireObject(j);
    Statistics s;
    s.device_id = valueOr<std::string>(j, "device_id", "");
    s.total_syncs = int64Field(j, "total_syncs");
    s.total_pushes = int64Field(j, "total_pushes");
    s.total_pulls = int64Field(j, "total_pulls");
    s.total_changes_pushed = int64Field(j, "total_changes_pushed");
    s.successful_changes = int64Field(j, "successful_changes");
    s.failed_changes = int64Field(j, "failed_changes");
    s.conflicts = int64Field(j, "conflicts");
    s.total_events_pulled = int64Field(j, "total_events_pulled");
    s.success_rate = doubleField(j, "success_rate");
    s.conflict_rate = doubleField(j, "conflict_rate");
    s.average_sync_time_ms = doubleField(j, "average_sync_time_ms");
    s.average_push_time_ms = doubleField(j, "average_push_time_ms");
    s.average_pull_time_ms = doubleField(j, "average_pull_time_ms");
    s.bytes_received = int64Field(j, "bytes_received");
    s.bytes_sent = int64Field(j, "bytes_sent");
    s.last_sync_time = optional<std::string>(j, "last_sync_time");
    s.last_push_time = optional<std::string>(j, "last_push_time");
    s.last_pull_time = optional<std::string>(j, "last_pull_time");
    s.last_sync_status = optional<std::string>(j, "last_sync_status");
    return s;
}

} // namespace bridgecore::protocol
