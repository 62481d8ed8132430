#include "SetupWizard.h"

#include "AppIcon.h"
#include "OffThread.h"
#include "SecretFields.h"
#include "crypto/Bip39.h"
#include "wallet/Wallet.h"

#include <QDialogButtonBox>
#include <QFile>
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

SetupWizard::SetupWizard(wallet::Wallet* wallet, QWidget* parent) : QDialog(parent), m_wallet(wallet)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up TokenPass"));
    setWindowIcon(appIcon(IconState::Unlocked));

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
    m_backButton = buttons->addButton(tr("&Back"), QDialogButtonBox::ResetRole);
    m_backButton->setObjectName(QStringLiteral("setupBack"));
    m_backButton->setAccessibleDescription(tr("Goes back to the previous step."));
    m_nextButton = buttons->addButton(tr("Next"), QDialogButtonBox::AcceptRole);
    m_nextButton->setObjectName(QStringLiteral("setupNext"));
    m_nextButton->setAccessibleDescription(tr("Goes on to the next step, or finishes."));
    m_nextButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("setupCancel"));
    m_cancelButton->setAccessibleDescription(tr("Closes the setup without making a wallet."));
    connect(m_backButton, &QPushButton::clicked, this, &SetupWizard::back);
    connect(m_nextButton, &QPushButton::clicked, this, &SetupWizard::next);
    connect(m_cancelButton, &QPushButton::clicked, this, &SetupWizard::reject);
    layout->addWidget(buttons);

    setMinimumWidth(480);
    goTo(Page::Choice);
}

void SetupWizard::setApiPort(quint16 port)
{
    m_apiPort = port;
    m_nextSteps->setText(nextStepsText());
}

SetupWizard::~SetupWizard()
{
    clearSecrets();
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
    if (page == Page::CreatePassword)
        updateStrength();
    // Keyboard use: each page starts where its typing starts, or on Next.
    if (QWidget* first = pageStart(page))
        first->setFocus(Qt::TabFocusReason);
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

void SetupWizard::showError(const QString& text, QWidget* fixHere)
{
    m_error->setText(text);
    if (fixHere)
        fixHere->setFocus(Qt::OtherFocusReason);
}

// --- Create -----------------------------------------------------------------------------------

void SetupWizard::acceptPassword()
{
    if (m_newPassword->text().size() < wallet::Wallet::kMinPasswordLength) {
        showError(tr("The password is too short: it needs at least %1 characters. Type a longer one.")
                      .arg(wallet::Wallet::kMinPasswordLength),
                  m_newPassword);
        return;
    }
    if (m_newPassword->text() != m_newConfirm->text()) {
        m_newConfirm->clear();
        showError(tr("The two passwords are not the same. Type the password again in the second field."),
                  m_newConfirm);
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
            showError(tr("The recovery words could not be made: %1. Click Next to try again.")
                          .arg(mnemonic.error()));
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
        showError(
            tr("These are not valid recovery words: %1. Check the spelling and the order against what you "
               "wrote down.")
                .arg(entropy.error()),
            m_restoreWords);
        return;
    }
    if (m_restorePassword->text().size() < wallet::Wallet::kMinPasswordLength) {
        showError(tr("The password is too short: it needs at least %1 characters. Type a longer one.")
                      .arg(wallet::Wallet::kMinPasswordLength),
                  m_restorePassword);
        return;
    }
    if (m_restorePassword->text() != m_restoreConfirm->text()) {
        m_restoreConfirm->clear();
        showError(tr("The two passwords are not the same. Type the password again in the second field."),
                  m_restoreConfirm);
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

void SetupWizard::startImport()
{
    QFile file(m_importFile->text().trimmed());
    if (m_importFile->text().trimmed().isEmpty() || !file.open(QIODevice::ReadOnly)) {
        showError(m_importFile->text().trimmed().isEmpty()
                      ? tr("No backup file is chosen. Click Browse… to choose your backup.bep.")
                      : tr("The backup file could not be opened: %1. Click Browse… to choose it again.")
                            .arg(file.errorString()),
                  m_importFile);
        return;
    }
    const QByteArray content = file.readAll();
    if (m_importPassword->text().isEmpty()) {
        showError(tr("The backup's password is missing. Type the password the backup was saved with."),
                  m_importPassword);
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
    runOffThread(this, std::move(job), [this](Result<bool>& done) { jobFinished(done); });
}

void SetupWizard::jobFinished(const Result<bool>& done)
{
    setBusy(false);
    if (!done) {
        // Typed secrets are already gone; the person types the password again (the focus went
        // when the page was disabled, so it is put back where the typing starts again).
        showError(done.failure() == Failure::InvalidPassword
                      ? tr("That password does not open this backup. Type the password it was saved with; it "
                           "may be an "
                           "older password.")
                      : tr("The wallet could not be set up: %1. Check that the disk has free space, then try "
                           "again.")
                            .arg(done.error()),
                  m_page == Page::Import ? m_importPassword : pageStart(m_page));
        return;
    }
    clearSecrets();
    m_doneLabel->setText(m_doneText);
    m_nextSteps->setText(nextStepsText());
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
