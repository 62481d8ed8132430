// Child process for the crash tests: writes TokenPass state in a tight loop and reports every
// write that completed ("committed <n>" on stdout), until the parent kills it with SIGKILL.
//
//   tokenpass_crash_writer attributes <dataDir> <password>   re-saves backup.bep (identity attribute)
//   tokenpass_crash_writer password   <dataDir> <password>   changes the password back and forth
//   tokenpass_crash_writer tokens     <dataDir>              issues access tokens into tokenpass.sqlite

#include "access/AccessTokens.h"
#include "store/Database.h"
#include "wallet/BackupFile.h"
#include "wallet/Wallet.h"

#include <QCoreApplication>

#include <cstdio>

using namespace tokenpass;
using crypto::SecureBytes;

namespace {
void committed(long n)
{
    std::printf("committed %ld\n", n);
    std::fflush(stdout);
}

int fail(const QString& why)
{
    std::fprintf(stderr, "crash_writer: %s\n", qPrintable(why));
    return 1;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return fail(
            QStringLiteral("usage: tokenpass_crash_writer attributes|password|tokens <dataDir> [password]"));
    const QString mode = args.at(1);
    const QString dataDir = args.at(2);
    wallet::BackupFile::setIterationsForTesting(1000); // the test is about file writes, not PBKDF2

    if (mode == QLatin1String("tokens")) {
        auto db = store::Database::open(dataDir);
        if (!db)
            return fail(db.error());
        access::AccessTokens tokens(*db);
        for (long n = 1;; ++n) {
            const auto issued =
                tokens.issue(QStringLiteral("h%1.example").arg(n % 5), {QStringLiteral("sign")}, u"1h",
                             QString(), QString(), QString());
            if (!issued)
                return fail(issued.error());
            committed(n);
        }
    }

    wallet::Wallet w(dataDir);
    QByteArray password = args.value(3).toUtf8();
    const auto unlocked = w.unlock(SecureBytes(password));
    if (!unlocked)
        return fail(unlocked.error());
    if (mode == QLatin1String("attributes")) {
        const QString id = w.identities()->first().identityKey;
        for (long n = 1;; ++n) {
            const auto saved =
                w.setAttributes(id, {{QStringLiteral("displayName"), QStringLiteral("v%1").arg(n)}});
            if (!saved)
                return fail(saved.error());
            committed(n);
        }
    }
    if (mode == QLatin1String("password")) {
        // Alternates between "<password>" and "<password>+" so the parent knows both candidates.
        const QByteArray base = password.endsWith('+') ? password.chopped(1) : password;
        for (long n = 1;; ++n) {
            const QByteArray next = password == base ? base + '+' : base;
            const auto changed = w.changePassword(SecureBytes(password), SecureBytes(next));
            if (!changed)
                return fail(changed.error());
            password = next;
            committed(password == base ? 0 : 1);
        }
    }
    return fail(QStringLiteral("unknown mode ") + mode);
}
