#include "TrayController.h"
#include "AppIcon.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>

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

TEST(TrayController, FallsBackToAWindowWithoutATray)
{
    // The offscreen platform has no system tray.
    TrayController tray(QString(), 21000);
    tray.setWalletState(WalletState::Locked);
    tray.show();
    if (tray.usesTray())
        GTEST_SKIP() << "this platform has a tray";
    QWidget* window = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w->objectName() == QStringLiteral("fallbackWindow"))
            window = w;
    }
    ASSERT_NE(window, nullptr);
    EXPECT_TRUE(window->isVisible());
    auto* status = window->findChild<QLabel*>(QStringLiteral("fallbackStatus"));
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains(QStringLiteral("locked")));
}
