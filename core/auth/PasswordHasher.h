#pragma once
// argon2id password hashes (libsodium's encoded "$argon2id$..." form).

#include "protocol/Status.h"

#include <string>
#include <string_view>

namespace bridgecore::auth {

class PasswordHasher {
public:
    /// Cost of a hash: Interactive (fast; tests, default) or Moderate (slower, stronger).
    enum class Cost { Interactive, Moderate };

    explicit PasswordHasher(Cost cost = Cost::Interactive);

    /// An argon2id hash of `password` with a fresh salt; fails only when libsodium cannot run.
    Result<std::string> hash(std::string_view password) const;
    /// True when `password` matches `encodedHash`; false for a wrong password or a malformed hash.
    bool verify(std::string_view encodedHash, std::string_view password) const;
    /// A fixed hash of a random password, verified against when the user does not exist so
    /// that unknown emails cost the same time as wrong passwords.
    const std::string& dummyHash() const;

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
    std::string m_dummy;
};

} // namespace bridgecore::auth
