#pragma once

#include "Clock.h"
#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "oauth/ConnectedClients.h"
#include "oauth/ConnectedSites.h"
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

// The connected sites, one row per host that holds a token or a grant (issue 6), and one per
// connected OAuth client (issue 16 item 4; its host is the grant host "oauth:<client_id>"), over
// the core's AccessTokens, Grants, oauth::ConnectedClients and AuditLog. It is the only thing the
// sites window uses to reach the database (Bitcoin Core's model/view split): the window asks, the
// model changes the core and reloads. It never shows a dialog. Revoking a client is the core's
// oauth::Provider::revokeClient, which runs where the provider lives (the server thread): the
// model asks for it with revokeClientRequested and reloads on clientRevoked.
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

    // `clock` says which token families and grants are still live (tests pass a manual one).
    explicit SitesModel(std::shared_ptr<store::Database> database, const Clock& clock = Clock::system(),
                        QObject* parent = nullptr);

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
    // OAuth client rows: the client_id (empty for a site), and what the window calls the row.
    QString clientIdAt(int row) const;
    QString displayName(int row) const;
    // Only a site with a grant has a policy to change; a bare token follows the default.
    bool hasGrant(int row) const;
    std::optional<access::SigningPolicy> policy(int row) const;

    // Each returns false when nothing changed. Revoking is immediate: the token is gone from the
    // database, so the next request with it gets code 3 (API.md §2.8). For an OAuth client row it
    // emits revokeClientRequested, and the row goes when clientRevoked arrives.
    bool revoke(int row);
    int revokeAll();
    bool setPolicy(int row, access::SigningPolicy policy);
    QList<store::AuditEntry> recentAudit(int row, int limit) const;

    // The site's spending allowance (issue 17): satoshis per 24 h (0 = always ask), what it spent
    // in the last 24 h, and setting it (recorded in the audit log). Revoking a site clears it.
    std::uint64_t allowance(int row) const;
    std::uint64_t spentToday(int row) const;
    bool setAllowance(int row, std::uint64_t satoshisPerDay);

Q_SIGNALS:
    // Connected (app/) to server::ServerController::revokeOAuthClient.
    void revokeClientRequested(const QString& clientId);

public Q_SLOTS:
    void reload();
    // server::ServerController::oauthClientRevoked: the client's tokens and consent are gone.
    void clientRevoked(const QString& clientId);
    // Reloads only when a site connected, signed, changed or went away since the last look, so the
    // selection and scroll stay put otherwise; the times ("5 minutes ago") are redrawn either way.
    // True when it reloaded.
    bool refreshIfChanged();

private:
    using Site = oauth::ConnectedSite;

    QString identityName(const QString& identityKey) const;
    QString fingerprint() const;

    IdentitySource m_identities;
    Now m_now;
    QString m_fingerprint;

    access::AccessTokens m_tokens;
    access::Grants m_grants;
    oauth::ConnectedClients m_clients;
    store::AuditLog m_audit;
    store::SpendingAllowances m_allowances;
    oauth::ConnectedSites m_connected;
    QList<Site> m_sites;
};

} // namespace tokenpass::ui
