#include "wallet/BackupFile.h"

#include "crypto/Aes.h"
#include "crypto/Encoding.h"
#include "crypto/Hash.h"
#include "crypto/JsonSecret.h"
#include "crypto/Random.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/crypto.h>

#include <atomic>

namespace tokenpass::wallet {

using crypto::JsonSecret;
using crypto::SecureBytes;

namespace {

std::atomic<int> g_testIterations{0};

// The exact messages of bitcoin-backup 0.0.5/0.0.7 (API.md §4.3).
const char* const kInvalidPayload =
    "Invalid payload: Payload must be an object matching BapMasterBackup, BapMemberBackup, WifBackup, "
    "OneSatBackup, VaultBackup, YoursWalletBackup, or YoursWalletZipBackup structure.";
const char* const kEmptyPassphrase = "Invalid passphrase: Passphrase must be a non-empty string.";
const char* const kShortPassphrase = "Invalid passphrase: Passphrase must be at least 8 characters long.";
const char* const kEmptyInput = "Invalid encryptedString: Must be a non-empty string.";
const char* const kBadBase64 = "Decryption failed: Invalid Base64 input.";
const char* const kEmptyBase64 = "Decryption failed: Invalid Base64 input (decoded to empty).";
const char* const kTooShort = "Decryption failed: Encrypted data is too short.";
const char* const kAuthFailed =
    "Decryption failed: Invalid passphrase or corrupted data across all attempted iteration counts.";
const char* const kBadStructure = "Invalid backup structure after JSON parse.";

QString text(const char* s)
{
    return QString::fromLatin1(s);
}

// JS string.length of UTF-8 text: one unit per code point, two for code points above U+FFFF.
int utf16Length(QByteArrayView utf8)
{
    int n = 0;
    for (const char ch : utf8) {
        const auto c = std::uint8_t(ch);
        if ((c & 0xC0) != 0x80)
            ++n;
        if (c >= 0xF0)
            ++n;
    }
    return n;
}

// Parses any JSON value, like JSON.parse (QJsonDocument alone only takes objects and arrays).
// Returns false on a syntax error.
bool parseJsonValue(QByteArrayView json, QJsonValue& out)
{
    // Only types and presence are checked here, so the keys go in redacted: a QJsonObject frees
    // what it parsed unwiped (issue 20). Text that is not a strict JSON object goes in as it is.
    const SecureBytes redacted = JsonSecret::rewriteMembers(
        json,
        {QByteArrayView("rootPk"), QByteArrayView("xprv"), QByteArrayView("mnemonic"), QByteArrayView("wif"),
         QByteArrayView("payPk"), QByteArrayView("ordPk"), QByteArrayView("identityPk")},
        JsonSecret::Rewrite::Redact);
    const QByteArrayView utf8 = redacted.isEmpty() ? json : redacted.view();
    QByteArray wrapped;
    wrapped.reserve(utf8.size() + 2);
    wrapped += '[';
    wrapped += utf8;
    wrapped += ']';
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &err);
    OPENSSL_cleanse(wrapped.data(), std::size_t(wrapped.size())); // a copy of the plaintext
    if (err.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return false;
    out = doc.array().at(0);
    return true;
}

bool isString(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).isString();
}

// bitcoin-backup isValidPayload (the encrypt side, with type checks).
bool isValidPayload(const QJsonObject& p)
{
    auto has = [&](const char* key) { return p.contains(QLatin1String(key)); };
    if (isString(p, "xprv") && isString(p, "ids") && isString(p, "mnemonic"))
        return true;
    if (isString(p, "rootPk") && isString(p, "ids") && !has("xprv"))
        return true;
    if (isString(p, "wif") && isString(p, "id"))
        return true;
    if (isString(p, "wif") && !has("id") && !has("xprv") && !has("rootPk"))
        return true;
    if (isString(p, "ordPk") && isString(p, "payPk") && isString(p, "identityPk"))
        return true;
    if (isString(p, "encryptedVault"))
        return true;
    if (isString(p, "payPk") && isString(p, "ordPk") &&
        (has("mnemonic") || has("payDerivationPath") || has("ordDerivationPath")))
        return true;
    const QJsonValue chrome = p.value(QLatin1String("chromeStorage"));
    // typeof x === "object" is also true for arrays and null in JS.
    if ((chrome.isObject() || chrome.isArray() || chrome.isNull()) && has("chromeStorage") &&
        has("accountData"))
        return true;
    return false;
}

bool jsTruthy(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool();
    case QJsonValue::Double:
        return v.toDouble() != 0.0;
    case QJsonValue::String:
        return !v.toString().isEmpty();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return true;
    default:
        return false;
    }
}

} // namespace

