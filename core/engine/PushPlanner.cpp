#include "engine/PushPlanner.h"

#include <QCryptographicHash>

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <queue>

namespace bridgecore::engine {

using namespace protocol;

namespace {

/// SHA-1 by OpenSSL's libcrypto, which uses the CPU's SHA instructions where it has them
/// (~8x fewer instructions than QCryptographicHash for a change's ~100 bytes; the hash was ~5%
/// of a create's CPU). The algorithm is fetched once per push and its context reused.
class Sha1 {
public:
    Sha1()
        : m_md(EVP_MD_fetch(nullptr, "SHA1", nullptr))
        , m_ctx(EVP_MD_CTX_new()) {}
    ~Sha1() {
        EVP_MD_CTX_free(m_ctx);
        EVP_MD_free(m_md);
    }
    Sha1(const Sha1&) = delete;
    Sha1& operator=(const Sha1&) = delete;

    void digest(std::string_view msg, unsigned char out[20]) {
        unsigned int size = 0;
        if (m_md && m_ctx && EVP_DigestInit_ex2(m_ctx, m_md, nullptr) &&
            EVP_DigestUpdate(m_ctx, msg.data(), msg.size()) &&
            EVP_DigestFinal_ex(m_ctx, out, &size) && size == 20)
            return;
        // libcrypto without a provider for SHA-1 (a FIPS-only configuration): Qt's own.
        const QByteArray d = QCryptographicHash::hash(
            QByteArrayView(msg.data(), qsizetype(msg.size())), QCryptographicHash::Sha1);
        std::memcpy(out, d.constData(), 20);
    }

private:
    EVP_MD* m_md;
    EVP_MD_CTX* m_ctx;
};

/// Stable digest of what a change does; a resend with the same local_id must match it: SHA-1 of
/// action, model, record id ("#7", "$local-id" or "-"), version (or "-") and the data text, each
/// followed by a NUL byte. `msg` (composed here) and `hash` are reused across a push's changes.
std::string contentHash(Sha1& sha1, std::string& msg, const Change& c,
                        const std::string& dataText) {
    msg.clear();
    auto add = [&](std::string_view part) {
        msg.append(part);
        msg.push_back('\0');
    };
    auto addNumber = [&](char prefix, std::int64_t n) {
        char buf[24];
        char* p = buf;
        if (prefix)
            *p++ = prefix;
        p = std::to_chars(p, buf + sizeof buf, n).ptr;
        add(std::string_view(buf, std::size_t(p - buf)));
    };
    add(c.invalid_action ? std::string_view(*c.invalid_action) : toString(c.action));
    add(c.model);
    if (auto id = std::get_if<std::int64_t>(&c.record_id)) {
        addNumber('#', *id);
    } else if (auto ref = std::get_if<std::string>(&c.record_id)) {
        msg.push_back('$');
        add(*ref);
    } else {
        add("-");
    }
    if (c.version)
        addNumber(0, *c.version);
    else
        add("-");
    add(dataText);
    unsigned char digest[20];
    sha1.digest(msg, digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(sizeof digest * 2, '0');
    for (std::size_t i = 0; i < sizeof digest; ++i) {
        out[2 * i] = kHex[digest[i] >> 4];
        out[2 * i + 1] = kHex[digest[i] & 15];
    }
    return out;
}

template <typename F> void forEachString(const json& j, F&& f) {
    switch (j.type()) {
    case json::value_t::string:
        f(j.get_ref<const std::string&>());
        break;
    case json::value_t::array:
        for (const auto& v : j)
            forEachString(v, f);
        break;
    case json::value_t::object:
        for (const auto& [k, v] : j.items())
            forEachString(v, f);
        break;
    default:
        break;
    }
}

/// The strings of a push that may name an earlier change (local ids, dependencies, string
/// record ids, data strings of kMinIdLength or more), as views into the request: change i's data
/// strings are data[dataEnd[i - 1] .. dataEnd[i]). The data is walked once, for the ledger's keys
/// and for the references.
struct RequestStrings {
    std::vector<std::string_view> data;
    std::vector<std::size_t> dataEnd;
    std::size_t others = 0; // local ids, dependencies and string record ids

    explicit RequestStrings(const PushRequest& req) {
        dataEnd.reserve(req.changes.size());
        data.reserve(req.changes.size() * 2);
        for (const Change& c : req.changes) {
            others += 1 + c.dependencies.size() +
                      (std::holds_alternative<std::string>(c.record_id) ? 1 : 0);
            forEachString(c.data, [&](const std::string& s) {
                if (s.size() >= kMinIdLength)
                    data.push_back(s);
            });
            dataEnd.push_back(data.size());
        }
    }
    std::size_t begin(std::size_t i) const { return i == 0 ? 0 : dataEnd[i - 1]; }

    /// Sorted and deduplicated as views into the request, copied once at the end.
    std::vector<std::string> ledgerKeys(const PushRequest& req) const {
        std::vector<std::string_view> views;
        views.reserve(others + data.size());
        for (const Change& c : req.changes) {
            views.push_back(c.local_id);
            for (const auto& dep : c.dependencies)
                views.push_back(dep);
            if (auto ref = std::get_if<std::string>(&c.record_id))
                views.push_back(*ref);
        }
        views.insert(views.end(), data.begin(), data.end());
        std::sort(views.begin(), views.end());
        views.erase(std::unique(views.begin(), views.end()), views.end());
        return {views.begin(), views.end()};
    }
};

/// Members of dependency cycles: strongly connected components of more than one change
/// (Tarjan, iterative to survive long chains).
std::vector<bool> cycleMembers(const std::vector<std::vector<std::size_t>>& deps) {
    const std::size_t n = deps.size();
    std::vector<bool> inCycle(n, false);
    std::vector<int> index(n, -1), low(n, 0);
    std::vector<bool> onStack(n, false);
    std::vector<std::size_t> stack;
    int counter = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != -1)
            continue;
        std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};
        while (!work.empty()) {
            auto& [v, next] = work.back();
            if (next == 0 && index[v] == -1) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
                onStack[v] = true;
            }
            if (next < deps[v].size()) {
                std::size_t w = deps[v][next++];
                if (index[w] == -1)
                    work.emplace_back(w, 0);
                else if (onStack[w])
                    low[v] = std::min(low[v], index[w]);
                continue;
            }
            if (low[v] == index[v]) {
                std::vector<std::size_t> scc;
                std::size_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = false;
                    scc.push_back(w);
                } while (w != v);
                if (scc.size() > 1)
                    for (auto m : scc)
                        inCycle[m] = true;
            }
            std::size_t finished = v;
            work.pop_back();
            if (!work.empty())
                low[work.back().first] = std::min(low[work.back().first], low[finished]);
        }
    }
    return inCycle;
}

} // namespace

