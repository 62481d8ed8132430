// The /api/auth/icon identicon against the exact bytes in API.md §12.
#include "crypto/Identicon.h"

#include <QString>

#include <gtest/gtest.h>

#include <bit>

using tokenpass::crypto::Identicon;

namespace {
QByteArray rect(int x, int y)
{
    return "<rect x=\"" + QByteArray::number(x) + "\" y=\"" + QByteArray::number(y) +
           "\" width=\"1\" height=\"1\"/>";
}
} // namespace

TEST(IdenticonTest, AnonMatchesThePrerenderedIcon)
{
    EXPECT_EQ(Identicon::hash(u"Anon"), 10183u);
    const QByteArray expected =
        "<svg viewBox=\"-1.5 -1.5 8 8\" xmlns=\"http://www.w3.org/2000/svg\" fill=\"hsl(160 95% 45%)\">"
        "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\"/><rect x=\"0\" y=\"1\" width=\"1\" height=\"1\"/>"
        "<rect x=\"0\" y=\"2\" width=\"1\" height=\"1\"/><rect x=\"1\" y=\"1\" width=\"1\" height=\"1\"/>"
        "<rect x=\"1\" y=\"2\" width=\"1\" height=\"1\"/><rect x=\"1\" y=\"3\" width=\"1\" height=\"1\"/>"
        "<rect x=\"1\" y=\"4\" width=\"1\" height=\"1\"/><rect x=\"2\" y=\"0\" width=\"1\" height=\"1\"/>"
        "<rect x=\"2\" y=\"3\" width=\"1\" height=\"1\"/><rect x=\"4\" y=\"0\" width=\"1\" height=\"1\"/>"
        "<rect x=\"4\" y=\"1\" width=\"1\" height=\"1\"/><rect x=\"4\" y=\"2\" width=\"1\" height=\"1\"/>"
        "<rect x=\"3\" y=\"1\" width=\"1\" height=\"1\"/><rect x=\"3\" y=\"2\" width=\"1\" height=\"1\"/>"
        "<rect x=\"3\" y=\"3\" width=\"1\" height=\"1\"/><rect x=\"3\" y=\"4\" width=\"1\" "
        "height=\"1\"/></svg>";
    EXPECT_EQ(Identicon::svg(u"Anon"), expected);
}

TEST(IdenticonTest, LocalhostHostPubMatchesSample)
{
    const QString pub = QStringLiteral("0283168e7fac7bb1acb8e2fff16c5fd76e37fb0e5d888c28dfb328fd4b8ec7f6cd");
    EXPECT_EQ(Identicon::hash(pub), 896105567u);
    QByteArray expected =
        "<svg viewBox=\"-1.5 -1.5 8 8\" xmlns=\"http://www.w3.org/2000/svg\" fill=\"hsl(80 95% 45%)\">";
    const int cells[][2] = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 1}, {2, 0}, {2, 1}, {2, 2},
                            {2, 3}, {2, 4}, {4, 0}, {4, 1}, {4, 2}, {4, 3}, {4, 4}, {3, 1}};
    for (const auto& c : cells)
        expected += rect(c[0], c[1]);
    expected += "</svg>";
    EXPECT_EQ(Identicon::svg(pub), expected);
}

TEST(IdenticonTest, EmptyInputHasNoRects)
{
    EXPECT_EQ(Identicon::hash(u""), 1u); // 5 >>> 2
    EXPECT_EQ(Identicon::svg(u""),
              QByteArray("<svg viewBox=\"-1.5 -1.5 8 8\" xmlns=\"http://www.w3.org/2000/svg\" "
                         "fill=\"hsl(40 95% 45%)\"></svg>"));
}

TEST(IdenticonTest, HashUsesUtf16CodeUnitsAndWraps)
{
    // Astral characters are two UTF-16 units in JS; long inputs wrap through int32 many times.
    // Values computed with the JS expression in API.md §5.8.
    EXPECT_EQ(Identicon::hash(u"\U0001F680"), 401790u);
    EXPECT_EQ(Identicon::hash(u"localhost"), 1016226536u);
    const QString longInput(10000, QLatin1Char('z'));
    EXPECT_EQ(Identicon::hash(longInput), 567501825u);
    EXPECT_EQ(Identicon::svg(longInput).count("<rect"),
              qsizetype(std::popcount(Identicon::hash(longInput) & 0x7fff) +
                        std::popcount(Identicon::hash(longInput) & 0x3ff)));
}
