#include "JsonWriter.h"

#include <QJsonDocument>

namespace tokenpass::server {

QByteArray JsonWriter::encode(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Scalars: serialise a one-element array and strip the brackets, so escaping and number
    // formatting are Qt's (which match JSON.stringify for the values we send).
    QByteArray wrapped =
        QJsonDocument(QJsonArray{value.isUndefined() ? QJsonValue() : value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

JsonWriter& JsonWriter::addRaw(QStringView key, const QByteArray& rawJson)
{
    if (m_fieldCount++ > 0)
        m_body += ',';
    m_body += encode(QJsonValue(key.toString()));
    m_body += ':';
    m_body += rawJson;
    return *this;
}

JsonWriter& JsonWriter::add(QStringView key, const QJsonValue& value)
{
    return addRaw(key, encode(value));
}

JsonWriter& JsonWriter::add(QStringView key, const JsonWriter& object)
{
    return addRaw(key, object.toJson());
}

JsonWriter& JsonWriter::add(QStringView key, const QList<JsonWriter>& objects)
{
    QByteArray array = "[";
    for (qsizetype i = 0; i < objects.size(); ++i) {
        if (i > 0)
            array += ',';
        array += objects.at(i).toJson();
    }
    array += ']';
    return addRaw(key, array);
}

JsonWriter& JsonWriter::addIfDefined(QStringView key, const QJsonValue& value)
{
    if (!value.isUndefined())
        add(key, value);
    return *this;
}

QByteArray JsonWriter::toJson() const
{
    return '{' + m_body + '}';
}

JsonWriter JsonWriter::fromObject(const QJsonObject& object, const QStringList& order)
{
    JsonWriter out;
    for (const QString& key : order) {
        if (object.contains(key))
            out.add(key, object.value(key));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!order.contains(it.key()))
            out.add(it.key(), it.value());
    }
    return out;
}

} // namespace tokenpass::server
