#include "wallet/Bap.h"

#include "crypto/Brc42.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/crypto.h>

namespace tokenpass::wallet {

using crypto::PrivateKey;
using crypto::PublicKey;
using crypto::SecureBytes;

namespace {

// A JSON string literal exactly as JSON.stringify writes it: only ", \ and control characters
// are escaped (short forms where JSON has them), lone surrogates as \udxxx, the rest raw UTF-8.
QByteArray jsonQuote(QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    auto escapeUnit = [&](char16_t u) {
        out += "\\u";
        out += hex[(u >> 12) & 0xf];
        out += hex[(u >> 8) & 0xf];
        out += hex[(u >> 4) & 0xf];
        out += hex[u & 0xf];
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        switch (u) {
        case u'"':
            out += "\\\"";
            continue;
        case u'\\':
            out += "\\\\";
            continue;
        case u'\b':
            out += "\\b";
            continue;
        case u'\f':
            out += "\\f";
            continue;
        case u'\n':
            out += "\\n";
            continue;
        case u'\r':
            out += "\\r";
            continue;
        case u'\t':
            out += "\\t";
            continue;
        default:
            break;
        }
        if (u < 0x20) {
            escapeUnit(u);
        } else if (QChar::isHighSurrogate(u) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            out += s.sliced(i, 2).toUtf8();
            ++i;
        } else if (QChar::isSurrogate(u)) {
            escapeUnit(u);
        } else {
            out += s.sliced(i, 1).toUtf8();
        }
    }
    out += '"';
    return out;
}

void member(QByteArray& out, const char* key, QStringView value, bool first = false)
{
    if (!first)
        out += ',';
    out += '"';
    out += key;
    out += "\":";
    out += jsonQuote(value);
}

QString stringField(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

BapIdentity identityFromJson(const QJsonObject& o)
{
    BapIdentity id;
    id.name = stringField(o, "name");
    id.description = stringField(o, "description");
    id.identityKey = stringField(o, "identityKey");
    id.rootPath = stringField(o, "rootPath");
    id.rootAddress = stringField(o, "rootAddress");
    id.previousPath = stringField(o, "previousPath");
    id.currentPath = stringField(o, "currentPath");
    id.idSeed = stringField(o, "idSeed");
    id.lastIdPath = stringField(o, "lastIdPath");
    const QJsonObject attrs = o.value(QLatin1String("identityAttributes")).toObject();
    for (auto it = attrs.constBegin(); it != attrs.constEnd(); ++it) {
        const QJsonObject a = it.value().toObject();
        id.attributes.append(BapAttribute{it.key(), stringField(a, "value"), stringField(a, "nonce")});
    }
    return id;
}

} // namespace

QString Bap::bapIdFromAddress(QStringView address)
{
    return crypto::base58Encode(crypto::ripemd160(crypto::sha256(address.toUtf8())));
}

QString Bap::bapIdFromPublicKey(const PublicKey& publicKey)
{
    return bapIdFromAddress(publicKey.address());
}

QString Bap::identityPath(int counter)
{
    return QStringLiteral("bap:%1").arg(counter);
}

Result<PrivateKey> Bap::pathKey(const PrivateKey& rootPk, QStringView path)
{
    return crypto::Brc42::childPrivateKey(rootPk, rootPk.publicKey(), path);
}

Result<PrivateKey> Bap::memberKey(const PrivateKey& rootPk, int counter)
{
    if (counter < 0)
        return Result<PrivateKey>::fail(QStringLiteral("Identity counter must not be negative"));
    return pathKey(rootPk, identityPath(counter));
}

Result<PrivateKey> Bap::signingKey(const PrivateKey& pathKey, SigningVersion version)
{
    const QStringView invoice = version == SigningVersion::V0_1_14 ? QStringView(u"1-bap-identity")
                                                                   : QStringView(u"1-sigma-identity");
    return crypto::Brc42::childPrivateKey(pathKey, pathKey.publicKey(), invoice);
}

Result<PrivateKey> Bap::identityEncryptionKey(const PrivateKey& memberKey)
{
    return crypto::Brc42::childPrivateKey(memberKey, memberKey.publicKey(),
                                          QString::fromLatin1(Bap::kEncryptionPath));
}

Result<PrivateKey> Bap::masterEncryptionKey(const PrivateKey& rootPk)
{
    return crypto::Brc42::childPrivateKey(rootPk, rootPk.publicKey(),
                                          QString::fromLatin1(Bap::kEncryptionPath));
}

Result<PrivateKey> Bap::seedEncryptionKey(const PrivateKey& memberKey, QStringView seed)
{
    return crypto::Brc42::childPrivateKey(memberKey, memberKey.publicKey(), crypto::sha256Hex(seed.toUtf8()));
}

Result<BapIdentity> Bap::newIdentity(const PrivateKey& rootPk, int counter, const QString& name)
{
    auto key = memberKey(rootPk, counter);
    if (!key)
        return Result<BapIdentity>::fail(key.error());
    BapIdentity id;
    id.name = name;
    id.rootPath = id.previousPath = id.currentPath = identityPath(counter);
    id.rootAddress = key->publicKey().address();
    id.identityKey = bapIdFromAddress(id.rootAddress);
    return Result<BapIdentity>::ok(std::move(id));
}

QByteArray Bap::identityJson(const BapIdentity& identity)
{
    QByteArray out = "{";
    member(out, "name", identity.name, true);
    member(out, "description", identity.description);
    member(out, "identityKey", identity.identityKey);
    member(out, "rootPath", identity.rootPath);
    member(out, "rootAddress", identity.rootAddress);
    member(out, "previousPath", identity.previousPath);
    member(out, "currentPath", identity.currentPath);
    member(out, "idSeed", identity.idSeed);
    out += ",\"identityAttributes\":{";
    for (qsizetype i = 0; i < identity.attributes.size(); ++i) {
        const BapAttribute& a = identity.attributes.at(i);
        if (i > 0)
            out += ',';
        out += jsonQuote(a.name);
        out += ":{";
        member(out, "value", a.value, true);
        member(out, "nonce", a.nonce);
        out += '}';
    }
    out += '}';
    member(out, "lastIdPath", identity.lastIdPath);
    out += '}';
    return out;
}

SecureBytes Bap::idsJson(const BapIds& ids)
{
    QByteArray out = "{";
    member(out, "lastIdPath", ids.lastIdPath, true);
    out += ",\"ids\":[";
    for (qsizetype i = 0; i < ids.ids.size(); ++i) {
        if (i > 0)
            out += ',';
        out += identityJson(ids.ids.at(i));
    }
    out += "]}";
    return SecureBytes::takeFrom(out);
}

Result<BapIds> Bap::parseIdsJson(QByteArrayView json)
{
    using R = Result<BapIds>;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError)
        return R::fail(QStringLiteral("Identity data is not valid JSON"));
    BapIds out;
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array(); // legacy form: the identities alone
    } else {
        const QJsonObject o = doc.object();
        if (!o.value(QLatin1String("ids")).isArray())
            return R::fail(QStringLiteral("Identity data has no ids array"));
        out.lastIdPath = stringField(o, "lastIdPath");
        list = o.value(QLatin1String("ids")).toArray();
    }
    for (const QJsonValue& v : list) {
        if (!v.isObject())
            return R::fail(QStringLiteral("Identity data has a malformed identity"));
        out.ids.append(identityFromJson(v.toObject()));
    }
    return R::ok(std::move(out));
}

