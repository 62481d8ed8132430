#pragma once

#include "tx/Parser.h"
#include "tx/Refusal.h"
#include "tx/Safety.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace tokenpass::server {

// The body of POST /api/sign/transaction (TX.md §2.3), read strictly. Every mistake is a refusal
// with a TX.md §5 code, answered 400 {"success":false,"error":…,"reason":…}.
struct TransactionRequest
{
    static constexpr qsizetype kMaxDescriptionChars = 1000;

    QString txHex;
    tx::InputFormat format = tx::InputFormat::Auto;
    QList<tx::ClaimedSourceOutput> claims; // "sourceOutputs", also in the bsv-mcp spelling
    tx::SignRequest choices;               // "sighash" and "inputs"
    QString description;                   // untrusted, shown as "the app says"
    bool passwordGiven = false;            // the body has a "password" member (its value is read later)

    static tx::Checked<TransactionRequest> read(const QJsonObject& body);
};

} // namespace tokenpass::server
