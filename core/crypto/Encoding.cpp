#include "crypto/Encoding.h"

#include "crypto/Hash.h"
#include "crypto/Secp256k1Context.h"

#include <openssl/crypto.h>

#include <cstring>
#include <vector>

namespace tokenpass::crypto {

namespace {

constexpr char kBase58Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kWifMainnet = 0x80;
constexpr std::uint8_t kWifTestnet = 0xef;

// Base58 is quadratic in the input length; nothing TokenPass decodes (addresses, WIFs, extended
// keys) comes near this, and the cap keeps hostile input from costing seconds of CPU.
constexpr qsizetype kMaxBase58Length = 4096;

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

int base58Value(char16_t c)
{
    if (c >= 128)
        return -1;
    const char* p = std::strchr(kBase58Alphabet, char(c));
    return (p && c) ? int(p - kBase58Alphabet) : -1;
}

int base64Value(char16_t c)
{
    if (c >= 128 || c == 0)
        return -1;
    const char* p = std::strchr(kBase64Alphabet, char(c));
    return p ? int(p - kBase64Alphabet) : -1;
}

template <typename Char> std::optional<QByteArray> decodeHex(const Char* text, qsizetype size)
{
    if (size % 2 != 0)
        return std::nullopt;
    QByteArray out(size / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; i += 2) {
        const int hi = hexValue(char16_t(text[i]));
        const int lo = hexValue(char16_t(text[i + 1]));
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i / 2] = char((hi << 4) | lo);
    }
    return out;
}

// Encodes raw bytes; the working buffer is wiped because WIFs pass through here.
QString base58EncodeRaw(const std::uint8_t* data, std::size_t size)
{
    std::size_t zeros = 0;
    while (zeros < size && data[zeros] == 0)
        ++zeros;
    // log(256)/log(58) < 1.38
    std::vector<std::uint8_t> digits((size - zeros) * 138 / 100 + 1, 0);
    std::size_t length = 0;
    for (std::size_t i = zeros; i < size; ++i) {
        unsigned carry = data[i];
        std::size_t j = 0;
        for (auto it = digits.rbegin(); (carry != 0 || j < length) && it != digits.rend(); ++it, ++j) {
            carry += 256u * *it;
            *it = std::uint8_t(carry % 58);
            carry /= 58;
        }
        length = j;
    }
    std::size_t first = digits.size() - length;
    while (first < digits.size() && digits[first] == 0)
        ++first;
    QString out(qsizetype(zeros), QLatin1Char('1'));
    out.reserve(qsizetype(zeros + digits.size() - first));
    for (std::size_t i = first; i < digits.size(); ++i)
        out.append(QLatin1Char(kBase58Alphabet[digits[i]]));
    OPENSSL_cleanse(digits.data(), digits.size());
    return out;
}

// Decodes into a SecureBytes so that WIF decoding leaves no copy of the key behind.
std::optional<SecureBytes> base58DecodeRaw(QStringView text)
{
    if (text.size() > kMaxBase58Length)
        return std::nullopt;
    qsizetype ones = 0;
    while (ones < text.size() && text[ones] == QLatin1Char('1'))
        ++ones;
    // log(58)/log(256) < 0.733
    SecureBytes b256(std::size_t((text.size() - ones) * 733 / 1000 + 1));
    std::size_t length = 0;
    for (qsizetype i = ones; i < text.size(); ++i) {
        const int value = base58Value(text[i].unicode());
        if (value < 0)
            return std::nullopt;
        unsigned carry = unsigned(value);
        std::size_t j = 0;
        for (std::size_t k = b256.size(); (carry != 0 || j < length) && k > 0; --k, ++j) {
            carry += 58u * b256[k - 1];
            b256[k - 1] = std::uint8_t(carry & 0xff);
            carry >>= 8;
        }
        length = j;
    }
    SecureBytes out(std::size_t(ones) + length);
    if (length)
        std::memcpy(out.data() + ones, b256.data() + (b256.size() - length), length);
    return out;
}

std::optional<SecureBytes> base58CheckDecodeRaw(QStringView text)
{
    auto decoded = base58DecodeRaw(text);
    if (!decoded || decoded->size() < 4)
        return std::nullopt;
    const std::size_t payloadSize = decoded->size() - 4;
    const QByteArrayView payload(decoded->data(), qsizetype(payloadSize));
    const SecureBytes check = sha256Secure(sha256Secure(payload).view());
    if (CRYPTO_memcmp(check.data(), decoded->data() + payloadSize, 4) != 0)
        return std::nullopt;
    decoded->resize(payloadSize);
    return decoded;
}

QString base58CheckEncodeRaw(QByteArrayView payload)
{
    SecureBytes buffer(payload);
    const SecureBytes check = sha256Secure(sha256Secure(payload).view());
    buffer.append(QByteArrayView(check.data(), 4));
    return base58EncodeRaw(buffer.data(), buffer.size());
}

} // namespace

QString toHex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex());
}

SecureBytes secretToHex(QByteArrayView bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    SecureBytes out(std::size_t(bytes.size()) * 2);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = std::uint8_t(bytes[i]);
        out[std::size_t(i) * 2] = std::uint8_t(digits[byte >> 4]);
        out[std::size_t(i) * 2 + 1] = std::uint8_t(digits[byte & 0x0f]);
    }
    return out;
}

