#include "SitesWindow.h"

#include "AllowanceEditor.h"
#include "AppIcon.h"
#include "AuditWords.h"
#include "RelativeTime.h"
#include "SitesModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tokenpass::ui {

SitesWindow::SitesWindow(SitesModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("sitesWindow"));
    setWindowTitle(tr("Connected sites — TokenPass"));
    setWindowIcon(appIcon(IconState::Unlocked));
    m_confirm = [](QWidget* parentWidget, const QString& question) {
        QMessageBox box(QMessageBox::Question, tr("TokenPass"), question, QMessageBox::Yes | QMessageBox::No,
                        parentWidget);
        box.button(QMessageBox::Yes)->setText(tr("&Yes"));
        box.button(QMessageBox::No)->setText(tr("&No"));
        box.setDefaultButton(QMessageBox::No); // revoking is not undone by a stray Enter
        return box.exec() == QMessageBox::Yes;
    };

    auto* layout = new QVBoxLayout(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sitesTable"));
    m_table->setAccessibleName(tr("Connected sites"));
    m_table->setAccessibleDescription(
        tr("The sites you allowed. Select one to change or revoke its access."));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrows move between sites
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 3);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SitesWindow::selectionChanged);
    // A reset (after revoke or reload) drops the selection without a selectionChanged signal.
    connect(m_model, &QAbstractItemModel::modelReset, this, &SitesWindow::selectionChanged);

    auto* actions = new QHBoxLayout;
    auto* policyLabel = new QLabel(tr("&Signing:"), this);
    actions->addWidget(policyLabel);
    m_policy = new QComboBox(this);
    policyLabel->setBuddy(m_policy);
    m_policy->setObjectName(QStringLiteral("sitesPolicy"));
    m_policy->setAccessibleDescription(tr("Whether the selected site may sign without asking you."));
    m_policy->addItem(tr("Allow"), int(access::SigningPolicy::Allow));
    m_policy->addItem(tr("Ask every time"), int(access::SigningPolicy::AskEveryTime));
    connect(m_policy, &QComboBox::currentIndexChanged, this, &SitesWindow::policyChosen);
    actions->addWidget(m_policy);
    actions->addStretch();
    m_revoke = new QPushButton(tr("&Revoke"), this);
    m_revoke->setObjectName(QStringLiteral("sitesRevoke"));
    m_revoke->setAccessibleDescription(tr("Takes the selected site's access away; it has to ask again."));
    connect(m_revoke, &QPushButton::clicked, this, &SitesWindow::revokeSelected);
    actions->addWidget(m_revoke);
    m_revokeAll = new QPushButton(tr("Revoke &all"), this);
    m_revokeAll->setObjectName(QStringLiteral("sitesRevokeAll"));
    m_revokeAll->setAccessibleDescription(tr("Takes every site's access away."));
    connect(m_revokeAll, &QPushButton::clicked, this, &SitesWindow::revokeAll);
    actions->addWidget(m_revokeAll);
    layout->addLayout(actions);
    m_allowance = new AllowanceEditor(m_model, this);
    layout->addWidget(m_allowance);
    connect(m_allowance, &AllowanceEditor::allowanceChanged, this, &SitesWindow::selectionChanged);

    m_auditTitle = new QLabel(this);
    m_auditTitle->setObjectName(QStringLiteral("sitesAuditTitle"));
    layout->addWidget(m_auditTitle);
    m_audit = new QTreeWidget(this);
    m_audit->setObjectName(QStringLiteral("sitesAudit"));
    m_audit->setAccessibleName(tr("Recent activity of the selected site"));
    m_audit->setAccessibleDescription(tr("What the selected site asked for recently, and the answer."));
    m_audit->setRootIsDecorated(false);
    m_audit->setHeaderLabels({tr("When"), tr("What"), tr("Outcome"), tr("Detail")});
    layout->addWidget(m_audit, 2);

    // No Refresh button: while the window is open it looks for connects, signatures and
    // revocations itself (hidden, it does not wake up at all).
    m_watch.setInterval(kWatchIntervalMs);
    connect(&m_watch, &QTimer::timeout, this, &SitesWindow::refreshIfChanged);

    resize(760, 480);
    selectionChanged();
}

void SitesWindow::hideEvent(QHideEvent* event)
{
    m_watch.stop();
    QWidget::hideEvent(event);
}

void SitesWindow::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void SitesWindow::refreshIfChanged()
{
    const QString selected = m_model->hostAt(currentRow());
    if (m_model->refreshIfChanged()) {
        if (!selected.isEmpty())
            selectHost(selected);
    }
}

void SitesWindow::showEvent(QShowEvent* event)
{
    // Sites connect while the window is closed; what it shows must be current when it opens.
    reload();
    m_watch.start();
    QWidget::showEvent(event);
}

void SitesWindow::reload()
{
    const QString selected = m_model->hostAt(currentRow());
    m_model->reload();
    if (!selected.isEmpty())
        selectHost(selected);
}

int SitesWindow::currentRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

bool SitesWindow::selectHost(const QString& host)
{
    const int row = m_model->rowOf(host);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

void SitesWindow::selectionChanged()
{
    const int row = currentRow();
    const bool selected = row >= 0;
    m_revoke->setEnabled(selected);
    m_revokeAll->setEnabled(m_model->rowCount() > 0);
    const auto policy = m_model->policy(row);
    m_policy->setEnabled(policy.has_value());
    m_updatingPolicy = true;
    m_policy->setCurrentIndex(policy ? m_policy->findData(int(*policy)) : -1);
    m_updatingPolicy = false;
    m_allowance->setRow(row);

    m_audit->clear();
    if (!selected) {
        m_auditTitle->setText(tr("Select a site to see its recent activity."));
        return;
    }
    m_auditTitle->setText(tr("Recent activity of %1").arg(m_model->displayName(row)));
    for (const store::AuditEntry& entry : m_model->recentAudit(row, kAuditRows)) {
        auto* item = new QTreeWidgetItem(m_audit);
        item->setText(0, RelativeTime::describe(entry.timeMs, QDateTime::currentMSecsSinceEpoch()));
        item->setToolTip(0, RelativeTime::exactTime(entry.timeMs));
        item->setText(1, AuditWords::operation(entry.operation));
        item->setText(2, AuditWords::result(entry.result));
        item->setText(3, AuditWords::detail(entry.detail));
        item->setToolTip(3, entry.detail);
    }
}

void SitesWindow::revokeSelected()
{
    const int row = currentRow();
    const QString host = m_model->hostAt(row);
    if (host.isEmpty())
        return;
    const QString question =
        m_model->clientIdAt(row).isEmpty()
            ? tr("Revoke %1? Its token stops working at once, and it will have to ask again.").arg(host)
            : tr("Revoke %1? Its tokens stop working at once, and it will have to ask for your consent "
                 "again.")
                  .arg(m_model->displayName(row));
    if (!m_confirm(this, question))
        return;
    m_model->revoke(row);
}

void SitesWindow::revokeAll()
{
    if (m_model->rowCount() == 0)
        return;
    if (!m_confirm(this, tr("Revoke all %n site(s)? Every token stops working at once.", nullptr,
                            m_model->rowCount())))
        return;
    m_model->revokeAll();
}

void SitesWindow::policyChosen(int comboIndex)
{
    if (m_updatingPolicy || comboIndex < 0)
        return;
    const QString host = m_model->hostAt(currentRow());
    if (host.isEmpty())
        return;
    m_model->setPolicy(currentRow(), access::SigningPolicy(m_policy->itemData(comboIndex).toInt()));
    selectHost(host);
}

} // namespace tokenpass::ui
