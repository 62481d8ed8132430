#include "SecretFields.h"

#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace tokenpass::ui {

namespace {
// Deliberately writes through a shared QString buffer instead of detaching from it.
void overwriteShared(const QString& shown)
{
    if (shown.isEmpty())
        return;
    auto* chars = const_cast<QChar*>(shown.constData());
    std::fill(chars, chars + shown.size(), QChar(u'\0'));
}
} // namespace

crypto::SecureBytes takePassword(QLineEdit* field)
{
    QByteArray utf8 = field->text().toUtf8();
    wipeField(field);
    return crypto::SecureBytes::takeFrom(utf8);
}

void wipeField(QLineEdit* field)
{
    overwriteShared(field->text());
    field->clear();
}

void wipeLabel(QLabel* label)
{
    overwriteShared(label->text());
    label->clear();
}

} // namespace tokenpass::ui
