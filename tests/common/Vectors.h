#pragma once

#include "crypto/Keys.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tokenpass::test {

// The reference vectors (../shared/vectors/vectors.json), parsed once per process.
const QJsonObject& vectors();

// A category by dotted path, e.g. "bsm" or "brc42.generated" or "tokenpass.accounts".
QJsonValue vectorAt(const QString& dottedPath);
// Same, but the category must be a non-empty array; the test fails otherwise.
QJsonArray vectorArray(const QString& dottedPath);

// Field helpers that fail the current test on malformed input.
QByteArray hexField(const QJsonObject& o, const QString& key);
QString str(const QJsonObject& o, const char* key);
QJsonObject obj(const QJsonObject& o, const char* key);
crypto::PrivateKey priv(const QJsonObject& o, const char* key); // 64 hex chars
crypto::PublicKey pub(const QJsonObject& o, const char* key);   // SEC1 hex

// Counts how many vectors of each category ran; TestMain prints the table at exit.
void countVector(const QString& category, int n = 1);

// Path of a file under the vectors folder.
QString vectorsPath(const QString& fileName);

} // namespace tokenpass::test
