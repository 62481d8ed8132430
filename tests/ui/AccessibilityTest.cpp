// Issue 19 item 4: every interactive control of every dialog and window has a name and a
// description as Qt's accessibility reports them to a screen reader (QAccessibleInterface), not as
// the code meant them: a label with a buddy counts only if Qt really names the control with it.

#include "EveryWindowFixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextEdit>
#include <QVBoxLayout>

using namespace tokenpass;
using namespace tokenpass::test;

namespace {

bool isInteractive(const QWidget* w)
{
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QLineEdit*>(w) ||
           qobject_cast<const QComboBox*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
           qobject_cast<const QAbstractItemView*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
           qobject_cast<const QTextEdit*>(w);
}

// Part of a control already counted (a spin box's line edit, a table's header and corner button).
bool insideAnotherControl(const QWidget* w, const QWidget* window)
{
    for (const QWidget* p = w->parentWidget(); p && p != window; p = p->parentWidget()) {
        if (isInteractive(p))
            return true;
    }
    return false;
}

QString describe(const QWidget* w)
{
    return QStringLiteral("%1 \"%2\"").arg(QLatin1String(w->metaObject()->className()), w->objectName());
}

// Every visible interactive control of `window` whose accessible name or description is empty.
QStringList unnamedControls(QWidget* window)
{
    QStringList missing;
    const QList<QWidget*> all = window->findChildren<QWidget*>();
    for (QWidget* w : all) {
        if (!isInteractive(w) || !w->isVisible() || insideAnotherControl(w, window))
            continue;
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
        if (!iface) {
            missing << describe(w) + QStringLiteral(": no accessible interface");
            continue;
        }
        if (iface->text(QAccessible::Name).trimmed().isEmpty())
            missing << describe(w) + QStringLiteral(": no name");
        if (iface->text(QAccessible::Description).trimmed().isEmpty())
            missing << describe(w) + QStringLiteral(": no description");
    }
    return missing;
}

int countControls(QWidget* window)
{
    int n = 0;
    for (QWidget* w : window->findChildren<QWidget*>())
        n += isInteractive(w) && w->isVisible() && !insideAnotherControl(w, window);
    return n;
}

#define EXPECT_ALL_NAMED(window)                                                                             \
    do {                                                                                                     \
        EXPECT_GT(countControls(window), 0);                                                                 \
        const QStringList missing = unnamedControls(window);                                                 \
        EXPECT_TRUE(missing.isEmpty()) << qPrintable(missing.join(QLatin1Char('\n')));                       \
    } while (false)

class AccessibilityTest : public EveryWindowFixture
{
};

} // namespace

// The check itself can fail: a bare field, a button with only an icon-less empty text, and a combo
// named only by a label that is not its buddy are all reported; naming them clears the report.
TEST(AccessibilityCheckTest, ReportsControlsWithoutANameOrDescription)
{
    QDialog dialog;
    auto* layout = new QVBoxLayout(&dialog);
    auto* field = new QLineEdit(&dialog);
    field->setObjectName(QStringLiteral("field"));
    layout->addWidget(field);
    auto* box = new QCheckBox(QStringLiteral("Named by its text"), &dialog);
    box->setObjectName(QStringLiteral("box"));
    layout->addWidget(box);
    dialog.show();
    const QStringList missing = unnamedControls(&dialog);
    EXPECT_TRUE(missing.contains(QStringLiteral("QLineEdit \"field\": no name")))
        << qPrintable(missing.join(QLatin1Char('\n')));
    EXPECT_TRUE(missing.contains(QStringLiteral("QLineEdit \"field\": no description")));
    EXPECT_FALSE(missing.contains(QStringLiteral("QCheckBox \"box\": no name"))); // its text names it
    EXPECT_TRUE(missing.contains(QStringLiteral("QCheckBox \"box\": no description")));

    field->setAccessibleName(QStringLiteral("A field"));
    field->setAccessibleDescription(QStringLiteral("What it is for"));
    box->setToolTip(QStringLiteral("A tool tip is what Qt reports as the description"));
    EXPECT_EQ(unnamedControls(&dialog), QStringList());
}

TEST_F(AccessibilityTest, UnlockDialog)
{
    auto dialog = unlockDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, ChangePasswordDialog)
{
    auto dialog = changePasswordDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, ExportDialog)
{
    auto dialog = exportDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, SettingsWindowWithTheKeychainPrompt)
{
    auto window = settingsWindow();
    EXPECT_ALL_NAMED(window.get());
    // Turning the keychain on asks for the password in a row that was hidden.
    QTest::keyClick(child<QCheckBox>(*window, "settingsUnlockWithKeychain"), Qt::Key_Space);
    ASSERT_TRUE(child<QWidget>(*window, "settingsKeychainPrompt")->isVisible());
    EXPECT_ALL_NAMED(window.get());
}

TEST_F(AccessibilityTest, SitesWindowWithItsAllowanceEditor)
{
    auto window = sitesWindow();
    EXPECT_ALL_NAMED(window.get());
}

TEST_F(AccessibilityTest, AboutDialog)
{
    auto dialog = aboutDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, EveryPageOfTheSetupWizard)
{
    TestDataDir empty;
    wallet::Wallet none(empty.path());
    auto wizard = setupWizard(&none);
    auto page = [&wizard] { return wizard->page(); };
    using Page = ui::SetupWizard::Page;

    EXPECT_ALL_NAMED(wizard.get()); // the choice
    for (const char* choice : {"setupChoiceRestore", "setupChoiceImport"}) {
        QTest::mouseClick(child<QPushButton>(*wizard, choice), Qt::LeftButton);
        EXPECT_ALL_NAMED(wizard.get());
        QTest::mouseClick(child<QPushButton>(*wizard, "setupBack"), Qt::LeftButton);
        ASSERT_EQ(page(), Page::Choice);
    }
    QTest::mouseClick(child<QPushButton>(*wizard, "setupChoiceCreate"), Qt::LeftButton);
    ASSERT_EQ(page(), Page::CreatePassword);
    EXPECT_ALL_NAMED(wizard.get());
    QTest::keyClicks(child<QLineEdit>(*wizard, "setupPassword"), QStringLiteral("correct horse 42"));
    QTest::keyClicks(child<QLineEdit>(*wizard, "setupPasswordConfirm"), QStringLiteral("correct horse 42"));
    QTest::mouseClick(child<QPushButton>(*wizard, "setupNext"), Qt::LeftButton);
    ASSERT_EQ(page(), Page::ShowWords);
    EXPECT_ALL_NAMED(wizard.get());
    QTest::mouseClick(child<QPushButton>(*wizard, "setupNext"), Qt::LeftButton);
    ASSERT_EQ(page(), Page::VerifyWords);
    EXPECT_ALL_NAMED(wizard.get());
}

TEST_F(AccessibilityTest, ConsentDialog)
{
    auto dialog = consentDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, SignApprovalDialog)
{
    auto dialog = signDialog();
    EXPECT_ALL_NAMED(dialog.get());
}

TEST_F(AccessibilityTest, TxApprovalDialog)
{
    auto dialog = txDialog();
    EXPECT_ALL_NAMED(dialog.get());
}
