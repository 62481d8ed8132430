#include "SetupWizard.h"

#include "AppIcon.h"
#include "OffThread.h"
#include "PasswordStrength.h"
#include "SecretFields.h"
#include "crypto/Bip39.h"
#include "wallet/Wallet.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace tokenpass::ui {

using crypto::SecureBytes;

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

SetupWizard::SetupWizard(wallet::Wallet* wallet, QWidget* parent) : QDialog(parent), m_wallet(wallet)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up TokenPass"));
    setWindowIcon(appIcon(IconState::NoWallet));

    auto* layout = new QVBoxLayout(this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("setupStack"));
    // Inserted in the order of Page, so the enum is the index.
    m_stack->addWidget(buildChoicePage());
    m_stack->addWidget(buildCreatePasswordPage());
    m_stack->addWidget(buildShowWordsPage());
    m_stack->addWidget(buildVerifyPage());
    m_stack->addWidget(buildRestorePage());
    m_stack->addWidget(buildImportPage());
    m_stack->addWidget(buildDonePage());
    layout->addWidget(m_stack);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("setupError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    layout->addWidget(m_error);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("setupProgress"));
    m_progress->setRange(0, 0); // busy: PBKDF2 gives no progress to report
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto* buttons = new QDialogButtonBox(this);
    m_backButton = buttons->addButton(tr("Back"), QDialogButtonBox::ResetRole);
    m_backButton->setObjectName(QStringLiteral("setupBack"));
    m_nextButton = buttons->addButton(tr("Next"), QDialogButtonBox::AcceptRole);
    m_nextButton->setObjectName(QStringLiteral("setupNext"));
    m_nextButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("setupCancel"));
    connect(m_backButton, &QPushButton::clicked, this, &SetupWizard::back);
    connect(m_nextButton, &QPushButton::clicked, this, &SetupWizard::next);
    connect(m_cancelButton, &QPushButton::clicked, this, &SetupWizard::reject);
    layout->addWidget(buttons);

    setMinimumWidth(480);
    goTo(Page::Choice);
}

SetupWizard::~SetupWizard()
{
    clearSecrets();
}

// --- Pages ------------------------------------------------------------------------------------

