#pragma once

#include "Result.h"
#include "crypto/SecureBytes.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

// First-run setup when there is no wallet (issue 6): create a new wallet, restore one from its
// 12 words, or import a .bep file. Nothing is written for a new wallet until the person has typed
// back three of the words, so a wallet never exists whose words nobody saw. The slow part
// (PBKDF2, 600,000 rounds) runs on the thread pool; the dialog stays responsive and refuses to
// close halfway. Passwords leave their fields for a SecureBytes at once, and the words are wiped
// from the labels when the dialog finishes either way.
class SetupWizard : public QDialog
{
    Q_OBJECT
public:
    enum class Page
    {
        Choice,
        CreatePassword,
        ShowWords,
        VerifyWords,
        Restore,
        Import,
        Done
    };
    static constexpr int kWordCount = 12;
    static constexpr int kWordsToVerify = 3;

    explicit SetupWizard(wallet::Wallet* wallet, QWidget* parent = nullptr);
    ~SetupWizard() override;

    Page page() const { return m_page; }
    // The port the API listens on, for the last page (where a site connects).
    void setApiPort(quint16 port);
    bool isBusy() const { return m_busy; }
    // Test seam: which words (0-based) the verification page asks for.
    QList<int> verificationIndices() const { return m_verifyIndices; }

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    // A wallet now exists (and is unlocked); emitted once, before the Done page shows.
    void walletReady();

private:
    using Job = std::function<Result<bool>()>;

    QWidget* buildChoicePage();
    QWidget* buildCreatePasswordPage();
    QWidget* buildShowWordsPage();
    QWidget* buildVerifyPage();
    QWidget* buildRestorePage();
    QWidget* buildImportPage();
    QWidget* buildDonePage();
    QLineEdit* addPasswordField(QWidget* page, const char* objectName, const QString& placeholder,
                                const QString& description);

    void goTo(Page page);
    void next();
    void back();
    void acceptPassword();
    void acceptVerification();
    void startRestore();
    void startImport();
    void browseForBackup();
    void runJob(Job job, const QString& doneText);
    void jobFinished(const Result<bool>& done);
    void setBusy(bool busy);
    // Shows `text` and puts the focus where the fix is typed (keyboard use, issue 19).
    void showError(const QString& text, QWidget* fixHere = nullptr);
    void updateStrength();
    void clearSecrets();
    QString wordAt(int index) const;
    QString nextStepsText() const;
    // Where the focus goes when `page` shows.
    QWidget* pageStart(Page page) const;

    wallet::Wallet* m_wallet;
    Page m_page = Page::Choice;
    bool m_busy = false;
    crypto::SecureBytes m_password;
    crypto::SecureBytes m_mnemonic;
    QList<int> m_verifyIndices;
    QString m_doneText;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_error = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_backButton = nullptr;
    QPushButton* m_nextButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_createButton = nullptr;

    QLineEdit* m_newPassword = nullptr;
    QLineEdit* m_newConfirm = nullptr;
    QLabel* m_strength = nullptr;
    QList<QLabel*> m_wordLabels;
    QList<QLabel*> m_verifyLabels;
    QList<QLineEdit*> m_verifyFields;
    QPlainTextEdit* m_restoreWords = nullptr;
    QLineEdit* m_restorePassword = nullptr;
    QLineEdit* m_restoreConfirm = nullptr;
    QLineEdit* m_importFile = nullptr;
    QLineEdit* m_importPassword = nullptr;
    QLabel* m_doneLabel = nullptr;
    QLabel* m_nextSteps = nullptr;
    quint16 m_apiPort = 21000;
};

} // namespace tokenpass::ui
