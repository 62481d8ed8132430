#include "migrate/LegacyImport.h"

#include "access/AccessTokens.h"
#include "migrate/LegacyTables.h"
#include "store/Database.h"
#include "store/HostKeyRecords.h"
#include "store/NedbFile.h"
#include "store/ProfileRecords.h"
#include "store/Settings.h"
#include "store/SqlQuery.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <utility>

namespace tokenpass::migrate {

using store::NedbContents;
using store::NedbFile;
using store::Settings;

namespace {

// Holds the write lock from the first read to the commit; rolls back unless committed.
class ImportTransaction
{
public:
    explicit ImportTransaction(const store::SqlConnection& db)
        : m_db(db), m_open(store::SqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE")))
    {}
    ~ImportTransaction()
    {
        if (m_open)
            store::SqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    ImportTransaction(const ImportTransaction&) = delete;
    ImportTransaction& operator=(const ImportTransaction&) = delete;
    bool isOpen() const { return m_open; }
    bool commit()
    {
        m_open = false;
        if (store::SqlQuery(m_db).exec(QStringLiteral("COMMIT")))
            return true;
        store::SqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }

private:
    store::SqlConnection m_db;
    bool m_open;
};

QString fileName(const char* name)
{
    return QLatin1String(name);
}

// Both old files, read before the database is touched: an unreadable file aborts with no trace.
struct LegacyFiles
{
    NedbContents state;
    NedbContents keys;
};

Result<LegacyFiles> readLegacyFiles(const QString& dataDir, LegacyImportReport& report)
{
    using R = Result<LegacyFiles>;
    const QDir dir(dataDir);
    LegacyFiles files;
    const auto readOne = [&dir](const char* name, NedbContents& into, bool& found) -> Result<bool> {
        const QString path = dir.filePath(fileName(name));
        if (!QFileInfo::exists(path))
            return Result<bool>::ok(true);
        auto read = NedbFile::read(path);
        if (!read)
            return Result<bool>::failFrom(read);
        into = std::move(*read);
        found = true;
        return Result<bool>::ok(true);
    };
    if (auto read = readOne(LegacyImport::kStateFile, files.state, report.stateFileFound); !read)
        return R::failFrom(read);
    if (auto read = readOne(LegacyImport::kKeysFile, files.keys, report.keysFileFound); !read)
        return R::failFrom(read);
    for (const auto& [contents, name] : {std::pair{&files.state, LegacyImport::kStateFile},
                                         std::pair{&files.keys, LegacyImport::kKeysFile}}) {
        for (const auto& s : contents->skipped)
            report.skipped.append({fileName(name), s.lineNumber, s.reason});
        if (contents->nedbWouldRefuse())
            report.notes << QStringLiteral(
                                "%1 has more than 10 % damaged lines; TokenPass Desktop would have "
                                "refused it. The readable records were imported.")
                                .arg(fileName(name));
    }
    return R::ok(std::move(files));
}

} // namespace

QString LegacyImportReport::summary() const
{
    if (alreadyDone)
        return QStringLiteral("Legacy import: already done on an earlier start");
    if (!stateFileFound && !keysFileFound)
        return QStringLiteral("Legacy import: no state.db or keys.db, nothing to import");
    QString text = QStringLiteral("Legacy import: %1 tokens (%2 expired), %3 grants, %4 profile records, "
                                  "%5 host keys (%6 G2, %7 G1)")
                       .arg(tokens)
                       .arg(expiredTokens)
                       .arg(grants)
                       .arg(profileRecords)
                       .arg(hostKeys)
                       .arg(g2HostKeys)
                       .arg(g1HostKeys);
    if (keptExisting > 0)
        text += QStringLiteral("; %1 already present and kept").arg(keptExisting);
    if (!skipped.isEmpty())
        text += QStringLiteral("; %1 lines or records skipped").arg(skipped.size());
    return text;
}

LegacyImport::LegacyImport(std::shared_ptr<store::Database> database, const Clock& clock)
    : m_database(std::move(database)), m_clock(clock)
{}

bool LegacyImport::isDone() const
{
    return Settings(m_database).integer(Settings::Key::LegacyImportDoneMs) > 0;
}

QString LegacyImport::grantDurationFor(qint64 expireTimeMs, qint64 nowMs)
{
    if (expireTimeMs == 0)
        return QStringLiteral("forever");
    if (expireTimeMs < nowMs)
        return QString();
    const qint64 left = expireTimeMs - nowMs;
    for (const char* choice : {"once", "1h", "1d", "1w"}) {
        const QString name = QLatin1String(choice);
        if (left <= *access::AccessTokens::durationMs(name))
            return name;
    }
    return QStringLiteral("1m"); // longer than any v0.0.8 choice (a clock that was set back)
}

Result<LegacyImportReport> LegacyImport::importOnce(const QString& dataDir)
{
    if (isDone()) {
        LegacyImportReport report;
        report.alreadyDone = true;
        return Result<LegacyImportReport>::ok(report);
    }
    return importNow(dataDir);
}

Result<LegacyImportReport> LegacyImport::importNow(const QString& dataDir)
{
    using R = Result<LegacyImportReport>;
    LegacyImportReport report;
    auto files = readLegacyFiles(dataDir, report);
    if (!files)
        return R::failFrom(files);
    const auto stateRecords = tables::newestPerHost(files->state, kStateFile, report);
    const auto keyRecords = tables::newestPerHost(files->keys, kKeysFile, report);

    ImportTransaction transaction(m_database->connection());
    if (!transaction.isOpen())
        return R::fail(QStringLiteral("Cannot write to %1 to import the old TokenPass data")
                           .arg(m_database->filePath()));
    const tables::ImportTarget to{m_database->connection(), m_clock.nowMs(), &report};
    const auto writeFailed = [this](const QString& what) {
        return R::fail(QStringLiteral("Cannot import %1 into %2").arg(what, m_database->filePath()));
    };

    store::ProfileRecords profiles(m_database);
    for (const store::NedbDocument& doc : stateRecords) {
        if (auto done = tables::importToken(to, doc); !done)
            return writeFailed(done.error());
        if (auto done = tables::importProfile(to, profiles, doc); !done)
            return writeFailed(done.error());
    }
    store::HostKeyRecords hostKeys(m_database);
    for (const store::NedbDocument& doc : keyRecords) {
        if (auto done = tables::importHostKey(to, hostKeys, doc); !done)
            return writeFailed(done.error());
    }

    if (!Settings(m_database).setInteger(Settings::Key::LegacyImportDoneMs, std::max<qint64>(to.nowMs, 1)))
        return writeFailed(QStringLiteral("the completion mark"));
    if (!transaction.commit())
        return writeFailed(QStringLiteral("state.db and keys.db"));
    return R::ok(report);
}

} // namespace tokenpass::migrate
