#include "WalletImport.h"

#include "RouteSupport.h"
#include "ServerState.h"
#include "fs/AtomicFile.h"
#include "wallet/Wallet.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace tokenpass::server::walletimport {

void replaceCurrent(ServerState& state, std::shared_ptr<const crypto::SecureBytes> content,
                    std::shared_ptr<const crypto::SecureBytes> password, store::AuditOperation auditOperation,
                    Done done)
{
    wallet::Wallet* w = state.services.wallet;
    const QString current = w->backupPath();
    QString keptCopy;
    if (QFileInfo::exists(current)) {
        keptCopy = current + QLatin1Char('.') +
                   QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss")) +
                   QStringLiteral(".bak");
        for (int n = 1; QFileInfo::exists(keptCopy); ++n)
            keptCopy = current + QStringLiteral(".%1.bak").arg(n);
        // A second name for the file (fs::keepCopy: a hard link, so a full disk cannot stop it).
        const auto kept = fs::keepCopy(current, keptCopy);
        if (!kept)
            return done(kept.failure() == Failure::DiskFull ? kept : Result<bool>::fail(kCannotKeepCopy),
                        QString());
    }

    support::offThread(
        state,
        [w, password, content]() -> Result<bool> {
            const auto imported = w->importBackup(content->view(), *password, /*replace=*/true);
            if (!imported)
                return imported;
            // hasMnemonic: exportSecrets succeeds only for backups that keep their phrase.
            return Result<bool>::ok(w->exportSecrets(*password).isOk());
        },
        [&state, keptCopy, auditOperation, done = std::move(done)](const Result<bool>& imported) {
            if (!imported) {
                if (!keptCopy.isEmpty())
                    QFile::remove(keptCopy);
                return done(imported, QString());
            }
            state.record(QStringLiteral("localhost"), auditOperation, AuditResult::Allowed,
                         keptCopy.isEmpty() ? QString()
                                            : QStringLiteral("previous file kept as %1").arg(keptCopy));
            done(imported, keptCopy);
        });
}

} // namespace tokenpass::server::walletimport
