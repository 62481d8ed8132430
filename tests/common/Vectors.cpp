#include "common/Vectors.h"

#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace tokenpass::test {

namespace {
QMutex g_countMutex;
// Deliberately never destroyed: printCounts runs from atexit, after static destructors may have
// run, so the table must outlive them.
QMap<QString, int>& counts()
{
    static auto* c = new QMap<QString, int>;
    return *c;
}

void printCounts()
{
    QMutexLocker lock(&g_countMutex);
    if (counts().isEmpty())
        return;
    std::printf("\nReference vectors run, by category:\n");
    for (auto it = counts().cbegin(); it != counts().cend(); ++it)
        std::printf("  %-32s %5d\n", qPrintable(it.key()), it.value());
}
} // namespace

QString vectorsPath(const QString& fileName)
{
    return QStringLiteral(TOKENPASS_VECTORS_DIR "/") + fileName;
}

const QJsonObject& vectors()
{
    static const QJsonObject root = [] {
        QFile f(vectorsPath(QStringLiteral("vectors.json")));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot open %s\n", qPrintable(f.fileName()));
            std::abort();
        }
        QJsonParseError err{};
        const auto doc = QJsonDocument::fromJson(f.readAll(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            std::fprintf(stderr, "cannot parse %s: %s\n", qPrintable(f.fileName()),
                         qPrintable(err.errorString()));
            std::abort();
        }
        std::atexit(printCounts);
        return doc.object();
    }();
    return root;
}

QJsonValue vectorAt(const QString& dottedPath)
{
    QJsonValue v = vectors();
    for (const QString& part : dottedPath.split(QLatin1Char('.')))
        v = v.toObject().value(part);
    return v;
}

QJsonArray vectorArray(const QString& dottedPath)
{
    const QJsonValue v = vectorAt(dottedPath);
    EXPECT_TRUE(v.isArray()) << "vector category " << qPrintable(dottedPath) << " is not an array";
    EXPECT_FALSE(v.toArray().isEmpty()) << "vector category " << qPrintable(dottedPath) << " is empty";
    return v.toArray();
}

QByteArray hexField(const QJsonObject& o, const QString& key)
{
    const QString text = o.value(key).toString();
    const QByteArray bytes = QByteArray::fromHex(text.toLatin1());
    EXPECT_EQ(bytes.size() * 2, text.size()) << "field " << qPrintable(key) << " is not clean hex";
    return bytes;
}

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject obj(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toObject();
}

crypto::PrivateKey priv(const QJsonObject& o, const char* key)
{
    auto k = crypto::PrivateKey::fromHex(str(o, key));
    EXPECT_TRUE(k) << key << ": " << qPrintable(k.error());
    return k ? std::move(k).value() : crypto::PrivateKey::generate();
}

crypto::PublicKey pub(const QJsonObject& o, const char* key)
{
    auto k = crypto::PublicKey::fromHex(str(o, key));
    EXPECT_TRUE(k) << key << ": " << qPrintable(k.error());
    return k ? std::move(k).value() : crypto::PublicKey::generator();
}

void countVector(const QString& category, int n)
{
    QMutexLocker lock(&g_countMutex);
    counts()[category] += n;
}

} // namespace tokenpass::test
