#include "crypto/Hash.h"

#include "crypto/Ripemd160.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

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
    return pbkdf2(EVP_sha512(), password, salt, iterations, keyLength);
}

} // namespace tokenpass::crypto
