// POST /api/login when backup.bep is damaged (issue 13): repaired from backup.bep.bak with a
// "notice" in the 200 answer, or a 500 that says the file is damaged and what to do; neither is
// counted as a wrong password.

#include "ServerHarness.h"
#include "common/FastBackupKdf.h"
#include "fs/AtomicFile.h"

#include <QFile>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class WalletRepairEndpoint : public ServerHarness
{
protected:
    void SetUp() override
    {
        ServerHarness::SetUp();
        registerWallet(kPassword);
        ASSERT_EQ(post(QStringLiteral("/api/identity"), R"({"name":"second"})").status, 200);
        ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
        m_bep = m_wallet->backupPath();
        QFile f(m_bep);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)); // emptied, as issue 13 found it
    }

    static constexpr const char* kPassword = "correct horse battery";
    FastBackupKdf m_fastKdf;
    QString m_bep;
};

} // namespace

TEST_F(WalletRepairEndpoint, LoginRepairsFromTheBackupAndSaysSo)
{
    const auto r = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})");
    ASSERT_EQ(r.status, 200) << r.body.constData();
    EXPECT_EQ(r.json().value(QStringLiteral("success")), QJsonValue(true));
    EXPECT_TRUE(r.json().value(QStringLiteral("notice")).toString().contains(fs::previousVersionPath(m_bep)))
        << r.body.constData();
    EXPECT_GT(QFileInfo(m_bep).size(), 0);
    // A normal login afterwards has no notice: exactly v0.0.8's {"success":true}.
    ASSERT_EQ(post(QStringLiteral("/api/logout"), "{}").status, 200);
    const auto again = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(again.body, QByteArray(R"({"success":true})"));
}

TEST_F(WalletRepairEndpoint, ADamagedWalletWithoutBackupIsNotAWrongPassword)
{
    ASSERT_TRUE(QFile::remove(fs::previousVersionPath(m_bep)));
    const auto r = post(QStringLiteral("/api/login"), R"({"password":"correct horse battery"})");
    EXPECT_EQ(r.status, 500) << r.body.constData();
    const QString error = r.json().value(QStringLiteral("error")).toString();
    EXPECT_TRUE(error.contains(QLatin1String("is damaged"))) << qPrintable(error);
    EXPECT_TRUE(error.contains(QLatin1String("recovery words"))) << qPrintable(error);
}
