#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

namespace tokenpass::wallet {

// One identity attribute, {"<name>": {"value", "nonce"}} in the export (CRYPTO.md §9.7).
struct BapAttribute
{
    QString name;
    QString value;
    QString nonce; // 64 hex chars (32 random bytes)
};

// bsv-bap identity.export(), field for field (API.md §4.3).
struct BapIdentity
{
    QString name;
    QString description;
    QString identityKey;
    QString rootPath;
    QString rootAddress;
    QString previousPath;
    QString currentPath;
    QString idSeed;
    QList<BapAttribute> attributes;
    QString lastIdPath;
};

// The plaintext of the master `ids` blob: {"lastIdPath":"bap:<n>","ids":[identity export...]}.
struct BapIds
{
    QString lastIdPath;
    QList<BapIdentity> ids;
};

// BAP in Type-42 mode as TokenPass uses it (CRYPTO.md §9, API.md §6): every key is a BRC-42
// self-derivation from rootPk with a literal string as the invoice.
class Bap
{
public:
    // Which bsv-bap release's signing-key invoice to use (CRYPTO.md §9.3, §12 item 2).
    enum class SigningVersion
    {
        V0_1_14, // "1-bap-identity": what TokenPass v0.0.8 bundles; existing on-chain addresses
        V0_1_24, // "1-sigma-identity"
    };

    static constexpr char kEncryptionPath[] = "m/424150'/2147483647'/2147483647'";
    static constexpr char kPrimaryIdentityName[] = "Primary Identity";

    // idKey = Base58(RIPEMD160(SHA256(UTF-8 address string))), no version byte, no checksum (§9.1).
    static QString bapIdFromAddress(QStringView address);
    static QString bapIdFromPublicKey(const crypto::PublicKey& publicKey);

    static QString identityPath(int counter); // "bap:<n>"

    // rootPk.deriveChild(rootPub, path): the key of any Type-42 path ("bap:0", "bap:0:1", "1").
    static Result<crypto::PrivateKey> pathKey(const crypto::PrivateKey& rootPk, QStringView path);
    // The identity root ("member") key of identity n: pathKey("bap:<n>"); exported as the member WIF.
    static Result<crypto::PrivateKey> memberKey(const crypto::PrivateKey& rootPk, int counter);
    // pathKey.deriveChild(pathPub, "1-bap-identity" | "1-sigma-identity").
    static Result<crypto::PrivateKey> signingKey(const crypto::PrivateKey& pathKey,
                                                 SigningVersion version = SigningVersion::V0_1_14);
    // Identity level: memberKey.deriveChild(memberPub, kEncryptionPath).
    static Result<crypto::PrivateKey> identityEncryptionKey(const crypto::PrivateKey& memberKey);
    // Master level, for the `ids` blob: rootPk.deriveChild(rootPub, kEncryptionPath).
    static Result<crypto::PrivateKey> masterEncryptionKey(const crypto::PrivateKey& rootPk);
    // MasterID getEncryptionPrivateKeyWithSeed: memberKey.deriveChild(memberPub, sha256hex(seed)).
    static Result<crypto::PrivateKey> seedEncryptionKey(const crypto::PrivateKey& memberKey,
                                                        QStringView seed);

    // newIdWithCounter(n, name): the export fields of a fresh identity (paths all "bap:<n>").
    static Result<BapIdentity> newIdentity(const crypto::PrivateKey& rootPk, int counter,
                                           const QString& name);

    // JSON exactly as JSON.stringify(identity.export()) writes it.
    static QByteArray identityJson(const BapIdentity& identity);
    static crypto::SecureBytes idsJson(const BapIds& ids);
    // Parses the decrypted blob; the legacy bare-array form gives an empty lastIdPath. Attributes
    // come back in key order (the reference keeps insertion order; only re-export order differs).
    static Result<BapIds> parseIdsJson(QByteArrayView json);

    // BIE1 (random ephemeral) of the JSON to masterEncryptionKey's pubkey, base64 (API.md §4.3).
    static Result<QString> encryptIds(const crypto::PrivateKey& rootPk, QByteArrayView idsJson);
    static Result<crypto::SecureBytes> decryptIds(const crypto::PrivateKey& rootPk, QStringView idsBase64);

    // exportForBackup in Type-42 form: {"ids","label","createdAt","rootPk"} in that order; an
    // empty label is omitted, as JSON.stringify drops undefined.
    static crypto::SecureBytes backupPayloadJson(QStringView idsBase64, QStringView label,
                                                 QStringView createdAt, const crypto::PrivateKey& rootPk);

    // urn:bap:id:<attribute>:<value>:<nonce> and hex(SHA256("bap:attest:" + sha256hex(urn) + ":" +
    // idKey)) (CRYPTO.md §9.6).
    static QString attestationUrn(QStringView attribute, QStringView value, QStringView nonce);
    static QString attestationHash(QStringView attribute, QStringView value, QStringView nonce,
                                   QStringView identityKey);
};

} // namespace tokenpass::wallet
