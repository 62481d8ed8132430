// The Windows implementation files (Autostart_win.cpp, Hardening_win.cpp), compiled and run here
// on Linux. They are plain Qt: with TOKENPASS_AUTOSTART_PATH_MOCK set, the Run key is an INI file,
// so the whole Autostart class (not only the RunKeyEntry value logic) is exercised on every push,
// long before a Windows runner builds it.
#include "../platform/ScopedEnv.h"
#include "platform/Autostart.h"
#include "platform/Hardening.h"
#include "platform/RunKeyEntry.h"

#include <gtest/gtest.h>

#include <QSettings>
#include <QTemporaryDir>

using tokenpass::platform::Autostart;
using tokenpass::platform::AutostartEntry;
using tokenpass::platform::RunKeyEntry;
using tokenpass::test::ScopedEnv;

namespace {

AutostartEntry windowsEntry()
{
    AutostartEntry entry;
    entry.appId = QStringLiteral("app.tokenpass.TokenPass");
    entry.name = QStringLiteral("TokenPass");
    entry.executable = QStringLiteral("C:/Program Files/TokenPass/tokenpass.exe");
    entry.arguments = {QStringLiteral("--minimized")};
    return entry;
}

} // namespace

TEST(AutostartWindows, EnableWritesTheQuotedRunValueAndDisableRemovesIt)
{
    QTemporaryDir mock;
    ASSERT_TRUE(mock.isValid());
    ScopedEnv env("TOKENPASS_AUTOSTART_PATH_MOCK", mock.path().toLocal8Bit());

    Autostart autostart(windowsEntry());
    EXPECT_FALSE(autostart.isEnabled());
    EXPECT_EQ(autostart.location(), mock.filePath(QStringLiteral("Run.ini")) + QStringLiteral("\\TokenPass"));

    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    EXPECT_TRUE(autostart.isEnabled());
    {
        // What Windows would run at login: the quoted exe path with backslashes, then --minimized.
        QSettings runKey(RunKeyEntry::mockFile(), QSettings::IniFormat);
        EXPECT_EQ(runKey.value(QStringLiteral("TokenPass")).toString(),
                  QStringLiteral("\"C:\\Program Files\\TokenPass\\tokenpass.exe\" --minimized"));
    }

    ASSERT_TRUE(autostart.setEnabled(false).isOk());
    EXPECT_FALSE(autostart.isEnabled());
    QSettings runKey(RunKeyEntry::mockFile(), QSettings::IniFormat);
    EXPECT_FALSE(runKey.contains(QStringLiteral("TokenPass")));
}

TEST(AutostartWindows, OtherRunValuesAreLeftAlone)
{
    QTemporaryDir mock;
    ASSERT_TRUE(mock.isValid());
    ScopedEnv env("TOKENPASS_AUTOSTART_PATH_MOCK", mock.path().toLocal8Bit());
    {
        QSettings runKey(RunKeyEntry::mockFile(), QSettings::IniFormat);
        runKey.setValue(QStringLiteral("OtherApp"), QStringLiteral("\"C:\\Other\\other.exe\""));
    }

    Autostart autostart(windowsEntry());
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    ASSERT_TRUE(autostart.setEnabled(false).isOk());

    QSettings runKey(RunKeyEntry::mockFile(), QSettings::IniFormat);
    EXPECT_EQ(runKey.value(QStringLiteral("OtherApp")).toString(),
              QStringLiteral("\"C:\\Other\\other.exe\""));
}

TEST(HardeningWindows, ReportsNothingToSwitchOff)
{
    const auto report = tokenpass::platform::hardenProcess();
    EXPECT_TRUE(report.coreDumpsDisabled);
    EXPECT_TRUE(report.details.isEmpty());
}
