// Autostart: the Linux implementation for real on disk, and the plain-Qt content of all three OS
// flavours. HOME and XDG_CONFIG_HOME point at temporary folders for every test, so nothing here
// can reach the real autostart folder even if the mock were ignored.
#include "platform/Autostart.h"
#include "ScopedEnv.h"
#include "platform/DesktopAutostartFile.h"
#include "platform/LaunchAgentFile.h"
#include "platform/RunKeyEntry.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

using tokenpass::platform::Autostart;
using tokenpass::platform::AutostartEntry;
using tokenpass::platform::DesktopAutostartFile;
using tokenpass::platform::LaunchAgentFile;
using tokenpass::platform::RunKeyEntry;
using tokenpass::test::ScopedEnv;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

AutostartEntry sampleEntry(const QString& executable)
{
    AutostartEntry entry;
    entry.appId = QStringLiteral("app.tokenpass.TokenPass");
    entry.name = QStringLiteral("TokenPass");
    entry.comment = QStringLiteral("Identity in the tray");
    entry.iconName = QStringLiteral("tokenpass");
    entry.executable = executable;
    entry.arguments = {QStringLiteral("--minimized")};
    return entry;
}

class AutostartTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_home.isValid());
        m_homeEnv = std::make_unique<ScopedEnv>("HOME", m_home.path().toLocal8Bit());
        m_configEnv = std::make_unique<ScopedEnv>("XDG_CONFIG_HOME", configHome().toLocal8Bit());
        m_appImageEnv = std::make_unique<ScopedEnv>("APPIMAGE");
        m_mockEnv = std::make_unique<ScopedEnv>("TOKENPASS_AUTOSTART_PATH_MOCK");
    }
    void TearDown() override
    {
        m_mockEnv.reset();
        m_appImageEnv.reset();
        m_configEnv.reset();
        m_homeEnv.reset();
    }

    QString configHome() const { return m_home.filePath(QStringLiteral("config")); }
    QString xdgEntryPath() const
    {
        return configHome() + QStringLiteral("/autostart/app.tokenpass.TokenPass.desktop");
    }

    QTemporaryDir m_home;
    std::unique_ptr<ScopedEnv> m_homeEnv, m_configEnv, m_appImageEnv, m_mockEnv;
};

} // namespace

TEST_F(AutostartTest, MockFolderReceivesEveryWrite)
{
    QTemporaryDir mock;
    ASSERT_TRUE(mock.isValid());
    ScopedEnv env("TOKENPASS_AUTOSTART_PATH_MOCK", mock.path().toLocal8Bit());

    Autostart autostart(sampleEntry(QStringLiteral("/opt/TokenPass/bin/tokenpass")));
    EXPECT_FALSE(autostart.isEnabled());
    EXPECT_TRUE(autostart.location().startsWith(mock.path())) << qPrintable(autostart.location());

    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    EXPECT_TRUE(autostart.isEnabled());
    EXPECT_FALSE(QDir(mock.path()).entryList(QDir::Files).isEmpty());
    EXPECT_FALSE(QFile::exists(xdgEntryPath())) << "the mock must redirect the write";
    EXPECT_FALSE(QFile::exists(m_home.filePath(QStringLiteral(".config"))));

    ASSERT_TRUE(autostart.setEnabled(false).isOk());
    EXPECT_FALSE(autostart.isEnabled());
    EXPECT_TRUE(QDir(mock.path()).entryList(QDir::Files).isEmpty());
}

