#include "client/Transport.h"

namespace bridgecore::client {

bool isRetryable(const Error& error) {
    switch (error.code) {
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
    case ErrorCode::ValidationError:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::UnknownModel:
    case ErrorCode::NotFound:
        return false;
    default:
        return true;
    }
}

bool refusedAsAWhole(const Error& error) {
    switch (error.code) {
    case ErrorCode::Unreachable:
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
    case ErrorCode::ValidationError:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::RateLimited:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::UnknownModel:
    case ErrorCode::NotFound:
        return true;
    default:
        return false;
    }
}

Result<protocol::PushResponse> Transport::pushText(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded())
        return Error{ErrorCode::ValidationError, "the push request is not valid JSON"};
    auto parsed = protocol::parsePushRequest(j);
    if (auto* issues = std::get_if<protocol::ValidationIssues>(&parsed)) {
        std::string out;
        for (const auto& i : *issues)
            out += (out.empty() ? "" : "; ") + i.loc.dump() + ": " + i.msg;
        return Error{ErrorCode::ValidationError, "a queued change is not valid: " + out};
    }
    return push(std::get<protocol::PushRequest>(parsed));
}

} // namespace bridgecore::client
