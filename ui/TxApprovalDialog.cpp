#include "TxApprovalDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tokenpass::ui {

namespace {

constexpr int kDataPreviewChars = 120;

QLabel* plainLabel(const QString& text, const QString& name, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText); // caller text and scripts are never rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// 1234567 -> "1 234 567" with narrow no-break spaces: readable in any locale, never a decimal mark.
QString sats(std::int64_t satoshis)
{
    const QString digits = QString::number(satoshis < 0 ? -satoshis : satoshis);
    QString out;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += QChar(0x202F);
        out += digits.at(i);
    }
    return satoshis < 0 ? QStringLiteral("-") + out : out;
}

QString pushText(const tx::DataItem& item)
{
    if (item.opcode)
        return TxApprovalDialog::tr("opcode 0x%1").arg(*item.opcode, 2, 16, QLatin1Char('0'));
    const QString preview = item.preview(kDataPreviewChars);
    if (!item.protocol.isEmpty())
        return TxApprovalDialog::tr("%1 protocol").arg(item.protocol);
    return item.isText ? TxApprovalDialog::tr("“%1”").arg(preview)
                       : TxApprovalDialog::tr("hex %1").arg(preview);
}

} // namespace

QString TxApprovalDialog::describeOutput(const tx::DecodedOutput& output)
{
    const tx::DecodedScript& s = output.script;
    QString text;
    switch (s.kind) {
    case tx::ScriptKind::P2pkh:
        text = s.address;
        break;
    case tx::ScriptKind::OrdinalP2pkh:
        text = tr("inscription (%1) to %2").arg(s.contentType.value_or(tr("no content type")), s.address);
        if (s.content)
            text += QStringLiteral(": ") + s.content->preview(kDataPreviewChars);
        break;
    case tx::ScriptKind::OpReturn:
    case tx::ScriptKind::OpFalseOpReturn: {
        QStringList parts;
        for (const tx::DataItem& item : s.pushes)
            parts << pushText(item);
        text = tr("data: %1").arg(parts.isEmpty() ? tr("(empty)") : parts.join(QStringLiteral(" | ")));
        break;
    }
    case tx::ScriptKind::Unknown:
        text = tr("unknown script: %1")
                   .arg(s.scriptHex.size() > 2 * kDataPreviewChars
                            ? s.scriptHex.left(2 * kDataPreviewChars) + QStringLiteral("…")
                            : s.scriptHex);
        break;
    }
    if (output.isChange)
        text += tr("  — change (your wallet)");
    return text;
}

