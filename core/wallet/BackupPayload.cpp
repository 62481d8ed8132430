#include "wallet/BackupPayload.h"

#include "crypto/JsonSecret.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tokenpass::wallet {

using crypto::SecureBytes;

namespace {
const QLatin1String kRootPk("rootPk");
const QLatin1String kXprv("xprv");
const QLatin1String kMnemonic("mnemonic");

// A secret member read straight from the JSON text; absent or not a string gives empty bytes.
SecureBytes secretMember(QByteArrayView json, QLatin1String key)
{
    auto field = crypto::JsonSecret::stringField(json, QByteArrayView(key.data(), key.size()));
    return field.status == crypto::JsonSecret::Status::Found ? std::move(field.value) : SecureBytes();
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

SecureBytes jsonString(const SecureBytes& value)
{
    return crypto::JsonSecret::quote(value.view());
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
    using crypto::JsonSecret;
    // QJsonDocument only ever sees the text without the key fields: a QJsonObject keeps what it
    // parsed in a buffer that is freed unwiped.
    const SecureBytes rest = JsonSecret::rewriteMembers(
        json, {QByteArrayView("rootPk"), QByteArrayView("xprv"), QByteArrayView("mnemonic")},
        JsonSecret::Rewrite::Remove);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char*>(rest.data()), qsizetype(rest.size())), &error);
    if (rest.isEmpty() || error.error != QJsonParseError::NoError || !doc.isObject())
        return Result<BackupPayload>::fail(QStringLiteral("The backup does not contain a JSON object"));
    BackupPayload payload;
    payload.rootPkWif = secretMember(json, kRootPk);
    payload.xprv = secretMember(json, kXprv);
    payload.mnemonic = secretMember(json, kMnemonic);
    payload.otherFields = doc.object();
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
