#include "SecretFields.h"

#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace tokenpass::ui {

crypto::SecureBytes takePassword(QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    field->clear();
    return crypto::SecureBytes::takeFrom(utf8);
}

void wipeLabel(QLabel* label)
{
    const QString shown = label->text();
    if (!shown.isEmpty()) {
        // Deliberately writes through the shared buffer instead of detaching from it.
        auto* chars = const_cast<QChar*>(shown.constData());
        std::fill(chars, chars + shown.size(), QChar(u'\0'));
    }
    label->clear();
}

} // namespace tokenpass::ui
