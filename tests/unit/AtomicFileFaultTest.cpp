// The safe write (fs/AtomicFile) under injected faults: whichever step fails, the target keeps
// its old bytes, nothing is left behind, and a full disk is reported as such.

#include "common/FaultPlan.h"
#include "common/TestDataDir.h"
#include "fs/AtomicFile.h"
#include "fs/DiskFullNotices.h"

#include <QDir>
#include <QRegularExpression>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>

using namespace tokenpass;

namespace {

QStringList filesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

QByteArray bigContent()
{
    return QByteArray(200'000, 'x') + "end"; // more than one write call when halved
}

} // namespace

TEST(AtomicFileFaults, EveryFailingStepLeavesTheOldFileAndNoLeftovers)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("wallet.bep"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "old version"));
    int steps = 0;
    {
        test::FaultPlan count;
        fs::WriteOptions keep;
        keep.keepPrevious = true;
        ASSERT_TRUE(fs::writeFileAtomically(path, "old version", keep));
        steps = count.stepsSeen();
    }
    ASSERT_GE(steps, 8); // create, write, sync, close, read back, read old, link, rename x2, sync folder
    fs::WriteOptions keep;
    keep.keepPrevious = true;
    for (const fs::Fault fault : {fs::Fault::NoSpace, fs::Fault::IoError}) {
        for (int n = 1; n <= steps; ++n) {
            test::FaultPlan plan(n, fault);
            const auto r = fs::writeFileAtomically(path, "NEW", keep);
            ASSERT_TRUE(plan.fired());
            const fs::FileStep failed = plan.steps().back();
            const auto now = fs::readWholeFile(path);
            ASSERT_TRUE(now);
            if (failed == fs::FileStep::SyncFolder) {
                // The rename happened; only the folder's sync failed, which is logged (as SQLite does).
                EXPECT_TRUE(r);
                EXPECT_EQ(*now, QByteArray("NEW"));
                ASSERT_TRUE(fs::writeFileAtomically(path, "old version"));
                continue;
            }
            ASSERT_FALSE(r) << "step " << n;
            EXPECT_EQ(r.failure(), fault == fs::Fault::NoSpace ? Failure::DiskFull : Failure::StorageError);
            EXPECT_EQ(*now, QByteArray("old version")) << "step " << n;
            const QStringList files = filesIn(dir.path());
            for (const QString& f : files)
                EXPECT_TRUE(f == QLatin1String("wallet.bep") || f == QLatin1String("wallet.bep.bak"))
                    << "left behind after step " << n << ": " << qPrintable(f);
        }
    }
}

TEST(AtomicFileFaults, ShortWritesAreFinishedNotTruncated)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    const QByteArray content = bigContent();
    for (int n = 1; n <= 6; ++n) {
        test::FaultPlan plan(n, fs::Fault::ShortWrite);
        ASSERT_TRUE(fs::writeFileAtomically(path, content));
        EXPECT_EQ(*fs::readWholeFile(path), content) << "short write at step " << n;
    }
}

TEST(AtomicFileFaults, DiskFullNamesTheFolderAndNotifies)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QSignalSpy spy(&fs::DiskFullNotices::instance(), &fs::DiskFullNotices::diskFull);
    test::FaultPlan plan(2, fs::Fault::NoSpace); // the first write call
    const auto r = fs::writeFileAtomically(path, "{}");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.failure(), Failure::DiskFull);
    EXPECT_TRUE(r.error().startsWith(
        QLatin1String("The disk is full: TokenPass could not save the change. Nothing was changed.")))
        << qPrintable(r.error());
    EXPECT_TRUE(r.error().contains(QDir::toNativeSeparators(dir.path()))) << qPrintable(r.error());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toString(), QFileInfo(path).absolutePath());
    EXPECT_FALSE(QFileInfo::exists(path));
}

