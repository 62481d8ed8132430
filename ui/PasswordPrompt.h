#pragma once

#include "crypto/SecureBytes.h"

#include <QLineEdit>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace tokenpass::store {
class UnlockBackoff;
}

namespace tokenpass::ui {

class CountdownLabel;

// The password part that Unlock, Export and Change password share: a password field, the error
// line, the failed-unlock back-off countdown (API.md decision 8) and a busy bar while PBKDF2 runs
// elsewhere. Its children are named `<prefix>Password`, `<prefix>Message`, `<prefix>Wait` and
// `<prefix>Progress`.
//
// DESIGN.md security rule 2: take() moves the password into a SecureBytes and wipes the field at
// once; wipe() overwrites what the field holds (call it on close and on lock).
//
// With FieldOutside the field is not laid out in the prompt: the dialog puts it in a form row of
// its own (Change password: "Current password:"); the prompt still drives and wipes it.
class PasswordPrompt : public QWidget
{
    Q_OBJECT
public:
    enum class FieldPlace
    {
        Inside,
        Outside
    };

    PasswordPrompt(const QString& prefix, store::UnlockBackoff* backoff, QWidget* parent = nullptr,
                   FieldPlace place = FieldPlace::Inside);

    QLineEdit* field() const { return m_field; }
    // Puts `widget` under the field, above the error line (after any added before it): a show
    // toggle, a Caps Lock hint.
    void addBelowField(QWidget* widget);

    // Busy: the bar shows and the field takes no typing.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // Whether the back-off makes the person wait (the countdown runs).
    bool isWaiting() const;
    // Asks the store again (it enforces the wait, the countdown only shows it); false while the
    // person must wait, and the countdown then shows how long.
    bool mayTry();
    // Not busy, not waiting, and something typed.
    bool canSubmit() const;

    crypto::SecureBytes take();
    void wipe();

    void setError(const QString& text);
    QString error() const;

    // The password was right: the back-off starts over.
    void succeeded();
    // The attempt failed with `message`; a guess (a tried password) counts toward the back-off.
    void failed(const QString& message, bool countsAsGuess);

Q_SIGNALS:
    // The typed text changed, or the back-off wait ended: the dialog re-checks its buttons.
    void changed();
    // Enter in the field.
    void submitted();

private:
    void refreshBackoff();

    store::UnlockBackoff* m_backoff;
    QVBoxLayout* m_layout = nullptr;
    int m_belowField = 0; // where the next addBelowField() goes
    QPointer<QLineEdit> m_field;
    QLabel* m_message = nullptr;
    CountdownLabel* m_wait = nullptr;
    QProgressBar* m_progress = nullptr;
    bool m_busy = false;
};

} // namespace tokenpass::ui
