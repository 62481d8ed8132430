#pragma once

#include <QJsonObject>
#include <QString>

namespace tokenpass::oauth {

// The key that speaks for the person in tokens (OAUTH.md "Decided": the identity chosen at
// consent). Public values only.
struct TokenIdentity
{
    QString sub;            // the BAP idKey, or the P2PKH address when there is none
    QString pubkey;         // compressed hex
    QString bitcoinAddress; // P2PKH of pubkey
    QString bapId;          // empty for a private identity (null in tokens)
    QString attestation;    // BSM by pubkey of "tokenpass-jwk:" + kid (pubkey_attestation)
    QString attestationKid; // the kid the attestation is for
};

// What the person approved for one client: everything a code is bound to (OAUTH.md §5.2 rule 4),
// and, once redeemed, what its token family carries.
struct Grant
{
    QString clientId;
    QString redirectUri;   // as presented at authorize (the token request must repeat it)
    QString codeChallenge; // S256
    QString resource;      // RFC 8707; empty: aud = the issuer
    QString scope;         // space-separated, as granted
    QString nonce;
    qint64 authTimeMs = 0;
    TokenIdentity identity;

    QJsonObject toJson() const;
    static Grant fromJson(const QJsonObject& json);
    bool hasScope(const QString& scope) const;
};

} // namespace tokenpass::oauth
