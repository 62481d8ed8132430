// ui::showAndRaise: the one way windows opened from the tray and approval dialogs come forward.

#include "ShowAndRaise.h"

#include <QApplication>
#include <QTest>
#include <QWidget>

#include <gtest/gtest.h>

using tokenpass::ui::showAndRaise;

TEST(ShowAndRaiseTest, ShowsAHiddenWindowAndMakesItActive)
{
    QWidget window;
    ASSERT_FALSE(window.isVisible());
    showAndRaise(&window);
    EXPECT_TRUE(window.isVisible());
    EXPECT_TRUE(QTest::qWaitForWindowActive(&window));
}

TEST(ShowAndRaiseTest, RestoresAMinimisedWindow)
{
    QWidget window;
    window.showMinimized();
    ASSERT_TRUE(window.isMinimized());
    showAndRaise(&window);
    EXPECT_FALSE(window.isMinimized());
    EXPECT_TRUE(window.isVisible());
}

TEST(ShowAndRaiseTest, BringsTheSameWindowForwardAgain)
{
    QWidget first;
    QWidget second;
    showAndRaise(&first);
    showAndRaise(&second);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&second));
    showAndRaise(&first); // asked again while open: the same window comes forward
    EXPECT_TRUE(QTest::qWaitForWindowActive(&first));
    EXPECT_EQ(QApplication::activeWindow(), &first);
}

TEST(ShowAndRaiseTest, NullIsIgnored)
{
    showAndRaise(nullptr);
}
