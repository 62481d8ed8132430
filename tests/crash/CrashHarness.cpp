#include "CrashHarness.h"

#include "CrashRows.h"

#include "access/AccessTokens.h"
#include "access/Grants.h"
#include "store/Database.h"
#include "store/ProfileRecords.h"
#include "store/SqlQuery.h"
#include "wallet/Wallet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>

namespace tokenpass::crash {

int killsPerScenario(int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("TOKENPASS_CRASH_KILLS", &ok);
    return ok && n > 0 ? n : fallback;
}

Killed runAndKill(const QStringList& args, int maxDelayMs)
{
    QProcess child;
    child.setProgram(QStringLiteral(TOKENPASS_CRASH_WRITER));
    child.setArguments(args);
    child.start();
    Killed out;
    if (!child.waitForStarted(10000)) {
        out.errors = QStringLiteral("the writer did not start");
        return out;
    }
    while (!child.canReadLine() && child.state() == QProcess::Running)
        child.waitForReadyRead(5000);
    QThread::usleep(QRandomGenerator::global()->bounded(200, maxDelayMs * 1000));
    ::kill(pid_t(child.processId()), SIGKILL);
    child.waitForFinished(10000);
    for (const QByteArray& line : child.readAllStandardOutput().split('\n')) {
        if (line.startsWith("committed "))
            out.last = line.mid(10).toLong();
    }
    out.errors = QString::fromUtf8(child.readAllStandardError());
    return out;
}

Result<WalletView> openWallet(const QString& dir, const QByteArray& password)
{
    using R = Result<WalletView>;
    wallet::Wallet w(dir);
    const auto unlocked = w.unlock(crypto::SecureBytes(password));
    if (!unlocked)
        return R::fail(unlocked.error());
    const auto ids = w.identities();
    if (!ids || ids->isEmpty())
        return R::fail(QStringLiteral("no identities in the backup"));
    const auto hostKey = w.hostKey(QStringLiteral("crash.example"));
    if (!hostKey)
        return R::fail(hostKey.error());
    WalletView view{ids->first().identityKey, hostKey->publicKey, QString()};
    for (const auto& attribute : ids->first().attributes) {
        if (attribute.name == QLatin1String("displayName"))
            view.displayName = attribute.value;
    }
    return R::ok(view);
}

QString databaseProblem(const QString& dir)
{
    const auto db = store::Database::open(dir);
    if (!db)
        return db.error();
    store::SqlQuery check((*db)->connection());
    if (!check.exec(QStringLiteral("PRAGMA integrity_check")) || !check.next())
        return QStringLiteral("PRAGMA integrity_check did not run");
    const QString answer = check.value(0).toString();
    return answer == QLatin1String("ok") ? QString() : QStringLiteral("integrity_check: ") + answer;
}

QHash<QString, long> tokenAndGrantRows(const QString& dir)
{
    QHash<QString, long> rows;
    const auto db = store::Database::open(dir);
    if (!db)
        return rows;
    for (const auto& t : access::AccessTokens(*db).list())
        rows.insert(QStringLiteral("token:") + t.host, rowNumber({t.scopes.value(1), t.identity, t.icon}));
    for (const auto& g : access::Grants(*db).list())
        rows.insert(QStringLiteral("grant:") + g.host, rowNumber({g.scopes.value(1), g.identity}));
    return rows;
}

QHash<QString, long> profileRows(const QString& dir)
{
    QHash<QString, long> rows;
    const auto db = store::Database::open(dir);
    if (!db)
        return rows;
    for (const QJsonObject& r : store::ProfileRecords(*db).list()) {
        QStringList fields;
        for (const char* name : {"displayName", "paymail", "logo"})
            fields << r.value(QLatin1String(name)).toString();
        rows.insert(QStringLiteral("profile:") + r.value(QStringLiteral("host")).toString(),
                    rowNumber(fields));
    }
    return rows;
}

namespace {

// config.json must be absent (not written yet) or name this backup with the label of write n.
QString configProblem(const QString& dir, const QString& backupPath, long n, bool& present)
{
    QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
    present = file.exists();
    if (!present)
        return QString();
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("config.json cannot be read");
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject())
        return QStringLiteral("config.json is not a JSON object (torn?)");
    for (const auto& entry : doc.object().value(QStringLiteral("knownBackups")).toArray()) {
        const QJsonObject e = entry.toObject();
        if (QDir::cleanPath(e.value(QStringLiteral("path")).toString()) == QDir::cleanPath(backupPath) &&
            e.value(QStringLiteral("label")).toString() == walletLabel(n))
            return QString();
    }
    return QStringLiteral("config.json does not list %1 as \"%2\"").arg(backupPath, walletLabel(n));
}

} // namespace