Models modelsOf(const storage::ModelMap& map) {
    Models out;
    for (const auto& [appType, entries] : map)
        for (const auto& e : entries)
            out.try_emplace(e.model, ModelInfo{e.priority, e.category});
    return out;
}

std::optional<std::int64_t> PushPlan::rememberedId(const std::string& localId) const {
    if (auto l = ledger.find(localId); l != ledger.end() && l->second.created)
        return l->second.server_id;
    return std::nullopt;
}

std::vector<std::string> PushPlanner::ledgerKeys(const PushRequest& req) {
    return RequestStrings(req).ledgerKeys(req);
}

bool PushPlanner::ledgerChanged(const PushPlan& plan,
                                const std::vector<storage::LedgerEntry>& ledgerNow) {
    if (ledgerNow.size() != plan.ledger.size())
        return true;
    for (const auto& e : ledgerNow) {
        auto it = plan.ledger.find(e.local_id);
        if (it == plan.ledger.end() || it->second.content_hash != e.content_hash ||
            it->second.server_id != e.server_id || it->second.result_json != e.result_json)
            return true;
    }
    return false;
}

PushPlan PushPlanner::plan(const PushRequest& req, std::vector<storage::LedgerEntry> ledger,
                           const Models& models) {
    PushPlan p;
    p.request = &req;
    const RequestStrings strings(req);
    p.ledger_keys = strings.ledgerKeys(req);
    for (auto& e : ledger) {
        std::string key = e.local_id;
        p.ledger.emplace(std::move(key), std::move(e));
    }
    const std::size_t n = req.changes.size();
    p.changes.resize(n);
    p.creates.reserve(n);
    bool anyDependencies = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        anyDependencies = anyDependencies || !c.dependencies.empty();
        if (c.action == Action::Create && !c.invalid_action)
            p.creates.emplace(c.local_id, i);
    }
    std::unordered_map<std::string_view, std::size_t> byLocalId; // views into req
    if (anyDependencies) {
        byLocalId.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            byLocalId.emplace(req.changes[i].local_id, i);
    }

    // Dependency graph: explicit dependencies plus implicit references to creates.
    std::vector<std::vector<std::size_t>> deps(n), dependents(n);
    bool anyEdge = false;
    std::vector<std::optional<std::string>> unresolved(n);
    auto addEdge = [&](std::size_t from, std::size_t to) {
        if (from == to)
            return;
        if (std::find(deps[from].begin(), deps[from].end(), to) == deps[from].end()) {
            deps[from].push_back(to);
            dependents[to].push_back(from);
            anyEdge = true;
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        for (const auto& dep : c.dependencies) {
            if (auto it = byLocalId.find(dep); it != byLocalId.end())
                addEdge(i, it->second);
            else if (!p.ledger.count(dep))
                unresolved[i] = "dependency '" + dep + "' is not in this push nor pushed before";
        }
        if (auto ref = std::get_if<std::string>(&c.record_id); ref && c.action != Action::Create) {
            if (auto it = p.creates.find(*ref); it != p.creates.end())
                addEdge(i, it->second);
            else if (!p.rememberedId(*ref))
                unresolved[i] = "record_id '" + *ref + "' names no record created by this device";
        }
        for (std::size_t k = strings.begin(i); k < strings.dataEnd[i]; ++k) {
            const std::string_view s = strings.data[k];
            if (auto it = p.creates.find(s); it != p.creates.end()) {
                addEdge(i, it->second);
                p.changes[i].data_may_reference = true;
            } else if (!p.ledger.empty() && p.rememberedId(std::string(s))) {
                p.changes[i].data_may_reference = true;
            }
        }
    }
    const std::vector<bool> inCycle = anyEdge ? cycleMembers(deps) : std::vector<bool>(n, false);

    // Order: topological, ties by higher priority then request order. Cycle members go first
    // (they fail at once), so everything that depends on them sees the failure.
    p.order.reserve(n);
    if (!anyEdge) { // every change is ready at once: by priority, then request order
        for (std::size_t i = 0; i < n; ++i)
            p.order.push_back(i);
        std::stable_sort(p.order.begin(), p.order.end(), [&](std::size_t a, std::size_t b) {
            return req.changes[a].priority > req.changes[b].priority;
        });
    } else {
        std::vector<std::size_t> pending(n, 0);
        auto cmp = [&](std::size_t a, std::size_t b) {
            const int pa = req.changes[a].priority, pb = req.changes[b].priority;
            return pa != pb ? pa < pb : a > b;
        };
        std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(cmp)> ready(cmp);
        for (std::size_t i = 0; i < n; ++i) {
            if (inCycle[i]) {
                p.order.push_back(i);
                continue;
            }
            for (auto dep : deps[i])
                if (!inCycle[dep])
                    ++pending[i];
            if (pending[i] == 0)
                ready.push(i);
        }
        while (!ready.empty()) {
            std::size_t i = ready.top();
            ready.pop();
            p.order.push_back(i);
            for (auto dependent : dependents[i])
                if (!inCycle[dependent] && --pending[dependent] == 0)
                    ready.push(dependent);
        }
    }

    // Per change: data text, hash, ledger state, and the failures known before applying
    // anything. The data is written by one serializer into one buffer (nlohmann's dump() makes
    // both anew per call and grows its string step by step), then copied at its size.
    Sha1 sha1;
    std::string head, text;
    text.reserve(1024);
    nlohmann::detail::serializer<json> serializer(
        nlohmann::detail::output_adapter<char, std::string>(text), ' ',
        json::error_handler_t::strict);
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        PlannedChange& pc = p.changes[i];
        pc.index = i;
        pc.depends_on = std::move(deps[i]);
        text.clear();
        serializer.dump(c.data, false, false, 0); // as c.data.dump()
        pc.data_text = text;
        pc.content_hash = contentHash(sha1, head, c, pc.data_text);
        if (auto m = models.find(c.model); m != models.end()) {
            pc.event_priority =
                m->second.priority ? *m->second.priority : priorityClass(c.priority);
            if (!m->second.category.empty())
                pc.category = m->second.category;
        } else {
            pc.event_priority = priorityClass(c.priority);
        }
        if (auto l = p.ledger.find(c.local_id); l != p.ledger.end()) {
            pc.remembered = l->second;
            if (l->second.content_hash != pc.content_hash)
                pc.failure =
                    Error{ErrorCode::LocalIdReused,
                          "local_id '" + c.local_id + "' was pushed before with other content"};
            continue; // a duplicate answers from the ledger
        }
        if (c.invalid_action)
            pc.failure =
                Error{ErrorCode::InvalidAction,
                      "action '" + *c.invalid_action + "' is not one of create, update, delete"};
        else if (!models.count(c.model))
            pc.failure = Error{ErrorCode::UnknownModel,
                               "model '" + c.model + "' is not in any app type of this tenant"};
        else if (c.action != Action::Create && std::holds_alternative<std::monostate>(c.record_id))
            pc.failure = Error{ErrorCode::MissingRecordId,
                               "an " + std::string(toString(c.action)) + " needs a record_id"};
        else if (inCycle[i])
            pc.failure = Error{ErrorCode::DependencyCycle,
                               "change '" + c.local_id + "' is part of a dependency cycle"};
        else if (unresolved[i])
            pc.failure = Error{ErrorCode::UnresolvedReference, *unresolved[i]};
    }
    return p;
}

} // namespace bridgecore::engine
