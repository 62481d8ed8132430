#include "TrayController.h"
#include "AppIcon.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace tokenpass::ui;
using tokenpass::wallet::WalletState;

namespace {
QAction* action(TrayController& tray, const char* name)
{
    return tray.menu()->findChild<QAction*>(QString::fromLatin1(name));
}
} // namespace

TEST(TrayController, IconTooltipAndMenuFollowTheWalletState)
{
    TrayController tray(QStringLiteral("/tmp/x"), 21000);
    ASSERT_NE(tray.menu(), nullptr);
    EXPECT_EQ(tray.iconState(), IconState::NoWallet);
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("no wallet")));
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("21000")));
    EXPECT_TRUE(action(tray, "actionSetup")->isVisible());
    EXPECT_FALSE(action(tray, "actionUnlock")->isVisible());

    tray.setWalletState(WalletState::Locked);
    EXPECT_EQ(tray.iconState(), IconState::Locked);
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("locked")));
    EXPECT_TRUE(action(tray, "actionUnlock")->isVisible());
    EXPECT_FALSE(action(tray, "actionLock")->isVisible());

    tray.setWalletState(WalletState::Unlocked);
    EXPECT_EQ(tray.iconState(), IconState::Unlocked);
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("unlocked")));
    EXPECT_FALSE(action(tray, "actionUnlock")->isVisible());
    EXPECT_TRUE(action(tray, "actionLock")->isVisible());
}

TEST(TrayController, PendingApprovalsShowAttentionAndCount)
{
    TrayController tray(QString(), 21000);
    tray.setWalletState(WalletState::Unlocked);
    QAction* pending = action(tray, "actionPending");
    EXPECT_FALSE(pending->isEnabled());
    tray.setPendingCount(2);
    EXPECT_EQ(tray.iconState(), IconState::Attention);
    EXPECT_TRUE(pending->isEnabled());
    EXPECT_TRUE(pending->text().contains(QStringLiteral("(2)")));
    EXPECT_TRUE(tray.toolTip().contains(QStringLiteral("2")));
    tray.setPendingCount(0);
    EXPECT_EQ(tray.iconState(), IconState::Unlocked);
}

TEST(TrayController, MenuActionsAndLeftClickAskThroughSignals)
{
    TrayController tray(QString(), 21000);
    QSignalSpy unlock(&tray, &TrayController::unlockRequested);
    QSignalSpy lock(&tray, &TrayController::lockRequested);
    QSignalSpy sites(&tray, &TrayController::sitesRequested);
    QSignalSpy pending(&tray, &TrayController::pendingRequested);
    QSignalSpy quit(&tray, &TrayController::quitRequested);

    tray.setWalletState(WalletState::Locked);
    tray.activate(); // left click while locked: unlock
    EXPECT_EQ(unlock.count(), 1);
    action(tray, "actionUnlock")->trigger();
    EXPECT_EQ(unlock.count(), 2);

    tray.setWalletState(WalletState::Unlocked);
    tray.activate(); // left click while unlocked: the sites window
    EXPECT_EQ(sites.count(), 1);
    action(tray, "actionLock")->trigger();
    EXPECT_EQ(lock.count(), 1);

    tray.setPendingCount(1);
    tray.activate(); // a waiting site comes first
    EXPECT_EQ(pending.count(), 1);

    action(tray, "actionQuit")->trigger();
    EXPECT_EQ(quit.count(), 1);
}

TEST(TrayController, UnavailableActionsStayHidden)
{
    TrayController tray(QString(), 21000);
    tray.setActionAvailable(QStringLiteral("actionSettings"), false);
    tray.setWalletState(WalletState::Unlocked);
    EXPECT_FALSE(action(tray, "actionSettings")->isVisible());
    tray.setActionAvailable(QStringLiteral("actionSettings"), true);
    EXPECT_TRUE(action(tray, "actionSettings")->isVisible());
}