QWidget* SetupWizard::buildChoicePage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("<b>Welcome to TokenPass.</b><br>There is no wallet yet. How would you like to start?"));
    auto addChoice = [this, page](const QString& text, const char* name, Page target) {
        auto* button = new QPushButton(text, page);
        button->setObjectName(QString::fromLatin1(name));
        connect(button, &QPushButton::clicked, this, [this, target] { goTo(target); });
        page->layout()->addWidget(button);
    };
    addChoice(tr("Create a new wallet"), "setupChoiceCreate", Page::CreatePassword);
    addChoice(tr("Restore from 12 words"), "setupChoiceRestore", Page::Restore);
    addChoice(tr("Import a backup file (.bep)"), "setupChoiceImport", Page::Import);
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QLineEdit* SetupWizard::addPasswordField(QWidget* page, const char* objectName, const QString& placeholder)
{
    auto* field = new QLineEdit(page);
    field->setObjectName(QString::fromLatin1(objectName));
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(placeholder);
    connect(field, &QLineEdit::returnPressed, this, &SetupWizard::next);
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
                         tr("Password (at least %1 characters)").arg(wallet::Wallet::kMinPasswordLength));
    connect(m_newPassword, &QLineEdit::textChanged, this, &SetupWizard::updateStrength);
    m_strength = new QLabel(page);
    m_strength->setObjectName(QStringLiteral("setupStrength"));
    page->layout()->addWidget(m_strength);
    m_newConfirm = addPasswordField(page, "setupPasswordConfirm", tr("Repeat the password"));
    addText(page, bothNeededText());
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QWidget* SetupWizard::buildShowWordsPage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    addText(page, tr("<b>Write these 12 words down, in order,</b> and keep them somewhere safe and offline. "
                     "Anyone with the words and the password controls this wallet."));
    auto* grid = new QGridLayout;
    for (int i = 0; i < kWordCount; ++i) {
        auto* number = new QLabel(QStringLiteral("%1.").arg(i + 1), page);
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
        connect(field, &QLineEdit::returnPressed, this, &SetupWizard::next);
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
    m_restoreWords->setTabChangesFocus(true);
    m_restoreWords->setMaximumHeight(90);
    page->layout()->addWidget(m_restoreWords);
    m_restorePassword = addPasswordField(page, "setupRestorePassword", tr("Password"));
    m_restoreConfirm = addPasswordField(page, "setupRestoreConfirm", tr("Repeat the password"));
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
    auto* browse = new QPushButton(tr("Browse…"), page);
    browse->setObjectName(QStringLiteral("setupImportBrowse"));
    connect(browse, &QPushButton::clicked, this, &SetupWizard::browseForBackup);
    row->addWidget(m_importFile);
    row->addWidget(browse);
    static_cast<QVBoxLayout*>(page->layout())->addLayout(row);
    m_importPassword = addPasswordField(page, "setupImportPassword", tr("Password of the backup"));
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

QWidget* SetupWizard::buildDonePage()
{
    auto* page = new QWidget(this);
    new QVBoxLayout(page);
    m_doneLabel = addText(page, QString());
    m_doneLabel->setObjectName(QStringLiteral("setupDoneText"));
    static_cast<QVBoxLayout*>(page->layout())->addStretch();
    return page;
}

// --- Navigation -------------------------------------------------------------------------------

void SetupWizard::goTo(Page page)
{
    m_page = page;
    m_stack->setCurrentIndex(int(page));
    m_error->clear();
    m_backButton->setVisible(page != Page::Choice && page != Page::Done);
    m_nextButton->setVisible(page != Page::Choice);
    m_cancelButton->setVisible(page != Page::Done);
    switch (page) {
    case Page::VerifyWords:
    case Page::Restore:
    case Page::Import:
        m_nextButton->setText(tr("Finish"));
        break;
    case Page::Done:
        m_nextButton->setText(tr("Close"));
        break;
    default:
        m_nextButton->setText(tr("Next"));
        break;
    }
    if (page == Page::CreatePassword) {
        updateStrength();
        m_newPassword->setFocus();
    }
}

void SetupWizard::back()
{
    if (m_busy)
        return;
    switch (m_page) {
    case Page::ShowWords:
        goTo(Page::CreatePassword);
        break;
    case Page::VerifyWords:
        goTo(Page::ShowWords);
        break;
    case Page::CreatePassword:
        m_password.clear();
        goTo(Page::Choice);
        break;
    default:
        goTo(Page::Choice);
        break;
    }
}

void SetupWizard::next()
{
    if (m_busy)
        return;
    switch (m_page) {
    case Page::Choice:
        break;
    case Page::CreatePassword:
        acceptPassword();
        break;
    case Page::ShowWords: {
        for (QLineEdit* field : std::as_const(m_verifyFields))
            field->clear();
        goTo(Page::VerifyWords);
        break;
    }
    case Page::VerifyWords:
        acceptVerification();
        break;
    case Page::Restore:
        startRestore();
        break;
    case Page::Import:
        startImport();
        break;
    case Page::Done:
        accept();
        break;
    }
}

void SetupWizard::showError(const QString& text)
{
    m_error->setText(text);
}

void SetupWizard::updateStrength()
{
    const auto level = PasswordStrength::estimate(m_newPassword->text());
    m_strength->setText(m_newPassword->text().isEmpty() ? QString() : PasswordStrength::describe(level));
    m_strength->setStyleSheet(QStringLiteral("color: %1;").arg(PasswordStrength::colour(level)));
}

// --- Create -----------------------------------------------------------------------------------

void SetupWizard::acceptPassword()
{
    if (m_newPassword->text().size() < wallet::Wallet::kMinPasswordLength) {
        showError(tr("The password needs at least %1 characters.").arg(wallet::Wallet::kMinPasswordLength));
        return;
    }
    if (m_newPassword->text() != m_newConfirm->text()) {
        m_newConfirm->clear();
        showError(tr("The two passwords are not the same."));
        return;
    }
    m_password = takePassword(m_newPassword);
    wipeField(m_newConfirm);
    m_strength->clear();

    // The words are made here, not by Wallet::create, so nothing is written until they have been
    // typed back; going back to change the password keeps the same words.
    if (m_mnemonic.isEmpty()) {
        auto mnemonic = crypto::Bip39::generateMnemonic(128);
        if (!mnemonic) {
            showError(tr("Could not make the recovery words: %1").arg(mnemonic.error()));
            return;
        }
        m_mnemonic = std::move(*mnemonic);
        // Three different positions, shown in order.
        QList<int> all;
        for (int i = 0; i < kWordCount; ++i)
            all.append(i);
        std::shuffle(all.begin(), all.end(), *QRandomGenerator::global());
        m_verifyIndices = all.mid(0, kWordsToVerify);
        std::sort(m_verifyIndices.begin(), m_verifyIndices.end());
    }
    for (int i = 0; i < kWordCount; ++i)
        m_wordLabels[i]->setText(wordAt(i));
    for (int i = 0; i < kWordsToVerify; ++i)
        m_verifyLabels[i]->setText(tr("Word #%1").arg(m_verifyIndices[i] + 1));
    goTo(Page::ShowWords);
}

QString SetupWizard::wordAt(int index) const
{
    const QList<QByteArrayView> words = [this] {
        QList<QByteArrayView> out;
        const QByteArrayView all = m_mnemonic.view();
        qsizetype start = 0;
        for (qsizetype i = 0; i <= all.size(); ++i) {
            if (i == all.size() || all[i] == ' ') {
                out.append(all.sliced(start, i - start));
                start = i + 1;
            }
        }
        return out;
    }();
    return index >= 0 && index < words.size() ? QString::fromUtf8(words[index]) : QString();
}

void SetupWizard::acceptVerification()
{
    for (int i = 0; i < kWordsToVerify; ++i) {
        const QString typed = m_verifyFields[i]->text().trimmed().toLower();
        if (typed != wordAt(m_verifyIndices[i])) {
            // Never say what the word should be: that would defeat the check.
            showError(
                tr("Word #%1 does not match. Check what you wrote down, or go back to see the words again.")
                    .arg(m_verifyIndices[i] + 1));
            m_verifyFields[i]->setFocus();
            return;
        }
    }
    for (QLineEdit* field : std::as_const(m_verifyFields))
        field->clear();
    auto password = std::make_shared<SecureBytes>(std::move(m_password));
    auto mnemonic = std::make_shared<SecureBytes>(m_mnemonic.clone());
    wallet::Wallet* wallet = m_wallet;
    runJob(
        [wallet, password, mnemonic] {
            auto result = wallet->create(*password, mnemonic.get());
            password->clear();
            mnemonic->clear();
            return result;
        },
        tr("Your new wallet is ready and unlocked. Keep the 12 words and the password safe: you need both "
           "to restore it."));
}

// --- Restore and import -----------------------------------------------------------------------

void SetupWizard::startRestore()
{
    SecureBytes mnemonic = crypto::Bip39::normalizeInput(m_restoreWords->toPlainText());
    const auto entropy = crypto::Bip39::mnemonicToEntropy(mnemonic.view());
    if (!entropy) {
        // The core's message names the position, never the word.
        showError(tr("These are not valid recovery words: %1").arg(entropy.error()));
        return;
    }
    if (m_restorePassword->text().size() < wallet::Wallet::kMinPasswordLength) {
        showError(tr("The password needs at least %1 characters.").arg(wallet::Wallet::kMinPasswordLength));
        return;
    }
    if (m_restorePassword->text() != m_restoreConfirm->text()) {
        m_restoreConfirm->clear();
        showError(tr("The two passwords are not the same."));
        return;
    }
    m_restoreWords->clear();
    wipeField(m_restoreConfirm);
    auto password = std::make_shared<SecureBytes>(takePassword(m_restorePassword));
    auto words = std::make_shared<SecureBytes>(std::move(mnemonic));
    wallet::Wallet* wallet = m_wallet;
    runJob(
        [wallet, password, words] {
            auto result = wallet->create(*password, words.get());
            password->clear();
            words->clear();
            return result;
        },
        tr("Your wallet has been restored and is unlocked."));
}

void SetupWizard::browseForBackup()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a backup"), m_importFile->text(),
                                                      tr("TokenPass backups (*.bep);;All files (*)"));
    if (!path.isEmpty())
        m_importFile->setText(path);
}

