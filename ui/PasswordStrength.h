#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>

namespace tokenpass::ui {

// A rough strength hint for a new wallet password. It is advice, not a gate: the only hard rule
// is Wallet::kMinPasswordLength. The estimate is deliberately simple (length and character
// classes) so it never claims more than it knows.
class PasswordStrength
{
    Q_DECLARE_TR_FUNCTIONS(PasswordStrength)
public:
    enum Level
    {
        TooShort,
        Weak,
        Fair,
        Good,
        Strong
    };

    static Level estimate(QStringView password);
    static QString describe(Level level);
    // A CSS colour for the hint, so the level reads at a glance.
    static QString colour(Level level);
};

} // namespace tokenpass::ui
