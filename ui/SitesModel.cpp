#include "SitesModel.h"

#include "RelativeTime.h"
#include "access/Gatekeeper.h"
#include "access/ScopeWords.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace tokenpass::ui {

using store::AuditOperation;
using store::AuditResult;

SitesModel::SitesModel(std::shared_ptr<store::Database> database, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_tokens(database), m_grants(database, clock), m_clients(database, clock), m_audit(database),
      m_allowances(database), m_connected(database, clock)
{
    reload();
}

QString SitesModel::fingerprint() const
{
    // Small tables (one row per site) and the newest audit entry: cheap enough to read each tick.
    QStringList parts;
    for (const access::TokenRecord& token : m_tokens.list())
        parts << token.host + token.scopes.join(u',') + token.identity + QString::number(token.createdMs) +
                     QString::number(token.expiresMs) + QString::number(token.lastUsedMs);
    for (const access::Grant& grant : m_grants.list())
        parts << grant.host + grant.scopes.join(u',') + grant.identity + QString::number(int(grant.policy)) +
                     QString::number(grant.expiresMs);
    for (const oauth::ConnectedClient& client : m_clients.list())
        parts << client.clientId + client.name + client.scopes.join(u',') + client.identityKey +
                     QString::number(client.lastUsedMs);
    const QList<store::AuditEntry> newest = m_audit.recent(1);
    parts << (newest.isEmpty() ? QString() : QString::number(newest.first().id));
    return parts.join(u'|');
}

bool SitesModel::refreshIfChanged()
{
    const QString now = fingerprint();
    if (now == m_fingerprint) {
        if (!m_sites.isEmpty()) // the relative times move on
            Q_EMIT dataChanged(index(0, ExpiresColumn), index(int(m_sites.size()) - 1, LastUsedColumn));
        return false;
    }
    reload();
    return true;
}

void SitesModel::clientRevoked(const QString& clientId)
{
    (void)clientId; // whichever it was, the list is read again
    reload();
}

void SitesModel::reload()
{
    beginResetModel();
    m_sites = m_connected.list();
    m_fingerprint = fingerprint();
    endResetModel();
}

int SitesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sites.size());
}

int SitesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SitesModel::identityName(const QString& identityKey) const
{
    if (identityKey.isEmpty())
        return tr("None");
    if (m_identities) {
        for (const wallet::BapIdentity& id : m_identities()) {
            if (id.identityKey == identityKey && !id.name.isEmpty())
                return id.name;
        }
    }
    return identityKey.size() > 12 ? identityKey.left(12) + QChar(0x2026) : identityKey;
}

QVariant SitesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_sites.size())
        return {};
    const Site& site = m_sites.at(index.row());
    const QString identity = site.client  ? site.client->identityKey
                             : site.token ? site.token->identity
                             : site.grant ? site.grant->identity
                                          : QString();
    const QStringList scopes = site.client  ? site.client->scopes
                               : site.token ? site.token->scopes
                               : site.grant ? site.grant->scopes
                                            : QStringList();
    const qint64 expiresMs = site.token ? site.token->expiresMs : 0;
    const qint64 lastUsedMs = site.client ? site.client->lastUsedMs : site.token ? site.token->lastUsedMs : 0;
    if (role == Qt::ToolTipRole) {
        switch (Column(index.column())) {
        case HostColumn:
            return site.client ? tr("An app signed in with TokenPass (OAuth client %1). It named itself; "
                                    "nobody checked that name.")
                                     .arg(site.client->clientId)
                               : QVariant();
        case IdentityColumn:
            return site.client && identity.isEmpty() ? site.client->subject : identity;
        case ScopesColumn: {
            QStringList lines;
            for (const QString& scope : scopes) {
                const access::ScopeWords words = access::scopeWords(scope);
                lines << (words.movesMoney ? tr("%1 (moves money)").arg(words.explanation)
                                           : words.explanation);
            }
            return lines.join(QLatin1Char('\n'));
        }
        case ExpiresColumn:
            return expiresMs > 0 ? RelativeTime::exactTime(expiresMs) : QVariant();
        case LastUsedColumn:
            return lastUsedMs > 0 ? RelativeTime::exactTime(lastUsedMs) : QVariant();
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case HostColumn:
        return displayName(index.row());
    case IdentityColumn:
        if (site.client && identity.isEmpty()) // no BAP identity: the key's address
            return site.client->subject.size() > 12 ? site.client->subject.left(12) + QChar(0x2026)
                                                    : site.client->subject;
        return identityName(identity);
    case ScopesColumn: {
        const QString labels = access::scopeLabels(scopes);
        return access::movesMoney(scopes) ? tr("%1 — moves money").arg(labels) : labels;
    }
    case PolicyColumn:
        if (!site.grant)
            return tr("Default");
        return site.grant->policy == access::SigningPolicy::Allow ? tr("Allow") : tr("Ask every time");
    case ExpiresColumn:
        if (site.client)
            return tr("Until revoked");
        if (!site.token)
            return tr("No token");
        return expiresMs > 0 ? RelativeTime::describe(expiresMs, m_now()) : tr("Never");
    case LastUsedColumn:
        return lastUsedMs > 0 ? RelativeTime::describe(lastUsedMs, m_now()) : tr("Not yet");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SitesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case HostColumn:
        return tr("Site");
    case IdentityColumn:
        return tr("Identity");
    case ScopesColumn:
        return tr("Allowed to");
    case PolicyColumn:
        return tr("Signing");
    case ExpiresColumn:
        return tr("Expires");
    case LastUsedColumn:
        return tr("Last used");
    case ColumnCount:
        break;
    }
    return {};
}

