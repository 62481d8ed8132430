#pragma once

#include "Result.h"
#include "crypto/Keys.h"
#include "tx/Safety.h"
#include "tx/Transaction.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace tokenpass::tx {

struct InputSignature
{
    qsizetype inputIndex = 0;
    QString address;
    QString publicKeyHex; // compressed
    std::uint32_t sighash = 0x41;
    QByteArray preimage;
    QByteArray digest;       // SHA256d(preimage)
    QByteArray derSignature; // low-S DER, without the sighash byte
    QByteArray signature;    // DER ‖ sighash byte: the response's "signature"
    QByteArray unlockingScript;
};

struct SignedTransaction
{
    Transaction tx;
    QByteArray raw;
    QByteArray ef;
    std::optional<QByteArray> beef; // when the request was BEEF: the same container, subject replaced
    QString txid;
    QList<InputSignature> signatures; // ascending input index
    bool complete = false;            // every input now has an unlocking script
};

// Signs every planned input: BIP-143/FORKID digest, RFC 6979 low-S ECDSA, DER ‖ sighash byte, and
// the unlocking script <sig> <compressed pubkey>. Other inputs stay byte for byte as they were.
// `keys` must hold the private key of every planned input (matched by public key hash); it fails
// only when one is missing.
Result<SignedTransaction> sign(const SigningPlan& plan, const std::vector<const crypto::PrivateKey*>& keys);

} // namespace tokenpass::tx
