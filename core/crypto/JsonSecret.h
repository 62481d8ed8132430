#pragma once

#include "crypto/SecureBytes.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QList>

namespace tokenpass::crypto {

// Reads one string member of a JSON object text straight into SecureBytes (DESIGN.md security
// rule 2), so a password, mnemonic or plaintext backup never sits in a QJsonObject or QString
// that is freed without being wiped.
//
// Strict: the whole text must be one valid JSON object (RFC 8259, UTF-8; surrounding whitespace
// allowed), or the answer is Malformed. Only top-level members count; a nested "password" is not
// the password. As in JSON.parse and QJsonDocument, the last duplicate key wins. Escapes are
// decoded (\" \\ \/ \b \f \n \r \t \uXXXX with surrogate pairs) to UTF-8; a lone surrogate,
// a raw control character or invalid UTF-8 makes the text Malformed. Nesting is limited to
// kMaxDepth levels, so hostile input cannot exhaust the stack. No temporary copy of the value is
// left unwiped.
class JsonSecret
{
public:
    static constexpr int kMaxDepth = 64;

    enum class Status
    {
        Found,     // the member exists and is a string (possibly empty)
        Missing,   // a valid object without that member
        NotString, // the member exists with another type
        Malformed, // not one valid JSON object
    };

    struct Field
    {
        Status status = Status::Malformed;
        SecureBytes value; // UTF-8, only for Found
    };

    static Field stringField(QByteArrayView json, QByteArrayView key);

    // The same object text without the secrets, for QJsonDocument to parse the rest: a parsed
    // QJsonObject keeps every string it read in its own buffer until it is freed, unwiped, so the
    // secrets must not reach it at all. Remove drops the top-level members named in `keys`; Redact
    // keeps them but replaces a string value with "*" ("" stays ""), so validation still sees
    // which members were sent. Empty for text that is not one valid JSON object.
    enum class Rewrite
    {
        Remove,
        Redact,
    };
    static SecureBytes rewriteMembers(QByteArrayView json, const QList<QByteArrayView>& keys, Rewrite how);
    // QJsonDocument::fromJson of the text with those members redacted. Text the strict reader
    // refuses is given to QJsonDocument as it is, so its answer (and error) stays the same.
    static QJsonDocument parseRedacted(QByteArrayView json, const QList<QByteArrayView>& keys,
                                       QJsonParseError* error = nullptr);

    // A JSON string literal (quotes included) for a secret, escaped here instead of by
    // QJsonDocument, so the only copies are wiped ones.
    static SecureBytes quote(QByteArrayView value);
};

} // namespace tokenpass::crypto
