#include "TxVectorSupport.h"

#include "common/Vectors.h"

#include <QFile>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace tokenpass::test::txv {

const QJsonObject& root()
{
    static const QJsonObject r = [] {
        QFile f(vectorsPath(QStringLiteral("tx-vectors.json")));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(f.fileName()));
            std::abort();
        }
        const auto doc = QJsonDocument::fromJson(f.readAll());
        if (!doc.isObject()) {
            std::fprintf(stderr, "cannot parse %s\n", qPrintable(f.fileName()));
            std::abort();
        }
        return doc.object();
    }();
    return r;
}

QJsonArray cases()
{
    return root().value(QStringLiteral("cases")).toArray();
}

QJsonArray refusals()
{
    return root().value(QStringLiteral("refuse")).toArray();
}

std::vector<const crypto::PrivateKey*> Wallet::keyPointers() const
{
    std::vector<const crypto::PrivateKey*> out;
    for (const auto& k : privateKeys)
        out.push_back(&k);
    return out;
}

const Wallet& wallet()
{
    static const Wallet w = [] {
        Wallet made;
        QList<crypto::PublicKey> pubs;
        const QJsonObject keys = root().value(QStringLiteral("keys")).toObject();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            const QJsonObject k = it.value().toObject();
            if (!k.value(QStringLiteral("owned")).toBool())
                continue;
            made.privateKeys.push_back(priv(k, "privateKey"));
            pubs.append(made.privateKeys.back().publicKey());
            EXPECT_EQ(pubs.back().toHex(), str(k, "publicKey"));
        }
        made.owned = tx::OwnedKeys(pubs);
        return made;
    }();
    return w;
}

QByteArray hex(const QJsonValue& v)
{
    const QString text = v.toString();
    const QByteArray bytes = QByteArray::fromHex(text.toLatin1());
    EXPECT_EQ(bytes.size() * 2, text.size()) << "not clean hex: " << qPrintable(text.left(40));
    return bytes;
}

tx::InputFormat format(const QJsonObject& request)
{
    const auto f = tx::inputFormatFromName(request.value(QStringLiteral("format")).toString());
    EXPECT_TRUE(f.has_value());
    return f.value_or(tx::InputFormat::Auto);
}

tx::SignRequest signRequest(const QJsonObject& request)
{
    tx::SignRequest r;
    const QJsonObject flags = request.value(QStringLiteral("sighash")).toObject();
    for (auto it = flags.begin(); it != flags.end(); ++it)
        r.sighash.append({it.key().toLongLong(), qint64(it.value().toDouble())});
    return r;
}

QList<tx::ClaimedSourceOutput> claims(const QJsonObject& request)
{
    QList<tx::ClaimedSourceOutput> out;
    for (const QJsonValue& v : request.value(QStringLiteral("sourceOutputs")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto outpoint =
            tx::Outpoint::fromDisplayHex(o.value(QStringLiteral("txid")).toString(),
                                         std::uint32_t(o.value(QStringLiteral("vout")).toInteger()));
        EXPECT_TRUE(outpoint.has_value());
        out.append({outpoint.value_or(tx::Outpoint{}),
                    std::uint64_t(o.value(QStringLiteral("satoshis")).toInteger()),
                    hex(o.value(QStringLiteral("lockingScript")))});
    }
    return out;
}

tx::Policy permissivePolicy()
{
    tx::Policy p;
    p.feeCapSatoshis = tx::kMaxMoney;
    p.allowNoOutputCommitment = true;
    return p;
}

tx::Checked<tx::SigningPlan> plan(const QJsonObject& request, const tx::Policy& policy)
{
    auto parsed =
        tx::parseHex(request.value(QStringLiteral("tx")).toString(), format(request), claims(request));
    if (!parsed)
        return parsed.refusal();
    return tx::checkSafety(std::move(parsed).value(), wallet().owned, signRequest(request), policy);
}

} // namespace tokenpass::test::txv
