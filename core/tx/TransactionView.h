#pragma once

#include "tx/OutputDecoder.h"
#include "tx/OwnedKeys.h"
#include "tx/Safety.h"
#include "tx/Totals.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace tokenpass::tx {

// Everything the transaction dialog shows, worked out before it opens, together with the plan
// that is signed after approval: the dialog and the signer read the same object, so what is
// signed is exactly what was shown (TX.md §5.9). Read-only once made; shared between the server
// thread (which signs it) and the GUI thread (which shows it).
struct TransactionView
{
    SigningPlan plan;
    QList<DecodedOutput> outputs; // every output, in order
    Totals totals;
    LockTimeInfo lockTime;
    QString description; // the app's own words: shown as "the app says", never trusted

    struct FlagNote
    {
        qsizetype inputIndex = 0;
        std::uint32_t flag = 0x41;
        QString words; // describeSighash
    };
    QList<FlagNote> flagNotes; // signed inputs whose flag is not plain ALL (0x41)

    // A digest of what is signed and shown: an identical request has the same one.
    QByteArray digest() const;
    // A few lines for logs and plain-text fallbacks: "You spend …, fee …, N outputs".
    QString summary() const;
};

using TransactionViewPtr = std::shared_ptr<const TransactionView>;

// The key of the view in access::ApprovalRequest::details.
inline constexpr char kTransactionDetail[] = "transaction";

TransactionViewPtr makeTransactionView(SigningPlan plan, const OwnedKeys& keys, QString description);

// "0.00012345 BSV" (8 decimals, a leading "-" for negative amounts).
QString formatBsv(std::int64_t satoshis);

} // namespace tokenpass::tx

Q_DECLARE_METATYPE(tokenpass::tx::TransactionViewPtr)
