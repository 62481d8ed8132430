#include "AboutDialog.h"
#include "AppIcon.h"

#include <QLabel>

#include <gtest/gtest.h>

using namespace tokenpass::ui;

TEST(AboutDialog, ShowsVersionDataFolderAndPort)
{
    AboutDialog dialog(QStringLiteral("/home/me/.tokenpass"), 21000);
    auto* text = dialog.findChild<QLabel*>(QStringLiteral("aboutText"));
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->text().contains(QStringLiteral(TOKENPASS_VERSION)));
    EXPECT_TRUE(text->text().contains(QStringLiteral("/home/me/.tokenpass")));
    EXPECT_TRUE(text->text().contains(QStringLiteral("127.0.0.1:21000")));
}

TEST(AboutDialog, EscapesTheDataFolder)
{
    AboutDialog dialog(QStringLiteral("/tmp/<b>x"), 1);
    auto* text = dialog.findChild<QLabel*>(QStringLiteral("aboutText"));
    ASSERT_NE(text, nullptr);
    EXPECT_FALSE(text->text().contains(QStringLiteral("<b>x")));
    EXPECT_TRUE(text->text().contains(QStringLiteral("&lt;b&gt;x")));
}

TEST(AppIcon, EveryStateHasItsOwnIcon)
{
    const QImage locked = appIcon(IconState::Locked).pixmap(32, 32).toImage();
    const QImage unlocked = appIcon(IconState::Unlocked).pixmap(32, 32).toImage();
    ASSERT_FALSE(locked.isNull());
    EXPECT_EQ(locked.size(), QSize(32, 32));
    EXPECT_NE(locked, unlocked);
}
