#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace tokenpass::wallet {

// Per-site, friend and encryption keys, all BRC-42 self-derived from one "host master"
// (CRYPTO.md §10.3-10.5, API.md §4.1 item 6, §5.6). The G2 (desktop v0.0.3-v0.0.5) rule differs
// only in its master and host-key invoice prefix, so it is a generation flag, not another class.
class HostKeys
{
public:
    enum class Generation
    {
        G3, // host key invoice "2-tokenpass-<host>" (desktop v0.0.6+)
        G2, // host key invoice "2-sigma auth-<host>" (desktop v0.0.3-v0.0.5)
    };

    struct AipSignature
    {
        QString address;   // P2PKH of the host key
        QString signature; // BSM, base64
    };

    HostKeys(crypto::PrivateKey master, Generation generation = Generation::G3);

    // API.md §4.1 item 6: rootPk when the backup has a mnemonic (or in the registration session),
    // else the v0.0.7+ after-login master HD.fromSeed(rootPk as 32 seed bytes).
    static HostKeys forRootPk(const crypto::PrivateKey& rootPk, bool backupHasMnemonic);
    // HMAC-SHA512("Bitcoin seed", rootPk)[0:32]: the master every re-login of a v0.0.7/8 wallet uses.
    static Result<crypto::PrivateKey> hdMasterFromRootPk(const crypto::PrivateKey& rootPk);
    // G2: master = PrivateKey(SHA-256(64-byte BIP39 seed)) (CRYPTO.md §10.10).
    static Result<HostKeys> forG2Seed(QByteArrayView seed);

    const crypto::PrivateKey& master() const { return m_master; }
    Generation generation() const { return m_generation; }

    // "2-tokenpass-<host>" (or "2-sigma auth-<host>"), host verbatim; keys.db stores this as `path`.
    QString hostInvoice(QStringView host) const;
    Result<crypto::PrivateKey> hostKey(QStringView host) const;
    // keys.db rows are re-derived from their stored path, whatever it is (API.md §4.5).
    Result<crypto::PrivateKey> keyForInvoice(QStringView invoice) const;

    // /api/friend-pubkey: master.deriveChild(masterPub, "2-friend-" + sha256hex(friendBapId)).pub.
    static QString friendInvoice(QStringView friendBapId);
    Result<crypto::PublicKey> friendPublicKey(QStringView friendBapId) const;

    // "2-encrypt-" + sha256hex(friendBapId || "default"): an empty id means "default".
    static QString encryptInvoice(QStringView friendBapId);
    // /api/encrypt with friendBapId (no theirPublicKey): the self-derived recipient...
    Result<crypto::PublicKey> encryptPublicKey(QStringView friendBapId) const;
    // ...and /api/decrypt without theirPublicKey: the matching private key, so the two are inverses.
    Result<crypto::PrivateKey> encryptPrivateKey(QStringView friendBapId) const;
    // /api/decrypt with theirPublicKey: master.deriveChild(theirPublicKey, invoice) (API.md §5.6).
    Result<crypto::PrivateKey> decryptPrivateKey(QStringView friendBapId,
                                                 const crypto::PublicKey& theirPublicKey) const;

    // /api/sign-aip: BSM over the concatenation of the hex-decoded items (API.md §2.10, §5.4).
    static Result<AipSignature> signAip(const crypto::PrivateKey& hostKey, const QStringList& hexItems);

    // G1 (2023 server) seed.db: AES-256-CBC, key = SHA-256(UTF-8 password), plaintext = the seed's
    // hex text (CRYPTO.md §10.9). Returns the decoded seed bytes.
    static Result<crypto::SecureBytes> decryptG1Seed(QByteArrayView passwordUtf8, QStringView ivHex,
                                                     QStringView encryptedDataHex);
    // G1 per-host key: BIP32 m/44'/0'/<account>'/2/0 from the seed.
    static Result<crypto::PrivateKey> g1HostKey(QByteArrayView seed, int account);

private:
    crypto::PrivateKey m_master;
    Generation m_generation;
};

} // namespace tokenpass::wallet
