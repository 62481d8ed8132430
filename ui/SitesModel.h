#pragma once

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "store/AuditLog.h"
#include "store/SpendingAllowances.h"
#include "wallet/Bap.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <functional>
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

    using IdentitySource = std::function<QList<wallet::BapIdentity>()>;
    using Now = std::function<qint64()>;

    explicit SitesModel(std::shared_ptr<store::Database> database, QObject* parent = nullptr);

    // Identities are shown by name (the wallet's BAP identities; empty while locked: the id then).
    void setIdentitySource(IdentitySource source) { m_identities = std::move(source); }
    // "5 minutes ago" is counted from this (tests set it).
    void setNow(Now now) { m_now = std::move(now); }

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
    // Reloads only when a site connected, signed, changed or went away since the last look, so the
    // selection and scroll stay put otherwise; the times ("5 minutes ago") are redrawn either way.
    // True when it reloaded.
    bool refreshIfChanged();

private:
    struct Site
    {
        QString host;
        std::optional<access::TokenRecord> token;
        std::optional<access::Grant> grant;
    };

    QString identityName(const QString& identityKey) const;
    QString fingerprint() const;

    IdentitySource m_identities;
    Now m_now;
    QString m_fingerprint;

    access::AccessTokens m_tokens;
    access::Grants m_grants;
    store::AuditLog m_audit;
    store::SpendingAllowances m_allowances;
    QList<Site> m_sites;
};

} // namespace tokenpass::ui