TEST(AtomicFileFaults, AFailedVerificationKeepsTheOldFile)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "good"));
    fs::WriteOptions options;
    options.verify = [](QByteArrayView bytes) { return bytes != QByteArrayView("bad"); };
    const auto r = fs::writeFileAtomically(path, "bad", options);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.failure(), Failure::StorageError);
    EXPECT_EQ(*fs::readWholeFile(path), QByteArray("good"));
    EXPECT_EQ(filesIn(dir.path()), QStringList{QStringLiteral("f")});
}

TEST(AtomicFileFaults, KeepsTheReplacedVersionOnlyIfItIsGood)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    const QString bak = fs::previousVersionPath(path);
    fs::WriteOptions options;
    options.keepPrevious = true;
    options.previousIsGood = [](QByteArrayView bytes) { return bytes.startsWith("good"); };
    ASSERT_TRUE(fs::writeFileAtomically(path, "good 1", options));
    EXPECT_FALSE(QFileInfo::exists(bak)); // nothing was replaced
    ASSERT_TRUE(fs::writeFileAtomically(path, "good 2", options));
    EXPECT_EQ(*fs::readWholeFile(bak), QByteArray("good 1"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "damaged", options));
    ASSERT_TRUE(fs::writeFileAtomically(path, "good 3", options));
    // "damaged" was replaced but not kept: .bak still holds the last good version.
    EXPECT_EQ(*fs::readWholeFile(bak), QByteArray("good 2"));
    EXPECT_EQ(*fs::readWholeFile(path), QByteArray("good 3"));
}

TEST(AtomicFileFaults, KeepCopyIsASecondNameThatLaterWritesDoNotChange)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    const QString copy = dir.filePath(QStringLiteral("f.copy"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "one"));
    ASSERT_TRUE(fs::keepCopy(path, copy));
    ASSERT_TRUE(fs::writeFileAtomically(path, "two"));
    EXPECT_EQ(*fs::readWholeFile(copy), QByteArray("one"));
    EXPECT_EQ(*fs::readWholeFile(path), QByteArray("two"));
}

TEST(AtomicFileFaults, LeftoversOfAKilledWriteAreRemovedAndNothingElse)
{
    test::TestDataDir dir;
    for (const char* name : {"backup.bep.tmp-Ab12Cd", "config.json.tmp-Zz99Yy",
                             "backup.bep.bak.link-0123abcd", "backup.bep", "backup.bep.bak", "notes.tmp"}) {
        QFile f(dir.filePath(QLatin1String(name)));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    fs::removeLeftoverTemporaries(dir.path());
    EXPECT_EQ(filesIn(dir.path()),
              (QStringList{QStringLiteral("backup.bep"), QStringLiteral("backup.bep.bak"),
                           QStringLiteral("notes.tmp")}));
}

TEST(AtomicFileFaults, TheLeftoverRuleMatchesWhatTheOldWildcardsMatched)
{
    // removeLeftoverTemporaries() used QDir name filters (case-insensitive wildcards); it now
    // compares by hand, so no regular expression is compiled at start. Same answers, name by name.
    QList<QRegularExpression> wildcards;
    for (const char* pattern : {"*.tmp-??????", "*.tmp-????????", "*.link-????????"})
        wildcards.append(
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(QLatin1String(pattern)),
                               QRegularExpression::CaseInsensitiveOption));
    for (const char* name :
         {"backup.bep.tmp-Ab12Cd", "config.json.tmp-Zz99Yy12", "backup.bep.bak.link-0123abcd", ".tmp-abcdef",
          "x.TMP-ABCDEF", "x.Link-ABCDEFGH", "x.tmp-abcde", "x.tmp-abcdefg", "x.tmp-abcdefghi",
          "x.link-abcdef", "x.link-abcdefghi", "backup.bep", "notes.tmp", "tmp-abcdef", "x.tmp-",
          "x.tmp-abc.tmp-abcdef", ""}) {
        const QString n = QLatin1String(name);
        const bool old = std::any_of(wildcards.begin(), wildcards.end(),
                                     [&](const QRegularExpression& re) { return re.match(n).hasMatch(); });
        EXPECT_EQ(fs::isLeftoverTemporary(n), old) << name;
    }
}
