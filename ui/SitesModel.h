#pragma once

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "store/AuditLog.h"
#include "store/SpendingAllowances.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace tokenpass::store {
class Database;
}

namespace tokenpass::ui {

// The connected sites, one row per host that holds a token or a grant (issue 6), over the core's
// AccessTokens, Grants and AuditLog. It is the only thing the sites window uses to reach the
// database (Bitcoin Core's model/view split): the window asks, the model changes the core and
// reloads. It never shows a dialog.
class SitesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        HostColumn,
        IdentityColumn,
        ScopesColumn,
        PolicyColumn,
        ExpiresColumn,
        LastUsedColumn,
        ColumnCount
    };

    explicit SitesModel(std::shared_ptr<store::Database> database, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString hostAt(int row) const;
    int rowOf(const QString& host) const;
    // Only a site with a grant has a policy to change; a bare token follows the default.
    bool hasGrant(int row) const;
    std::optional<access::SigningPolicy> policy(int row) const;

    // Each returns false when nothing changed. Revoking is immediate: the token is gone from the
    // database, so the next request with it gets code 3 (API.md §2.8).
    bool revoke(int row);
    int revokeAll();
    bool setPolicy(int row, access::SigningPolicy policy);
    QList<store::AuditEntry> recentAudit(int row, int limit) const;

    // The site's spending allowance (issue 17): satoshis per 24 h (0 = always ask), what it spent
    // in the last 24 h, and setting it (recorded in the audit log). Revoking a site clears it.
    std::uint64_t allowance(int row) const;
    std::uint64_t spentToday(int row) const;
    bool setAllowance(int row, std::uint64_t satoshisPerDay);

public Q_SLOTS:
    void reload();

private:
    struct Site
    {
        QString host;
        std::optional<access::TokenRecord> token;
        std::optional<access::Grant> grant;
    };

    static QString formatTime(qint64 ms, const QString& zeroText);

    access::AccessTokens m_tokens;
    access::Grants m_grants;
    store::AuditLog m_audit;
    store::SpendingAllowances m_allowances;
    QList<Site> m_sites;
};

} // namespace tokenpass::ui
