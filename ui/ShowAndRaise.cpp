#include "ShowAndRaise.h"

#include <QWidget>

namespace tokenpass::ui {

void showAndRaise(QWidget* window)
{
    if (!window)
        return;
    if (window->isMinimized())
        window->showNormal();
    else
        window->show();
    window->raise();
    window->activateWindow();
}

} // namespace tokenpass::ui
