#include "AllowanceEditor.h"

#include "SitesModel.h"
#include "tx/TransactionView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

namespace tokenpass::ui {

AllowanceEditor::AllowanceEditor(SitesModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("allowanceEditor"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Spending allowance per 24 hours:"), this);
    layout->addWidget(label);
    m_amount = new QSpinBox(this);
    m_amount->setObjectName(QStringLiteral("allowanceAmount"));
    m_amount->setRange(0, kMaxSatoshis);
    m_amount->setSingleStep(1000);
    m_amount->setSuffix(tr(" sat"));
    m_amount->setSpecialValueText(tr("None (always ask)"));
    m_amount->setToolTip(tr("Transactions of this site whose amounts TokenPass can verify are signed "
                            "without asking while they fit in this amount per 24 hours; a notice "
                            "says so. 0 asks every time."));
    label->setBuddy(m_amount);
    layout->addWidget(m_amount);
    m_apply = new QPushButton(tr("Set allowance"), this);
    m_apply->setObjectName(QStringLiteral("allowanceApply"));
    m_apply->setAccessibleDescription(tr("Saves the allowance for the selected site."));
    m_apply->setAutoDefault(false);
    connect(m_apply, &QPushButton::clicked, this, &AllowanceEditor::apply);
    layout->addWidget(m_apply);
    m_spent = new QLabel(this);
    m_spent->setObjectName(QStringLiteral("allowanceSpent"));
    layout->addWidget(m_spent, 1);
    setRow(-1);
}

void AllowanceEditor::setRow(int row)
{
    m_row = row;
    const bool selected = !m_model->hostAt(row).isEmpty();
    m_amount->setEnabled(selected);
    m_apply->setEnabled(selected);
    m_amount->setValue(selected ? int(std::min<std::uint64_t>(m_model->allowance(row), kMaxSatoshis)) : 0);
    showSpent();
}

void AllowanceEditor::showSpent()
{
    if (m_model->hostAt(m_row).isEmpty()) {
        m_spent->clear();
        return;
    }
    const auto allowance = std::int64_t(m_model->allowance(m_row));
    const auto spent = std::int64_t(m_model->spentToday(m_row));
    if (allowance == 0) {
        m_spent->setText(tr("Every transaction is asked."));
        return;
    }
    m_spent->setText(tr("Spent in the last 24 hours: %1 sat (%2), %3 sat left")
                         .arg(spent)
                         .arg(tx::formatBsv(spent))
                         .arg(std::max<std::int64_t>(allowance - spent, 0)));
}

void AllowanceEditor::apply()
{
    const QString host = m_model->hostAt(m_row);
    if (host.isEmpty())
        return;
    if (m_model->setAllowance(m_row, std::uint64_t(m_amount->value())))
        Q_EMIT allowanceChanged(host);
    showSpent();
}

} // namespace tokenpass::ui
