// Request parsers of the server: push, pull, resolve-conflicts, login/refresh. The bytes go
// through the same steps as a request body: parseJsonText, then the endpoint's parser.

#include "FuzzTargets.h"

#include "protocol/Protocol.h"
#include "protocol/PushRequestText.h"

#include <optional>

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <variant>

namespace bridgecore::fuzz {

namespace {

using protocol::json;
using protocol::Parsed;
using protocol::ValidationIssues;

std::variant<json, ValidationIssues> body(const std::uint8_t* data, std::size_t size) {
    return protocol::parseJsonText(std::string_view(reinterpret_cast<const char*>(data), size));
}

/// A request that parsed must serialise, and the serialised form must parse again.
template <typename T> void roundTrip(const Parsed<T>& parsed, Parsed<T> (*parse)(const json&)) {
    if (const auto* ok = std::get_if<T>(&parsed)) {
        const json again = protocol::toJson(*ok);
        const std::string text = again.dump(-1, ' ', false, json::error_handler_t::replace);
        FUZZ_CHECK(!text.empty());
        FUZZ_CHECK(std::holds_alternative<T>(parse(again)));
    } else {
        const auto& issues = std::get<ValidationIssues>(parsed);
        FUZZ_CHECK(!issues.empty());
        (void)protocol::toJson(issues).dump(-1, ' ', false, json::error_handler_t::replace);
    }
}

} // namespace

int pushRequest(const std::uint8_t* data, std::size_t size) {
    const auto b = body(data, size);
    std::optional<Parsed<protocol::PushRequest>> tree;
    if (const auto* j = std::get_if<json>(&b)) {
        tree = protocol::parsePushRequest(*j);
        roundTrip(*tree, &protocol::parsePushRequest);
    }
    // The server's reader without a tree (deepest nesting as the tree path's check allows)
    // accepts only what the tree path accepts, and reads it the same.
    const auto fast = protocol::pushRequestFromText(
        std::string_view(reinterpret_cast<const char*>(data), size), 256);
    if (fast) {
        FUZZ_CHECK(tree && std::holds_alternative<protocol::PushRequest>(*tree));
        const auto& slow = std::get<protocol::PushRequest>(*tree);
        FUZZ_CHECK(protocol::toJson(*fast) == protocol::toJson(slow));
        FUZZ_CHECK(fast->changes.size() == slow.changes.size());
        for (std::size_t i = 0; i < fast->changes.size(); ++i) {
            FUZZ_CHECK(fast->changes[i].invalid_action == slow.changes[i].invalid_action);
            FUZZ_CHECK(fast->changes[i].local_time == slow.changes[i].local_time);
            FUZZ_CHECK(fast->changes[i].record_id == slow.changes[i].record_id);
            FUZZ_CHECK(fast->changes[i].fields_changed == slow.changes[i].fields_changed);
        }
    }
    return 0;
}

int pullRequest(const std::uint8_t* data, std::size_t size) {
    const auto b = body(data, size);
    if (const auto* j = std::get_if<json>(&b))
        roundTrip(protocol::parsePullRequest(*j), &protocol::parsePullRequest);
    return 0;
}

int resolveRequest(const std::uint8_t* data, std::size_t size) {
    const auto b = body(data, size);
    if (const auto* j = std::get_if<json>(&b))
        roundTrip(protocol::parseResolveRequest(*j), &protocol::parseResolveRequest);
    return 0;
}

int loginRequest(const std::uint8_t* data, std::size_t size) {
    const auto b = body(data, size);
    if (const auto* j = std::get_if<json>(&b)) {
        const auto login = protocol::parseLoginRequest(*j);
        if (const auto* r = std::get_if<protocol::LoginRequest>(&login))
            FUZZ_CHECK(j->is_object() && (*j)["email"] == r->email);
        const auto refresh = protocol::parseRefreshRequest(*j);
        if (const auto* r = std::get_if<protocol::RefreshRequest>(&refresh))
            FUZZ_CHECK(j->is_object() && (*j)["refresh_token"] == r->refresh_token);
    }
    return 0;
}

} // namespace bridgecore::fuzz
