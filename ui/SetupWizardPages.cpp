#include "SetupWizard.h"

#include "AppIcon.h"
#include "PasswordStrength.h"
#include "wallet/Wallet.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

// The wizard's pages, built once in the constructor; what happens on them is in SetupWizard.cpp.
namespace tokenpass::ui {

namespace {

QLabel* addText(QWidget* page, const QString& text)
{
    auto* label = new QLabel(text, page);
    label->setWordWrap(true);
    page->layout()->addWidget(label);
    return label;
}

// The one sentence a person must not miss: BIP39 uses the password as the passphrase.
QString bothNeededText()
{
    return SetupWizard::tr(
        "To restore this wallet you need <b>both</b> the 12 words <b>and</b> this password. "
        "Neither one alone is enough, and TokenPass cannot recover either for you.");
}

} // namespace

// --- Pages ------------------------------------------------------------------------------------

QWidget* SetupWizard::buildChoicePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    // Issue 19: the app's face, one sentence on what TokenPass is, then the two ways to start.
    auto* header = new QHBoxLayout;
    auto* icon = new QLabel(page);
    icon->setObjectName(QStringLiteral("setupIcon"));
    icon->setPixmap(appIcon(IconState::Unlocked).pixmap(64, 64));
    icon->setAccessibleName(tr("TokenPass logo"));
    header->addWidget(icon, 0, Qt::AlignTop);
    auto* intro =
        new QLabel(tr("<b>Welcome to TokenPass.</b><br>TokenPass keeps your identity in an encrypted "
                      "wallet on this computer and signs you in to websites, asking you before "
                      "any site may use it."),
                   page);
    intro->setObjectName(QStringLiteral("setupIntro"));
    intro->setWordWrap(true);
    header->addWidget(intro, 1);
    layout->addLayout(header);
    addText(page, tr("There is no wallet yet. How would you like to start?"));
    auto addChoice = [this, page](const QString& text, const QString& description, const char* name,
                                  Page target) {
        auto* button = new QPushButton(text, page);
        button->setObjectName(QString::fromLatin1(name));
        button->setAccessibleDescription(description);
        button->setToolTip(description);
        connect(button, &QPushButton::clicked, this, [this, target] { goTo(target); });
        page->layout()->addWidget(button);
        return button;
    };
    auto* create = addChoice(tr("&Create a new wallet"), tr("Makes a new wallet with 12 new recovery words."),
                             "setupChoiceCreate", Page::CreatePassword);
    m_createButton = create;
    QFont bold = create->font();
    bold.setBold(true);
    create->setFont(bold);
    addText(page, tr("Or restore a wallet you already have:"));
    addChoice(tr("Restore with my 12 &words"),
              tr("Type the 12 recovery words and the password used with them."), "setupChoiceRestore",
              Page::Restore);
    addChoice(tr("Restore from a &backup file (backup.bep)"),
              tr("Open a TokenPass backup file and type its password."), "setupChoiceImport", Page::Import);
    layout->addStretch();
    return page;
}

QLineEdit* SetupWizard::addPasswordField(QWidget* page, const char* objectName, const QString& placeholder,
                                         const QString& description)
{
    auto* field = new QLineEdit(page);
    field->setObjectName(QString::fromLatin1(objectName));
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(placeholder);
    field->setAccessibleName(placeholder);
    field->setAccessibleDescription(description);
    // Enter presses Next, the default button; connecting returnPressed as well went two pages on.
    page->layout()->addWidget(field);
    return field;
}

QWidget* SetupWizard::buildCreatePasswordPage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("Choose a password. It encrypts the wallet on this computer, and together with the "
                     "12 words it is what restores the wallet elsewhere."));
    m_newPassword =
        addPasswordField(page, "setupPassword",
                         tr("Password (at least %1 characters)").arg(wallet::Wallet::kMinPasswordLength),
                         tr("Encrypts the wallet; with the 12 words it restores the wallet."));
    connect(m_newPassword, &QLineEdit::textChanged, this, &SetupWizard::updateStrength);
    m_strength = new QLabel(page);
    m_strength->setObjectName(QStringLiteral("setupStrength"));
    page->layout()->addWidget(m_strength);
    m_newConfirm = addPasswordField(page, "setupPasswordConfirm", tr("Repeat the password"),
                                    tr("Type the same password again."));
    addText(page, bothNeededText());
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

void SetupWizard::updateStrength()
{
    const auto level = PasswordStrength::estimate(m_newPassword->text());
    m_strength->setText(m_newPassword->text().isEmpty() ? QString() : PasswordStrength::describe(level));
    m_strength->setStyleSheet(QStringLiteral("color: %1;").arg(PasswordStrength::colour(level)));
}

QWidget* SetupWizard::buildShowWordsPage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("<b>Write these 12 words down, in order,</b> and keep them somewhere safe and offline. "
                     "Anyone with the words and the password controls this wallet."));
    auto* grid = new QGridLayout;
    for (int i = 0; i < kWordCount; ++i) {
        auto* number = new QLabel(QStringLiteral("%1.").arg(i + 1), page); // untranslated: a number
        auto* word = new QLabel(page);
        word->setObjectName(QStringLiteral("setupWord%1").arg(i));
        word->setStyleSheet(QStringLiteral("font-weight: bold; font-family: monospace;"));
        m_wordLabels.append(word);
        const int row = i % 6, column = (i / 6) * 2;
        grid->addWidget(number, row, column, Qt::AlignRight);
        grid->addWidget(word, row, column + 1);
    }
    static_cast<QVBoxLayout*>(page->layout())->addLayout(grid);
    addText(page, bothNeededText());
    addText(page, tr("On the next page you will be asked for three of them."));
    return page;
}

