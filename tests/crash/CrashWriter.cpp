// Child process for the crash tests: writes TokenPass state in a loop with the real core classes
// and reports every write that completed ("committed <n>" on stdout), until the parent kills it
// with SIGKILL. Numbered writes carry their number n in every field, so the parent can tell a
// whole old row, a whole new row and a torn one apart.
//
//   attributes <dataDir> <password>    re-saves backup.bep (identity attribute "v<n>")
//   password   <dataDir> <password>    changes the password back and forth ("<pw>" <-> "<pw>+")
//   register   <rootDir> <password>    creates wallet <rootDir>/r<n>: backup.bep, config.json and
//                                      the global profile record
//   tokens     <dataDir> <firstN>      issues a token and saves a grant for host h<n % 5>
//   profile    <dataDir> <firstN>      replaces the global record, merges site<n % 3>
//
// Deliberately unsafe modes, so the tests can show that their checks catch a torn write:
//   torn-backup   <dataDir> <password> rewrites backup.bep in place, in small pieces
//   profile-split <dataDir> <firstN>   writes the global record one field per transaction

#include "CrashRows.h"

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "crypto/Random.h"
#include "store/Database.h"
#include "store/ProfileRecords.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupRegistry.h"
#include "wallet/Wallet.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

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

int rewriteAttributes(wallet::Wallet& w)
{
    const QString id = w.identities()->first().identityKey;
    for (long n = 1;; ++n) {
        const auto saved =
            w.setAttributes(id, {{QStringLiteral("displayName"), QStringLiteral("v%1").arg(n)}});
        if (!saved)
            return fail(saved.error());
        committed(n);
    }
}

// Alternates between "<password>" and "<password>+"; reports 1 when "+" is current, else 0.
int changePasswords(wallet::Wallet& w, QByteArray password)
{
    const QByteArray base = password.endsWith('+') ? password.chopped(1) : password;
    for (;;) {
        const QByteArray next = password == base ? base + '+' : base;
        const auto changed = w.changePassword(SecureBytes(password), SecureBytes(next));
        if (!changed)
            return fail(changed.error());
        password = next;
        committed(password == base ? 0 : 1);
    }
}

// What POST /api/register leaves behind, one fresh data folder per n.
int registerWallets(const QString& root, const QByteArray& password)
{
    for (long n = 1;; ++n) {
        const QString dir = QDir(root).filePath(QStringLiteral("r%1").arg(n));
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create ") + dir);
        wallet::Wallet w(dir);
        const auto created = w.create(SecureBytes(password));
        if (!created)
            return fail(created.error());
        const auto added = w.registry().add(w.backupPath(), crash::walletLabel(n));
        if (!added)
            return fail(added.error());
        auto db = store::Database::open(dir);
        if (!db)
            return fail(db.error());
        store::ProfileRecords profiles(*db);
        const QJsonObject global{{QStringLiteral("bapID"), w.identities()->first().identityKey}};
        const auto merged = profiles.merge(QString::fromLatin1(store::ProfileRecords::kGlobalHost), global);
        if (!merged)
            return fail(merged.error());
        committed(n);
    }
}

int issueTokens(const QString& dataDir, long first)
{
    auto db = store::Database::open(dataDir);
    if (!db)
        return fail(db.error());
    access::AccessTokens tokens(*db);
    access::Grants grants(*db);
    for (long n = first;; ++n) {
        const crash::NumberedGrant row = crash::grantFor(n);
        const auto issued = tokens.issue(row.host, row.scopes, u"1h", row.identity, row.icon, QString());
        if (!issued)
            return fail(issued.error());
        access::Grant grant;
        grant.host = row.host;
        grant.scopes = row.scopes;
        grant.duration = QStringLiteral("1h");
        grant.policy = access::SigningPolicy::Allow;
        grant.identity = row.identity;
        const auto saved = grants.save(grant);
        if (!saved)
            return fail(saved.error());
        committed(n);
    }
}

int writeProfiles(const QString& dataDir, long first, bool oneFieldPerTransaction)
{
    auto db = store::Database::open(dataDir);
    if (!db)
        return fail(db.error());
    store::ProfileRecords profiles(*db);
    const QString global = QString::fromLatin1(store::ProfileRecords::kGlobalHost);
    for (long n = first;; ++n) {
        const QJsonObject record = crash::profileFor(n);
        if (oneFieldPerTransaction) {
            for (auto it = record.begin(); it != record.end(); ++it) {
                if (!profiles.merge(global, {{it.key(), it.value()}}))
                    return fail(QStringLiteral("profile merge failed"));
            }
        } else {
            if (!profiles.replace(global, record))
                return fail(QStringLiteral("profile replace failed"));
            if (!profiles.merge(crash::siteFor(n), record))
                return fail(QStringLiteral("profile merge failed"));
        }
        committed(n);
    }
}

// The wrong way on purpose: truncate backup.bep and write it back in 16-byte pieces, so a kill
// in between leaves a short file.
int tearBackup(const QString& dataDir, const QByteArray& password)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("backup.bep"));
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read ") + path);
    auto opened = wallet::BackupFile::decrypt(QString::fromLatin1(in.readAll().trimmed()), password);
    in.close();
    if (!opened)
        return fail(opened.error());
    for (long n = 1;; ++n) {
        const QByteArray text =
            wallet::BackupFile::encryptWithKey(opened->key, opened->salt,
                                               crypto::randomBytes(wallet::BackupFile::kIvBytes),
                                               opened->plaintext.view())
                .toLatin1();
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write ") + path);
        for (qsizetype at = 0; at < text.size(); at += 16) {
            out.write(text.mid(at, 16));
            out.flush();
        }
        out.close();
        committed(n);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return fail(QStringLiteral("usage: tokenpass_crash_writer <mode> <dir> <password|firstN>"));
    const QString mode = args.at(1);
    const QString dir = args.at(2);
    const QByteArray password = args.at(3).toUtf8();
    const long first = args.at(3).toLong();
    wallet::BackupFile::setIterationsForTesting(1000); // the test is about file writes, not PBKDF2

    if (mode == QLatin1String("register"))
        return registerWallets(dir, password);
    if (mode == QLatin1String("tokens"))
        return issueTokens(dir, first);
    if (mode == QLatin1String("profile"))
        return writeProfiles(dir, first, false);
    if (mode == QLatin1String("profile-split"))
        return writeProfiles(dir, first, true);
    if (mode == QLatin1String("torn-backup"))
        return tearBackup(dir, password);

    wallet::Wallet w(dir);
    const auto unlocked = w.unlock(SecureBytes(password));
    if (!unlocked)
        return fail(unlocked.error());
    if (mode == QLatin1String("attributes"))
        return rewriteAttributes(w);
    if (mode == QLatin1String("password"))
        return changePasswords(w, password);
    return fail(QStringLiteral("unknown mode ") + mode);
}
