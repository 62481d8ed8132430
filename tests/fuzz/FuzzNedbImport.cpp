// The one-time import of TokenPass Desktop's NeDB files (state.db, keys.db, seed.db), which are
// read from the data folder before anything else (API.md §4.5-4.8).
// Input: mode(1) | file content. Mode 0: NedbFile::parse only. Mode 1/2: the content is state.db
// or keys.db and LegacyImport::importNow runs into a fresh database. Mode 3: the content is
// seed.db and LegacySeedFile::recover tries the fuzz passphrase (PBKDF2 at kBackupIterations rounds).
// Everything is written under the process's temporary folder.

#include "FuzzSupport.h"
#include "migrate/LegacyImport.h"
#include "migrate/LegacySeed.h"
#include "store/Database.h"
#include "store/NedbFile.h"
#include "wallet/BackupFile.h"

#include <QDir>
#include <QFile>

namespace {

using namespace tokenpass;

void writeFile(const QString& path, QByteArrayView content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fuzz::fail("cannot write into the temporary folder");
    file.write(content.data(), content.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    wallet::BackupFile::setIterationsForTesting(fuzz::kBackupIterations);
    fuzz::InputReader in(data, size);
    const std::uint8_t mode = in.byte() % 4;
    const QByteArrayView content = in.rest();

    const store::NedbContents parsed = store::NedbFile::parse(content);
    for (const store::NedbDocument& doc : parsed.documents) {
        if (!doc.data.contains(QStringLiteral("_id")))
            fuzz::fail("a NeDB document without _id was kept");
    }
    if (mode == 0)
        return 0;

    const QString dir = fuzz::tempDir() + QStringLiteral("/legacy");
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    // G2 records ({"encrypted":…}) always cost 600,000 + 100,000 PBKDF2 rounds in LegacySeedFile::recover (it
    // does not follow BackupFile::setIterationsForTesting), seconds each under ASan: G1 only.
    if (mode == 3 && content.contains("encrypted"))
        return 0;
    if (mode == 3) {
        const QString seedDb = dir + QLatin1Char('/') + QLatin1String(migrate::LegacySeedFile::kFileName);
        writeFile(seedDb, content);
        (void)migrate::LegacySeedFile::recover(seedDb, fuzz::kBackupPassphrase);
        return 0;
    }
    writeFile(
        dir + QLatin1Char('/') +
            QLatin1String(mode == 1 ? migrate::LegacyImport::kStateFile : migrate::LegacyImport::kKeysFile),
        content);
    auto db = store::Database::open(dir);
    if (!db)
        fuzz::fail("cannot open a database in the temporary folder");
    migrate::LegacyImport import(*db);
    (void)import.importNow(dir);
    return 0;
}