std::optional<QByteArray> fromHex(QStringView hex)
{
    return decodeHex(hex.utf16(), hex.size());
}

std::optional<QByteArray> fromHex(QByteArrayView hex)
{
    return decodeHex(reinterpret_cast<const unsigned char*>(hex.data()), hex.size());
}

QString toBase64(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toBase64());
}

std::optional<QByteArray> fromBase64(QStringView text)
{
    // CRYPTO.md §1, as @bsv/sdk base64ToArray: one or two '=' may end the text, everything before
    // them must be in the alphabet, and leftover bits (a lone final character) are ignored.
    qsizetype end = text.size();
    while (end > 0 && text[end - 1] == QLatin1Char('=') && text.size() - end < 2)
        --end;
    QByteArray out;
    out.reserve(end * 3 / 4);
    std::uint32_t bits = 0;
    int bitCount = 0;
    for (qsizetype i = 0; i < end; ++i) {
        const int value = base64Value(text[i].unicode());
        if (value < 0)
            return std::nullopt;
        bits = (bits << 6) | std::uint32_t(value);
        bitCount += 6;
        if (bitCount >= 8) {
            bitCount -= 8;
            out.append(char((bits >> bitCount) & 0xff));
        }
    }
    return out;
}

QString base58Encode(QByteArrayView bytes)
{
    return base58EncodeRaw(reinterpret_cast<const std::uint8_t*>(bytes.data()), std::size_t(bytes.size()));
}

std::optional<QByteArray> base58Decode(QStringView text)
{
    auto decoded = base58DecodeRaw(text);
    if (!decoded)
        return std::nullopt;
    return decoded->toByteArrayUnsafe();
}

QString base58CheckEncode(QByteArrayView payload)
{
    return base58CheckEncodeRaw(payload);
}

std::optional<QByteArray> base58CheckDecode(QStringView text)
{
    auto decoded = base58CheckDecodeRaw(text);
    if (!decoded)
        return std::nullopt;
    return decoded->toByteArrayUnsafe();
}

QByteArray varint(std::uint64_t value)
{
    QByteArray out;
    int width = 0;
    if (value < 0xfd) {
        out.append(char(value));
        return out;
    }
    if (value <= 0xffff) {
        out.append(char(0xfd));
        width = 2;
    } else if (value <= 0xffffffffu) {
        out.append(char(0xfe));
        width = 4;
    } else {
        out.append(char(0xff));
        width = 8;
    }
    for (int i = 0; i < width; ++i)
        out.append(char((value >> (8 * i)) & 0xff));
    return out;
}

QString wifEncode(const SecureBytes& privateKey32, Network network)
{
    if (privateKey32.size() != 32)
        return {};
    // CRYPTO.md §1: Base58Check(0x80 || priv32 || 0x01).
    SecureBytes payload(std::size_t(34));
    payload[0] = network == Network::Mainnet ? kWifMainnet : kWifTestnet;
    std::memcpy(payload.data() + 1, privateKey32.data(), 32);
    payload[33] = 0x01;
    return base58CheckEncodeRaw(payload.view());
}

Result<SecureBytes> wifDecode(QStringView wif)
{
    auto payload = base58CheckDecodeRaw(wif);
    if (!payload)
        return Result<SecureBytes>::fail(QStringLiteral("Invalid WIF: bad Base58Check encoding"));
    if (payload->size() == 33)
        return Result<SecureBytes>::fail(QStringLiteral("Uncompressed WIFs are not supported"));
    if (payload->size() != 34)
        return Result<SecureBytes>::fail(QStringLiteral("Invalid WIF length"));
    if ((*payload)[0] != kWifMainnet && (*payload)[0] != kWifTestnet)
        return Result<SecureBytes>::fail(QStringLiteral("Invalid WIF version byte"));
    // @bsv/sdk PrivateKey.fromWif rejects anything but the compressed flag (CRYPTO.md §1).
    if ((*payload)[33] != 0x01)
        return Result<SecureBytes>::fail(QStringLiteral("Invalid WIF compression flag"));
    SecureBytes key(payload->data() + 1, 32);
    if (!secp256k1_ec_seckey_verify(detail::secp256k1Context(), key.data()))
        return Result<SecureBytes>::fail(QStringLiteral("Private key out of range"));
    return Result<SecureBytes>::ok(std::move(key));
}

QString p2pkhAddress(QByteArrayView publicKey, Network network)
{
    QByteArray payload(1, char(network == Network::Mainnet ? 0x00 : 0x6f));
    payload.append(hash160(publicKey));
    return base58CheckEncodeRaw(payload);
}

std::optional<SecureBytes> secretFromHex(QStringView hex)
{
    if (hex.size() % 2 != 0)
        return std::nullopt;
    SecureBytes out(std::size_t(hex.size() / 2));
    for (qsizetype i = 0; i < hex.size(); ++i) {
        const char16_t c = hex[i].unicode();
        int nibble = -1;
        if (c >= u'0' && c <= u'9')
            nibble = c - u'0';
        else if (c >= u'a' && c <= u'f')
            nibble = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            nibble = c - u'A' + 10;
        if (nibble < 0)
            return std::nullopt;
        out[std::size_t(i / 2)] = std::uint8_t(out[std::size_t(i / 2)] | (nibble << (i % 2 ? 0 : 4)));
    }
    return out;
}

} // namespace tokenpass::crypto
