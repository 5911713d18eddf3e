// The client's parsers of server answers (push, pull, resolve, state, statistics, error bodies,
// the number fields of login, admin pages and metrics): a hostile
// or broken server may send anything; the parsers either return a value or throw
// nlohmann::json::exception, as documented, and never crash.

#include "FuzzTargets.h"

#include "protocol/Protocol.h"
#include "protocol/PushAnswerText.h"

#include <string_view>

namespace bridgecore::fuzz {

int clientResponses(const std::uint8_t* data, std::size_t size) {
    using protocol::json;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = json::parse(text, nullptr, false);
    // The push answer read without a tree is accepted only where the tree path reads it, and
    // reads the same.
    if (const auto fast = protocol::pushResponseFromText(text)) {
        FUZZ_CHECK(!parsed.is_discarded());
        bool same = false;
        try {
            const auto tree = protocol::pushResponseFromJson(parsed);
            same = protocol::toJsonText(*fast) == protocol::toJsonText(tree) &&
                   fast->id_mapping == tree.id_mapping;
        } catch (const json::exception&) {
        }
        FUZZ_CHECK(same);
    }
    if (parsed.is_discarded())
        return 0;
    auto attempt = [&](auto parse) {
        try {
            (void)parse(parsed);
        } catch (const json::exception&) {
        }
    };
    attempt([](const json& j) { return protocol::pushResponseFromJson(j); });
    attempt([](const json& j) { return protocol::pullResponseFromJson(j); });
    attempt([](const json& j) { return protocol::resolveResponseFromJson(j); });
    attempt([](const json& j) { return protocol::syncStateFromJson(j); });
    attempt([](const json& j) { return protocol::conflictInfoFromJson(j); });
    attempt([](const json& j) { return protocol::changeResultFromJson(j); });
    attempt([](const json& j) { return protocol::statisticsFromJson(j); });
    // The number fields HttpTransport (login) and the console's RemoteBackend (summary, pages,
    // conflicts, metrics) read: every key of the document through each reader.
    if (parsed.is_object()) {
        for (const auto& item : parsed.items()) {
            const std::string key = item.key();
            attempt([&](const json& j) { return protocol::int64Field(j, key.c_str()); });
            attempt([&](const json& j) { return protocol::intField(j, key.c_str()); });
            attempt([&](const json& j) { return protocol::doubleField(j, key.c_str()); });
        }
    }
    // A pull page that parsed serialises again (the client stores pulled payloads).
    try {
        const auto page = protocol::pullResponseFromJson(parsed);
        (void)protocol::toJsonText(page);
    } catch (const json::exception&) {
    }
    return 0;
}

} // namespace bridgecore::fuzz