TxApprovalDialog::TxApprovalDialog(const access::ApprovalRequest& request, tx::TransactionViewPtr view,
                                   qint64 timeoutMs, QWidget* parent)
    : ApprovalDialog(
          request.id, timeoutMs, [](int s) { return tr("Rejects itself in %1 s if you do nothing.").arg(s); },
          parent),
      m_view(std::move(view))
{
    Q_ASSERT(m_view);
    const tx::TransactionView& v = *m_view;
    setObjectName(QStringLiteral("txApprovalDialog"));
    setWindowTitle(tr("TokenPass — approve a transaction from %1").arg(request.host));
    auto* layout = new QVBoxLayout(this);

    const QString who = request.origin.isEmpty() || request.origin.contains(request.host)
                            ? request.host
                            : QStringLiteral("%1 (%2)").arg(request.host, request.origin);
    auto* heading =
        plainLabel(tr("%1 asks TokenPass to sign a transaction.").arg(who), QStringLiteral("txHost"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);

    // The number that matters, largest on the screen.
    layout->addWidget(plainLabel(tr("You spend"), QStringLiteral("txSpendCaption"), this));
    auto* spend = plainLabel(tx::formatBsv(v.totals.walletNetSpend), QStringLiteral("txSpend"), this);
    QFont big = spend->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    spend->setFont(big);
    layout->addWidget(spend);
    layout->addWidget(plainLabel(
        tr("%1 satoshis%2")
            .arg(sats(v.totals.walletNetSpend),
                 v.totals.spendVerified ? QString() : tr(" — unverified: the amounts are the app's claim")),
        QStringLiteral("txSpendSatoshis"), this));

    if (!v.description.isEmpty())
        layout->addWidget(plainLabel(tr("The app says (not checked by TokenPass): %1").arg(v.description),
                                     QStringLiteral("txDescription"), this));

    layout->addWidget(plainLabel(tr("Outputs, in order (%1):").arg(v.outputs.size()),
                                 QStringLiteral("txOutputsCaption"), this));
    m_outputs = new QTableWidget(int(v.outputs.size()), 3, this);
    m_outputs->setObjectName(QStringLiteral("txOutputs"));
    m_outputs->setAccessibleName(tr("Outputs of the transaction"));
    m_outputs->setAccessibleDescription(tr("Where the money goes: one row per output, amounts in satoshis."));
    m_outputs->setHorizontalHeaderLabels({tr("#"), tr("To"), tr("Satoshis")});
    m_outputs->verticalHeader()->hide();
    m_outputs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_outputs->setTabKeyNavigation(false); // Tab leaves the table (arrows move in it)
    m_outputs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_outputs->setWordWrap(false);
    m_outputs->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_outputs->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_outputs->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    for (int row = 0; row < v.outputs.size(); ++row) {
        const tx::DecodedOutput& out = v.outputs.at(row);
        auto* index = new QTableWidgetItem(QString::number(out.index));
        auto* to = new QTableWidgetItem(describeOutput(out));
        to->setToolTip(out.script.scriptHex);
        auto* amount = new QTableWidgetItem(sats(std::int64_t(out.satoshis)));
        amount->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (out.isChange) {
            QFont italic = to->font();
            italic.setItalic(true);
            to->setFont(italic);
        }
        m_outputs->setItem(row, 0, index);
        m_outputs->setItem(row, 1, to);
        m_outputs->setItem(row, 2, amount);
    }
    m_outputs->setMinimumSize(560, 140);
    layout->addWidget(m_outputs, 1);

    // The rest, in plain words; it scrolls when a transaction has many notes.
    QStringList notes;
    notes << tr("Network fee: %1 sat (%2 sat/kB)%3")
                 .arg(sats(v.totals.fee))
                 .arg(v.totals.feeRateSatPerKb, 0, 'f', 1)
                 .arg(v.totals.feeVerified ? QString()
                                           : tr(" — unverified: input amounts are the app's claim"));
    for (const tx::Totals::OtherInput& other : v.totals.otherInputs)
        notes << tr("Input %1 is not yours and is not signed by TokenPass (%2 sat claimed%3).")
                     .arg(other.inputIndex)
                     .arg(sats(std::int64_t(other.satoshis)))
                     .arg(other.verified ? QString() : tr(", unverified"));
    for (const tx::TransactionView::FlagNote& note : v.flagNotes)
        notes << tr("Your signature on input %1 %2.").arg(note.inputIndex).arg(note.words);
    if (v.lockTime.kind != tx::LockTimeInfo::Kind::None || v.lockTime.enforced)
        notes << tr("Lock time: %1").arg(v.lockTime.words);
    auto* details = plainLabel(notes.join(QLatin1Char('\n')), QStringLiteral("txDetails"), this);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("txDetailsScroll"));
    scroll->setWidget(details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMaximumHeight(notes.size() > 4 ? 110 : 16777215);
    layout->addWidget(scroll);

    countdown()->setObjectName(QStringLiteral("txCountdown"));
    layout->addWidget(countdown());

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* approveButton = buttons->addButton(tr("Approve and sign"), QDialogButtonBox::AcceptRole);
    approveButton->setObjectName(QStringLiteral("txApprove"));
    approveButton->setAccessibleDescription(
        tr("Signs the transaction as shown. It works a moment after the window opens."));
    QPushButton* rejectButton = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
    rejectButton->setObjectName(QStringLiteral("txReject"));
    rejectButton->setAccessibleDescription(tr("Refuses the request. Enter and Escape reject too."));
    setApproveButton(approveButton); // never the default, armed after a delay
    setRejectButton(rejectButton);   // Enter rejects
    layout->addWidget(buttons);
    resize(640, 560);
}

} // namespace tokenpass::ui
