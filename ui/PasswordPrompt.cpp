#include "PasswordPrompt.h"

#include "CountdownLabel.h"
#include "SecretFields.h"
#include "store/UnlockBackoff.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QVBoxLayout>

namespace tokenpass::ui {

PasswordPrompt::PasswordPrompt(const QString& prefix, store::UnlockBackoff* backoff, QWidget* parent,
                               FieldPlace place)
    : QWidget(parent), m_backoff(backoff)
{
    auto* layout = m_layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_field = new QLineEdit(this);
    m_field->setObjectName(prefix + QStringLiteral("Password"));
    m_field->setEchoMode(QLineEdit::Password);
    connect(m_field, &QLineEdit::textChanged, this, &PasswordPrompt::changed);
    connect(m_field, &QLineEdit::returnPressed, this, &PasswordPrompt::submitted);
    if (place == FieldPlace::Inside) {
        layout->addWidget(m_field);
        m_belowField = 1;
    }

    m_message = new QLabel(this);
    m_message->setObjectName(prefix + QStringLiteral("Message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    layout->addWidget(m_message);

    m_wait = new CountdownLabel(
        [](int s) { return tr("Too many wrong passwords. You can try again in %1 s.").arg(s); }, this);
    m_wait->setObjectName(prefix + QStringLiteral("Wait"));
    connect(m_wait, &CountdownLabel::expired, this, &PasswordPrompt::changed);
    layout->addWidget(m_wait);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(prefix + QStringLiteral("Progress"));
    m_progress->setRange(0, 0); // busy: PBKDF2 gives no progress to report
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);

    refreshBackoff();
}

void PasswordPrompt::addBelowField(QWidget* widget)
{
    m_layout->insertWidget(m_belowField++, widget);
}

void PasswordPrompt::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    if (m_field)
        m_field->setEnabled(!busy);
    Q_EMIT changed();
}

bool PasswordPrompt::isWaiting() const
{
    return m_wait->isRunning();
}

void PasswordPrompt::refreshBackoff()
{
    const qint64 waitMs = m_backoff ? m_backoff->msUntilAllowed() : 0;
    if (waitMs > 0)
        m_wait->start(waitMs);
    else
        m_wait->stop();
}

bool PasswordPrompt::mayTry()
{
    if (m_backoff && m_backoff->msUntilAllowed() > 0) {
        refreshBackoff();
        Q_EMIT changed();
        return false;
    }
    return true;
}

bool PasswordPrompt::canSubmit() const
{
    return !m_busy && !isWaiting() && m_field && !m_field->text().isEmpty();
}

crypto::SecureBytes PasswordPrompt::take()
{
    return m_field ? takePassword(m_field) : crypto::SecureBytes();
}

void PasswordPrompt::wipe()
{
    if (m_field)
        wipeField(m_field);
}

void PasswordPrompt::setError(const QString& text)
{
    m_message->setText(text);
}

QString PasswordPrompt::error() const
{
    return m_message->text();
}

void PasswordPrompt::succeeded()
{
    if (m_backoff)
        (void)m_backoff->recordSuccess();
}

void PasswordPrompt::failed(const QString& message, bool countsAsGuess)
{
    if (m_backoff && countsAsGuess)
        (void)m_backoff->recordFailure();
    m_message->setText(message);
    refreshBackoff();
    Q_EMIT changed();
    if (m_field)
        m_field->setFocus();
}

} // namespace tokenpass::ui