QString SitesModel::hostAt(int row) const
{
    return row >= 0 && row < m_sites.size() ? m_sites.at(row).host : QString();
}

QString SitesModel::clientIdAt(int row) const
{
    return row >= 0 && row < m_sites.size() && m_sites.at(row).client ? m_sites.at(row).client->clientId
                                                                      : QString();
}

QString SitesModel::displayName(int row) const
{
    if (row < 0 || row >= m_sites.size())
        return {};
    const Site& site = m_sites.at(row);
    return site.client ? tr("%1 (app, unverified)").arg(site.client->name) : site.host;
}

int SitesModel::rowOf(const QString& host) const
{
    for (int i = 0; i < m_sites.size(); ++i) {
        if (m_sites.at(i).host == host)
            return i;
    }
    return -1;
}

bool SitesModel::hasGrant(int row) const
{
    return row >= 0 && row < m_sites.size() && m_sites.at(row).grant.has_value();
}

std::optional<access::SigningPolicy> SitesModel::policy(int row) const
{
    if (!hasGrant(row))
        return std::nullopt;
    return m_sites.at(row).grant->policy;
}

bool SitesModel::revoke(int row)
{
    const QString host = hostAt(row);
    if (host.isEmpty())
        return false;
    if (const QString clientId = clientIdAt(row); !clientId.isEmpty()) {
        Q_EMIT revokeClientRequested(clientId); // the core's rule, where the provider lives
        return true;
    }
    const bool revoked = m_connected.revokeSite(host, QStringLiteral("revoked from the sites window"));
    reload();
    return revoked;
}

int SitesModel::revokeAll()
{
    const int count = int(m_sites.size());
    for (const Site& site : std::as_const(m_sites)) {
        if (site.client)
            Q_EMIT revokeClientRequested(site.client->clientId);
    }
    (void)m_tokens.revokeAll();
    (void)m_grants.removeAll();
    (void)m_allowances.forgetAll();
    for (const Site& site : std::as_const(m_sites)) {
        if (!site.client) // a client's revocation is recorded by the core
            (void)m_audit.append(site.host, AuditOperation::Revoke, AuditResult::Allowed,
                                 QStringLiteral("revoke all from the sites window"));
    }
    reload();
    return count;
}

bool SitesModel::setPolicy(int row, access::SigningPolicy policy)
{
    if (!hasGrant(row) || m_sites.at(row).grant->policy == policy)
        return false;
    access::Grant grant = *m_sites.at(row).grant;
    grant.policy = policy;
    const QString host = grant.host;
    if (!m_grants.save(std::move(grant)))
        return false;
    reload();
    const int changed = rowOf(host);
    if (changed >= 0)
        Q_EMIT dataChanged(index(changed, 0), index(changed, ColumnCount - 1));
    return true;
}

QList<store::AuditEntry> SitesModel::recentAudit(int row, int limit) const
{
    const QString host = hostAt(row);
    if (host.isEmpty())
        return {};
    const QString clientId = clientIdAt(row);
    if (clientId.isEmpty())
        return m_audit.recent(host, limit);
    // A client's registration and tokens are recorded under its client_id, its consent and
    // revocation under its grant host: both, newest first.
    QList<store::AuditEntry> entries = m_audit.recent(host, limit) + m_audit.recent(clientId, limit);
    std::sort(entries.begin(), entries.end(), [](const store::AuditEntry& a, const store::AuditEntry& b) {
        return a.timeMs != b.timeMs ? a.timeMs > b.timeMs : a.id > b.id;
    });
    return entries.mid(0, limit);
}

std::uint64_t SitesModel::allowance(int row) const
{
    const QString host = hostAt(row);
    return host.isEmpty() ? 0 : m_allowances.allowance(host);
}

std::uint64_t SitesModel::spentToday(int row) const
{
    const QString host = hostAt(row);
    return host.isEmpty() ? 0 : m_allowances.spentInWindow(host);
}

bool SitesModel::setAllowance(int row, std::uint64_t satoshisPerDay)
{
    const QString host = hostAt(row);
    if (host.isEmpty())
        return false;
    const std::uint64_t before = m_allowances.allowance(host);
    if (before == satoshisPerDay)
        return false;
    if (!m_allowances.setAllowance(host, satoshisPerDay))
        return false;
    (void)m_audit.append(host, AuditOperation::Allowance, AuditResult::Allowed,
                         satoshisPerDay == 0
                             ? QStringLiteral("spending allowance removed (was %1 sat per 24 h)").arg(before)
                             : QStringLiteral("spending allowance set to %1 sat per 24 h (was %2)")
                                   .arg(satoshisPerDay)
                                   .arg(before));
    return true;
}

} // namespace tokenpass::ui
