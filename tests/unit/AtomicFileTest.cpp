#include "fs/AtomicFile.h"
#include "common/TestDataDir.h"

#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace tokenpass;

TEST(AtomicFile, WritesReplacesAndKeepsModeOwnerOnly)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f.bep"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "first"));
    ASSERT_TRUE(fs::writeFileAtomically(path, "second, longer"));
    EXPECT_EQ(*fs::readWholeFile(path), QByteArray("second, longer"));
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    // No temporary files are left behind.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("f.bep")});
}

TEST(AtomicFile, TightensAnExistingOpenFile)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("f"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0644), 0);
    ASSERT_TRUE(fs::writeFileAtomically(path, "new"));
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST(AtomicFile, FailureNamesTheFileAndLeavesNothing)
{
    test::TestDataDir dir;
    const QString path = dir.filePath(QStringLiteral("missing-folder/f"));
    const auto r = fs::writeFileAtomically(path, "x");
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().contains(path)) << qPrintable(r.error());
    const auto read = fs::readWholeFile(path);
    ASSERT_FALSE(read);
    EXPECT_TRUE(read.error().contains(path));
}
