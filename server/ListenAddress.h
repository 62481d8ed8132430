#pragma once

#include "Result.h"

#include <QString>
#include <QtGlobal>

namespace tokenpass::server {

inline constexpr quint16 kDefaultPort = 21000;

// The port to listen on (API.md decision 1): the --port value, else $TOKENPASS_PORT, else 21000.
// 0 means "any free port" and is meant for tests. Anything that is not a whole number in
// 0..65535 is an error that names where the bad value came from.
Result<quint16> resolvePort(const QString& commandLineValue);

} // namespace tokenpass::server