QWidget* SetupWizard::buildVerifyPage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("To be sure the words are written down correctly, type these three of them."));
    for (int i = 0; i < kWordsToVerify; ++i) {
        auto* label = new QLabel(page);
        label->setObjectName(QStringLiteral("setupVerifyLabel%1").arg(i));
        auto* field = new QLineEdit(page);
        field->setObjectName(QStringLiteral("setupVerifyWord%1").arg(i));
        field->setAccessibleDescription(tr("Type the word at this position from the list you wrote down."));
        label->setBuddy(field); // the field is named by "Word #n"
        page->layout()->addWidget(label);
        page->layout()->addWidget(field);
        m_verifyLabels.append(label);
        m_verifyFields.append(field);
    }
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QWidget* SetupWizard::buildRestorePage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("Type your 12 words, separated by spaces, and the password you used with them. "
                     "A different password gives a different, empty wallet."));
    m_restoreWords = new QPlainTextEdit(page);
    m_restoreWords->setObjectName(QStringLiteral("setupRestoreWords"));
    m_restoreWords->setPlaceholderText(tr("word1 word2 … word12"));
    m_restoreWords->setAccessibleName(tr("Your 12 recovery words"));
    m_restoreWords->setAccessibleDescription(tr("The 12 recovery words in order, separated by spaces."));
    m_restoreWords->setTabChangesFocus(true);
    m_restoreWords->setMaximumHeight(90);
    page->layout()->addWidget(m_restoreWords);
    m_restorePassword = addPasswordField(page, "setupRestorePassword", tr("Password"),
                                         tr("The password that was used with these 12 words."));
    m_restoreConfirm = addPasswordField(page, "setupRestoreConfirm", tr("Repeat the password"),
                                        tr("Type the same password again."));
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QWidget* SetupWizard::buildImportPage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("Choose a TokenPass backup file (.bep) and type the password it was saved with."));
    auto* row = new QHBoxLayout;
    m_importFile = new QLineEdit(page);
    m_importFile->setObjectName(QStringLiteral("setupImportFile"));
    m_importFile->setPlaceholderText(tr("Backup file"));
    m_importFile->setAccessibleName(tr("Backup file"));
    m_importFile->setAccessibleDescription(tr("Where the backup file is; Browse… chooses it."));
    auto* browse = new QPushButton(tr("Browse…"), page);
    browse->setObjectName(QStringLiteral("setupImportBrowse"));
    browse->setAccessibleDescription(tr("Opens a file chooser to pick the backup file."));
    connect(browse, &QPushButton::clicked, this, &SetupWizard::browseForBackup);
    row->addWidget(m_importFile);
    row->addWidget(browse);
    static_cast<QVBoxLayout*>(page->layout())->addLayout(row);
    m_importPassword = addPasswordField(page, "setupImportPassword", tr("Password of the backup"),
                                        tr("The password the backup was saved with."));
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

void SetupWizard::browseForBackup()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a backup"), m_importFile->text(),
                                                      tr("TokenPass backups (*.bep);;All files (*)"));
    if (!path.isEmpty())
        m_importFile->setText(path);
}

QWidget* SetupWizard::buildDonePage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    m_doneLabel = addText(page, QString());
    m_doneLabel->setObjectName(QStringLiteral("setupDoneText"));
    m_doneLabel->setTextFormat(Qt::PlainText);
    m_nextSteps = addText(page, QString());
    m_nextSteps->setObjectName(QStringLiteral("setupNextSteps"));
    m_nextSteps->setTextFormat(Qt::RichText);
    m_nextSteps->setTextInteractionFlags(Qt::TextSelectableByMouse);
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QWidget* SetupWizard::pageStart(Page page) const
{
    // Never a hidden widget, and never Back: a focused button is what Enter presses.
    switch (page) {
    case Page::Choice:
        return m_createButton;
    case Page::CreatePassword:
        return m_newPassword;
    case Page::VerifyWords:
        return m_verifyFields.value(0);
    case Page::Restore:
        return m_restoreWords;
    case Page::Import:
        return m_importFile;
    case Page::ShowWords:
    case Page::Done:
        break;
    }
    return m_nextButton;
}

QString SetupWizard::nextStepsText() const
{
    // Issue 19: where the API listens and how a site connects, said once at the end.
    const QString address = QStringLiteral("http://127.0.0.1:%1/api/").arg(m_apiPort);
    return tr("<p><b>What happens next</b></p>"
              "<p>TokenPass waits for websites at <code>%1</code>, on this computer only.</p>"
              "<p>When a site wants to connect, TokenPass shows you who is asking and what for; nothing "
              "is shared until you click Allow. You can see and revoke connected sites at any time.</p>"
              "<p>TokenPass lives in the system tray: click its icon to lock the wallet, see connected "
              "sites or change settings.</p>")
        .arg(address);
}

} // namespace tokenpass::ui