Result<QString> Bap::encryptIds(const PrivateKey& rootPk, QByteArrayView idsJson)
{
    auto key = masterEncryptionKey(rootPk);
    if (!key)
        return Result<QString>::fail(key.error());
    auto blob = crypto::Ecies::electrumEncrypt(idsJson, key->publicKey());
    if (!blob)
        return Result<QString>::fail(blob.error());
    return Result<QString>::ok(crypto::toBase64(blob.value()));
}

Result<SecureBytes> Bap::decryptIds(const PrivateKey& rootPk, QStringView idsBase64)
{
    using R = Result<SecureBytes>;
    const auto blob = crypto::fromBase64(idsBase64);
    if (!blob)
        return R::fail(QStringLiteral("Identity data is not base64"));
    auto key = masterEncryptionKey(rootPk);
    if (!key)
        return R::fail(key.error());
    return crypto::Ecies::electrumDecrypt(*blob, key.value());
}

SecureBytes Bap::backupPayloadJson(QStringView idsBase64, QStringView label, QStringView createdAt,
                                   const PrivateKey& rootPk)
{
    QByteArray out = "{";
    member(out, "ids", idsBase64, true);
    if (!label.isEmpty())
        member(out, "label", label);
    member(out, "createdAt", createdAt);
    QString wif = rootPk.toWif();
    member(out, "rootPk", wif);
    out += '}';
    OPENSSL_cleanse(wif.data(), std::size_t(wif.size()) * sizeof(QChar));
    return SecureBytes::takeFrom(out);
}

QString Bap::attestationUrn(QStringView attribute, QStringView value, QStringView nonce)
{
    return QStringLiteral("urn:bap:id:%1:%2:%3").arg(attribute, value, nonce);
}

QString Bap::attestationHash(QStringView attribute, QStringView value, QStringView nonce,
                             QStringView identityKey)
{
    const QString urnHash = crypto::sha256Hex(attestationUrn(attribute, value, nonce).toUtf8());
    QString attestation = QStringLiteral("bap:attest:") + urnHash + QLatin1Char(':');
    attestation.append(identityKey);
    return crypto::sha256Hex(attestation.toUtf8());
}

} // namespace tokenpass::wallet
