#include "wallet/Wallet.h"

#include "crypto/Encoding.h"
#include "crypto/Random.h"
#include "wallet/WalletUnlocked.h"

#include <QMutexLocker>

#include <algorithm>

// BAP identities (API.md §2.15, §2.16): every change is saved to backup.bep before it is shown,
// and rolled back in memory if the save fails, so memory and file never disagree.

namespace tokenpass::wallet {

using detail::lockedError;

namespace {
const QString kUnreadableIds =
    QStringLiteral("The identities stored in this wallet cannot be read, so they are left unchanged");
} // namespace

void detail::applyAttributes(BapIdentity& target, const QList<QPair<QString, QString>>& attributes)
{
    for (const auto& [name, value] : attributes) {
        BapAttribute attribute{name, value, crypto::toHex(crypto::randomBytes(32))};
        auto existing =
            std::find_if(target.attributes.begin(), target.attributes.end(),
                         // Named capture: Clang < 16 cannot capture a structured binding.
                         [&attributeName = name](const BapAttribute& a) { return a.name == attributeName; });
        if (existing != target.attributes.end())
            *existing = attribute;
        else
            target.attributes << attribute;
    }
}

// --- Identities ---------------------------------------------------------------------------------

Result<QList<BapIdentity>> Wallet::identities() const
{
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<QList<BapIdentity>>();
    return Result<QList<BapIdentity>>::ok(m_unlocked->ids.ids);
}

Result<BapIdentity> Wallet::createIdentity(const QString& name)
{
    using R = Result<BapIdentity>;
    if (name.trimmed().isEmpty())
        return R::fail(QStringLiteral("Name is required"));
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<BapIdentity>();
    if (!m_unlocked->rootPk)
        return R::fail(QStringLiteral("Identities of legacy HD wallets cannot be changed"));
    if (!m_unlocked->idsReadable)
        return R::fail(kUnreadableIds);
    const int counter = int(m_unlocked->ids.ids.size());
    auto identity = Bap::newIdentity(*m_unlocked->rootPk, counter, name);
    if (!identity)
        return identity;
    const BapIds before = m_unlocked->ids;
    m_unlocked->ids.ids << *identity;
    m_unlocked->ids.lastIdPath = Bap::identityPath(counter);
    const auto saved = saveLocked(*m_unlocked);
    if (!saved) {
        m_unlocked->ids = before; // nothing half-done: memory matches the file
        return R::failFrom(saved);
    }
    lock.unlock();
    Q_EMIT identitiesChanged();
    return identity;
}

Result<BapIdentity> Wallet::createGuestIdentity(const QString& host)
{
    if (host.trimmed().isEmpty())
        return Result<BapIdentity>::fail(QStringLiteral("Host is required"));
    auto identity = createIdentity(QStringLiteral("Guest @ %1").arg(host));
    if (!identity)
        return identity;
    return setAttributes(identity->identityKey, {{QStringLiteral("guestFor"), host}});
}

Result<BapIdentity> Wallet::setAttributes(const QString& identityKey,
                                          const QList<QPair<QString, QString>>& attributes)
{
    using R = Result<BapIdentity>;
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return lockedError<BapIdentity>();
    if (!m_unlocked->idsReadable)
        return R::fail(kUnreadableIds);
    const BapIds before = m_unlocked->ids;
    BapIdentity* target = nullptr;
    for (BapIdentity& id : m_unlocked->ids.ids) {
        if (id.identityKey == identityKey)
            target = &id;
    }
    if (!target)
        return R::fail(QStringLiteral("Identity not found"));
    detail::applyAttributes(*target, attributes);
    const BapIdentity updated = *target;
    const auto saved = saveLocked(*m_unlocked);
    if (!saved) {
        m_unlocked->ids = before;
        return R::failFrom(saved);
    }
    lock.unlock();
    Q_EMIT identitiesChanged();
    return R::ok(updated);
}

} // namespace tokenpass::wallet
