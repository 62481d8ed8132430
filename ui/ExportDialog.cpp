#include "ExportDialog.h"

#include "AppIcon.h"
#include "OffThread.h"
#include "PasswordPrompt.h"
#include "SecretFields.h"
#include "wallet/Wallet.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tokenpass::ui {

using crypto::SecureBytes;

namespace {
constexpr int kWordCount = 12;
}

ExportDialog::ExportDialog(wallet::Wallet* wallet, store::UnlockBackoff* backoff, QWidget* parent)
    : QDialog(parent), m_wallet(wallet)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Recovery words — TokenPass"));
    setWindowIcon(appIcon(IconState::Unlocked));
    auto* layout = new QVBoxLayout(this);

    auto* warning =
        new QLabel(tr("<b>Anyone who sees these 12 words and knows your password can take your identity and "
                      "sign in to your sites as you.</b> Make sure nobody is watching and no screen is being "
                      "shared. Write them on paper; do not photograph or copy them.<br><br>To restore the "
                      "wallet from the words you also need the password the wallet was created with."),
                   this);
    warning->setObjectName(QStringLiteral("exportWarning"));
    warning->setWordWrap(true);
    layout->addWidget(warning);

    m_prompt = new PasswordPrompt(QStringLiteral("export"), backoff, this);
    m_prompt->field()->setPlaceholderText(tr("Wallet password"));
    m_prompt->field()->setAccessibleName(tr("Wallet password"));
    m_prompt->field()->setAccessibleDescription(
        tr("Type your wallet password, then press Enter to show the 12 recovery words."));
    connect(m_prompt, &PasswordPrompt::changed, this, &ExportDialog::updateButtons);
    connect(m_prompt, &PasswordPrompt::submitted, this, &ExportDialog::reveal);
    layout->addWidget(m_prompt);

    m_wordsBox = new QWidget(this);
    m_wordsBox->setObjectName(QStringLiteral("exportWords"));
    auto* grid = new QGridLayout(m_wordsBox);
    for (int i = 0; i < kWordCount; ++i) {
        auto* number = new QLabel(QStringLiteral("%1.").arg(i + 1), m_wordsBox); // untranslated: a number
        grid->addWidget(number, i % 6, (i / 6) * 2);
        auto* word = new QLabel(m_wordsBox);
        word->setObjectName(QStringLiteral("exportWord%1").arg(i + 1));
        word->setTextFormat(Qt::PlainText); // no rich-text document keeps another copy
        word->setStyleSheet(QStringLiteral("font-family: monospace; font-weight: bold;"));
        grid->addWidget(word, i % 6, (i / 6) * 2 + 1);
        m_words.append(word);
    }
    m_wordsBox->hide();
    layout->addWidget(m_wordsBox);

    auto* buttons = new QDialogButtonBox(this);
    m_revealButton = buttons->addButton(tr("Show &words"), QDialogButtonBox::AcceptRole);
    m_revealButton->setObjectName(QStringLiteral("exportReveal"));
    m_revealButton->setDefault(true);
    m_revealButton->setAccessibleDescription(tr("Shows the 12 recovery words after checking the password."));
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    close->setText(tr("Close"));
    close->setObjectName(QStringLiteral("exportClose"));
    // Not auto-default: while the password is checked its field is disabled and the focus moves to
    // this button, where the Enter that submitted it would also press Close.
    close->setAutoDefault(false);
    close->setAccessibleDescription(tr("Closes this window and takes the words off the screen."));
    connect(m_revealButton, &QPushButton::clicked, this, &ExportDialog::reveal);
    connect(close, &QPushButton::clicked, this, &ExportDialog::reject);
    layout->addWidget(buttons);

    // Locking (tray, API, idle, screen lock) takes the words off the screen too (issue 20).
    if (m_wallet) {
        connect(m_wallet, &wallet::Wallet::stateChanged, this, [this](wallet::WalletState state) {
            if (state != wallet::WalletState::Unlocked)
                wipe();
        });
    }

    setMinimumWidth(420);
    updateButtons();
}

ExportDialog::~ExportDialog()
{
    wipe();
}

bool ExportDialog::showsWords() const
{
    for (const QLabel* word : m_words) {
        if (!word->text().isEmpty())
            return true;
    }
    return false;
}

bool ExportDialog::isBusy() const
{
    return m_prompt->isBusy();
}

void ExportDialog::updateButtons()
{
    m_revealButton->setEnabled(m_prompt->canSubmit());
}

void ExportDialog::reveal()
{
    if (isBusy() || !m_revealButton->isEnabled())
        return;
    if (!m_prompt->mayTry()) // the store enforces, the label only shows
        return;
    auto password = std::make_shared<SecureBytes>(m_prompt->take());
    wipe(); // words shown before go first
    m_prompt->setError(QString());
    m_prompt->setBusy(true);
    wallet::Wallet* wallet = m_wallet;
    runOffThread(
        this, [wallet, password] { return wallet->recoveryWords(*password); },
        [this, password](Result<SecureBytes>& words) {
            password->clear();
            if (!words)
                return revealFinished(words.failure(), words.error());
            if (!isVisible()) { // closed while the password was checked: never shown, not kept
                words->clear();
                return revealFinished(std::nullopt, QString());
            }
            QString all = QString::fromUtf8(words->view());
            words->clear();
            const QStringList list = all.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            all.fill(QChar(u'\0')); // unshared, so this overwrites the only copy of the whole phrase
            for (int i = 0; i < m_words.size(); ++i)
                m_words.at(i)->setText(i < list.size() ? list.at(i) : QString());
            m_wordsBox->show();
            revealFinished(std::nullopt, QString());
        });
}

void ExportDialog::revealFinished(std::optional<Failure> failed, const QString& error)
{
    m_prompt->setBusy(false);
    if (!failed)
        return m_prompt->succeeded();
    if (*failed == Failure::InvalidPassword)
        m_prompt->failed(tr("That password is not correct. Type the password you unlock TokenPass with."),
                         true);
    else if (*failed == Failure::NoRecoveryWords)
        m_prompt->failed(tr("This wallet has no recovery words to show: it was made by TokenPass "
                            "Desktop v0.0.7 or v0.0.8, which never stored them. Keep a copy of the "
                            "wallet file (backup.bep) and its password instead."),
                         false);
    else
        m_prompt->failed(tr("The words could not be read: %1. Close this window and try again.").arg(error),
                         false);
}

void ExportDialog::wipe()
{
    for (QLabel* word : std::as_const(m_words))
        wipeLabel(word);
    if (m_wordsBox)
        m_wordsBox->hide();
    if (m_prompt)
        m_prompt->wipe();
}

void ExportDialog::hideEvent(QHideEvent* event)
{
    // Closing, Escape, the window manager's close button and hide() all end here.
    wipe();
    QDialog::hideEvent(event);
}

} // namespace tokenpass::ui
