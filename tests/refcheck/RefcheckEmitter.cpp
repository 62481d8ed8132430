// Writes JSON lines for ../shared/tools/refcheck/verify.mjs (CRYPTO.md §11.2): output of our own
// C++ code, made with fresh random keys on every run, so the reference JavaScript libraries check
// what we produce in general and not only the fixed vectors. Every kind also gets tampered copies
// marked "expect": false, so the check can fail.

#include "crypto/Bip32.h"
#include "crypto/Bip39.h"
#include "crypto/Brc42.h"
#include "crypto/Brc77.h"
#include "crypto/Brc78.h"
#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "wallet/BackupFile.h"
#include "wallet/BackupPayload.h"
#include "wallet/Bap.h"
#include "wallet/BitcoinAuth.h"
#include "wallet/HostKeys.h"
#include "wallet/Wallet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace tokenpass;
using namespace tokenpass::crypto;
using wallet::BitcoinAuth;

namespace {

int g_lines = 0;

void emit(QJsonObject line)
{
    std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    ++g_lines;
}

void emitNegative(QJsonObject line, const QString& why)
{
    line.insert(QStringLiteral("expect"), false);
    line.insert(QStringLiteral("id"),
                line.value(QStringLiteral("id")).toString() + QStringLiteral("/") + why);
    emit(line);
}

template <typename T> T must(Result<T> r, const char* what)
{
    if (!r) {
        std::fprintf(stderr, "emitter: %s failed: %s\n", what, qPrintable(r.error()));
        std::exit(1);
    }
    return std::move(r).value();
}

QString hex(QByteArrayView b)
{
    return toHex(b);
}

QByteArray flipByte(QByteArray bytes, qsizetype index)
{
    bytes[index] = char(bytes[index] ^ 0x01);
    return bytes;
}

// Messages that stress the encodings: empty, ASCII, multi-byte UTF-8, a 1-byte/3-byte varint
// boundary, and random binary.
QList<QByteArray> sampleMessages()
{
    return {QByteArray(), QByteArrayLiteral("hello world"), QStringLiteral("héllo wörld ✓ 🔑").toUtf8(),
            QByteArray(253, 'x'), randomBytes(97)};
}

void bsmLines(const PrivateKey& key, int k)
{
    const QString address = key.publicKey().address();
    int m = 0;
    for (const QByteArray& message : sampleMessages()) {
        const QString sig = Bsm::sign(message, key);
        QJsonObject line{{QStringLiteral("kind"), QStringLiteral("bsm")},
                         {QStringLiteral("id"), QStringLiteral("bsm/k%1/m%2").arg(k).arg(m++)},
                         {QStringLiteral("address"), address},
                         {QStringLiteral("messageHex"), hex(message)},
                         {QStringLiteral("signature"), sig}};
        emit(line);
        if (m == 2) {
            QJsonObject wrongMessage = line;
            wrongMessage.insert(QStringLiteral("messageHex"), hex(message + "!"));
            emitNegative(wrongMessage, QStringLiteral("other-message"));
            QJsonObject wrongSig = line;
            wrongSig.insert(QStringLiteral("signature"), toBase64(flipByte(*fromBase64(sig), 40)));
            emitNegative(wrongSig, QStringLiteral("flipped-s"));
        }
    }
}

void eciesLines(const PrivateKey& recipient, const PrivateKey& other, int k)
{
    int m = 0;
    for (const QByteArray& message : sampleMessages()) {
        const QByteArray ct = must(Ecies::electrumEncrypt(message, recipient.publicKey()), "BIE1 encrypt");
        QJsonObject line{{QStringLiteral("kind"), QStringLiteral("ecies")},
                         {QStringLiteral("id"), QStringLiteral("ecies/k%1/m%2").arg(k).arg(m++)},
                         {QStringLiteral("recipientPriv"), recipient.toHexUnsafe()},
                         {QStringLiteral("ciphertextHex"), hex(ct)},
                         {QStringLiteral("plaintextHex"), hex(message)}};
        emit(line);
        if (m == 2) {
            QJsonObject wrongKey = line;
            wrongKey.insert(QStringLiteral("recipientPriv"), other.toHexUnsafe());
            emitNegative(wrongKey, QStringLiteral("wrong-recipient"));
            QJsonObject badMac = line;
            badMac.insert(QStringLiteral("ciphertextHex"), hex(flipByte(ct, ct.size() - 1)));
            emitNegative(badMac, QStringLiteral("bad-mac"));
        }
    }
}

void brc42Lines(const PrivateKey& a, const PrivateKey& b, int k)
{
    for (const QString& invoice : {QStringLiteral("2-tokenpass-example.com"), QStringLiteral("bap:0"),
                                   QStringLiteral("2-message signing-ünïcode")}) {
        const PrivateKey childPriv = must(Brc42::childPrivateKey(a, b.publicKey(), invoice), "BRC-42 priv");
        const PublicKey childPub = must(Brc42::childPublicKey(a.publicKey(), b, invoice), "BRC-42 pub");
        emit({{QStringLiteral("kind"), QStringLiteral("brc42-priv")},
              {QStringLiteral("id"), QStringLiteral("brc42-priv/k%1/%2").arg(k).arg(invoice)},
              {QStringLiteral("recipientPriv"), a.toHexUnsafe()},
              {QStringLiteral("senderPub"), b.publicKey().toHex()},
              {QStringLiteral("invoice"), invoice},
              {QStringLiteral("childPriv"), childPriv.toHexUnsafe()}});
        QJsonObject pub{{QStringLiteral("kind"), QStringLiteral("brc42-pub")},
                        {QStringLiteral("id"), QStringLiteral("brc42-pub/k%1/%2").arg(k).arg(invoice)},
                        {QStringLiteral("senderPriv"), b.toHexUnsafe()},
                        {QStringLiteral("recipientPub"), a.publicKey().toHex()},
                        {QStringLiteral("invoice"), invoice},
                        {QStringLiteral("childPub"), childPub.toHex()}};
        emit(pub);
        pub.insert(QStringLiteral("invoice"), invoice + QStringLiteral("x"));
        emitNegative(pub, QStringLiteral("other-invoice"));
    }
}

void brc77Lines(const PrivateKey& signer, const PrivateKey& verifier, int k)
{
    const QByteArray message = QStringLiteral("BRC-77 from TokenPass ✓ %1").arg(k).toUtf8();
    const QByteArray anyone = must(Brc77::sign(message, signer), "BRC-77 sign");
    QJsonObject line{{QStringLiteral("kind"), QStringLiteral("brc77")},
                     {QStringLiteral("id"), QStringLiteral("brc77/anyone/k%1").arg(k)},
                     {QStringLiteral("messageHex"), hex(message)},
                     {QStringLiteral("signature"), hex(anyone)},
                     {QStringLiteral("signerPub"), signer.publicKey().toHex()}};
    emit(line);
    QJsonObject otherSigner = line;
    otherSigner.insert(QStringLiteral("signerPub"), verifier.publicKey().toHex());
    emitNegative(otherSigner, QStringLiteral("signer-mismatch"));

    const QByteArray addressed = must(Brc77::sign(message, signer, verifier.publicKey()), "BRC-77 sign to");
    QJsonObject to{{QStringLiteral("kind"), QStringLiteral("brc77")},
                   {QStringLiteral("id"), QStringLiteral("brc77/addressed/k%1").arg(k)},
                   {QStringLiteral("messageHex"), hex(message)},
                   {QStringLiteral("signature"), toBase64(addressed)},
                   {QStringLiteral("verifierPriv"), verifier.toHexUnsafe()}};
    emit(to);
    to.insert(QStringLiteral("messageHex"), hex(message + "."));
    emitNegative(to, QStringLiteral("other-message"));
}

void brc78Lines(const PrivateKey& sender, const PrivateKey& recipient, int k)
{
    for (const QByteArray& message : sampleMessages()) {
        if (message.isEmpty())
            continue; // the SDK cannot decrypt an empty BRC-78 message; we refuse to make one
        const QByteArray ct = must(Brc78::encrypt(message, sender, recipient.publicKey()), "BRC-78 encrypt");
        QJsonObject line{{QStringLiteral("kind"), QStringLiteral("brc78")},
                         {QStringLiteral("id"), QStringLiteral("brc78/k%1/len%2").arg(k).arg(message.size())},
                         {QStringLiteral("recipientPriv"), recipient.toHexUnsafe()},
                         {QStringLiteral("ciphertextHex"), hex(ct)},
                         {QStringLiteral("plaintextHex"), hex(message)},
                         {QStringLiteral("senderPub"), sender.publicKey().toHex()}};
        emit(line);
        if (message.size() == 11) {
            QJsonObject tampered = line;
            tampered.insert(QStringLiteral("ciphertextHex"), hex(flipByte(ct, ct.size() - 20)));
            emitNegative(tampered, QStringLiteral("tampered"));
        }
    }
}

void bitcoinAuthLines(const PrivateKey& key, const PrivateKey& other, int k)
{
    struct Case
    {
        BitcoinAuth::Scheme scheme;
        QByteArray body;
        BitcoinAuth::BodyEncoding encoding;
        const char* encodingName;
    };
    const Case cases[] = {
        {BitcoinAuth::Scheme::Brc77, QByteArray(), BitcoinAuth::BodyEncoding::Utf8, "utf8"},
        {BitcoinAuth::Scheme::Brc77, QByteArrayLiteral("{\"a\":1}"), BitcoinAuth::BodyEncoding::Utf8, "utf8"},
        {BitcoinAuth::Scheme::Bsm, QByteArrayLiteral("{\"a\":1}"), BitcoinAuth::BodyEncoding::Utf8, "utf8"},
        {BitcoinAuth::Scheme::Bsm, QByteArrayLiteral("deadbeef"), BitcoinAuth::BodyEncoding::Hex, "hex"},
        {BitcoinAuth::Scheme::Brc77, QByteArrayLiteral("3q2+7w=="), BitcoinAuth::BodyEncoding::Base64,
         "base64"},
    };
    int c = 0;
    for (const Case& tc : cases) {
        BitcoinAuth::Request request{QStringLiteral("/api/items?x=%1&y=2").arg(k), tc.body, tc.encoding};
        BitcoinAuth::CreateOptions options;
        options.scheme = tc.scheme; // timestamp: now, so the verifier's real clock accepts it
        const QString token = must(BitcoinAuth::createToken(key, request, options), "bitcoin-auth token");
        QJsonObject line{{QStringLiteral("kind"), QStringLiteral("bitcoin-auth")},
                         {QStringLiteral("id"), QStringLiteral("bitcoin-auth/k%1/c%2").arg(k).arg(c++)},
                         {QStringLiteral("token"), token},
                         {QStringLiteral("requestPath"), request.requestPath},
                         {QStringLiteral("bodyEncoding"), QLatin1String(tc.encodingName)},
                         {QStringLiteral("pubkey"), key.publicKey().toHex()}};
        if (!tc.body.isEmpty())
            line.insert(QStringLiteral("body"), QString::fromUtf8(tc.body));
        emit(line);
        if (c == 2) {
            QJsonObject otherPath = line;
            otherPath.insert(QStringLiteral("requestPath"), QStringLiteral("/api/other"));
            emitNegative(otherPath, QStringLiteral("other-path"));
            QJsonObject otherBody = line;
            otherBody.insert(QStringLiteral("body"), QStringLiteral("{\"a\":2}"));
            emitNegative(otherBody, QStringLiteral("other-body"));
            // A brc77 token relabelled with someone else's pubkey (CRYPTO.md §7 reference gap).
            QJsonObject relabelled = line;
            QString swapped = token;
            swapped.replace(0, 66, other.publicKey().toHex());
            relabelled.insert(QStringLiteral("token"), swapped);
            relabelled.remove(QStringLiteral("pubkey"));
            emitNegative(relabelled, QStringLiteral("pubkey-swapped"));
        }
    }
}

void walletLines(int k)
{
    const SecureBytes mnemonic = must(Bip39::generateMnemonic(128), "mnemonic");
    const QByteArray password = QStringLiteral("pässword-%1").arg(k).toUtf8();
    const SecureBytes seed = must(Bip39::mnemonicToSeed(mnemonic.view(), password), "seed");
    emit({{QStringLiteral("kind"), QStringLiteral("bip39")},
          {QStringLiteral("id"), QStringLiteral("bip39/k%1").arg(k)},
          {QStringLiteral("mnemonic"), QString::fromUtf8(mnemonic.toByteArrayUnsafe())},
          {QStringLiteral("passphrase"), QString::fromUtf8(password)},
          {QStringLiteral("seed"), hex(seed.view())}});

    const Bip32Key master = must(Bip32Key::fromSeed(seed.view()), "BIP32 master");
    for (const QString& path :
         {QStringLiteral("m"), QStringLiteral("m/0'/1/2'"), QStringLiteral("m/424150'/0'/0'/0'/0'/0'")}) {
        const Bip32Key node = must(master.derive(path), "BIP32 derive");
        emit({{QStringLiteral("kind"), QStringLiteral("bip32")},
              {QStringLiteral("id"), QStringLiteral("bip32/k%1/%2").arg(k).arg(path)},
              {QStringLiteral("seed"), hex(seed.view())},
              {QStringLiteral("path"), path},
              {QStringLiteral("xprv"), must(node.toXprv(), "xprv")},
              {QStringLiteral("xpub"), node.toXpub()},
              {QStringLiteral("address"), node.publicKey().address()}});
    }

    const PrivateKey& rootPk = master.privateKey();
    for (bool hasMnemonic : {true, false}) {
        const wallet::HostKeys hostKeys = wallet::HostKeys::forRootPk(rootPk, hasMnemonic);
        for (const QString& host : {QStringLiteral("example.com"), QStringLiteral("localhost:3000")}) {
            const PrivateKey hostKey = must(hostKeys.hostKey(host), "host key");
            QJsonObject line{
                {QStringLiteral("kind"), QStringLiteral("tokenpass-host-key")},
                {QStringLiteral("id"), QStringLiteral("host/k%1/%2/%3").arg(k).arg(hasMnemonic).arg(host)},
                {QStringLiteral("masterPriv"), hostKeys.master().toHexUnsafe()},
                {QStringLiteral("host"), host},
                {QStringLiteral("address"), hostKey.publicKey().address()}};
            emit(line);
            if (host == QLatin1String("example.com") && hasMnemonic) {
                line.insert(QStringLiteral("host"), QStringLiteral("example.org"));
                emitNegative(line, QStringLiteral("other-host"));
            }
        }
    }

    for (int counter : {0, 1}) {
        const auto identity = must(
            wallet::Bap::newIdentity(rootPk, counter, QStringLiteral("Id %1").arg(counter)), "BAP identity");
        const PrivateKey member = must(wallet::Bap::memberKey(rootPk, counter), "member key");
        const PrivateKey signing = must(wallet::Bap::signingKey(member), "signing key");
        emit({{QStringLiteral("kind"), QStringLiteral("bap-type42")},
              {QStringLiteral("id"), QStringLiteral("bap/k%1/%2").arg(k).arg(counter)},
              {QStringLiteral("rootPk"), rootPk.toWif()},
              {QStringLiteral("counter"), counter},
              {QStringLiteral("idKey"), identity.identityKey},
              {QStringLiteral("rootAddress"), identity.rootAddress},
              {QStringLiteral("signingAddress"), signing.publicKey().address()}});
    }
}

void backupLines()
{
    // A real TokenPass backup (600,000 iterations), as register writes it.
    const PrivateKey rootPk = PrivateKey::generate();
    const auto identity =
        must(wallet::Bap::newIdentity(rootPk, 0, QStringLiteral("Primary Identity")), "identity");
    wallet::BapIds ids{QStringLiteral("bap:0"), {identity}};
    const SecureBytes idsJson = wallet::Bap::idsJson(ids);
    const QString idsBlob = must(wallet::Bap::encryptIds(rootPk, idsJson.view()), "ids blob");
    const QString createdAt = BitcoinAuth::isoTimestamp(QDateTime::currentMSecsSinceEpoch());
    const SecureBytes payload =
        wallet::Bap::backupPayloadJson(idsBlob, QStringLiteral("TokenPass"), createdAt, rootPk);
    const QByteArray passphrase = QStringLiteral("correct hörse battery").toUtf8();
    const QString file = must(wallet::BackupFile::encrypt(payload.view(), passphrase), "backup encrypt");
    QJsonObject line{
        {QStringLiteral("kind"), QStringLiteral("bitcoin-backup")},
        {QStringLiteral("id"), QStringLiteral("backup/600k")},
        {QStringLiteral("encrypted"), file},
        {QStringLiteral("passphrase"), QString::fromUtf8(passphrase)},
        {QStringLiteral("expectJson"), QJsonObject{{QStringLiteral("rootPk"), rootPk.toWif()},
                                                   {QStringLiteral("label"), QStringLiteral("TokenPass")},
                                                   {QStringLiteral("ids"), idsBlob},
                                                   {QStringLiteral("createdAt"), createdAt}}}};
    emit(line);
    QJsonObject wrong = line;
    wrong.insert(QStringLiteral("passphrase"), QStringLiteral("correct horse battery"));
    emitNegative(wrong, QStringLiteral("wrong-passphrase"));
}

// A wallet made by Wallet::create, as register makes it: the reference bitcoin-backup must open
// its file, and the reference libraries must derive the same seed, master, identity and per-site
// addresses from the same words and password.
void createdWalletLines()
{
    QTemporaryDir dir;
    wallet::Wallet w(dir.path());
    const QByteArray password = QByteArrayLiteral("wallet pässword 1");
    const SecureBytes words = must(Bip39::generateMnemonic(128), "mnemonic");
    must(w.create(SecureBytes(password), &words), "Wallet::create");

    QFile file(w.backupPath());
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "emitter: cannot read %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
    const QString bep = QString::fromLatin1(file.readAll());
    const auto decrypted = must(wallet::BackupFile::decrypt(bep, password), "decrypt our backup");
    const auto payload = must(wallet::BackupPayload::parse(decrypted.plaintext.view()), "parse our backup");
    const QString rootPkWif = QString::fromLatin1(payload.rootPkWif.view());
    const PrivateKey rootPk = must(PrivateKey::fromWif(rootPkWif), "rootPk");

    emit({{QStringLiteral("kind"), QStringLiteral("bitcoin-backup")},
          {QStringLiteral("id"), QStringLiteral("wallet/backup.bep")},
          {QStringLiteral("encrypted"), bep},
          {QStringLiteral("passphrase"), QString::fromUtf8(password)},
          {QStringLiteral("expectJson"),
           QJsonObject{{QStringLiteral("rootPk"), rootPkWif},
                       {QStringLiteral("mnemonic"), QString::fromUtf8(words.toByteArrayUnsafe())},
                       {QStringLiteral("label"), QStringLiteral("TokenPass")}}}});
    const SecureBytes seed = must(Bip39::mnemonicToSeed(words.view(), password), "seed");
    emit({{QStringLiteral("kind"), QStringLiteral("bip39")},
          {QStringLiteral("id"), QStringLiteral("wallet/seed")},
          {QStringLiteral("mnemonic"), QString::fromUtf8(words.toByteArrayUnsafe())},
          {QStringLiteral("passphrase"), QString::fromUtf8(password)},
          {QStringLiteral("seed"), hex(seed.view())}});
    emit({{QStringLiteral("kind"), QStringLiteral("bip32")},
          {QStringLiteral("id"), QStringLiteral("wallet/rootPk")},
          {QStringLiteral("seed"), hex(seed.view())},
          {QStringLiteral("path"), QStringLiteral("m")},
          {QStringLiteral("privHex"), rootPk.toHexUnsafe()}});
    const auto identity = must(w.identities(), "identities").first();
    emit({{QStringLiteral("kind"), QStringLiteral("bap-type42")},
          {QStringLiteral("id"), QStringLiteral("wallet/identity")},
          {QStringLiteral("rootPk"), rootPkWif},
          {QStringLiteral("counter"), 0},
          {QStringLiteral("idKey"), identity.identityKey},
          {QStringLiteral("rootAddress"), identity.rootAddress}});
    for (const QString& host : {QStringLiteral("example.com"), QStringLiteral("localhost:3000")}) {
        const auto key = must(w.hostKey(host), "host key");
        emit({{QStringLiteral("kind"), QStringLiteral("tokenpass-host-key")},
              {QStringLiteral("id"), QStringLiteral("wallet/host/%1").arg(host)},
              {QStringLiteral("masterPriv"), rootPk.toHexUnsafe()},
              {QStringLiteral("host"), host},
              {QStringLiteral("address"), key.address},
              {QStringLiteral("pub"), key.publicKey}});
        const auto signedMessage = must(w.signMessage(host, "Sign this message!"), "sign");
        emit({{QStringLiteral("kind"), QStringLiteral("bsm")},
              {QStringLiteral("id"), QStringLiteral("wallet/sign/%1").arg(host)},
              {QStringLiteral("address"), signedMessage.address},
              {QStringLiteral("message"), QStringLiteral("Sign this message!")},
              {QStringLiteral("signature"), signedMessage.signature}});
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv); // for the BIP39 wordlist resource
    std::printf("# TokenPass C++ output for verify.mjs, generated %s\n",
                qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)));
    for (int k = 0; k < 3; ++k) {
        const PrivateKey a = PrivateKey::generate();
        const PrivateKey b = PrivateKey::generate();
        bsmLines(a, k);
        eciesLines(a, b, k);
        brc42Lines(a, b, k);
        brc77Lines(a, b, k);
        brc78Lines(b, a, k);
        bitcoinAuthLines(a, b, k);
        walletLines(k);
    }
    backupLines();
    createdWalletLines();
    std::fprintf(stderr, "emitter: wrote %d checks\n", g_lines);
    return 0;
}
