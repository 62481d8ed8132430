#include "tx/Signer.h"

#include "crypto/Hash.h"
#include "tx/Sighash.h"

#include <QHash>

namespace tokenpass::tx {

namespace {

void appendPush(QByteArray& script, const QByteArray& data)
{
    // Signatures (<= 73 bytes) and compressed keys (33) always fit a direct push.
    script.append(char(data.size()));
    script.append(data);
}

} // namespace

Result<SignedTransaction> sign(const SigningPlan& plan, const std::vector<const crypto::PrivateKey*>& keys)
{
    struct Signer
    {
        const crypto::PrivateKey* key;
        QByteArray compressed;
    };
    QHash<QByteArray, Signer> byHash;
    for (const crypto::PrivateKey* key : keys) {
        if (!key)
            continue;
        const QByteArray compressed = key->publicKey().compressed();
        byHash.insert(crypto::hash160(compressed), Signer{key, compressed});
    }

    SignedTransaction out;
    out.tx = plan.tx();
    const SighashCache cache(plan.tx()); // over the unsigned transaction: scriptSigs are not committed
    out.signatures.reserve(plan.sign.size());
    for (const PlannedInput& p : plan.sign) {
        const auto it = byHash.constFind(p.key.pubKeyHash);
        if (it == byHash.constEnd())
            return Result<SignedTransaction>::fail(
                QStringLiteral("No private key was given for input %1 (%2).")
                    .arg(p.inputIndex)
                    .arg(p.key.address));
        InputSignature s;
        s.inputIndex = p.inputIndex;
        s.address = p.key.address;
        s.publicKeyHex = p.key.publicKey.toHex();
        s.sighash = p.sighash;
        s.preimage = cache.preimage(p.inputIndex, p.sighash);
        s.digest = crypto::sha256d(s.preimage);
        s.derSignature = it->key->signDer(s.digest);
        s.signature = s.derSignature;
        s.signature.append(char(p.sighash));
        appendPush(s.unlockingScript, s.signature);
        appendPush(s.unlockingScript, it->compressed);
        out.tx.inputs[p.inputIndex].unlockingScript = s.unlockingScript;
        out.signatures.append(std::move(s));
    }
    out.raw = out.tx.toRaw();
    out.ef = out.tx.toEf();
    out.txid = out.tx.txid();
    if (plan.parsed.beef)
        out.beef = plan.parsed.beef->serializeWithSubject(out.tx);
    out.complete = true;
    for (const TxInput& in : out.tx.inputs)
        out.complete = out.complete && !in.unlockingScript.isEmpty();
    return Result<SignedTransaction>::ok(std::move(out));
}

} // namespace tokenpass::tx
