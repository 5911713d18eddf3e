#pragma once
// Tenants, users and sessions over storage::SyncStore: login (argon2id), token refresh,
// bearer-token authentication, and the admin operations of `bridgecore-server`.

#include "PasswordHasher.h"
#include "TokenService.h"
#include "storage/SyncStore.h"

#include <memory>
#include <string>

namespace bridgecore::auth {

struct LoginResult {
    std::string access_token;
    std::string refresh_token;
    std::string token_type = "bearer";
    std::int64_t expires_in = 0; // seconds until the access token expires
    storage::User user;
    storage::Tenant tenant;
};
/// {access_token, refresh_token, token_type, expires_in, user:{id,email,name,role},
///  tenant:{id,name}}
protocol::json toJson(const LoginResult&);

class Accounts {
public:
    /// The message of every failed login, whether the email exists or not.
    static constexpr const char* kBadCredentials = "Incorrect email or password";

    Accounts(std::shared_ptr<storage::SyncStore> store, TokenService tokens,
             PasswordHasher hasher = PasswordHasher());

    /// Tokens for a valid email/password of an enabled user; Unauthorized with
    /// kBadCredentials otherwise (unknown email, wrong password and disabled user alike).
    Result<LoginResult> login(const std::string& email, const std::string& password);
    /// New tokens for a valid refresh token whose user still exists, is enabled and has not
    /// changed password since it was issued.
    Result<LoginResult> refresh(const std::string& refreshToken);
    /// The claims of a valid access token (not a refresh token) whose user, looked up in the
    /// store on every call, still exists, is enabled and has not changed password since:
    /// disabling a user or changing a password takes effect at once in every process that
    /// serves the database.
    Result<TokenClaims> authenticate(std::string_view accessToken) const;

    /// Disables (or enables again) the user with this email; NotFound if there is none.
    /// A disabled user cannot log in and every token of theirs is refused.
    Status setDisabled(const std::string& email, bool disabled);
    /// Sets a new password (at least 8 bytes) and revokes every token issued before.
    Status changePassword(const std::string& email, const std::string& password);

    /// A new tenant; ValidationError for an empty or taken name.
    Result<std::int64_t> createTenant(const std::string& name);
    /// A new user of the named tenant; ValidationError for a bad email, short password
    /// (< 8 bytes), taken email or unknown tenant.
    Result<std::int64_t> createUser(const std::string& tenantName, const std::string& email,
                                    const std::string& name, protocol::Role role,
                                    const std::string& password);
    /// The same for a tenant given by id.
    Result<std::int64_t> createUser(std::int64_t tenantId, const std::string& email,
                                    const std::string& name, protocol::Role role,
                                    const std::string& password);
    /// The tenant's users (without password hashes).
    Result<std::vector<storage::User>> users(std::int64_t tenantId);

    const TokenService& tokens() const { return m_tokens; }
    storage::SyncStore& store() { return *m_store; }

private:
    Result<LoginResult> issueFor(const storage::User& user);
    /// The user behind verified claims, while the claims are still good for them.
    Result<storage::User> holder(const TokenClaims& claims) const;

    std::shared_ptr<storage::SyncStore> m_store;
    TokenService m_tokens;
    PasswordHasher m_hasher;
};

/// Lower-cased, trimmed email.
std::string normalizeEmail(std::string_view email);

} // namespace bridgecore::auth
