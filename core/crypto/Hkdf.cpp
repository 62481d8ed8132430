#include "crypto/Hkdf.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

namespace tokenpass::crypto {

SecureBytes hkdfSha256(QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, int length)
{
    if (length <= 0 || length > 255 * 32)
        return {};
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (!kdf)
        return {};
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx)
        return {};
    char digest[] = "SHA256";
    // OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers.
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(ikm.data()),
                                          size_t(ikm.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()),
                                          size_t(salt.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()),
                                          size_t(info.size())),
        OSSL_PARAM_construct_end(),
    };
    SecureBytes out(static_cast<std::size_t>(length));
    const bool ok = EVP_KDF_derive(ctx, out.data(), out.size(), params) == 1;
    EVP_KDF_CTX_free(ctx);
    if (!ok)
        return {};
    return out;
}

} // namespace tokenpass::crypto
