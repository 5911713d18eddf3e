#pragma once
// JWT HS256 access and refresh tokens (cpp-jwt). Claims: sub (user id, as a string), tenant_id,
// role (user|support|admin), type (access|refresh), iat, exp (seconds since the epoch), and
// ver (the user's token version when issued; absent = 0).
// Only HS256 is accepted: `alg: none`, other algorithms, a wrong signature, a malformed token,
// an expired one or one of the wrong type are all rejected with ErrorCode::Unauthorized.

#include "engine/Clock.h"
#include "protocol/Protocol.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bridgecore::auth {

enum class TokenType { Access, Refresh };
std::string_view toString(TokenType);

struct TokenClaims {
    std::int64_t user_id = 0;
    std::int64_t tenant_id = 0;
    protocol::Role role = protocol::Role::User;
    TokenType type = TokenType::Access;
    std::int64_t issued_at = 0;  // seconds since the epoch
    std::int64_t expires_at = 0; // seconds since the epoch
    std::int64_t token_version = 0;
};

struct TokenLifetimes {
    /// 15 minutes. (Accounts checks the user on every request, so a disabled user or a
    /// changed password takes effect at once regardless.)
    std::int64_t access_seconds = 15 * 60;
    /// 30 days: a device offline for weeks can still refresh without a new login.
    std::int64_t refresh_seconds = 30LL * 24 * 3600;
};

/// The minimum secret length (bytes) accepted for HS256 in server mode.
inline constexpr std::size_t kMinSecretBytes = 32;

class TokenService {
public:
    /// `clock` decides iat/exp and expiry; it must outlive the service.
    TokenService(std::string secret, TokenLifetimes lifetimes = {},
                 const Clock& clock = Clock::system());

    /// A signed token for the user; exp = now + the type's lifetime.
    std::string issue(std::int64_t userId, std::int64_t tenantId, protocol::Role role,
                      TokenType type, std::int64_t tokenVersion = 0) const;
    /// A signed token with exactly these claims (tests mint expired tokens with it).
    std::string sign(const TokenClaims& claims) const;
    /// The claims of a valid, unexpired token of `expected` type; Unauthorized otherwise.
    Result<TokenClaims> verify(std::string_view token, TokenType expected) const;

    const TokenLifetimes& lifetimes() const { return m_lifetimes; }

private:
    struct Verified;
    Result<TokenClaims> decode(std::string_view token, TokenType expected) const;

    std::string m_secret;
    TokenLifetimes m_lifetimes;
    const Clock& m_clock;
    /// Access tokens whose signature and claims were checked: every request of a device
    /// carries the same token, and decoding it (base64, JSON, HMAC) was ~2 % of the server's
    /// CPU. Only the expiry moves, and it is checked at every use. Shared by copies.
    std::shared_ptr<Verified> m_verified;
};

} // namespace bridgecore::auth
