#include "TransactionRequest.h"

#include "crypto/Encoding.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace tokenpass::server {

namespace {

using tx::RefusalCode;

tx::Refusal malformed(const QString& why)
{
    return tx::refuse(RefusalCode::MalformedTx, why);
}

// A JSON number that is a whole number in [0, max], or nullopt.
std::optional<qint64> wholeNumber(const QJsonValue& value, double max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > max || std::floor(d) != d)
        return std::nullopt;
    return qint64(d);
}

// An amount: a whole JSON number, or a decimal string (for values a double cannot hold exactly).
std::optional<std::uint64_t> amount(const QJsonValue& value, bool* outOfRange)
{
    if (value.isString()) {
        const QString text = value.toString();
        const bool negative = text.startsWith(QLatin1Char('-'));
        const QStringView digits = negative ? QStringView(text).mid(1) : QStringView(text);
        const bool allDigits = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) {
            return c >= QLatin1Char('0') && c <= QLatin1Char('9');
        });
        if (!allDigits)
            return std::nullopt;
        bool ok = false;
        const qulonglong v = digits.toULongLong(&ok);
        if (negative || !ok || v > tx::kMaxMoney) {
            *outOfRange = true;
            return std::nullopt;
        }
        return std::uint64_t(v);
    }
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        return std::nullopt;
    if (d < 0 || d > double(tx::kMaxMoney)) {
        *outOfRange = true;
        return std::nullopt;
    }
    return std::uint64_t(d);
}

tx::Checked<tx::ClaimedSourceOutput> readClaim(const QJsonValue& item, qsizetype index)
{
    const QString where = QStringLiteral("sourceOutputs[%1]").arg(index);
    if (!item.isObject())
        return malformed(QStringLiteral("%1 must be an object.").arg(where));
    const QJsonObject o = item.toObject();
    const QJsonValue vout = o.value(QStringLiteral("vout"));
    const auto voutNumber = wholeNumber(vout, double(std::numeric_limits<std::uint32_t>::max()));
    if (!voutNumber)
        return malformed(QStringLiteral("%1.vout must be a whole number from 0 to 4294967295.").arg(where));
    const auto outpoint =
        tx::Outpoint::fromDisplayHex(o.value(QStringLiteral("txid")).toString(), std::uint32_t(*voutNumber));
    if (!outpoint)
        return malformed(QStringLiteral("%1.txid must be 64 hex digits.").arg(where));
    QJsonValue satoshis = o.value(QStringLiteral("satoshis"));
    if (satoshis.isUndefined())
        satoshis = o.value(QStringLiteral("amount")); // bsv-mcp
    bool outOfRange = false;
    const auto value = amount(satoshis, &outOfRange);
    if (!value)
        return outOfRange
                   ? tx::refuse(RefusalCode::ValueOutOfRange,
                                QStringLiteral("%1.satoshis is outside 0 to 21,000,000 BSV.").arg(where))
                   : malformed(QStringLiteral("%1.satoshis must be a whole number.").arg(where));
    QJsonValue script = o.value(QStringLiteral("lockingScript"));
    if (script.isUndefined())
        script = o.value(QStringLiteral("scriptPubKey")); // bsv-mcp
    const auto scriptBytes = script.isString() ? crypto::fromHex(script.toString()) : std::nullopt;
    if (!scriptBytes)
        return malformed(QStringLiteral("%1.lockingScript must be hex.").arg(where));
    return tx::ClaimedSourceOutput{*outpoint, *value, *scriptBytes};
}

} // namespace

tx::Checked<TransactionRequest> TransactionRequest::read(const QJsonObject& body)
{
    TransactionRequest r;
    const QJsonValue txValue = body.value(QStringLiteral("tx"));
    if (!txValue.isString() || txValue.toString().isEmpty())
        return malformed(QStringLiteral("The request has no transaction: send its hex in \"tx\"."));
    r.txHex = txValue.toString();

    const QJsonValue format = body.value(QStringLiteral("format"));
    if (!format.isUndefined()) {
        const auto parsed = format.isString() ? tx::inputFormatFromName(format.toString()) : std::nullopt;
        if (!parsed)
            return malformed(QStringLiteral("\"format\" must be \"ef\", \"beef\" or \"raw\"."));
        r.format = *parsed;
    }

    const QJsonValue sources = body.value(QStringLiteral("sourceOutputs"));
    if (!sources.isUndefined()) {
        if (!sources.isArray())
            return malformed(QStringLiteral("\"sourceOutputs\" must be a list."));
        const QJsonArray list = sources.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto claim = readClaim(list.at(i), i);
            if (!claim)
                return claim.refusal();
            r.claims.append(std::move(claim.value()));
        }
    }

    const QJsonValue sighash = body.value(QStringLiteral("sighash"));
    if (!sighash.isUndefined()) {
        if (!sighash.isObject())
            return malformed(QStringLiteral("\"sighash\" must map input indexes to flags."));
        const QJsonObject flags = sighash.toObject();
        for (auto it = flags.begin(); it != flags.end(); ++it) {
            bool ok = false;
            const qint64 index = it.key().toLongLong(&ok);
            if (!ok || index < 0 || it.key() != QString::number(index))
                return malformed(
                    QStringLiteral("\"sighash\" key \"%1\" is not an input index.").arg(it.key()));
            const auto flag = wholeNumber(it.value(), double(std::numeric_limits<std::uint32_t>::max()));
            if (!flag)
                return tx::refuse(
                    RefusalCode::BadSighash,
                    QStringLiteral("The signature type for input %1 is not a valid flag.").arg(index));
            r.choices.sighash.append({index, *flag});
        }
    }

    const QJsonValue inputs = body.value(QStringLiteral("inputs"));
    if (!inputs.isUndefined()) {
        if (!inputs.isArray())
            return malformed(QStringLiteral("\"inputs\" must be a list of input indexes."));
        QList<qint64> indexes;
        for (const QJsonValue& item : inputs.toArray()) {
            const auto index = wholeNumber(item, double(std::numeric_limits<std::uint32_t>::max()));
            if (!index)
                return malformed(QStringLiteral("\"inputs\" must be a list of input indexes."));
            indexes.append(*index);
        }
        r.choices.inputs = indexes;
    }

    const QJsonValue keyType = body.value(QStringLiteral("keyType"));
    if (!keyType.isUndefined() && keyType != QJsonValue(QStringLiteral("payment")))
        return tx::refuse(
            RefusalCode::InputNotOwned,
            QStringLiteral("Only the site's payment key can sign; \"keyType\" must be \"payment\"."));

    const QJsonValue description = body.value(QStringLiteral("description"));
    if (!description.isUndefined() && !description.isString())
        return malformed(QStringLiteral("\"description\" must be text."));
    r.description = description.toString().left(kMaxDescriptionChars);
    r.passwordGiven = body.contains(QStringLiteral("password"));
    return r;
}

} // namespace tokenpass::server
