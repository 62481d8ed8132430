#pragma once

#include "crypto/SecureBytes.h"

class QLabel;
class QLineEdit;

namespace tokenpass::ui {

// DESIGN.md security rule 2: a typed password goes into a SecureBytes at once and the field is
// emptied.
crypto::SecureBytes takePassword(QLineEdit* field);

// Overwrites the characters a plain-text label shows, then clears it. QLabel::text() shares the
// label's own buffer, so writing through it reaches the copy the label keeps (best effort: Qt
// may have drawn the text into caches we cannot reach).
void wipeLabel(QLabel* label);

} // namespace tokenpass::ui
