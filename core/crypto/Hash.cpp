#include "crypto/Hash.h"

#include "crypto/Ripemd160.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace tokenpass::crypto {

namespace {

// OpenSSL accepts empty inputs but not always a null pointer with them; QByteArrayView of an
// empty QByteArray can have data() == nullptr.
const unsigned char* bytesOf(QByteArrayView v)
{
    static const unsigned char empty = 0;
    return v.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(v.data());
}

void digestInto(const EVP_MD* md, QByteArrayView data, unsigned char* out)
{
    unsigned int len = 0;
    // EVP_Digest fails only on allocation failure or a broken provider; there is no way to go on.
    if (EVP_Digest(bytesOf(data), std::size_t(data.size()), out, &len, md, nullptr) != 1)
        std::abort();
}

QByteArray digest(const EVP_MD* md, QByteArrayView data)
{
    QByteArray out(EVP_MD_get_size(md), Qt::Uninitialized);
    digestInto(md, data, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

SecureBytes digestSecure(const EVP_MD* md, QByteArrayView data)
{
    SecureBytes out(std::size_t(EVP_MD_get_size(md)));
    digestInto(md, data, out.data());
    return out;
}

// RIPEMD-160 is in OpenSSL 3's default provider from 3.0.7 on, and only in the legacy provider
// before that. Fetch it once; null means "use the portable implementation".
const EVP_MD* ripemd160Md()
{
    static EVP_MD* md = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    return md;
}

SecureBytes hmac(const EVP_MD* md, QByteArrayView key, QByteArrayView data)
{
    SecureBytes out(std::size_t(EVP_MD_get_size(md)));
    unsigned int len = 0;
    if (!HMAC(md, bytesOf(key), int(key.size()), bytesOf(data), std::size_t(data.size()), out.data(), &len))
        std::abort();
    return out;
}

SecureBytes pbkdf2(const EVP_MD* md, QByteArrayView password, QByteArrayView salt, int iterations,
                   int keyLength)
{
    if (iterations < 1 || keyLength < 1)
        return {};
    SecureBytes out{std::size_t(keyLength)};
    if (PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(bytesOf(password)), int(password.size()),
                          bytesOf(salt), int(salt.size()), iterations, md, keyLength, out.data()) != 1)
        std::abort();
    return out;
}

// PBKDF2 (RFC 8018) over HMAC that only ever streams the salt into the MAC. OpenSSL's own PBKDF2
// copies the salt and frees the copy without cleansing it, and BIP39's salt is "mnemonic" plus the
// passphrase, here the wallet password (issue 20). The key goes through EVP_MAC, which keeps it
// in secure memory and cleanses it.
SecureBytes pbkdf2StreamingSalt(const char* digestName, QByteArrayView password, QByteArrayView salt,
                                int iterations, int keyLength)
{
    if (iterations < 1 || keyLength < 1)
        return {};
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
    if (!ctx)
        std::abort();
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digestName), 0),
        OSSL_PARAM_construct_end()};
    const std::size_t blockSize = std::size_t(EVP_MD_get_size(EVP_get_digestbyname(digestName)));
    SecureBytes out{std::size_t(keyLength)};
    SecureBytes u{blockSize};
    SecureBytes t{blockSize};
    std::size_t produced = 0;
    for (std::uint32_t block = 1; produced < out.size(); ++block) {
        const unsigned char counter[4] = {std::uint8_t(block >> 24), std::uint8_t(block >> 16),
                                          std::uint8_t(block >> 8), std::uint8_t(block)};
        std::size_t length = 0;
        bool ok = EVP_MAC_init(ctx, bytesOf(password), std::size_t(password.size()), params) == 1 &&
                  EVP_MAC_update(ctx, bytesOf(salt), std::size_t(salt.size())) == 1 &&
                  EVP_MAC_update(ctx, counter, sizeof counter) == 1 &&
                  EVP_MAC_final(ctx, u.data(), &length, u.size()) == 1;
        std::memcpy(t.data(), u.data(), t.size());
        for (int i = 1; ok && i < iterations; ++i) {
            // A null key re-initialises with the key already set.
            ok = EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1 &&
                 EVP_MAC_update(ctx, u.data(), u.size()) == 1 &&
                 EVP_MAC_final(ctx, u.data(), &length, u.size()) == 1;
            for (std::size_t j = 0; j < t.size(); ++j)
                t[j] ^= u[j];
        }
        if (!ok)
            std::abort();
        const std::size_t take = std::min(t.size(), out.size() - produced);
        std::memcpy(out.data() + produced, t.data(), take);
        produced += take;
    }
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return out;
}

} // namespace

QByteArray sha256(QByteArrayView data)
{
    return digest(EVP_sha256(), data);
}

QByteArray sha256d(QByteArrayView data)
{
    return sha256(sha256(data));
}

QByteArray sha512(QByteArrayView data)
{
    return digest(EVP_sha512(), data);
}

SecureBytes sha256Secure(QByteArrayView data)
{
    return digestSecure(EVP_sha256(), data);
}

SecureBytes sha512Secure(QByteArrayView data)
{
    return digestSecure(EVP_sha512(), data);
}

QByteArray ripemd160(QByteArrayView data)
{
    if (const EVP_MD* md = ripemd160Md())
        return digest(md, data);
    QByteArray out(20, Qt::Uninitialized);
    detail::ripemd160Portable(bytesOf(data), std::size_t(data.size()),
                              reinterpret_cast<std::uint8_t*>(out.data()));
    return out;
}

QByteArray hash160(QByteArrayView data)
{
    return ripemd160(sha256(data));
}

QString sha256Hex(QByteArrayView data)
{
    return QString::fromLatin1(sha256(data).toHex());
}

SecureBytes hmacSha256(QByteArrayView key, QByteArrayView data)
{
    return hmac(EVP_sha256(), key, data);
}

SecureBytes hmacSha512(QByteArrayView key, QByteArrayView data)
{
    return hmac(EVP_sha512(), key, data);
}

SecureBytes pbkdf2Sha256(QByteArrayView password, QByteArrayView salt, int iterations, int keyLength)
{
    return pbkdf2(EVP_sha256(), password, salt, iterations, keyLength);
}

SecureBytes pbkdf2Sha512(QByteArrayView password, QByteArrayView salt, int iterations, int keyLength)
{
    return pbkdf2StreamingSalt("SHA512", password, salt, iterations, keyLength);
}

} // namespace tokenpass::crypto
