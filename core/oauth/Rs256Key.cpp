#include "oauth/Rs256Key.h"

#include "oauth/Base64Url.h"
#include "oauth/Es256Key.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

// OpenSSL 3 EVP (OAUTH.md §3.2): EVP_RSA_gen(2048), EVP_DigestSign with SHA-256 and PKCS#1 v1.5.

namespace tokenpass::oauth {

namespace {

struct Freer
{
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(PKCS8_PRIV_KEY_INFO* p) const { PKCS8_PRIV_KEY_INFO_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, Freer>;

std::shared_ptr<EVP_PKEY> shareKey(EVP_PKEY* key)
{
    return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

QByteArray bigEndian(const BIGNUM* bn)
{
    QByteArray out(BN_num_bytes(bn), Qt::Uninitialized);
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

} // namespace

Result<Rs256PublicKey> Rs256PublicKey::fromKey(std::shared_ptr<EVP_PKEY> key)
{
    using R = Result<Rs256PublicKey>;
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    if (!key || EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
        EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) != 1) {
        BN_free(n);
        return R::fail(QStringLiteral("not an RSA key"));
    }
    Owned<BIGNUM> nOwned(n), eOwned(e);
    const int bits = BN_num_bits(n);
    if (bits < 2048 || bits > 4096)
        return R::fail(QStringLiteral("RSA modulus must have 2048 to 4096 bits"));
    Rs256PublicKey out;
    out.m_key = std::move(key);
    out.m_n = bigEndian(n);
    out.m_e = bigEndian(e);
    out.m_kid = jwkThumbprint(QJsonObject{{QStringLiteral("e"), QString::fromLatin1(base64Url(out.m_e))},
                                          {QStringLiteral("kty"), QStringLiteral("RSA")},
                                          {QStringLiteral("n"), QString::fromLatin1(base64Url(out.m_n))}});
    return R::ok(std::move(out));
}

Result<Rs256PublicKey> Rs256PublicKey::fromJwk(const QJsonObject& jwk)
{
    using R = Result<Rs256PublicKey>;
    if (jwk.value(QStringLiteral("kty")).toString() != QLatin1String("RSA"))
        return R::fail(QStringLiteral("not an RSA JWK"));
    const auto n = fromBase64Url(jwk.value(QStringLiteral("n")).toString().toLatin1());
    const auto e = fromBase64Url(jwk.value(QStringLiteral("e")).toString().toLatin1());
    // RFC 7518 §6.3.1: no leading zero octets.
    if (!n || !e || n->isEmpty() || e->isEmpty() || n->at(0) == 0 || e->at(0) == 0 || n->size() > 512 ||
        e->size() > 8)
        return R::fail(QStringLiteral("bad RSA JWK members"));
    Owned<BIGNUM> nBn(BN_bin2bn(bytes(*n), int(n->size()), nullptr));
    Owned<BIGNUM> eBn(BN_bin2bn(bytes(*e), int(e->size()), nullptr));
    Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!nBn || !eBn || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, nBn.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, eBn.get()))
        return R::fail(QStringLiteral("OpenSSL failure"));
    Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return R::fail(QStringLiteral("not an RSA public key"));
    return fromKey(shareKey(raw));
}

QJsonObject Rs256PublicKey::jwk() const
{
    return QJsonObject{{QStringLiteral("kty"), QStringLiteral("RSA")},
                       {QStringLiteral("n"), QString::fromLatin1(base64Url(m_n))},
                       {QStringLiteral("e"), QString::fromLatin1(base64Url(m_e))},
                       {QStringLiteral("kid"), m_kid},
                       {QStringLiteral("alg"), QStringLiteral("RS256")},
                       {QStringLiteral("use"), QStringLiteral("sig")}};
}

bool Rs256PublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (!m_key || signature.size() != m_n.size())
        return false;
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    return md && EVP_DigestVerifyInit(md.get(), &pctx, EVP_sha256(), nullptr, m_key.get()) == 1 &&
           EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 &&
           EVP_DigestVerify(md.get(), bytes(signature), size_t(signature.size()), bytes(data),
                            size_t(data.size())) == 1;
}

Result<Rs256Key> Rs256Key::fromKey(std::shared_ptr<EVP_PKEY> key)
{
    auto publicKey = Rs256PublicKey::fromKey(key);
    if (!publicKey)
        return Result<Rs256Key>::fail(publicKey.error());
    Rs256Key out;
    out.m_key = std::move(key);
    out.m_public = std::move(*publicKey);
    return Result<Rs256Key>::ok(std::move(out));
}

Result<Rs256Key> Rs256Key::generate()
{
    EVP_PKEY* raw = EVP_RSA_gen(kBits);
    if (!raw)
        return Result<Rs256Key>::fail(QStringLiteral("cannot create the RSA key"));
    return fromKey(shareKey(raw));
}

Result<Rs256Key> Rs256Key::fromPkcs8(const crypto::SecureBytes& der)
{
    const unsigned char* p = der.data();
    EVP_PKEY* raw = d2i_AutoPrivateKey(nullptr, &p, long(der.size()));
    if (!raw || EVP_PKEY_get_base_id(raw) != EVP_PKEY_RSA) {
        EVP_PKEY_free(raw);
        return Result<Rs256Key>::fail(QStringLiteral("not an RSA private key"));
    }
    return fromKey(shareKey(raw));
}

crypto::SecureBytes Rs256Key::toPkcs8() const
{
    Owned<PKCS8_PRIV_KEY_INFO> info(EVP_PKEY2PKCS8(m_key.get()));
    if (!info)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der);
    if (length <= 0)
        return {};
    crypto::SecureBytes out(QByteArrayView(reinterpret_cast<const char*>(der), length));
    OPENSSL_clear_free(der, size_t(length));
    return out;
}

QByteArray Rs256Key::sign(QByteArrayView data) const
{
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    size_t length = 0;
    if (!md || EVP_DigestSignInit(md.get(), &pctx, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &length, bytes(data), size_t(data.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes(data),
                       size_t(data.size())) != 1)
        return {};
    signature.resize(qsizetype(length));
    return signature;
}

} // namespace tokenpass::oauth
