#pragma once

#include "Result.h"

#include <QDialog>
#include <QList>

#include <optional>

class QLabel;
class QPushButton;
class QWidget;

namespace tokenpass::store {
class UnlockBackoff;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

class PasswordPrompt;

// Shows the 12 recovery words after the password is typed again (issue 6). It warns first, takes
// the password into a SecureBytes at once, opens the file off the GUI thread, and shares the
// failed-unlock back-off (API.md decision 8), so it is no faster way to guess the password than
// the unlock dialog. The words are wiped from the labels when the window closes or hides, and
// when the wallet locks.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(wallet::Wallet* wallet, store::UnlockBackoff* backoff, QWidget* parent = nullptr);
    ~ExportDialog() override;

    bool isBusy() const;
    bool showsWords() const;

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void reveal();
    // `failed`: empty when the words are shown.
    void revealFinished(std::optional<Failure> failed, const QString& error);
    void updateButtons();
    void wipe();

    wallet::Wallet* m_wallet;
    PasswordPrompt* m_prompt = nullptr;
    QPushButton* m_revealButton = nullptr;
    QWidget* m_wordsBox = nullptr;
    QList<QLabel*> m_words;
};

} // namespace tokenpass::ui
