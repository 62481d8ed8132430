#include "fs/DataDir.h"
#include "common/TestDataDir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace tokenpass;

TEST(DataDir, CommandLineWinsOverEnvironment)
{
    test::TestDataDir dir;
    EXPECT_EQ(fs::resolveDataDir(QStringLiteral("/opt/tp")), QStringLiteral("/opt/tp"));
}

TEST(DataDir, EnvironmentWinsOverHome)
{
    test::TestDataDir dir; // sets TOKENPASS_HOME
    EXPECT_EQ(fs::resolveDataDir(QString()), QDir(dir.path()).absolutePath());
}

TEST(DataDir, DefaultIsDotTokenpassInHome)
{
    test::TestDataDir dir;
    qunsetenv("TOKENPASS_HOME");
    EXPECT_EQ(fs::resolveDataDir(QString()), QDir::homePath() + QStringLiteral("/.tokenpass"));
}

TEST(DataDir, CreatesAPrivateFolder)
{
    test::TestDataDir dir;
    const QString target = dir.filePath(QStringLiteral("nested/data"));
    const auto made = fs::ensurePrivateDir(target);
    ASSERT_TRUE(made) << qPrintable(made.error());
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(*made).constData(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0700);
}

TEST(DataDir, TightensAnExistingOpenFolder)
{
    test::TestDataDir dir;
    const QString target = dir.filePath(QStringLiteral("open"));
    ASSERT_TRUE(QDir().mkpath(target));
    ASSERT_EQ(::chmod(QFile::encodeName(target).constData(), 0755), 0);
    ASSERT_TRUE(fs::ensurePrivateDir(target));
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(target).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700);
}

TEST(DataDir, RefusesAFileInTheWay)
{
    test::TestDataDir dir;
    const QString target = dir.filePath(QStringLiteral("afile"));
    QFile f(target);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("x");
    f.close();
    const auto made = fs::ensurePrivateDir(target);
    ASSERT_FALSE(made);
    EXPECT_TRUE(made.error().contains(target));
}

TEST(DataDir, MakesFilesOwnerOnly)
{
    test::TestDataDir dir;
    const QString file = dir.filePath(QStringLiteral("f"));
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.close();
    ASSERT_TRUE(fs::makeFilePrivate(file));
    struct stat st
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(file).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
}
