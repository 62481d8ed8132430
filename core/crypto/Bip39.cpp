#include "crypto/Bip39.h"

#include "crypto/Hash.h"
#include "crypto/Random.h"

#include <QFile>
#include <QHash>

#include <openssl/crypto.h>

// Q_INIT_RESOURCE declares a global-namespace function, so it must be called from here: the
// resource object lives in the static core library and would otherwise be dropped by the linker.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

namespace tokenpass::crypto {

namespace {

struct Wordlist
{
    QStringList words;
    QHash<QString, int> index;
};

const Wordlist& wordlist()
{
    static const Wordlist list = [] {
        initCoreResources();
        Wordlist w;
        QFile f(QStringLiteral(":/tokenpass/bip39-english.txt"));
        if (!f.open(QIODevice::ReadOnly))
            return w;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (lines.size() != 2048)
            return w;
        w.words = lines;
        for (int i = 0; i < lines.size(); ++i)
            w.index.insert(lines.at(i), i);
        return w;
    }();
    return list;
}

// Overwrites a QString's characters when we own its buffer; used for transient copies of
// mnemonics and passphrases that NFKD normalisation forces us to make.
void wipe(QString& s)
{
    if (!s.isEmpty() && s.isDetached())
        OPENSSL_cleanse(s.data(), std::size_t(s.size()) * sizeof(QChar));
    s.clear();
}

void wipe(QByteArray& b)
{
    if (!b.isEmpty() && b.isDetached())
        OPENSSL_cleanse(b.data(), std::size_t(b.size()));
    b.clear();
}

SecureBytes nfkdUtf8(QByteArrayView utf8)
{
    QString text = QString::fromUtf8(utf8);
    QString normalized = text.normalized(QString::NormalizationForm_KD);
    QByteArray bytes = normalized.toUtf8();
    wipe(text);
    wipe(normalized);
    return SecureBytes::takeFrom(bytes);
}

bool validEntropySize(qsizetype n)
{
    return n >= 16 && n <= 32 && n % 4 == 0;
}

} // namespace

const QStringList& Bip39::englishWordlist()
{
    return wordlist().words;
}

Result<SecureBytes> Bip39::generateMnemonic(int entropyBits)
{
    if (entropyBits < 128 || entropyBits > 256 || entropyBits % 32 != 0)
        return Result<SecureBytes>::fail(
            QStringLiteral("Invalid entropy size: must be 128, 160, 192, 224 or 256 bits"));
    const SecureBytes entropy = randomSecret(entropyBits / 8);
    return entropyToMnemonic(entropy.view());
}

Result<SecureBytes> Bip39::entropyToMnemonic(QByteArrayView entropy)
{
    if (!validEntropySize(entropy.size()))
        return Result<SecureBytes>::fail(
            QStringLiteral("Invalid entropy size: must be 16, 20, 24, 28 or 32 bytes"));
    const QStringList& words = englishWordlist();
    if (words.isEmpty())
        return Result<SecureBytes>::fail(QStringLiteral("BIP39 wordlist is not available"));

    // entropy || checksum byte; only the first ENT/32 bits of the checksum byte are used.
    SecureBytes bits(entropy);
    bits.append(sha256(entropy).left(1));
    const int totalBits = int(entropy.size()) * 8 + int(entropy.size()) / 4;

    SecureBytes out;
    for (int start = 0; start < totalBits; start += 11) {
        int idx = 0;
        for (int b = start; b < start + 11; ++b)
            idx = (idx << 1) | ((bits[std::size_t(b / 8)] >> (7 - b % 8)) & 1);
        if (start > 0)
            out.append(QByteArrayView(" "));
        QByteArray word = words.at(idx).toLatin1();
        out.append(word);
        wipe(word);
    }
    return Result<SecureBytes>::ok(std::move(out));
}

Result<SecureBytes> Bip39::mnemonicToEntropy(QByteArrayView mnemonicUtf8)
{
    const Wordlist& list = wordlist();
    if (list.words.isEmpty())
        return Result<SecureBytes>::fail(QStringLiteral("BIP39 wordlist is not available"));

    const SecureBytes normalized = nfkdUtf8(mnemonicUtf8);
    QString text = QString::fromUtf8(normalized.view());
    QStringList parts = text.split(QLatin1Char(' '));
    wipe(text);
    const qsizetype count = parts.size();
    if (normalized.isEmpty() || count < 12 || count > 24 || count % 3 != 0) {
        for (QString& p : parts)
            wipe(p);
        return Result<SecureBytes>::fail(
            QStringLiteral("Invalid mnemonic: expected 12, 15, 18, 21 or 24 words, got %1")
                .arg(normalized.isEmpty() ? 0 : count));
    }

    // 11 bits per word: ENT + ENT/32 bits in total.
    const int totalBits = int(count) * 11;
    const int entBits = totalBits * 32 / 33;
    SecureBytes bits(std::size_t((totalBits + 7) / 8));
    QString error;
    for (qsizetype i = 0; i < count; ++i) {
        const auto it = list.index.constFind(parts.at(i));
        if (it == list.index.constEnd()) {
            error = parts.at(i).isEmpty()
                        ? QStringLiteral("Invalid mnemonic: word %1 is empty (separate words with one space)")
                              .arg(i + 1)
                        : QStringLiteral("Invalid mnemonic: word %1 is not in the BIP39 English wordlist")
                              .arg(i + 1);
            break;
        }
        const int idx = it.value();
        for (int b = 0; b < 11; ++b) {
            if ((idx >> (10 - b)) & 1) {
                const int pos = int(i) * 11 + b;
                bits[std::size_t(pos / 8)] |= std::uint8_t(0x80 >> (pos % 8));
            }
        }
    }
    for (QString& p : parts)
        wipe(p);
    if (!error.isEmpty())
        return Result<SecureBytes>::fail(error);

    SecureBytes entropy(QByteArrayView(bits.view().first(entBits / 8)));
    const QByteArray hash = sha256(entropy.view());
    const int csBits = entBits / 32;
    for (int b = 0; b < csBits; ++b) {
        const int pos = entBits + b;
        const int have = (bits[std::size_t(pos / 8)] >> (7 - pos % 8)) & 1;
        const int want = (std::uint8_t(hash.at(0)) >> (7 - b)) & 1;
        if (have != want)
            return Result<SecureBytes>::fail(QStringLiteral("Invalid mnemonic: checksum does not match"));
    }
    return Result<SecureBytes>::ok(std::move(entropy));
}

bool Bip39::isValid(QByteArrayView mnemonicUtf8)
{
    return mnemonicToEntropy(mnemonicUtf8).isOk();
}

Result<SecureBytes> Bip39::mnemonicToSeed(QByteArrayView mnemonicUtf8, QByteArrayView passphraseUtf8)
{
    const auto entropy = mnemonicToEntropy(mnemonicUtf8);
    if (!entropy)
        return Result<SecureBytes>::fail(entropy.error());
    return Result<SecureBytes>::ok(mnemonicToSeedUnchecked(mnemonicUtf8, passphraseUtf8));
}

SecureBytes Bip39::mnemonicToSeedUnchecked(QByteArrayView mnemonicUtf8, QByteArrayView passphraseUtf8)
{
    const SecureBytes password = nfkdUtf8(mnemonicUtf8);
    SecureBytes salt(QByteArrayView("mnemonic"));
    salt.append(nfkdUtf8(passphraseUtf8).view());
    return pbkdf2Sha512(password.view(), salt.view(), kPbkdf2Iterations, kSeedBytes);
}

SecureBytes Bip39::normalizeInput(QStringView typed)
{
    QString copy = typed.toString();
    QString normalized = copy.normalized(QString::NormalizationForm_KD);
    QString simplified = normalized.simplified().toLower();
    QByteArray bytes = simplified.toUtf8();
    wipe(copy);
    wipe(normalized);
    wipe(simplified);
    return SecureBytes::takeFrom(bytes);
}

} // namespace tokenpass::crypto
