#pragma once
// Secrets at rest (the Odoo API key of a tenant): libsodium's secretbox (XSalsa20-Poly1305)
// under a key that never lives in the database: BRIDGECORE_SECRET_KEY or the server config's
// "secret_key". Any string of at least 32 bytes works as the key (it is hashed to 32 bytes
// with BLAKE2b); `head -c 32 /dev/urandom | base64` makes a good one.

#include "protocol/Status.h"

#include <string>

namespace bridgecore::odoo {

inline constexpr std::size_t kMinSecretKeyBytes = 32;

class SecretBox {
public:
    /// A box for `keyMaterial`; ValidationError when it is shorter than kMinSecretKeyBytes.
    static Result<SecretBox> fromKey(const std::string& keyMaterial);
    /// The key from BRIDGECORE_SECRET_KEY, else `configKey`; an error naming both when neither
    /// is set.
    static Result<SecretBox> fromEnvironment(const std::string& configKey = {});

    /// "sb1:" + base64(nonce | ciphertext); a fresh random nonce each time.
    std::string seal(const std::string& plaintext) const;
    /// The plaintext of seal()'s output; Unauthorized when the key is not the one that sealed
    /// it or the text was altered.
    Result<std::string> open(const std::string& sealed) const;

private:
    std::string m_key; // 32 bytes
};

} // namespace bridgecore::odoo