#if defined(Q_OS_LINUX)
TEST_F(AutostartTest, LinuxWritesTheXdgEntryUnderXdgConfigHome)
{
    Autostart autostart(sampleEntry(QStringLiteral("/usr/bin/tokenpass")));
    EXPECT_EQ(autostart.location(), xdgEntryPath());
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    ASSERT_TRUE(QFile::exists(xdgEntryPath()));
    EXPECT_TRUE(autostart.isEnabled());

    const QByteArray text = readAll(xdgEntryPath());
    EXPECT_TRUE(text.startsWith("[Desktop Entry]\n"));
    EXPECT_TRUE(text.contains("\nExec=/usr/bin/tokenpass --minimized\n")) << text.constData();
    EXPECT_TRUE(text.contains("\nX-GNOME-Autostart-Delay=5\n"));
    EXPECT_TRUE(text.contains("\nX-LXQt-Need-Tray=true\n"));
    EXPECT_TRUE(text.contains("\nType=Application\n"));
    EXPECT_FALSE(text.contains("Hidden"));

    // Enabling twice is harmless; disabling removes the file.
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    ASSERT_TRUE(autostart.setEnabled(false).isOk());
    EXPECT_FALSE(QFile::exists(xdgEntryPath()));
    EXPECT_FALSE(autostart.isEnabled());
    ASSERT_TRUE(autostart.setEnabled(false).isOk()) << "disabling when already off succeeds";
}

TEST_F(AutostartTest, LinuxFallsBackToHomeConfigWhenXdgConfigHomeIsRelative)
{
    ScopedEnv relative("XDG_CONFIG_HOME", "relative/config");
    Autostart autostart(sampleEntry(QStringLiteral("/usr/bin/tokenpass")));
    EXPECT_EQ(autostart.location(),
              m_home.filePath(QStringLiteral(".config/autostart/app.tokenpass.TokenPass.desktop")));
}

TEST_F(AutostartTest, LinuxHonoursHiddenAndGnomeSwitchInAnExistingEntry)
{
    Autostart autostart(sampleEntry(QStringLiteral("/usr/bin/tokenpass")));
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    const QByteArray original = readAll(xdgEntryPath());

    ASSERT_TRUE(writeAll(xdgEntryPath(), original + "Hidden=true\n"));
    EXPECT_FALSE(autostart.isEnabled()) << "Hidden=true means the entry is deleted (XDG spec)";

    ASSERT_TRUE(writeAll(xdgEntryPath(), original + "Hidden=True\n"));
    EXPECT_FALSE(autostart.isEnabled());

    QByteArray gnomeOff = original;
    gnomeOff.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false");
    ASSERT_TRUE(writeAll(xdgEntryPath(), gnomeOff));
    EXPECT_FALSE(autostart.isEnabled());

    // Hidden in another group does not count.
    ASSERT_TRUE(writeAll(xdgEntryPath(), original + "[Desktop Action x]\nHidden=true\n"));
    EXPECT_TRUE(autostart.isEnabled());

    // Turning it on again rewrites the entry without Hidden.
    ASSERT_TRUE(writeAll(xdgEntryPath(), original + "Hidden=true\n"));
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    EXPECT_TRUE(autostart.isEnabled());
    EXPECT_EQ(readAll(xdgEntryPath()), original);
}

TEST_F(AutostartTest, LinuxEntryForThisApplicationPointsAtTheAppImage)
{
    QTemporaryDir downloads;
    ASSERT_TRUE(downloads.isValid());
    const QString appImage = downloads.filePath(QStringLiteral("My Apps/TokenPass-x86_64.AppImage"));
    ScopedEnv env("APPIMAGE", appImage.toLocal8Bit());

    const AutostartEntry entry = AutostartEntry::forThisApplication();
    EXPECT_EQ(entry.executable, appImage);
    EXPECT_EQ(entry.arguments, QStringList{QStringLiteral("--minimized")});

    Autostart autostart(entry);
    ASSERT_TRUE(autostart.setEnabled(true).isOk());
    const QByteArray text = readAll(xdgEntryPath());
    EXPECT_TRUE(text.contains("\nExec=\"" + appImage.toUtf8() + "\" --minimized\n")) << text.constData();
}
#endif

