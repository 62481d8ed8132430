#pragma once

#include "crypto/Keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace tokenpass::tx {

// The public keys the caller's token may spend from (a site's host key, or the identity chosen at
// consent), indexed by HASH160 of the compressed key. Only public keys: deciding what to sign and
// showing change never needs a private key.
struct OwnedKey
{
    crypto::PublicKey publicKey;
    QByteArray pubKeyHash; // 20 bytes
    QString address;
};

class OwnedKeys
{
public:
    OwnedKeys() = default;
    explicit OwnedKeys(const QList<crypto::PublicKey>& keys);

    const OwnedKey* byPubKeyHash(QByteArrayView pkh20) const;
    // The 20-byte hash if `script` is exactly 76 a9 14 <pkh20> 88 ac, else empty.
    static QByteArrayView p2pkhHash(QByteArrayView script);
    // The owned key a locking script pays to when it is exactly a P2PKH template, else null.
    const OwnedKey* ownerOfP2pkh(QByteArrayView script) const;
    bool isEmpty() const { return m_keys.isEmpty(); }

private:
    QList<OwnedKey> m_keys;
    QHash<QByteArray, qsizetype> m_byHash;
};

} // namespace tokenpass::tx
