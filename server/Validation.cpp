#include "Validation.h"

#include <QRegularExpression>
#include <QUrl>

namespace tokenpass::server {

QString Validation::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

QString Validation::expected(const QString& type, const QJsonValue& got)
{
    return QStringLiteral("Invalid input: expected %1, received %2").arg(type, typeName(got));
}

bool Validation::isHex(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return false;
    }
    return true;
}

void Validation::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QString Validation::requiredString(const QString& key, const QString& emptyMessage)
{
    const QJsonValue v = m_body.value(key);
    if (!v.isString()) {
        fail(expected(QStringLiteral("string"), v));
        return QString();
    }
    const QString s = v.toString();
    if (s.isEmpty())
        fail(emptyMessage);
    return s;
}

std::optional<QString> Validation::optionalString(const QString& key)
{
    const QJsonValue v = m_body.value(key);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isString()) {
        fail(expected(QStringLiteral("string"), v));
        return std::nullopt;
    }
    return v.toString();
}

void Validation::maxLength(const std::optional<QString>& value, int max)
{
    if (value && value->size() > max)
        fail(QStringLiteral("Too big: expected string to have <=%1 characters").arg(max));
}

void Validation::email(const std::optional<QString>& value)
{
    // zod 4's default email pattern, reduced to what matters: local@domain.tld, no spaces.
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+\-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$)"));
    if (value && !pattern.match(*value).hasMatch())
        fail(QStringLiteral("Invalid email address"));
}

void Validation::url(const std::optional<QString>& value)
{
    // WHATWG new URL() accepts any absolute URL, data: included (§1.6).
    if (!value)
        return;
    const QUrl u(*value, QUrl::StrictMode);
    if (!u.isValid() || u.scheme().isEmpty())
        fail(QStringLiteral("Invalid URL"));
}

} // namespace tokenpass::server
