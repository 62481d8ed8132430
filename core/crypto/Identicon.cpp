#include "crypto/Identicon.h"

namespace tokenpass::crypto {

namespace {
constexpr int kColors = 9; // hue = (hash % 9) * 40
constexpr int kSaturation = 95;
constexpr int kLightness = 45;
} // namespace

std::uint32_t Identicon::hash(QStringView input)
{
    // JS: s.split('').reduce((h, c) => (h ^ c.charCodeAt(0)) * -5, 5) >>> 2.
    // `^` first truncates h to int32; the product stays exact in a double, so int64 suffices.
    std::int64_t h = 5;
    for (const QChar c : input) {
        const auto h32 = std::int32_t(std::uint32_t(std::uint64_t(h)));
        h = std::int64_t(h32 ^ std::int32_t(c.unicode())) * -5;
    }
    return std::uint32_t(std::uint64_t(h)) >> 2;
}

QByteArray Identicon::svg(QStringView input)
{
    const std::uint32_t h = hash(input);
    QByteArray out = "<svg viewBox=\"-1.5 -1.5 8 8\" xmlns=\"http://www.w3.org/2000/svg\" fill=\"hsl(";
    out += QByteArray::number((h % kColors) * (360 / kColors));
    out += ' ';
    out += QByteArray::number(kSaturation);
    out += "% ";
    out += QByteArray::number(kLightness);
    out += "%)\">";
    const int cells = input.isEmpty() ? 0 : 25;
    for (int i = 0; i < cells; ++i) {
        if (!(h & (1u << (i % 15))))
            continue;
        // Columns 0-2 come from i < 15; the right two columns mirror columns 1 and 0.
        const int x = i > 14 ? 7 - i / 5 : i / 5;
        out += "<rect x=\"" + QByteArray::number(x) + "\" y=\"" + QByteArray::number(i % 5) +
               "\" width=\"1\" height=\"1\"/>";
    }
    out += "</svg>";
    return out;
}

} // namespace tokenpass::crypto
