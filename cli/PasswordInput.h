#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace tokenpass::cli {

// The wallet password for `tokenpass unlock`: never an argument (it would be in `ps` and the
// shell history). From `passwordFile` when given (its first line), else typed on the terminal
// with echo off. Without a terminal and without a file it fails: the caller says how to give one.
Result<QByteArray> readPassword(const QString& passwordFile, const QString& prompt);

// Overwrites the bytes before they are freed.
void wipe(QByteArray& secret);

} // namespace tokenpass::cli
