#pragma once

#include <QIcon>

namespace tokenpass::ui {

// The TokenPass mark, drawn in code so it is sharp at every tray size: a rounded key-hole
// shield. Each wallet state has its own colour so the tray tells it at a glance.
enum class IconState
{
    NoWallet,
    Locked,
    Unlocked,
    Attention
};

QIcon appIcon(IconState state);

} // namespace tokenpass::ui