int BackupFile::writeIterations()
{
    const int overridden = g_testIterations.load();
    return overridden > 0 ? overridden : kIterations;
}

void BackupFile::setIterationsForTesting(int iterations)
{
    g_testIterations.store(iterations > 0 ? iterations : 0);
}

SecureBytes BackupFile::deriveKey(QByteArrayView passphraseUtf8, QByteArrayView salt, int iterations)
{
    return crypto::pbkdf2Sha256(passphraseUtf8, salt, iterations, kKeyBytes);
}

QString BackupFile::encryptWithKey(const SecureBytes& key, QByteArrayView salt, QByteArrayView iv,
                                   QByteArrayView plaintext)
{
    QByteArray combined;
    combined.reserve(salt.size() + iv.size() + plaintext.size() + kTagBytes);
    combined += salt;
    combined += iv;
    combined += crypto::aesGcmEncrypt(key, iv, plaintext);
    return crypto::toBase64(combined);
}

Result<QString> BackupFile::encrypt(QByteArrayView payloadJson, QByteArrayView passphraseUtf8,
                                    const BackupEncryptOptions& options)
{
    using R = Result<QString>;
    QJsonValue parsed;
    if (!parseJsonValue(payloadJson, parsed) || !parsed.isObject() || !isValidPayload(parsed.toObject()))
        return R::fail(text(kInvalidPayload));
    if (passphraseUtf8.isEmpty())
        return R::fail(text(kEmptyPassphrase));
    if (utf16Length(passphraseUtf8) < kMinPassphraseLength)
        return R::fail(text(kShortPassphrase));
    if ((!options.salt.isEmpty() && options.salt.size() != kSaltBytes) ||
        (!options.iv.isEmpty() && options.iv.size() != kIvBytes))
        return R::fail(QStringLiteral("Invalid salt or IV length"));

    // {...payload, createdAt: payload.createdAt || now}: an existing truthy createdAt keeps its
    // place; a missing one is appended as the last member.
    SecureBytes plaintext(payloadJson);
    const QJsonObject object = parsed.toObject();
    const QJsonValue createdAt = object.value(QLatin1String("createdAt"));
    if (object.contains(QLatin1String("createdAt"))) {
        if (!jsTruthy(createdAt) || !createdAt.isString())
            return R::fail(QStringLiteral("Invalid payload: createdAt must be a non-empty string"));
    } else {
        const QString stamp = options.createdAt.isEmpty()
                                  ? QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)
                                  : options.createdAt;
        // Trim trailing whitespace, drop the closing brace, append the member, close again.
        qsizetype end = payloadJson.size();
        while (end > 0 && QChar::isSpace(uchar(payloadJson.at(end - 1))))
            --end;
        QByteArrayView body = payloadJson.first(end - 1); // without '}'
        QByteArrayView inner = body;
        while (!inner.isEmpty() && QChar::isSpace(uchar(inner.back())))
            inner.chop(1);
        plaintext = SecureBytes(body);
        if (!inner.endsWith('{'))
            plaintext.append(",");
        plaintext.append("\"createdAt\":");
        plaintext.append(QJsonDocument(QJsonArray{stamp}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
        plaintext.append("}");
    }

    const int iterations = options.iterations > 0        ? options.iterations
                           : g_testIterations.load() > 0 ? g_testIterations.load()
                                                         : kIterations;
    const QByteArray salt = options.salt.isEmpty() ? crypto::randomBytes(kSaltBytes) : options.salt;
    const QByteArray iv = options.iv.isEmpty() ? crypto::randomBytes(kIvBytes) : options.iv;
    const SecureBytes key = deriveKey(passphraseUtf8, salt, iterations);
    return R::ok(encryptWithKey(key, salt, iv, plaintext.view()));
}

Result<SecureBytes> BackupFile::decryptWithKey(QStringView fileText, const SecureBytes& key)
{
    using R = Result<SecureBytes>;
    const auto combined = crypto::fromBase64(fileText.trimmed());
    if (!combined || combined->size() < kSaltBytes + kIvBytes + kTagBytes)
        return R::fail(text(kTooShort));
    const QByteArrayView all(*combined);
    auto plaintext =
        crypto::aesGcmDecrypt(key, all.sliced(kSaltBytes, kIvBytes), all.sliced(kSaltBytes + kIvBytes));
    if (!plaintext)
        return R::fail(text(kAuthFailed), Failure::InvalidPassword);
    return R::ok(std::move(*plaintext));
}

Result<BackupKind> BackupFile::classify(QByteArrayView plaintext)
{
    using R = Result<BackupKind>;
    // TextDecoder drops a leading UTF-8 byte order mark.
    if (plaintext.startsWith("\xEF\xBB\xBF"))
        plaintext = plaintext.sliced(3);
    QJsonValue parsed;
    if (!parseJsonValue(plaintext, parsed))
        return R::ok(BackupKind::RawWif); // JSON.parse threw a SyntaxError
    if (!parsed.isObject())
        return R::fail(text(kBadStructure));
    const QJsonObject p = parsed.toObject();
    auto has = [&](const char* key) { return p.contains(QLatin1String(key)); };
    // The order of bitcoin-backup decryptData.
    if (has("xprv") && has("ids") && has("mnemonic"))
        return R::ok(BackupKind::HdMaster);
    if (has("rootPk") && has("ids"))
        return R::ok(BackupKind::Type42Master);
    if (has("wif") && has("id"))
        return R::ok(BackupKind::Member);
    if (has("payPk") && has("ordPk") &&
        (has("mnemonic") || has("payDerivationPath") || has("ordDerivationPath")))
        return R::ok(BackupKind::YoursWallet);
    if (has("chromeStorage") && has("accountData"))
        return R::ok(BackupKind::YoursWalletZip);
    if (has("ordPk") && has("payPk") && has("identityPk"))
        return R::ok(BackupKind::OneSat);
    if (has("encryptedVault"))
        return R::ok(BackupKind::Vault);
    if (has("wif") && !has("id") && !has("xprv") && !has("rootPk"))
        return R::ok(BackupKind::Wif);
    return R::fail(text(kBadStructure));
}

Result<DecryptedBackup> BackupFile::decrypt(QStringView fileText, QByteArrayView passphraseUtf8,
                                            const BackupDecryptOptions& options)
{
    using R = Result<DecryptedBackup>;
    const QStringView trimmed = fileText.trimmed();
    if (trimmed.isEmpty())
        return R::fail(text(kEmptyInput));
    if (passphraseUtf8.isEmpty())
        return R::fail(text(kEmptyPassphrase));
    const auto combined = crypto::fromBase64(trimmed);
    if (!combined)
        return R::fail(text(kBadBase64));
    if (combined->isEmpty())
        return R::fail(text(kEmptyBase64));
    if (combined->size() < kSaltBytes + kIvBytes)
        return R::fail(text(kTooShort));

    const QByteArrayView all(*combined);
    const QByteArrayView salt = all.first(kSaltBytes);
    const QByteArrayView iv = all.sliced(kSaltBytes, kIvBytes);
    const QByteArrayView ciphertext = all.sliced(kSaltBytes + kIvBytes);

    QList<int> attempts = options.iterations;
    if (attempts.isEmpty()) {
        if (g_testIterations.load() > 0)
            attempts = {g_testIterations.load()};
        else
            attempts = {kIterations, kLegacyIterations};
    }
    for (const int iterations : attempts) {
        if (iterations <= 0)
            continue;
        SecureBytes key = deriveKey(passphraseUtf8, salt, iterations);
        auto plaintext = crypto::aesGcmDecrypt(key, iv, ciphertext);
        if (!plaintext)
            continue; // WebCrypto OperationError: try the next count
        const auto kind = classify(plaintext->view());
        if (!kind)
            return R::fail(kind.error());
        DecryptedBackup out;
        out.plaintext = std::move(*plaintext);
        out.kind = kind.value();
        out.iterations = iterations;
        out.key = std::move(key);
        out.salt = salt.toByteArray();
        if (out.kind != BackupKind::RawWif && out.plaintext.view().startsWith("\xEF\xBB\xBF"))
            out.plaintext = SecureBytes(out.plaintext.view().sliced(3));
        return R::ok(std::move(out));
    }
    return R::fail(text(kAuthFailed), Failure::InvalidPassword);
}

} // namespace tokenpass::wallet
