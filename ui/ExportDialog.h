#pragma once

#include "Result.h"

#include <QDialog>
#include <QList>

#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QWidget;

namespace tokenpass::store {
class UnlockBackoff;
}
namespace tokenpass::wallet {
class Wallet;
}

namespace tokenpass::ui {

class CountdownLabel;

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

    bool isBusy() const { return m_busy; }
    bool showsWords() const;

protected:
    void hideEvent(QHideEvent* event) override;

private:
    void reveal();
    // `failed`: empty when the words are shown.
    void revealFinished(std::optional<Failure> failed, const QString& error);
    void setBusy(bool busy);
    void refreshBackoff();
    void updateButtons();
    void wipe();

    wallet::Wallet* m_wallet;
    store::UnlockBackoff* m_backoff;
    QLineEdit* m_password = nullptr;
    QPushButton* m_revealButton = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    CountdownLabel* m_wait = nullptr;
    QWidget* m_wordsBox = nullptr;
    QList<QLabel*> m_words;
    bool m_busy = false;
};

} // namespace tokenpass::ui