TEST(DesktopAutostartFile, ExecArgumentsAreQuotedAndEscapedPerTheSpec)
{
    EXPECT_EQ(DesktopAutostartFile::quoteExecArgument(QStringLiteral("/usr/bin/tokenpass")),
              QStringLiteral("/usr/bin/tokenpass"));
    EXPECT_EQ(DesktopAutostartFile::quoteExecArgument(QStringLiteral("/home/a b/x")),
              QStringLiteral("\"/home/a b/x\""));
    EXPECT_EQ(DesktopAutostartFile::quoteExecArgument(QStringLiteral("/p/$HOME`x\"y")),
              QStringLiteral("\"/p/\\$HOME\\`x\\\"y\""));
    EXPECT_EQ(DesktopAutostartFile::quoteExecArgument(QStringLiteral("/p/100%")), QStringLiteral("/p/100%%"));

    // A backslash is escaped for Exec quoting and then again as a string value.
    const QByteArray text = DesktopAutostartFile::content(sampleEntry(QStringLiteral("/p/a\\b")));
    EXPECT_TRUE(text.contains("\nExec=\"/p/a\\\\\\\\b\" --minimized\n")) << text.constData();
}

TEST(DesktopAutostartFile, ValuesCannotInjectKeys)
{
    AutostartEntry entry = sampleEntry(QStringLiteral("/usr/bin/tokenpass"));
    entry.comment = QStringLiteral("line\nHidden=true");
    const QByteArray text = DesktopAutostartFile::content(entry);
    EXPECT_TRUE(text.contains("Comment=line\\nHidden=true\n"));
    EXPECT_TRUE(DesktopAutostartFile::contentEnablesAutostart(text));
}

TEST(DesktopAutostartFile, GarbageOrEmptyIsNotEnabled)
{
    EXPECT_FALSE(DesktopAutostartFile::contentEnablesAutostart(QByteArray()));
    EXPECT_FALSE(DesktopAutostartFile::contentEnablesAutostart("Exec=/usr/bin/tokenpass\n"));
    EXPECT_FALSE(DesktopAutostartFile::contentEnablesAutostart("[Desktop Entry]\nType=Application\n"));
}