QString registeredWalletProblem(const QString& dir, const QByteArray& password, long n, bool complete)
{
    const QString backupPath = QDir(dir).filePath(QStringLiteral("backup.bep"));
    const bool hasConfig = QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json")));
    const bool hasDatabase =
        QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(store::Database::kFileName)));
    if (!QFileInfo::exists(backupPath)) {
        if (complete)
            return QStringLiteral("reported as registered but has no backup.bep");
        if (hasConfig || hasDatabase)
            return QStringLiteral("config.json or the database exist without backup.bep");
        return QString(); // the old state: nothing yet
    }
    const auto wallet = openWallet(dir, password);
    if (!wallet)
        return QStringLiteral("backup.bep does not open: ") + wallet.error();
    bool configPresent = false;
    if (const QString problem = configProblem(dir, backupPath, n, configPresent); !problem.isEmpty())
        return problem;
    if (complete && !configPresent)
        return QStringLiteral("reported as registered but has no config.json");
    if (!hasDatabase)
        return complete ? QStringLiteral("reported as registered but has no database") : QString();
    if (!configPresent)
        return QStringLiteral("the database exists before config.json was written");
    if (const QString problem = databaseProblem(dir); !problem.isEmpty())
        return problem;
    const auto db = store::Database::open(dir);
    if (!db)
        return db.error();
    const QJsonObject global =
        store::ProfileRecords(*db).get(QString::fromLatin1(store::ProfileRecords::kGlobalHost));
    if (global.isEmpty())
        return complete ? QStringLiteral("reported as registered but has no global profile") : QString();
    if (global.value(QStringLiteral("bapID")).toString() != wallet->identityKey)
        return QStringLiteral("the global profile names another identity than backup.bep");
    return QString();
}

void RowTracker::commit(const QStringList& keys, long n)
{
    for (const QString& key : keys)
        m_committed.insert(key, n);
}

QString RowTracker::problem(const QHash<QString, long>& onDisk, const QStringList& inFlightKeys,
                            long inFlightN) const
{
    QSet<QString> keys(onDisk.keyBegin(), onDisk.keyEnd());
    for (auto it = m_committed.keyBegin(); it != m_committed.keyEnd(); ++it)
        keys.insert(*it);
    for (const QString& key : keys) {
        const long found = onDisk.value(key, 0); // 0: no row
        if (found == -1)
            return QStringLiteral("%1 is torn: its fields name different writes").arg(key);
        const long expected = m_committed.value(key, 0);
        if (found == expected || (found == inFlightN && inFlightKeys.contains(key)))
            continue;
        return QStringLiteral("%1 holds write %2; expected the committed %3 or the in-flight %4")
            .arg(key)
            .arg(found)
            .arg(expected)
            .arg(inFlightKeys.contains(key) ? QString::number(inFlightN) : QStringLiteral("(none)"));
    }
    return QString();
}

void RowTracker::adoptInFlight(const QHash<QString, long>& onDisk, const QStringList& inFlightKeys,
                               long inFlightN)
{
    for (const QString& key : inFlightKeys) {
        if (onDisk.value(key, 0) == inFlightN)
            m_committed.insert(key, inFlightN);
    }
}

} // namespace tokenpass::crash
