#include "wallet/BackupRegistry.h"
#include "common/TestDataDir.h"
#include "fs/AtomicFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace tokenpass;
using wallet::BackupRegistry;

TEST(BackupRegistry, DefaultsWithoutConfig)
{
    test::TestDataDir dir;
    BackupRegistry registry(dir.path());
    EXPECT_EQ(registry.currentPath(), dir.filePath(QStringLiteral("backup.bep")));
    const auto list = registry.list();
    ASSERT_EQ(list.size(), 1);
    EXPECT_EQ(list.first().label, QStringLiteral("Default"));
    EXPECT_TRUE(list.first().isCurrent);
    EXPECT_FALSE(list.first().exists);
}

TEST(BackupRegistry, AddSwitchRemoveWritesV008Config)
{
    test::TestDataDir dir;
    BackupRegistry registry(dir.path());
    const QString other = dir.filePath(QStringLiteral("work.bep"));
    EXPECT_EQ(registry.makeCurrent(other).error(), QStringLiteral("Backup not in known list - add it first"));
    const auto added = registry.add(other, QStringLiteral("Work"));
    ASSERT_TRUE(added) << qPrintable(added.error());
    EXPECT_EQ(added->label, QStringLiteral("Work"));
    EXPECT_FALSE(added->addedAt.isEmpty());
    ASSERT_TRUE(registry.makeCurrent(other));
    EXPECT_EQ(registry.currentPath(), other);
    EXPECT_EQ(registry.remove(other).error(), QStringLiteral("Cannot remove the currently active backup"));

    // The file is the v0.0.8 config.json shape.
    const auto bytes = fs::readWholeFile(dir.filePath(QStringLiteral("config.json")));
    ASSERT_TRUE(bytes);
    const QJsonObject root = QJsonDocument::fromJson(*bytes).object();
    EXPECT_EQ(root.value(QStringLiteral("currentBackupPath")).toString(), other);
    const QJsonArray known = root.value(QStringLiteral("knownBackups")).toArray();
    ASSERT_EQ(known.size(), 2);
    EXPECT_EQ(known.at(1).toObject().value(QStringLiteral("label")).toString(), QStringLiteral("Work"));

    ASSERT_TRUE(registry.makeCurrent(dir.filePath(QStringLiteral("backup.bep"))));
    EXPECT_TRUE(*registry.remove(other));
    EXPECT_FALSE(*registry.remove(other));
    EXPECT_EQ(registry.list().size(), 1);
    EXPECT_FALSE(registry.add(QStringLiteral("  "), QString()));
}

TEST(BackupRegistry, DiscoversLooseBepFiles)
{
    test::TestDataDir dir;
    ASSERT_TRUE(fs::writeFileAtomically(dir.filePath(QStringLiteral("old.bep")), "x"));
    BackupRegistry registry(dir.path());
    const auto list = registry.list();
    ASSERT_EQ(list.size(), 2);
    EXPECT_TRUE(list.at(1).isDiscovered);
    EXPECT_TRUE(list.at(1).exists);
    EXPECT_EQ(list.at(1).label, QStringLiteral("old"));
}

TEST(BackupRegistry, ADamagedConfigFallsBackToDefaults)
{
    test::TestDataDir dir;
    ASSERT_TRUE(fs::writeFileAtomically(dir.filePath(QStringLiteral("config.json")), "{not json"));
    BackupRegistry registry(dir.path());
    EXPECT_EQ(registry.currentPath(), dir.filePath(QStringLiteral("backup.bep")));
}