TEST(TrayController, WaitsForATrayThenFallsBackToAWindow)
{
    TrayController tray(QString(), 21000);
    int probes = 0;
    tray.setTrayProbe([&] { return ++probes, false; }, 10, 200);
    tray.setWalletState(WalletState::Locked);
    tray.show();
    // Still looking: no window yet, so a panel that starts late gets the icon instead.
    EXPECT_TRUE(tray.waitingForTray());
    EXPECT_EQ(tray.fallbackWindow(), nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return tray.fallbackWindow() != nullptr; }, 3000));
    EXPECT_FALSE(tray.waitingForTray());
    EXPECT_FALSE(tray.usesTray());
    EXPECT_GE(probes, 5);
    QWidget* window = tray.fallbackWindow();
    EXPECT_EQ(window->objectName(), QStringLiteral("fallbackWindow"));
    EXPECT_TRUE(window->isVisible());
    auto* status = window->findChild<QLabel*>(QStringLiteral("fallbackStatus"));
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains(QStringLiteral("locked")));
    // The window offers the tray's own menu, so every action stays reachable.
    auto* button = window->findChild<QPushButton*>(QStringLiteral("fallbackMenuButton"));
    ASSERT_NE(button, nullptr);
    EXPECT_EQ(button->menu(), tray.menu());
}

TEST(TrayController, ATrayThatAppearsWhileWaitingIsUsed)
{
    TrayController tray(QString(), 21000);
    int probes = 0;
    tray.setTrayProbe([&] { return ++probes >= 4; }, 10, 5000);
    tray.show();
    EXPECT_FALSE(tray.usesTray());
    ASSERT_TRUE(QTest::qWaitFor([&] { return tray.usesTray(); }, 3000));
    EXPECT_FALSE(tray.waitingForTray());
    EXPECT_EQ(tray.fallbackWindow(), nullptr);
    EXPECT_EQ(probes, 4);
}

TEST(TrayController, MenuHasEveryEntry)
{
    TrayController tray(QString(), 21000);
    tray.setWalletState(WalletState::Locked);
    for (const char* name : {"actionUnlock", "actionLock", "actionPending", "actionSites", "actionSettings",
                             "actionLaunchAtLogin", "actionAbout", "actionQuit"})
        EXPECT_NE(action(tray, name), nullptr) << name;
    EXPECT_TRUE(action(tray, "actionPending")->text().contains(QStringLiteral("(0)")));
}

namespace {
QStringList names(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* name : list)
        out << QString::fromLatin1(name);
    return out;
}

QStringList visibleActions(TrayController& tray)
{
    QStringList names;
    for (QAction* a : tray.menu()->actions()) {
        if (a->isVisible() && !a->isSeparator())
            names << a->objectName();
    }
    return names;
}
} // namespace

// Issue 19: the menu offers only what makes sense in each state, exactly this and nothing else.
TEST(TrayController, EachStateShowsOnlyTheActionsThatMakeSense)
{
    TrayController tray(QString(), 21000);
    tray.setWalletState(WalletState::NoWallet);
    EXPECT_EQ(visibleActions(tray),
              names({"actionSetup", "actionSettings", "actionLaunchAtLogin", "actionAbout", "actionQuit"}));
    tray.setWalletState(WalletState::Locked);
    EXPECT_EQ(visibleActions(tray), names({"actionUnlock", "actionSites", "actionSettings", "actionExport",
                                           "actionLaunchAtLogin", "actionAbout", "actionQuit"}));
    tray.setWalletState(WalletState::Unlocked);
    EXPECT_EQ(visibleActions(tray), names({"actionLock", "actionSites", "actionSettings", "actionExport",
                                           "actionLaunchAtLogin", "actionAbout", "actionQuit"}));
    tray.setPendingCount(1);
    EXPECT_EQ(visibleActions(tray),
              names({"actionLock", "actionPending", "actionSites", "actionSettings", "actionExport",
                     "actionLaunchAtLogin", "actionAbout", "actionQuit"}));
    tray.setPendingCount(0);
    tray.setWalletState(WalletState::NoWallet); // e.g. the wallet file was removed
    EXPECT_FALSE(visibleActions(tray).contains(QStringLiteral("actionExport")));
    EXPECT_FALSE(visibleActions(tray).contains(QStringLiteral("actionLock")));
}

TEST(TrayController, SignatureNoticeNamesThePermissionInPlainWords)
{
    TrayController tray(QString(), 21000);
    tray.notifySignature(QStringLiteral("shop.example"), QStringLiteral("message, 12 bytes"));
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("Sign messages as you on this site")));
    tray.notifySignature(QStringLiteral("shop.example"),
                         QStringLiteral("txid ab12, you spend 5 sat, fee 1 sat"));
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("Ask you to approve payments")));
}

