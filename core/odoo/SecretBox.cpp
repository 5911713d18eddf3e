#include "odoo/SecretBox.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace bridgecore::odoo {

namespace {
constexpr std::string_view kPrefix = "sb1:";
constexpr std::string_view kContext = "bridgecore secret key v1";
} // namespace

Result<SecretBox> SecretBox::fromKey(const std::string& keyMaterial) {
    if (sodium_init() < 0)
        return Error{ErrorCode::Internal, "libsodium failed to initialise"};
    if (keyMaterial.size() < kMinSecretKeyBytes)
        return Error{ErrorCode::ValidationError, "the secret key is too short: it needs at least " +
                                                     std::to_string(kMinSecretKeyBytes) + " bytes"};
    SecretBox box;
    box.m_key.resize(crypto_secretbox_KEYBYTES);
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, crypto_secretbox_KEYBYTES);
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(kContext.data()),
                              kContext.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(keyMaterial.data()),
                              keyMaterial.size());
    crypto_generichash_final(&st, reinterpret_cast<unsigned char*>(box.m_key.data()),
                             box.m_key.size());
    return box;
}

Result<SecretBox> SecretBox::fromEnvironment(const std::string& configKey) {
    if (const char* env = std::getenv("BRIDGECORE_SECRET_KEY"); env && *env)
        return fromKey(env);
    if (!configKey.empty())
        return fromKey(configKey);
    return Error{ErrorCode::ValidationError,
                 "no secret key: set BRIDGECORE_SECRET_KEY or \"secret_key\" in the server "
                 "config (32 bytes at least, e.g. head -c 32 /dev/urandom | base64)"};
}

std::string SecretBox::seal(const std::string& plaintext) const {
    std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   plaintext.size());
    randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), out.data(),
                          reinterpret_cast<const unsigned char*>(m_key.data()));
    std::string b64(sodium_base64_encoded_len(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), out.data(), out.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    return std::string(kPrefix) + b64;
}

Result<std::string> SecretBox::open(const std::string& sealed) const {
    if (sealed.rfind(kPrefix, 0) != 0)
        return Error{ErrorCode::ValidationError, "the stored secret is not in a known format"};
    const std::string b64 = sealed.substr(kPrefix.size());
    std::vector<unsigned char> bin(b64.size());
    std::size_t len = 0;
    if (sodium_base642bin(bin.data(), bin.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return Error{ErrorCode::ValidationError, "the stored secret is damaged"};
    std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   bin.data() + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, bin.data(),
                                   reinterpret_cast<const unsigned char*>(m_key.data())) != 0)
        return Error{ErrorCode::Unauthorized,
                     "the stored secret cannot be opened with this secret key (was "
                     "BRIDGECORE_SECRET_KEY changed?)"};
    return plain;
}

} // namespace bridgecore::odoo
