#include "Accounts.h"

#include <algorithm>
#include <cctype>

namespace bridgecore::auth {

using protocol::json;

json toJson(const LoginResult& r) {
    return json{{"access_token", r.access_token},
                {"refresh_token", r.refresh_token},
                {"token_type", r.token_type},
                {"expires_in", r.expires_in},
                {"user",
                 {{"id", r.user.id},
                  {"email", r.user.email},
                  {"name", r.user.name},
                  {"role", protocol::toString(r.user.role)}}},
                {"tenant", {{"id", r.tenant.id}, {"name", r.tenant.name}}}};
}

std::string normalizeEmail(std::string_view email) {
    std::size_t b = 0, e = email.size();
    while (b < e && std::isspace(static_cast<unsigned char>(email[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(email[e - 1])))
        --e;
    std::string out(email.substr(b, e - b));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

Accounts::Accounts(std::shared_ptr<storage::SyncStore> store, TokenService tokens,
                   PasswordHasher hasher)
    : m_store(std::move(store))
    , m_tokens(std::move(tokens))
    , m_hasher(std::move(hasher)) {}

Result<LoginResult> Accounts::login(const std::string& email, const std::string& password) {
    const Error bad{ErrorCode::Unauthorized, kBadCredentials};
    auto found = m_store->userByEmail(normalizeEmail(email));
    if (!found.ok())
        return found.error(); // a database error, not "wrong password"
    const std::optional<storage::User>& user = found.value();
    // Hash verification runs outside any transaction, and also for unknown users so that
    // the answer time does not reveal whether the email exists.
    const bool match = m_hasher.verify(user ? user->password_hash : m_hasher.dummyHash(), password);
    if (!user || !match || user->disabled)
        return bad;
    return issueFor(*user);
}

Result<LoginResult> Accounts::refresh(const std::string& refreshToken) {
    auto claims = m_tokens.verify(refreshToken, TokenType::Refresh);
    if (!claims.ok())
        return claims.error();
    auto user = holder(claims.value());
    if (!user.ok())
        return user.error();
    return issueFor(user.value());
}

Result<TokenClaims> Accounts::authenticate(std::string_view accessToken) const {
    auto claims = m_tokens.verify(accessToken, TokenType::Access);
    if (!claims.ok())
        return claims;
    if (auto user = holder(claims.value()); !user.ok())
        return user.error();
    return claims;
}

Result<storage::User> Accounts::holder(const TokenClaims& claims) const {
    // A read snapshot of its own: a database error is an error, never "no such user".
    auto snapshot = m_store->read();
    if (!snapshot.ok())
        return snapshot.error();
    auto found = snapshot.value()->user(claims.user_id);
    if (!found.ok())
        return found.error();
    std::optional<storage::User>& user = found.value();
    if (!user || user->tenant_id != claims.tenant_id)
        return Error{ErrorCode::Unauthorized, "Could not validate credentials"};
    if (user->disabled)
        return Error{ErrorCode::Unauthorized, "This account is disabled"};
    if (user->token_version != claims.token_version)
        return Error{ErrorCode::Unauthorized, "Session revoked: log in again"};
    return *std::move(user);
}

Status Accounts::setDisabled(const std::string& email, bool disabled) {
    auto found = m_store->userByEmail(normalizeEmail(email));
    if (!found.ok())
        return found.error();
    const auto& user = found.value();
    if (!user)
        return Error{ErrorCode::NotFound, "no user with email '" + normalizeEmail(email) + "'"};
    storage::UserChange change;
    change.disabled = disabled;
    return m_store->updateUser(user->tenant_id, user->id, change);
}

Status Accounts::changePassword(const std::string& email, const std::string& password) {
    if (password.size() < 8)
        return Error{ErrorCode::ValidationError, "password must be at least 8 bytes"};
    auto hash = m_hasher.hash(password);
    if (!hash.ok())
        return hash.error();
    auto found = m_store->userByEmail(normalizeEmail(email));
    if (!found.ok())
        return found.error();
    const auto& user = found.value();
    if (!user)
        return Error{ErrorCode::NotFound, "no user with email '" + normalizeEmail(email) + "'"};
    storage::UserChange change;
    change.password_hash = std::move(hash).value();
    return m_store->updateUser(user->tenant_id, user->id, change);
}

Result<LoginResult> Accounts::issueFor(const storage::User& user) {
    auto found = m_store->tenant(user.tenant_id);
    if (!found.ok())
        return found.error();
    const std::optional<storage::Tenant>& tenant = found.value();
    if (!tenant)
        return Error{ErrorCode::Unauthorized, kBadCredentials};
    LoginResult r;
    r.access_token =
        m_tokens.issue(user.id, user.tenant_id, user.role, TokenType::Access, user.token_version);
    r.refresh_token =
        m_tokens.issue(user.id, user.tenant_id, user.role, TokenType::Refresh, user.token_version);
    r.expires_in = m_tokens.lifetimes().access_seconds;
    r.user = user;
    r.user.password_hash.clear();
    r.tenant = *tenant;
    return r;
}

Result<std::int64_t> Accounts::createTenant(const std::string& name) {
    if (name.empty() || name.size() > 200)
        return Error{ErrorCode::ValidationError, "tenant name must be 1..200 characters"};
    auto existing = m_store->tenantByName(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{ErrorCode::ValidationError, "a tenant named '" + name + "' already exists"};
    return m_store->createTenant(name);
}

Result<std::int64_t> Accounts::createUser(const std::string& tenantName, const std::string& email,
                                          const std::string& name, protocol::Role role,
                                          const std::string& password) {
    const auto tenant = m_store->tenantByName(tenantName);
    if (!tenant.ok())
        return tenant.error();
    if (!tenant.value())
        return Error{ErrorCode::ValidationError, "no tenant named '" + tenantName + "'"};
    return createUser(tenant.value()->id, email, name, role, password);
}

Result<std::int64_t> Accounts::createUser(std::int64_t tenantId, const std::string& email,
                                          const std::string& name, protocol::Role role,
                                          const std::string& password) {
    const std::string mail = normalizeEmail(email);
    const auto at = mail.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= mail.size() || mail.size() > 254)
        return Error{ErrorCode::ValidationError, "'" + email + "' is not an email address"};
    if (password.size() < 8)
        return Error{ErrorCode::ValidationError, "password must be at least 8 bytes"};
    auto hash = m_hasher.hash(password);
    if (!hash.ok())
        return hash.error();
    const auto tenant = m_store->tenant(tenantId);
    if (!tenant.ok())
        return tenant.error();
    if (!tenant.value())
        return Error{ErrorCode::ValidationError, "no tenant " + std::to_string(tenantId)};
    const auto existing = m_store->userByEmail(mail);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{ErrorCode::ValidationError, "a user with email '" + mail + "' exists"};
    storage::User u;
    u.tenant_id = tenantId;
    u.email = mail;
    u.name = name.empty() ? mail.substr(0, at) : name;
    u.role = role;
    u.password_hash = std::move(hash).value();
    return m_store->createUser(u);
}

Result<std::vector<storage::User>> Accounts::users(std::int64_t tenantId) {
    auto out = m_store->users(tenantId);
    if (!out.ok())
        return out;
    for (auto& u : out.value())
        u.password_hash.clear(); // never leaves auth
    return out;
}

} // namespace bridgecore::auth
