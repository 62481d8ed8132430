#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tokenpass::server {

// A JSON object written in the order its fields are added. v0.0.8 answers with JavaScript objects,
// whose keys keep insertion order, and clients and tests compare bodies byte for byte (API.md §2);
// QJsonObject sorts its keys, so it cannot write our responses.
class JsonWriter
{
public:
    JsonWriter& add(QStringView key, const QJsonValue& value);
    JsonWriter& add(QStringView key, const JsonWriter& object);
    JsonWriter& add(QStringView key, const QList<JsonWriter>& objects); // an array of objects
    // Adds the field only when `value` is not undefined (JSON.stringify drops undefined fields).
    JsonWriter& addIfDefined(QStringView key, const QJsonValue& value);

    bool isEmpty() const { return m_fieldCount == 0; }
    QByteArray toJson() const; // compact, like JSON.stringify

    // One JSON value (string, number, bool, null, array, object) in compact form.
    static QByteArray encode(const QJsonValue& value);
    // `object` with its keys in `order` first (those present), then the rest alphabetically.
    static JsonWriter fromObject(const QJsonObject& object, const QStringList& order = {});

private:
    JsonWriter& addRaw(QStringView key, const QByteArray& rawJson);

    QByteArray m_body;
    int m_fieldCount = 0;
};

} // namespace tokenpass::server