TEST(LaunchAgentFile, PlistHasLabelArgumentsAndRunAtLoad)
{
    const QByteArray plist = LaunchAgentFile::content(
        sampleEntry(QStringLiteral("/Applications/Token & Pass.app/Contents/MacOS/tokenpass")));
    EXPECT_TRUE(plist.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    EXPECT_TRUE(plist.contains("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""));
    EXPECT_TRUE(plist.contains("<key>Label</key>\n        <string>app.tokenpass.TokenPass</string>"))
        << plist.constData();
    EXPECT_TRUE(plist.contains(
        "<key>ProgramArguments</key>\n        <array>\n"
        "            <string>/Applications/Token &amp; Pass.app/Contents/MacOS/tokenpass</string>\n"
        "            <string>--minimized</string>\n        </array>"))
        << plist.constData();
    EXPECT_TRUE(plist.contains("<key>RunAtLoad</key>\n        <true/>"));
    EXPECT_TRUE(LaunchAgentFile::contentEnablesAutostart(plist));
}

TEST(LaunchAgentFile, DisabledOrMalformedPlistIsNotEnabled)
{
    QByteArray plist = LaunchAgentFile::content(sampleEntry(QStringLiteral("/x/tokenpass")));
    QByteArray disabled = plist;
    disabled.replace("<key>RunAtLoad</key>",
                     "<key>Disabled</key>\n        <true/>\n        <key>RunAtLoad</key>");
    EXPECT_FALSE(LaunchAgentFile::contentEnablesAutostart(disabled));

    QByteArray noRun = plist;
    noRun.replace("<key>RunAtLoad</key>\n        <true/>", "<key>RunAtLoad</key>\n        <false/>");
    EXPECT_FALSE(LaunchAgentFile::contentEnablesAutostart(noRun));

    EXPECT_FALSE(LaunchAgentFile::contentEnablesAutostart(plist.left(plist.size() / 2)));
    EXPECT_FALSE(LaunchAgentFile::contentEnablesAutostart("<html/>"));
}

TEST(LaunchAgentFile, WritesAndRemovesInTheMockFolder)
{
    QTemporaryDir mock;
    ASSERT_TRUE(mock.isValid());
    ScopedEnv env("TOKENPASS_AUTOSTART_PATH_MOCK", mock.path().toLocal8Bit());
    const LaunchAgentFile agent(LaunchAgentFile::defaultPath(QStringLiteral("app.tokenpass.TokenPass")));
    EXPECT_EQ(agent.path(), mock.filePath(QStringLiteral("app.tokenpass.TokenPass.plist")));
    EXPECT_FALSE(agent.isEnabled());
    ASSERT_TRUE(agent.write(sampleEntry(QStringLiteral("/x/tokenpass"))).isOk());
    EXPECT_TRUE(agent.isEnabled());
    ASSERT_TRUE(agent.remove().isOk());
    EXPECT_FALSE(QFile::exists(agent.path()));
}

TEST(RunKeyEntry, CommandLineQuotesTheExePathWithBackslashes)
{
    EXPECT_EQ(
        RunKeyEntry::commandLine(sampleEntry(QStringLiteral("C:/Program Files/TokenPass/tokenpass.exe"))),
        QStringLiteral("\"C:\\Program Files\\TokenPass\\tokenpass.exe\" --minimized"));
    // Already native, no spaces: still quoted, so the value never depends on the path.
    EXPECT_EQ(RunKeyEntry::commandLine(sampleEntry(QStringLiteral("C:\\TP\\tokenpass.exe"))),
              QStringLiteral("\"C:\\TP\\tokenpass.exe\" --minimized"));

    AutostartEntry entry = sampleEntry(QStringLiteral("C:/TP/tokenpass.exe"));
    entry.arguments = {QStringLiteral("--data-dir"), QStringLiteral("D:\\my data\\"), QStringLiteral("a\"b")};
    EXPECT_EQ(RunKeyEntry::commandLine(entry),
              QStringLiteral("\"C:\\TP\\tokenpass.exe\" --data-dir \"D:\\my data\\\\\" \"a\\\"b\""));
}

TEST(RunKeyEntry, ReadsWritesAndRemovesThroughQSettings)
{
    QTemporaryDir mock;
    ASSERT_TRUE(mock.isValid());
    ScopedEnv env("TOKENPASS_AUTOSTART_PATH_MOCK", mock.path().toLocal8Bit());
    ASSERT_EQ(RunKeyEntry::mockFile(), mock.filePath(QStringLiteral("Run.ini")));

    const AutostartEntry entry = sampleEntry(QStringLiteral("C:/Program Files/TokenPass/tokenpass.exe"));
    {
        QSettings settings(RunKeyEntry::mockFile(), QSettings::IniFormat);
        RunKeyEntry value(settings, entry.name);
        EXPECT_FALSE(value.isEnabled());
        ASSERT_TRUE(value.write(entry).isOk());
        EXPECT_TRUE(value.isEnabled());
    }
    {
        // A fresh reader sees exactly the registry value Windows would run.
        QSettings settings(RunKeyEntry::mockFile(), QSettings::IniFormat);
        EXPECT_EQ(settings.value(QStringLiteral("TokenPass")).toString(), RunKeyEntry::commandLine(entry));
        RunKeyEntry value(settings, entry.name);
        ASSERT_TRUE(value.remove().isOk());
        EXPECT_FALSE(value.isEnabled());
    }
    QSettings settings(RunKeyEntry::mockFile(), QSettings::IniFormat);
    EXPECT_FALSE(settings.contains(QStringLiteral("TokenPass")));
}
