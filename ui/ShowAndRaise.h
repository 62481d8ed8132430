#pragma once

class QWidget;

namespace tokenpass::ui {

// Brings a top-level window to the person (DESIGN.md: windows opened from the tray and approval
// dialogs are raised and activated): shown, restored if minimised, raised and given focus. Asking
// again for a window that is already open brings the same window forward.
void showAndRaise(QWidget* window);

} // namespace tokenpass::ui
