#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace tokenpass::server {

// application/x-www-form-urlencoded, parsed strictly (WHATWG URL "urlencoded parser", minus its
// leniency): name=value pairs joined by '&', '+' is a space, %XX must be two hex digits, and
// names and values must be UTF-8. An empty body is an empty form; an empty pair ("a=1&&b=2"),
// a pair without '=' or a bad escape makes the whole body unreadable (nullopt). Repeated names
// keep every value, in order, so callers can refuse them (RFC 6749 §3.1, §3.2).
std::optional<QMap<QString, QStringList>> parseForm(QByteArrayView body);

} // namespace tokenpass::server
