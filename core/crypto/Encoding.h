#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace tokenpass::crypto {

enum class Network
{
    Mainnet,
    Testnet
};

// Hex: lowercase on output; input must be an even number of [0-9a-fA-F] characters.
QString toHex(QByteArrayView bytes);
std::optional<QByteArray> fromHex(QStringView hex);
std::optional<QByteArray> fromHex(QByteArrayView hex);
// The same for secrets: decoded straight into wiped memory, never through a QByteArray.
std::optional<SecureBytes> secretFromHex(QStringView hex);
// Lowercase hex of a secret, written straight into wiped memory (toHex copies through QByteArray
// and QString, which are freed unwiped).
SecureBytes secretToHex(QByteArrayView bytes);

// Base64: RFC 4648 standard alphabet, padded on output. Decoding rejects characters outside the
// alphabet; like @bsv/sdk it tolerates missing padding and a trailing incomplete character.
QString toBase64(QByteArrayView bytes);
std::optional<QByteArray> fromBase64(QStringView text);

// Bitcoin Base58 (and Base58Check: payload || first 4 bytes of SHA256d(payload)).
QString base58Encode(QByteArrayView bytes);
std::optional<QByteArray> base58Decode(QStringView text);
QString base58CheckEncode(QByteArrayView payload);
std::optional<QByteArray> base58CheckDecode(QStringView text); // payload without the checksum

// Bitcoin CompactSize varint (CRYPTO.md §1).
QByteArray varint(std::uint64_t value);

// WIF: Base58Check(0x80 || priv32 || 0x01). Only compressed WIFs are accepted (as @bsv/sdk).
QString wifEncode(const SecureBytes& privateKey32, Network network = Network::Mainnet);
Result<SecureBytes> wifDecode(QStringView wif);

// P2PKH address: Base58Check(version || HASH160(pubkey)). 0x00 mainnet, 0x6f testnet.
QString p2pkhAddress(QByteArrayView publicKey, Network network = Network::Mainnet);

} // namespace tokenpass::crypto
