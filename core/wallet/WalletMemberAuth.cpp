#include "wallet/Wallet.h"

#include "wallet/WalletUnlocked.h"

#include <QMutexLocker>

// The member-key signature of cloud sync (API.md §2.19): the key never leaves the wallet.

namespace tokenpass::wallet {

Result<QString> Wallet::signMemberAuthToken(const BitcoinAuth::Request& request,
                                            const BitcoinAuth::CreateOptions& options)
{
    using R = Result<QString>;
    QMutexLocker lock(&m_mutex);
    if (!m_unlocked)
        return detail::lockedError<QString>();
    if (!m_unlocked->rootPk)
        return R::fail(QStringLiteral("Legacy HD wallets have no Type-42 member key"));
    if (m_unlocked->ids.ids.isEmpty())
        return R::fail(QStringLiteral("The wallet has no identity"));
    // The primary identity's root path is "bap:0" in every wallet TokenPass writes; follow the
    // stored path so an imported wallet signs with the key its identity really has.
    const QString path = m_unlocked->ids.ids.first().rootPath;
    auto key =
        path.isEmpty() ? Bap::memberKey(*m_unlocked->rootPk, 0) : Bap::pathKey(*m_unlocked->rootPk, path);
    if (!key)
        return R::fail(key.error());
    return BitcoinAuth::createToken(*key, request, options);
}

} // namespace tokenpass::wallet
