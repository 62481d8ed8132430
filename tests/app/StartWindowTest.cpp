// Issue 19: what a person sees when they start the app. With a locked wallet a normal start opens
// the unlock window (someone who just double-clicked must see something happen); --minimized,
// used at login, stays in the tray. The GUI app runs offscreen on port 0 with a temporary data
// folder; the keychain unlock is off (the default), so the real keychain is never asked.

#include "TrayApplication.h"
#include "UnlockDialog.h"
#include "common/FastBackupKdf.h"
#include "common/TestDataDir.h"
#include "wallet/Wallet.h"

#include <QApplication>

#include <gtest/gtest.h>

using namespace tokenpass;

namespace {

void makeLockedWallet(const QString& dataDir)
{
    wallet::Wallet wallet(dataDir);
    ASSERT_TRUE(wallet.create(crypto::SecureBytes(QByteArray("correct horse battery"))).isOk());
    wallet.lock();
}

} // namespace

TEST(StartWindow, ANormalStartWithALockedWalletOpensTheUnlockWindow)
{
    test::FastBackupKdf fast;
    test::TestDataDir dir;
    makeLockedWallet(dir.path());
    app::TrayApplication application(dir.path(), 0);
    ASSERT_TRUE(application.start());
    ASSERT_NE(application.unlockDialog(), nullptr);
    EXPECT_TRUE(application.unlockDialog()->isVisible());
}

TEST(StartWindow, MinimizedStaysSilent)
{
    test::FastBackupKdf fast;
    test::TestDataDir dir;
    makeLockedWallet(dir.path());
    app::TrayApplication application(dir.path(), 0);
    application.setStartMinimized(true);
    ASSERT_TRUE(application.start());
    EXPECT_EQ(application.unlockDialog(), nullptr);
    for (QWidget* w : QApplication::topLevelWidgets())
        EXPECT_FALSE(w->isVisible()) << qPrintable(w->objectName());
}
