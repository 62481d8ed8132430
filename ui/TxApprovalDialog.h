#pragma once

#include "ApprovalDialog.h"
#include "access/ApprovalBroker.h"
#include "tx/TransactionView.h"

class QTableWidget;

namespace tokenpass::ui {

// A site asks the wallet to sign a transaction (issue 17, TX.md §5). The person's question is
// "what am I paying, to whom, and what does it cost?", so the dialog leads with "You spend" in
// large type, then every output in order (change marked), the fee and fee rate, and says plainly
// what is unverified, what the signature types allow and when the lock time applies. The app's
// own description is shown as "the app says", never instead of the decoded outputs.
//
// Approve arms after ApprovalDialog::kArmingDelayMs and is never the default; the timeout rejects.
// What is shown is the tx::TransactionView the server will sign: the dialog only reads it.
class TxApprovalDialog : public ApprovalDialog
{
    Q_OBJECT
public:
    TxApprovalDialog(const access::ApprovalRequest& request, tx::TransactionViewPtr view, qint64 timeoutMs,
                     QWidget* parent = nullptr);

    // The text of one output's "to" column: address, decoded data or the unknown script's hex.
    static QString describeOutput(const tx::DecodedOutput& output);
    QTableWidget* outputsTable() const { return m_outputs; }

private:
    tx::TransactionViewPtr m_view;
    QTableWidget* m_outputs = nullptr;
};

} // namespace tokenpass::ui
