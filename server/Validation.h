#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace tokenpass::server {

// Body checks with zod 4's wording (API.md §1.6): the first failing field's message is the answer.
// Unknown keys are ignored, as zod drops them. Each call records only the first error.
class Validation
{
public:
    explicit Validation(const QJsonObject& body) : m_body(body) {}

    // z.string().min(1, emptyMessage): absent or wrong type -> "Invalid input: expected string,
    // received <type>"; "" -> emptyMessage.
    QString requiredString(const QString& key, const QString& emptyMessage);
    // z.string().optional(): absent -> nullopt; wrong type -> error.
    std::optional<QString> optionalString(const QString& key);
    // .max(n) on a string already read.
    void maxLength(const std::optional<QString>& value, int max);
    // z.email() / z.url() on optional strings.
    void email(const std::optional<QString>& value);
    void url(const std::optional<QString>& value);

    void fail(const QString& message);
    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    // JS typeof-like name zod uses: undefined, null, boolean, number, string, array, object.
    static QString typeName(const QJsonValue& value);
    static QString expected(const QString& type, const QJsonValue& got);
    static bool isHex(QStringView text); // non-empty, even-insensitive [0-9a-fA-F]*

private:
    const QJsonObject& m_body;
    QString m_error;
};

} // namespace tokenpass::server
