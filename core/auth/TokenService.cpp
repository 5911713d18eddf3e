#include "TokenService.h"

#include <jwt/jwt.hpp>

#include <limits>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace bridgecore::auth {

std::string_view toString(TokenType t) {
    return t == TokenType::Access ? "access" : "refresh";
}

struct TokenService::Verified {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    /// Tokens are at most 8 KiB: this bounds the cache to ~8 MiB (it starts over when full).
    static constexpr std::size_t kMaxTokens = 1024;
    std::mutex mutex;
    std::unordered_map<std::string, TokenClaims, Hash, std::equal_to<>> claims;
};

TokenService::TokenService(std::string secret, TokenLifetimes lifetimes, const Clock& clock)
    : m_secret(std::move(secret))
    , m_lifetimes(lifetimes)
    , m_clock(clock)
    , m_verified(std::make_shared<Verified>()) {}

std::string TokenService::issue(std::int64_t userId, std::int64_t tenantId, protocol::Role role,
                                TokenType type, std::int64_t tokenVersion) const {
    TokenClaims c;
    c.token_version = tokenVersion;
    c.user_id = userId;
    c.tenant_id = tenantId;
    c.role = role;
    c.type = type;
    c.issued_at = m_clock.now() / 1000;
    c.expires_at = c.issued_at + (type == TokenType::Access ? m_lifetimes.access_seconds
                                                            : m_lifetimes.refresh_seconds);
    return sign(c);
}

std::string TokenService::sign(const TokenClaims& c) const {
    using namespace jwt::params;
    jwt::jwt_object obj{algorithm("HS256"), secret(m_secret)};
    obj.add_claim("sub", std::to_string(c.user_id));
    obj.add_claim("tenant_id", c.tenant_id);
    obj.add_claim("role", std::string(protocol::toString(c.role)));
    obj.add_claim("type", std::string(toString(c.type)));
    obj.add_claim("iat", c.issued_at);
    obj.add_claim("exp", c.expires_at);
    if (c.token_version != 0)
        obj.add_claim("ver", c.token_version);
    return obj.signature();
}

Result<TokenClaims> TokenService::verify(std::string_view token, TokenType expected) const {
    if (expected != TokenType::Access)
        return decode(token, expected);
    std::optional<TokenClaims> known;
    {
        std::lock_guard lock(m_verified->mutex);
        if (const auto it = m_verified->claims.find(token); it != m_verified->claims.end())
            known = it->second;
    }
    if (known) {
        if (m_clock.now() / 1000 >= known->expires_at)
            return Error{ErrorCode::Unauthorized, "Token has expired"};
        return *known;
    }
    auto claims = decode(token, expected);
    if (claims.ok()) {
        std::lock_guard lock(m_verified->mutex);
        if (m_verified->claims.size() >= Verified::kMaxTokens)
            m_verified->claims.clear();
        m_verified->claims.emplace(std::string(token), claims.value());
    }
    return claims;
}

Result<TokenClaims> TokenService::decode(std::string_view token, TokenType expected) const {
    const Error invalid{ErrorCode::Unauthorized, "Could not validate credentials"};
    if (token.empty() || token.size() > 8192)
        return invalid;
    try {
        using namespace jwt::params;
        std::error_code ec;
        // Expiry is checked below against our clock, so cpp-jwt's own check is disabled
        // with the largest leeway; the signature and the algorithm are checked by cpp-jwt.
        auto obj = jwt::decode(jwt::string_view(token.data(), token.size()), algorithms({"HS256"}),
                               ec, secret(m_secret), jwt::params::verify(true),
                               leeway(std::numeric_limits<std::uint32_t>::max()));
        if (ec)
            return invalid;
        if (obj.header().algo() != jwt::algorithm::HS256)
            return invalid;
        const auto p = obj.payload().create_json_obj();
        if (!p.is_object() || !p.contains("sub") || !p["sub"].is_string() ||
            !p.contains("tenant_id") || !p["tenant_id"].is_number_integer() ||
            !p.contains("role") || !p["role"].is_string() || !p.contains("type") ||
            !p["type"].is_string() || !p.contains("exp") || !p["exp"].is_number_integer() ||
            !p.contains("iat") || !p["iat"].is_number_integer())
            return invalid;
        TokenClaims c;
        const std::string sub = p["sub"].get<std::string>();
        std::size_t used = 0;
        c.user_id = std::stoll(sub, &used);
        if (used != sub.size() || c.user_id <= 0)
            return invalid;
        c.tenant_id = p["tenant_id"].get<std::int64_t>();
        if (c.tenant_id <= 0)
            return invalid;
        const auto role = protocol::parseRole(p["role"].get<std::string>());
        if (!role)
            return invalid;
        c.role = *role;
        const std::string type = p["type"].get<std::string>();
        if (type == "access")
            c.type = TokenType::Access;
        else if (type == "refresh")
            c.type = TokenType::Refresh;
        else
            return invalid;
        if (c.type != expected)
            return invalid;
        c.issued_at = p["iat"].get<std::int64_t>();
        c.expires_at = p["exp"].get<std::int64_t>();
        if (p.contains("ver")) {
            if (!p["ver"].is_number_integer())
                return invalid;
            c.token_version = p["ver"].get<std::int64_t>();
        }
        if (m_clock.now() / 1000 >= c.expires_at)
            return Error{ErrorCode::Unauthorized, "Token has expired"};
        return c;
    } catch (const std::exception&) {
        return invalid;
    }
}

} // namespace bridgecore::auth
