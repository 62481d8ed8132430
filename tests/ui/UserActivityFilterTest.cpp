#include "UserActivityFilter.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using tokenpass::ui::UserActivityFilter;

TEST(UserActivityFilter, KeysAndClicksAnywhereCountAsActivityAndStillArrive)
{
    UserActivityFilter filter;
    qApp->installEventFilter(&filter);
    QSignalSpy active(&filter, &UserActivityFilter::active);
    QLineEdit edit;
    edit.show();
    QTest::qWait(20);
    EXPECT_EQ(active.count(), 0); // showing and painting are not the person

    QTest::keyClicks(&edit, QStringLiteral("abc"));
    EXPECT_EQ(edit.text(), QStringLiteral("abc")); // only observed, never swallowed
    EXPECT_EQ(active.count(), 1);                  // throttled: one per second at most

    QTest::qWait(int(UserActivityFilter::kThrottleMs) + 50);
    QTest::mouseClick(&edit, Qt::LeftButton);
    EXPECT_EQ(active.count(), 2);
    qApp->removeEventFilter(&filter);
}
