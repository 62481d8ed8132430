#include "oauth/Es256Key.h"

#include "crypto/Hash.h"
#include "oauth/Base64Url.h"

#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

// OpenSSL 3 EVP throughout (OAUTH.md §3.2): keys from OSSL_PARAMs, EVP_DigestSign with SHA-256,
// and the DER <-> raw r||s conversion JWS needs.

namespace tokenpass::oauth {

namespace {

constexpr int kCoordinate = 32;
constexpr char kGroupName[] = "prime256v1";

struct Freer
{
    void operator()(EC_GROUP* p) const { EC_GROUP_free(p); }
    void operator()(EC_POINT* p) const { EC_POINT_free(p); }
    void operator()(BIGNUM* p) const { BN_clear_free(p); }
    void operator()(BN_CTX* p) const { BN_CTX_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, Freer>;

std::shared_ptr<EVP_PKEY> shareKey(EVP_PKEY* key)
{
    return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

// An EVP_PKEY from the group, the public point and (for a key pair) the private scalar.
EVP_PKEY* makeKey(QByteArrayView point65, const BIGNUM* d)
{
    Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bld)
        return nullptr;
    if (!OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, kGroupName, 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point65.data(),
                                          size_t(point65.size())))
        return nullptr;
    if (d && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d))
        return nullptr;
    Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1)
        return nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &key, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return key;
}

} // namespace

QString jwkThumbprint(const QJsonObject& requiredMembers)
{
    // QJsonObject keeps its keys sorted and Compact adds no whitespace: RFC 7638 §3.2's form.
    const QByteArray json = QJsonDocument(requiredMembers).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(base64Url(crypto::sha256(json)));
}

Result<Es256PublicKey> Es256PublicKey::fromUncompressed(QByteArrayView point65)
{
    using R = Result<Es256PublicKey>;
    if (point65.size() != 1 + 2 * kCoordinate || point65[0] != 0x04)
        return R::fail(QStringLiteral("not an uncompressed P-256 point"));
    EVP_PKEY* raw = makeKey(point65, nullptr); // OpenSSL checks that the point is on the curve
    if (!raw)
        return R::fail(QStringLiteral("not a P-256 point"));
    Es256PublicKey key;
    key.m_key = shareKey(raw);
    key.m_x = QByteArray(point65.data() + 1, kCoordinate);
    key.m_y = QByteArray(point65.data() + 1 + kCoordinate, kCoordinate);
    key.m_kid = jwkThumbprint(QJsonObject{{QStringLiteral("crv"), QStringLiteral("P-256")},
                                          {QStringLiteral("kty"), QStringLiteral("EC")},
                                          {QStringLiteral("x"), QString::fromLatin1(base64Url(key.m_x))},
                                          {QStringLiteral("y"), QString::fromLatin1(base64Url(key.m_y))}});
    return R::ok(std::move(key));
}

Result<Es256PublicKey> Es256PublicKey::fromJwk(const QJsonObject& jwk)
{
    using R = Result<Es256PublicKey>;
    if (jwk.value(QStringLiteral("kty")).toString() != QLatin1String("EC") ||
        jwk.value(QStringLiteral("crv")).toString() != QLatin1String("P-256"))
        return R::fail(QStringLiteral("not a P-256 JWK"));
    const auto x = fromBase64Url(jwk.value(QStringLiteral("x")).toString().toLatin1());
    const auto y = fromBase64Url(jwk.value(QStringLiteral("y")).toString().toLatin1());
    if (!x || !y || x->size() != kCoordinate || y->size() != kCoordinate)
        return R::fail(QStringLiteral("bad JWK coordinates"));
    return fromUncompressed(QByteArray(1, '\x04') + *x + *y);
}

QJsonObject Es256PublicKey::jwk() const
{
    return QJsonObject{{QStringLiteral("kty"), QStringLiteral("EC")},
                       {QStringLiteral("crv"), QStringLiteral("P-256")},
                       {QStringLiteral("x"), QString::fromLatin1(base64Url(m_x))},
                       {QStringLiteral("y"), QString::fromLatin1(base64Url(m_y))},
                       {QStringLiteral("kid"), m_kid},
                       {QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("use"), QStringLiteral("sig")}};
}

bool Es256PublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (!m_key || signature.size() != 2 * kCoordinate)
        return false;
    Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), kCoordinate, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + kCoordinate, kCoordinate,
                          nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return false;
    }
    unsigned char* der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLength <= 0)
        return false;
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    const bool ok =
        md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
        EVP_DigestVerify(md.get(), der, size_t(derLength),
                         reinterpret_cast<const unsigned char*>(data.data()), size_t(data.size())) == 1;
    OPENSSL_free(der);
    return ok;
}

Result<Es256Key> Es256Key::fromScalar(const crypto::SecureBytes& d32)
{
    using R = Result<Es256Key>;
    if (d32.size() != kCoordinate)
        return R::fail(QStringLiteral("the ES256 scalar must be 32 bytes"));
    Owned<EC_GROUP> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    Owned<BN_CTX> bnCtx(BN_CTX_secure_new());
    Owned<BIGNUM> d(BN_secure_new());
    if (!group || !bnCtx || !d || !BN_bin2bn(d32.data(), kCoordinate, d.get()))
        return R::fail(QStringLiteral("OpenSSL failure"));
    if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group.get())) >= 0)
        return R::fail(QStringLiteral("the ES256 scalar is out of range"));
    Owned<EC_POINT> point(EC_POINT_new(group.get()));
    unsigned char point65[1 + 2 * kCoordinate];
    if (!point || EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, bnCtx.get()) != 1 ||
        EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, point65, sizeof point65,
                           bnCtx.get()) != sizeof point65)
        return R::fail(QStringLiteral("OpenSSL failure"));
    const QByteArrayView pointView(point65, qsizetype(sizeof point65));
    auto publicKey = Es256PublicKey::fromUncompressed(pointView);
    EVP_PKEY* raw = makeKey(pointView, d.get());
    if (!publicKey || !raw)
        return R::fail(QStringLiteral("OpenSSL failure"));
    Es256Key key;
    key.m_key = shareKey(raw);
    key.m_public = std::move(*publicKey);
    return R::ok(std::move(key));
}

Result<Es256Key> Es256Key::derive(const Hkdf& hkdf)
{
    for (int counter = 0; counter < 256; ++counter) {
        QByteArray info(kInfo);
        if (counter > 0)
            info.append(char(counter));
        const crypto::SecureBytes d = hkdf(info);
        if (d.isEmpty())
            return Result<Es256Key>::fail(QStringLiteral("cannot derive the signing key"));
        auto key = fromScalar(d);
        if (key)
            return key;
    }
    return Result<Es256Key>::fail(QStringLiteral("cannot derive the signing key"));
}

QByteArray Es256Key::sign(QByteArrayView data) const
{
    Owned<EVP_MD_CTX> md(EVP_MD_CTX_new());
    size_t derLength = 0;
    if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &derLength, reinterpret_cast<const unsigned char*>(data.data()),
                       size_t(data.size())) != 1)
        return {};
    QByteArray der(qsizetype(derLength), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &derLength,
                       reinterpret_cast<const unsigned char*>(data.data()), size_t(data.size())) != 1)
        return {};
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    Owned<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &p, long(derLength)));
    if (!sig)
        return {};
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * kCoordinate, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(r, out, kCoordinate) != kCoordinate ||
        BN_bn2binpad(s, out + kCoordinate, kCoordinate) != kCoordinate)
        return {};
    return raw;
}

} // namespace tokenpass::oauth
