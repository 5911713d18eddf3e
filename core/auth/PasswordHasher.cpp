#include "PasswordHasher.h"

#include <sodium.h>

#include <mutex>

namespace bridgecore::auth {

namespace {
bool sodiumReady() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}
} // namespace

PasswordHasher::PasswordHasher(Cost cost)
    : m_opsLimit(cost == Cost::Interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                           : crypto_pwhash_OPSLIMIT_MODERATE)
    , m_memLimit(cost == Cost::Interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                           : crypto_pwhash_MEMLIMIT_MODERATE) {
    unsigned char random[24];
    if (sodiumReady())
        randombytes_buf(random, sizeof random);
    auto h = hash(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
    if (h.ok())
        m_dummy = std::move(h).value();
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
    if (!sodiumReady())
        return Error{ErrorCode::Internal, "libsodium could not be initialised"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), m_opsLimit, m_memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{ErrorCode::Internal, "password hashing ran out of memory"};
    return std::string(out);
}

bool PasswordHasher::verify(std::string_view encodedHash, std::string_view password) const {
    if (!sodiumReady() || encodedHash.empty() || encodedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    std::string h(encodedHash); // must be NUL-terminated
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& PasswordHasher::dummyHash() const {
    return m_dummy;
}

} // namespace bridgecore::auth