void SetupWizard::startImport()
{
    QFile file(m_importFile->text().trimmed());
    if (m_importFile->text().trimmed().isEmpty() || !file.open(QIODevice::ReadOnly)) {
        showError(tr("The backup file could not be opened."));
        return;
    }
    const QByteArray content = file.readAll();
    if (m_importPassword->text().isEmpty()) {
        showError(tr("Type the password of the backup."));
        return;
    }
    auto password = std::make_shared<SecureBytes>(takePassword(m_importPassword));
    wallet::Wallet* wallet = m_wallet;
    runJob(
        [wallet, password, content] {
            auto result = wallet->importBackup(content, *password);
            password->clear();
            return result;
        },
        tr("The backup has been imported and the wallet is unlocked."));
}

// --- Running the slow part --------------------------------------------------------------------

void SetupWizard::runJob(Job job, const QString& doneText)
{
    m_doneText = doneText;
    setBusy(true);
    // If the dialog goes away first, the answer is simply dropped (the wallet still reports its
    // new state through its own signals).
    runOffGuiThread<Result<bool>>(this, std::move(job), [this](Result<bool>& done) { jobFinished(done); });
}

void SetupWizard::jobFinished(const Result<bool>& done)
{
    setBusy(false);
    if (!done) {
        // Typed secrets are already gone; the person types the password again.
        showError(done.failure() == Failure::InvalidPassword
                      ? tr("That password does not open this backup.")
                      : tr("The wallet could not be set up: %1").arg(done.error()));
        return;
    }
    clearSecrets();
    m_doneLabel->setText(m_doneText);
    goTo(Page::Done);
    Q_EMIT walletReady();
}

void SetupWizard::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_stack->setEnabled(!busy);
    m_backButton->setEnabled(!busy);
    m_nextButton->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
}

void SetupWizard::clearSecrets()
{
    m_password.clear();
    m_mnemonic.clear();
    for (QLabel* label : std::as_const(m_wordLabels))
        wipeLabel(label);
    for (QLineEdit* field : std::as_const(m_verifyFields))
        wipeField(field);
    for (QLineEdit* field :
         {m_newPassword, m_newConfirm, m_restorePassword, m_restoreConfirm, m_importPassword})
        wipeField(field);
    m_restoreWords->clear();
}

void SetupWizard::reject()
{
    if (m_busy)
        return; // the key derivation cannot be stopped halfway; wait for its answer
    clearSecrets();
    QDialog::reject();
}

} // namespace tokenpass::ui
