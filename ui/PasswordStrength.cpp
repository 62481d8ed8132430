#include "PasswordStrength.h"

#include "wallet/Wallet.h"

namespace tokenpass::ui {

PasswordStrength::Level PasswordStrength::estimate(QStringView password)
{
    const qsizetype length = password.size();
    if (length < wallet::Wallet::kMinPasswordLength)
        return TooShort;
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : password) {
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    const int classes = int(lower) + int(upper) + int(digit) + int(other);
    // Length matters more than variety: a long passphrase of plain words beats "P4ss!word".
    int score = 0;
    if (length >= 12)
        ++score;
    if (length >= 16)
        ++score;
    if (length >= 20)
        ++score;
    if (classes >= 3)
        ++score;
    if (classes >= 2 && length >= 10)
        ++score;
    if (score <= 0)
        return Weak;
    if (score == 1)
        return Fair;
    if (score == 2)
        return Good;
    return Strong;
}

QString PasswordStrength::describe(Level level)
{
    switch (level) {
    case TooShort:
        return tr("Too short: at least %1 characters.").arg(wallet::Wallet::kMinPasswordLength);
    case Weak:
        return tr("Weak: a longer password or a few random words would be safer.");
    case Fair:
        return tr("Fair.");
    case Good:
        return tr("Good.");
    case Strong:
        return tr("Strong.");
    }
    return QString();
}

QString PasswordStrength::colour(Level level)
{
    switch (level) {
    case TooShort:
    case Weak:
        return QStringLiteral("#b91c1c");
    case Fair:
        return QStringLiteral("#b45309");
    case Good:
    case Strong:
        return QStringLiteral("#15803d");
    }
    return QString();
}

} // namespace tokenpass::ui