TEST(TrayController, LaunchAtLoginIsACheckboxThatAsksThroughASignal)
{
    TrayController tray(QString(), 21000);
    QSignalSpy toggled(&tray, &TrayController::launchAtLoginToggled);
    QAction* launch = action(tray, "actionLaunchAtLogin");
    ASSERT_NE(launch, nullptr);
    EXPECT_TRUE(launch->isCheckable());
    tray.setLaunchAtLogin(true); // what the platform reports: shown, not asked for
    EXPECT_TRUE(launch->isChecked());
    EXPECT_EQ(toggled.count(), 0);
    launch->trigger(); // the person unticks it
    ASSERT_EQ(toggled.count(), 1);
    EXPECT_FALSE(toggled.at(0).at(0).toBool());
}

TEST(TrayController, SignatureNoticeNamesHostAndWhatUnlessTurnedOff)
{
    TrayController tray(QString(), 21000);
    tray.notifySignature(QStringLiteral("shop.example"), QStringLiteral("message, 12 bytes"));
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("shop.example")));
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("message, 12 bytes")));
    tray.setSignatureNoticesEnabled(false);
    tray.notifySignature(QStringLiteral("other.example"), QStringLiteral("AIP, 2 items"));
    EXPECT_FALSE(tray.lastNotice().contains(QStringLiteral("other.example")));
}

TEST(TrayController, DiskFullNoticeNamesTheFolderOnceAMinute)
{
    TrayController tray(QString(), 21000);
    tray.notifyDiskFull(QStringLiteral("/data/one"));
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("disk is full"))) << qPrintable(tray.lastNotice());
    EXPECT_TRUE(tray.lastNotice().contains(QStringLiteral("/data/one")));
    tray.notifyDiskFull(QStringLiteral("/data/two")); // every failed save reports; one notice is enough
    EXPECT_FALSE(tray.lastNotice().contains(QStringLiteral("/data/two")));
}

TEST(AppIcon, EveryStyleAndStateHasItsOwnDrawing)
{
    QSet<QByteArray> seen;
    for (IconStyle style : {IconStyle::Light, IconStyle::Dark, IconStyle::Monochrome}) {
        for (IconState state :
             {IconState::NoWallet, IconState::Locked, IconState::Unlocked, IconState::Attention}) {
            const QIcon icon = trayIcon(state, style);
            ASSERT_FALSE(icon.isNull());
            for (int size : {16, 22, 32}) {
                const QImage image = icon.pixmap(size, size).toImage();
                EXPECT_EQ(image.width(), size);
            }
            const QImage image = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
            seen.insert(QByteArray(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes()));
        }
    }
    EXPECT_EQ(seen.size(), 12);
}

TEST(AppIcon, MonochromeIsOneColourTintedToTheText)
{
    const QImage image = trayIcon(IconState::Locked, IconStyle::Monochrome)
                             .pixmap(32, 32)
                             .toImage()
                             .convertToFormat(QImage::Format_ARGB32);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() == 255)
                colours.insert(c.rgb());
        }
    }
    EXPECT_EQ(colours.size(), 1);
}

TEST(AppIcon, AutoPicksByPanelDarknessDesktopOrOverride)
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xf0, 0xf0, 0xf0));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    qunsetenv("TOKENPASS_TRAY_ICONS");
#ifndef Q_OS_MACOS
    EXPECT_EQ(resolveIconStyle(IconStyle::Auto, light, QStringLiteral("KDE")), IconStyle::Light);
    EXPECT_EQ(resolveIconStyle(IconStyle::Auto, dark, QStringLiteral("XFCE")), IconStyle::Dark);
    EXPECT_EQ(resolveIconStyle(IconStyle::Auto, light, QStringLiteral("ubuntu:GNOME")),
              IconStyle::Monochrome);
    qputenv("TOKENPASS_TRAY_ICONS", "dark");
    EXPECT_EQ(resolveIconStyle(IconStyle::Auto, light, QStringLiteral("KDE")), IconStyle::Dark);
    qunsetenv("TOKENPASS_TRAY_ICONS");
#endif
    EXPECT_EQ(resolveIconStyle(IconStyle::Light, dark, QStringLiteral("GNOME")), IconStyle::Light);
    EXPECT_EQ(iconStyleFromName(QStringLiteral("Mono")), IconStyle::Monochrome);
    EXPECT_EQ(iconStyleFromName(QStringLiteral("whatever")), IconStyle::Auto);
}
