#include "tx/OwnedKeys.h"

#include "crypto/Hash.h"

namespace tokenpass::tx {

OwnedKeys::OwnedKeys(const QList<crypto::PublicKey>& keys)
{
    for (const crypto::PublicKey& key : keys) {
        const QByteArray pkh = crypto::hash160(key.compressed());
        if (m_byHash.contains(pkh))
            continue;
        m_byHash.insert(pkh, m_keys.size());
        m_keys.append(OwnedKey{key, pkh, key.address()});
    }
}

const OwnedKey* OwnedKeys::byPubKeyHash(QByteArrayView pkh20) const
{
    const auto it = m_byHash.constFind(pkh20.toByteArray());
    return it == m_byHash.constEnd() ? nullptr : &m_keys[*it];
}

QByteArrayView OwnedKeys::p2pkhHash(QByteArrayView s)
{
    if (s.size() != 25 || std::uint8_t(s[0]) != 0x76 || std::uint8_t(s[1]) != 0xa9 || s[2] != 0x14 ||
        std::uint8_t(s[23]) != 0x88 || std::uint8_t(s[24]) != 0xac)
        return {};
    return s.sliced(3, 20);
}

const OwnedKey* OwnedKeys::ownerOfP2pkh(QByteArrayView script) const
{
    const QByteArrayView pkh = p2pkhHash(script);
    return pkh.isEmpty() ? nullptr : byPubKeyHash(pkh);
}

} // namespace tokenpass::tx
