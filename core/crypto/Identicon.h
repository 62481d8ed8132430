#pragma once

#include <QByteArray>
#include <QStringView>

#include <cstdint>

namespace tokenpass::crypto {

// The security-image identicon served at /api/auth/icon: the minidenticons algorithm, byte for
// byte (API.md §5.8 and the sample values in §12). Not cryptographic: it only lets a person
// recognise their own wallet at a glance.
class Identicon
{
public:
    // minidenticons simpleHash over the UTF-16 code units of the input (JS ^, * and >>> semantics).
    static std::uint32_t hash(QStringView input);

    // The SVG document as UTF-8 bytes. An empty input yields an SVG without any rects.
    static QByteArray svg(QStringView input);
};

} // namespace tokenpass::crypto
