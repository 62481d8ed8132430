#include "crypto/Aes.h"

#include <openssl/evp.h>

#include <memory>

namespace tokenpass::crypto {

namespace {

constexpr int kGcmTagSize = 16;
constexpr int kBlockSize = 16;
// OpenSSL's one-shot update takes an int length; refuse anything near that instead of truncating.
constexpr qsizetype kMaxInput = qsizetype(1) << 30;

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* bytesOf(QByteArrayView v)
{
    static const unsigned char empty = 0;
    return v.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(v.data());
}

const EVP_CIPHER* gcmCipher(std::size_t keySize)
{
    switch (keySize) {
    case 16:
        return EVP_aes_128_gcm();
    case 24:
        return EVP_aes_192_gcm();
    case 32:
        return EVP_aes_256_gcm();
    default:
        return nullptr;
    }
}

const EVP_CIPHER* cbcCipher(std::size_t keySize)
{
    switch (keySize) {
    case 16:
        return EVP_aes_128_cbc();
    case 32:
        return EVP_aes_256_cbc();
    default:
        return nullptr;
    }
}

// Sets up a GCM context with a non-default IV length: BRC-78 uses 32 bytes, and GCM then derives
// J0 with GHASH (NIST SP 800-38D), exactly as the SDK does (CRYPTO.md §6).
CipherCtx gcmContext(const SecureBytes& key, QByteArrayView iv, bool encrypt)
{
    const EVP_CIPHER* cipher = gcmCipher(key.size());
    if (!cipher || iv.isEmpty())
        return {};
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return {};
    const int enc = encrypt ? 1 : 0;
    if (EVP_CipherInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr, enc) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(iv.size()), nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, key.data(), bytesOf(iv), enc) != 1)
        return {};
    return ctx;
}

} // namespace

namespace {
// EVP_EncryptUpdate over the whole message, then EVP_EncryptFinal_ex, into p (which the caller
// sized for the message plus any padding). Returns the bytes written, or -1.
int encryptInto(EVP_CIPHER_CTX* ctx, QByteArrayView plaintext, unsigned char* p)
{
    int len = 0;
    int total = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx, p, &len, bytesOf(plaintext), int(plaintext.size())) != 1)
            return -1;
        total = len;
    }
    if (EVP_EncryptFinal_ex(ctx, p + total, &len) != 1)
        return -1;
    return total + len;
}
} // namespace

QByteArray aesGcmEncrypt(const SecureBytes& key, QByteArrayView iv, QByteArrayView plaintext)
{
    if (plaintext.size() > kMaxInput)
        return {};
    CipherCtx ctx = gcmContext(key, iv, true);
    if (!ctx)
        return {};
    QByteArray out(plaintext.size() + kGcmTagSize, Qt::Uninitialized);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    const int total = encryptInto(ctx.get(), plaintext, p);
    if (total < 0)
        return {};
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, p + total) != 1)
        return {};
    out.resize(total + kGcmTagSize);
    return out;
}

std::optional<SecureBytes> aesGcmDecrypt(const SecureBytes& key, QByteArrayView iv,
                                         QByteArrayView ciphertextAndTag)
{
    if (ciphertextAndTag.size() < kGcmTagSize || ciphertextAndTag.size() > kMaxInput)
        return std::nullopt;
    CipherCtx ctx = gcmContext(key, iv, false);
    if (!ctx)
        return std::nullopt;
    const QByteArrayView ciphertext = ciphertextAndTag.first(ciphertextAndTag.size() - kGcmTagSize);
    QByteArray tag = ciphertextAndTag.last(kGcmTagSize).toByteArray();
    SecureBytes out(std::size_t(ciphertext.size()));
    int len = 0;
    int total = 0;
    if (!ciphertext.isEmpty()) {
        if (EVP_DecryptUpdate(ctx.get(), out.data(), &len, bytesOf(ciphertext), int(ciphertext.size())) != 1)
            return std::nullopt;
        total = len;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag.data()) != 1)
        return std::nullopt;
    // Final checks the tag (in constant time); on mismatch the decrypted bytes are wiped with `out`.
    unsigned char finalBlock[kBlockSize];
    if (EVP_DecryptFinal_ex(ctx.get(), finalBlock, &len) != 1)
        return std::nullopt;
    out.resize(std::size_t(total));
    return out;
}

QByteArray aesCbcEncrypt(const SecureBytes& key, QByteArrayView iv, QByteArrayView plaintext)
{
    const EVP_CIPHER* cipher = cbcCipher(key.size());
    if (!cipher || iv.size() != kBlockSize || plaintext.size() > kMaxInput)
        return {};
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), bytesOf(iv)) != 1)
        return {};
    // PKCS#7 is EVP's default; an empty or block-aligned message gains a full block of padding.
    QByteArray out(plaintext.size() + kBlockSize, Qt::Uninitialized);
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    const int total = encryptInto(ctx.get(), plaintext, p);
    if (total < 0)
        return {};
    out.resize(total);
    return out;
}

std::optional<SecureBytes> aesCbcDecrypt(const SecureBytes& key, QByteArrayView iv, QByteArrayView ciphertext)
{
    const EVP_CIPHER* cipher = cbcCipher(key.size());
    if (!cipher || iv.size() != kBlockSize || ciphertext.isEmpty() || ciphertext.size() % kBlockSize != 0 ||
        ciphertext.size() > kMaxInput)
        return std::nullopt;
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, key.data(), bytesOf(iv)) != 1)
        return std::nullopt;
    SecureBytes out(std::size_t(ciphertext.size()) + kBlockSize);
    int len = 0;
    if (EVP_DecryptUpdate(ctx.get(), out.data(), &len, bytesOf(ciphertext), int(ciphertext.size())) != 1)
        return std::nullopt;
    int total = len;
    // Final checks every PKCS#7 padding byte and fails on a mismatch.
    if (EVP_DecryptFinal_ex(ctx.get(), out.data() + total, &len) != 1)
        return std::nullopt;
    total += len;
    out.resize(std::size_t(total));
    return out;
}

} // namespace tokenpass::crypto
