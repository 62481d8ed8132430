#pragma once

#include "crypto/SecureBytes.h"

class QLabel;
class QLineEdit;

namespace tokenpass::ui {

// DESIGN.md security rule 2: a typed password goes into a SecureBytes at once and the field is
// emptied, its own buffer overwritten first (wipeField).
crypto::SecureBytes takePassword(QLineEdit* field);

// Overwrites the text a line edit holds, then clears it. QLineEdit::text() shares the edit's own
// buffer (no input mask is set on our fields), so writing through it reaches the copy the field
// keeps; clear() alone would free that buffer unwiped (issue 20). Qt's per-keystroke copies
// (key events, the undo history of single characters, buffers outgrown while typing) stay out
// of reach.
void wipeField(QLineEdit* field);

// Overwrites the characters a plain-text label shows, then clears it. QLabel::text() shares the
// label's own buffer, so writing through it reaches the copy the label keeps (best effort: Qt
// may have drawn the text into caches we cannot reach).
void wipeLabel(QLabel* label);

} // namespace tokenpass::ui
