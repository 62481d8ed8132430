#pragma once

#include "Result.h"
#include "crypto/Keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace tokenpass::wallet {

// bitcoin-auth tokens (CRYPTO.md §7, API.md §5.3), library version 0.0.7:
//   token  = pubkey | scheme | timestamp | requestPath | signature
//   signed = requestPath | timestamp | bodyHash      (bodyHash = sha256 hex of the body, or "")
// We produce byte-identical tokens, offer the reference verifier's exact outcome for
// compatibility, and a strict verifier for anything we accept ourselves (§12 item 4).
class BitcoinAuth
{
public:
    enum class Scheme
    {
        Bsm,
        Brc77
    };
    enum class BodyEncoding
    {
        Utf8,
        Hex,
        Base64
    };

    struct Token
    {
        QString pubkey;
        Scheme scheme = Scheme::Brc77;
        QString timestamp;
        QString requestPath;
        QString signature;
    };

    // What a token covers. The body is the request body text; an empty body means "no body"
    // (JS falsiness: absent and "" hash to ""). Hex/base64 bodies are decoded before hashing.
    struct Request
    {
        QString requestPath;
        QByteArray body;
        BodyEncoding bodyEncoding = BodyEncoding::Utf8;
    };

    struct CreateOptions
    {
        Scheme scheme = Scheme::Brc77; // the library default
        QString timestamp;             // empty: now, as Date.toISOString()
        QByteArray brc77KeyId;         // tests only: a fixed 32-byte BRC-77 keyID (else random)
    };

    // Reference verifier input: verifyAuthToken(token, {requestPath, timestamp, body}, timePad,
    // bodyEncoding).
    struct ReferenceTarget
    {
        QString requestPath;
        QString timestamp; // the verifier's "now"; unparsable (e.g. "") disables the time rule
        QByteArray body;
        BodyEncoding bodyEncoding = BodyEncoding::Utf8;
        int timePadMinutes = 5;
    };

    static constexpr qint64 kStrictWindowMs = 5 * 60 * 1000;

    static QString schemeName(Scheme scheme); // "bsm" | "brc77"
    // Date.toISOString() of a Unix time in ms, e.g. 2026-01-22T10:11:12.345Z.
    static QString isoTimestamp(qint64 msSinceEpoch);

    static Result<QString> bodyHash(QByteArrayView body, BodyEncoding encoding);
    static QString signedString(QStringView requestPath, QStringView timestamp, QStringView bodyHash);

    // getAuthToken. Unlike the reference, a '|' in the path or timestamp is refused, because it
    // would make a token nobody can parse.
    static Result<QString> createToken(const crypto::PrivateKey& key, const Request& request,
                                       const CreateOptions& options);
    static Result<QString> createToken(const crypto::PrivateKey& key, const Request& request)
    {
        return createToken(key, request, CreateOptions{});
    }

    // parseAuthToken: exactly five '|'-separated parts and a known scheme.
    static Result<Token> parseToken(QStringView token);

    // bitcoin-auth verifyAuthToken's outcome, quirks included: no expiry for old tokens, and a
    // BRC-77 signer that need not match the token's pubkey. Use it only to predict what other
    // verifiers accept; never to authorise a request.
    static bool verifyReference(QStringView token, const ReferenceTarget& target);

    // The verifier for anything we accept (CRYPTO.md §12 item 4): timestamp in toISOString form and
    // within ±window of now (both directions), path equal and free of '|', compressed pubkey, and
    // for BRC-77 an "anyone" signature whose embedded signer is the token's pubkey.
    static Result<Token> verifyStrict(QStringView token, const Request& request, qint64 nowMs,
                                      qint64 windowMs = kStrictWindowMs);
};

} // namespace tokenpass::wallet
