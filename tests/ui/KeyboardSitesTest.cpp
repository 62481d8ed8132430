// Issue 19 item 4, continued from KeyboardTest: the Connected sites window with keys alone (Tab
// goes round every control in reading order and out of the table again, Escape closes), and the
// tray menu, which a screen reader reads out action by action.

#include "EveryWindowFixture.h"
#include "KeyboardWalk.h"
#include "TrayController.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QMenu>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

class KeyboardSitesTest : public EveryWindowFixture
{
protected:
    // The control that has the focus: a spin box rather than its own line edit.
    static QString focusedControl(QWidget* window)
    {
        QWidget* w = focused(window);
        if (w && w->parentWidget() &&
            (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) ||
             qobject_cast<QComboBox*>(w->parentWidget())))
            w = w->parentWidget();
        return w ? w->objectName() : QStringLiteral("<no focus>");
    }
};

// Top to bottom, left to right, as the window reads.
const QStringList kReadingOrder = {QStringLiteral("sitesTable"),      QStringLiteral("sitesPolicy"),
                                   QStringLiteral("sitesRevoke"),     QStringLiteral("sitesRevokeAll"),
                                   QStringLiteral("allowanceAmount"), QStringLiteral("allowanceApply"),
                                   QStringLiteral("sitesAudit")};

} // namespace

TEST_F(KeyboardSitesTest, SitesWindowTabGoesRoundInReadingOrderAndEscapeCloses)
{
    auto window = sitesWindow();
    QWidget* w = window.get();
    auto* table = child<QWidget>(*w, "sitesTable");
    table->setFocus(Qt::TabFocusReason);
    ASSERT_EQ(focusedControl(w).toStdString(), "sitesTable");

    // Twice round: one Tab leaves the table (no walking from cell to cell), and the order holds.
    QStringList forward;
    for (int i = 0; i < 2 * kReadingOrder.size(); ++i) {
        forward << focusedControl(w);
        press(w, Qt::Key_Tab);
    }
    EXPECT_EQ(forward, kReadingOrder + kReadingOrder) << qPrintable(forward.join(QStringLiteral(", ")));

    QStringList backward;
    for (int i = 0; i < kReadingOrder.size(); ++i) {
        press(w, Qt::Key_Tab, Qt::ShiftModifier);
        backward.prepend(focusedControl(w));
    }
    EXPECT_EQ(backward, kReadingOrder) << qPrintable(backward.join(QStringLiteral(", ")));

    ASSERT_EQ(focusedControl(w).toStdString(), "sitesTable");
    EXPECT_EQ(m_sites->hostAt(0), QStringLiteral("a.example")); // the walk revoked and changed nothing
    press(w, Qt::Key_Escape);
    EXPECT_FALSE(w->isVisible());
}

TEST_F(KeyboardSitesTest, SitesWindowEscapeClosesFromAnyControl)
{
    auto window = sitesWindow();
    QWidget* w = window.get();
    for (const QString& name : kReadingOrder) {
        if (!w->isVisible()) {
            w->show();
            w->activateWindow();
            ASSERT_TRUE(QTest::qWaitForWindowActive(w));
            window->selectHost(QStringLiteral("a.example"));
        }
        auto* control = w->findChild<QWidget*>(name);
        ASSERT_NE(control, nullptr) << qPrintable(name);
        control->setFocus(Qt::TabFocusReason);
        press(w, Qt::Key_Escape);
        EXPECT_FALSE(w->isVisible()) << "Escape on " << qPrintable(name) << " did not close the window";
    }
}

// Each visible tray action, in each wallet state, has a name a screen reader can say: its text,
// with no stray '&' (Qt reads a lone '&' as a mnemonic marker and drops or mangles it).
TEST_F(KeyboardSitesTest, TrayMenuActionsHaveNamesInEveryState)
{
    ui::TrayController tray(m_dir.path(), 21000);
    using wallet::WalletState;
    for (WalletState state : {WalletState::NoWallet, WalletState::Locked, WalletState::Unlocked}) {
        tray.setWalletState(state);
        tray.setPendingCount(state == WalletState::Unlocked ? 2 : 0);
        int visible = 0;
        for (QAction* action : tray.menu()->actions()) {
            if (!action->isVisible() || action->isSeparator())
                continue;
            ++visible;
            const QString text = action->text();
            EXPECT_FALSE(text.trimmed().isEmpty()) << qPrintable(action->objectName());
            EXPECT_FALSE(text.contains(QLatin1Char('&'))) << qPrintable(text);
        }
        EXPECT_GE(visible, 5) << int(state);

        // And what the accessibility layer reports for the menu's items, shown.
        tray.menu()->popup(QPoint(0, 0));
        QAccessibleInterface* menu = QAccessible::queryAccessibleInterface(tray.menu());
        ASSERT_NE(menu, nullptr);
        int named = 0;
        for (int i = 0; i < menu->childCount(); ++i) {
            QAccessibleInterface* item = menu->child(i);
            if (!item || item->role() == QAccessible::Separator || item->state().invisible)
                continue;
            EXPECT_FALSE(item->text(QAccessible::Name).trimmed().isEmpty()) << i;
            ++named;
        }
        EXPECT_EQ(named, visible) << int(state);
        tray.menu()->hide();
    }
}
