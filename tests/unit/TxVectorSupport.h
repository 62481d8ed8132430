#pragma once

// The transaction-signing vectors (../shared/vectors/tx-vectors.json, TX.md §7) and the request
// plumbing the tests share: what the route will do with a request body, minus HTTP.

#include "crypto/Keys.h"
#include "tx/Parser.h"
#include "tx/Safety.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace tokenpass::test::txv {

const QJsonObject& root();
QJsonArray cases();    // 46 signing cases
QJsonArray refusals(); // 27 must-refuse cases

// W1–W3, the wallet-owned keys.
struct Wallet
{
    std::vector<crypto::PrivateKey> privateKeys;
    tx::OwnedKeys owned;
    std::vector<const crypto::PrivateKey*> keyPointers() const;
};
const Wallet& wallet();

QByteArray hex(const QJsonValue& v); // fails the test on bad hex

tx::InputFormat format(const QJsonObject& request);
tx::SignRequest signRequest(const QJsonObject& request);
QList<tx::ClaimedSourceOutput> claims(const QJsonObject& request);

// What the signing cases need: no fee cap (near-max-money has a 1e14 fee) and NONE allowed (the
// "advanced confirmation" was given).
tx::Policy permissivePolicy();

// request → parseHex → checkSafety.
tx::Checked<tx::SigningPlan> plan(const QJsonObject& request, const tx::Policy& policy);

} // namespace tokenpass::test::txv
