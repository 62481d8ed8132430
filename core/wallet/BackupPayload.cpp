#include "wallet/BackupPayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstdio>

namespace tokenpass::wallet {

using crypto::SecureBytes;

namespace {
const QLatin1String kRootPk("rootPk");
const QLatin1String kXprv("xprv");
const QLatin1String kMnemonic("mnemonic");

// Moves a string field out of the object into SecureBytes, wiping the temporary copy.
SecureBytes takeSecret(QJsonObject& object, QLatin1String key)
{
    QByteArray utf8 = object.take(key).toString().toUtf8();
    return SecureBytes::takeFrom(utf8);
}

// Appends `"key":<json string>` to out; the value is escaped by QJsonDocument.
void appendMember(SecureBytes& out, QLatin1String key, QByteArrayView jsonValue)
{
    if (out.size() > 1)
        out.append(",");
    out.append("\"");
    out.append(QByteArrayView(key.data(), key.size()));
    out.append("\":");
    out.append(jsonValue);
}

// JSON string literal for a secret, built without QJsonDocument so the only copies are wiped.
SecureBytes jsonString(const SecureBytes& value)
{
    SecureBytes out;
    out.append("\"");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = char(value[i]);
        if (c == '"' || c == '\\') {
            const char escaped[2] = {'\\', c};
            out.append(QByteArrayView(escaped, 2));
        } else if (uchar(c) < 0x20) {
            char escaped[7];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uchar(c)));
            out.append(QByteArrayView(escaped, 6));
        } else {
            out.append(QByteArrayView(&c, 1));
        }
    }
    out.append("\"");
    return out;
}

QByteArray jsonValue(const QJsonValue& value)
{
    // QJsonDocument only serialises arrays and objects: wrap, then strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}
} // namespace

Result<BackupPayload> BackupPayload::parse(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Result<BackupPayload>::fail(QStringLiteral("The backup does not contain a JSON object"));
    QJsonObject object = doc.object();
    BackupPayload payload;
    payload.rootPkWif = takeSecret(object, kRootPk);
    payload.xprv = takeSecret(object, kXprv);
    payload.mnemonic = takeSecret(object, kMnemonic);
    payload.otherFields = object;
    if (payload.rootPkWif.isEmpty() && payload.xprv.isEmpty())
        return Result<BackupPayload>::fail(QStringLiteral("The backup holds no wallet key (rootPk or xprv)"));
    return Result<BackupPayload>::ok(std::move(payload));
}

SecureBytes BackupPayload::toJson() const
{
    SecureBytes out;
    out.append("{");
    const QLatin1String ordered[] = {QLatin1String("ids")};
    for (QLatin1String key : ordered) {
        if (otherFields.contains(key))
            appendMember(out, key, jsonValue(otherFields.value(key)));
    }
    if (!rootPkWif.isEmpty())
        appendMember(out, kRootPk, jsonString(rootPkWif).view());
    if (!xprv.isEmpty())
        appendMember(out, kXprv, jsonString(xprv).view());
    if (!mnemonic.isEmpty())
        appendMember(out, kMnemonic, jsonString(mnemonic).view());
    for (QLatin1String key : {QLatin1String("label"), QLatin1String("createdAt")}) {
        if (otherFields.contains(key))
            appendMember(out, key, jsonValue(otherFields.value(key)));
    }
    for (auto it = otherFields.constBegin(); it != otherFields.constEnd(); ++it) {
        const QString& key = it.key();
        if (key == QLatin1String("ids") || key == QLatin1String("label") || key == QLatin1String("createdAt"))
            continue;
        const QByteArray keyUtf8 = jsonValue(key); // quoted and escaped
        if (out.size() > 1)
            out.append(",");
        out.append(keyUtf8);
        out.append(":");
        out.append(jsonValue(it.value()));
    }
    out.append("}");
    return out;
}

BackupPayload BackupPayload::clone() const
{
    BackupPayload copy;
    copy.rootPkWif = rootPkWif.clone();
    copy.xprv = xprv.clone();
    copy.mnemonic = mnemonic.clone();
    copy.otherFields = otherFields;
    return copy;
}

} // namespace tokenpass::wallet
