// Writes the fuzz targets' seed corpora from the reference vectors, at build time:
//   tokenpass_fuzz_seeds <vectors.json> <output dir>
// One folder per target (named as the target without "tokenpass_fuzz_"), one file per seed.
// Seeds that must decrypt are sealed here with the keys and passphrase of FuzzSupport.h.

#include "FuzzSupport.h"
#include "RouteTable.h"
#include "crypto/Brc78.h"
#include "crypto/Ecies.h"
#include "crypto/Encoding.h"
#include "oauth/Base64Url.h"
#include "oauth/Jwt.h"
#include "wallet/BackupFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

using namespace tokenpass;

QString g_out;
int g_written = 0;

void seed(const char* target, const QString& name, const QByteArray& bytes)
{
    const QString dir = g_out + QLatin1Char('/') + QLatin1String(target);
    QDir().mkpath(dir);
    QFile file(dir + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
    ++g_written;
}

QByteArray hex(const QJsonObject& o, const char* key)
{
    return crypto::fromHex(o.value(QLatin1String(key)).toString()).value_or(QByteArray());
}

QByteArray utf8(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString().toUtf8();
}

QJsonArray array(const QJsonObject& root, const char* key)
{
    return root.value(QLatin1String(key)).toArray();
}

QByteArray keyOrZero(const QByteArray& key)
{
    return key.size() == 32 ? key : QByteArray(32, '\0');
}

void base58Seeds(const QJsonObject& v)
{
    int i = 0;
    for (const auto& k : array(v, "keys")) {
        const QJsonObject o = k.toObject();
        for (const char* field : {"wif", "wifTestnet", "address", "addressTestnet"})
            seed("base58_wif", QStringLiteral("key%1-%2").arg(i).arg(QLatin1String(field)), utf8(o, field));
        ++i;
    }
    i = 0;
    for (const auto& b : array(v, "bip32")) {
        seed("base58_wif", QStringLiteral("xprv%1").arg(i), utf8(b.toObject(), "xprv"));
        seed("base58_wif", QStringLiteral("xpub%1").arg(i++), utf8(b.toObject(), "xpub"));
    }
}

void bip39Seeds(const QJsonObject& v)
{
    int i = 0;
    for (const auto& b : array(v, "bip39")) {
        const QByteArray words = utf8(b.toObject(), "mnemonic");
        seed("bip39", QStringLiteral("vector%1").arg(i), words);
        // As typed: capitals, doubled and trailing blanks.
        seed("bip39", QStringLiteral("typed%1").arg(i++), "  " + words.toUpper().replace(' ', "  ") + " \n");
    }
    for (const auto& a :
         v.value(QLatin1String("tokenpass")).toObject().value(QLatin1String("accounts")).toArray())
        seed("bip39", QStringLiteral("account%1").arg(i++), utf8(a.toObject(), "mnemonic"));
}

void eciesSeeds(const QJsonObject& v)
{
    int i = 0;
    for (const char* group : {"eciesElectrum", "eciesNegative", "eciesBitcore"}) {
        for (const auto& e : array(v, group)) {
            const QJsonObject o = e.toObject();
            const QByteArray key = keyOrZero(hex(o, "recipientPrivHex"));
            seed("ecies_decrypt", QStringLiteral("%1-%2").arg(QLatin1String(group)).arg(i++),
                 QByteArray(1, '\0') + key + QByteArray(33, '\0') + hex(o, "ciphertextHex"));
            const QByteArray noKey = hex(o, "noKeyCiphertextHex");
            const QByteArray ephemeral = hex(o, "ephemeralPub");
            if (!noKey.isEmpty() && ephemeral.size() == 33)
                seed("ecies_decrypt", QStringLiteral("nokey-%1").arg(i),
                     QByteArray(1, '\1') + key + ephemeral + noKey);
        }
    }
    // Sealed to the fuzz key, with plaintexts of the message vectors.
    for (const auto& m : array(v, "messages")) {
        auto sealed =
            crypto::Ecies::electrumEncrypt(hex(m.toObject(), "hex"), fuzz::recipientKey().publicKey());
        seed("ecies_decrypt", QStringLiteral("sealed%1").arg(i++),
             QByteArray(1, '\0') + QByteArray(32, '\0') + QByteArray(33, '\0') + sealed.value());
    }
}

void sessionSeeds(const QJsonObject& v)
{
    const QJsonObject body =
        v.value(QLatin1String("tokenpass")).toObject().value(QLatin1String("sessionBody")).toObject();
    seed("session_body", QStringLiteral("api-session-body"),
         keyOrZero(hex(body, "serverSessionPrivHex")) +
             crypto::fromHex(body.value(QLatin1String("requestBody"))
                                 .toObject()
                                 .value(QLatin1String("ciphertext"))
                                 .toString())
                 .value_or(QByteArray()));
    int i = 0;
    for (const auto& e : array(v, "brc78")) {
        const QJsonObject o = e.toObject();
        seed("session_body", QStringLiteral("brc78-%1").arg(i++),
             keyOrZero(hex(o, "recipientPrivHex")) + hex(o, "ciphertextHex"));
    }
}

void brc77Seeds(const QJsonObject& v)
{
    int i = 0;
    for (const char* group : {"brc77", "brc77Negative"}) {
        for (const auto& e : array(v, group)) {
            const QJsonObject o = e.toObject();
            const QByteArray verifier = hex(o, "verifierPrivHex");
            const QByteArray signature = hex(o, "signatureHex");
            QByteArray s(1, verifier.size() == 32 ? '\1' : '\0');
            s += keyOrZero(verifier) + QByteArray(1, char(qMin(signature.size(), 255))) + signature.left(255);
            s += o.contains(QLatin1String("messageHex")) ? hex(o, "messageHex") : utf8(o, "messageUtf8");
            seed("brc77_verify", QStringLiteral("%1-%2").arg(QLatin1String(group)).arg(i++), s);
        }
    }
}

void bitcoinAuthSeeds(const QJsonObject& v)
{
    int i = 0;
    for (const auto& e : array(v, "bitcoinAuth")) {
        const QJsonObject o = e.toObject();
        const QString encoding = o.value(QLatin1String("bodyEncoding")).toString();
        const char flags = encoding == QLatin1String("hex")      ? '\1'
                           : encoding == QLatin1String("base64") ? '\2'
                                                                 : '\0';
        for (const auto& c : o.value(QLatin1String("checks")).toArray()) {
            const QJsonObject target = c.toObject().value(QLatin1String("target")).toObject();
            const QByteArray body =
                target.contains(QLatin1String("body")) ? utf8(target, "body") : utf8(o, "body");
            seed("bitcoin_auth", QStringLiteral("token%1").arg(i++),
                 QByteArray(1, flags) + '\n' + utf8(o, "token") + '\n' + utf8(target, "requestPath") + '\n' +
                     utf8(target, "timestamp") + '\n' + body);
        }
    }
}

QByteArray sealBackup(const QByteArray& json)
{
    wallet::BackupEncryptOptions options;
    options.iterations = fuzz::kBackupIterations;
    return wallet::BackupFile::encrypt(json, fuzz::kBackupPassphrase, options).value().toLatin1();
}

void backupSeeds(const QJsonObject& v)
{
    const QJsonObject tp = v.value(QLatin1String("tokenpass")).toObject();
    const QJsonObject backup = tp.value(QLatin1String("backup")).toObject();
    const QByteArray payloads[] = {
        utf8(backup, "payloadJson"),
        utf8(tp.value(QLatin1String("desktopV003toV005")).toObject(), "vaultPayloadJson"),
        R"({"wif":")" + utf8(array(v, "keys").at(0).toObject(), "wif") + R"(","id":"x"})",
        R"({"xprv":")" + utf8(array(v, "bip32").at(0).toObject(), "xprv") + R"(","ids":"","mnemonic":")" +
            utf8(array(v, "bip39").at(0).toObject(), "mnemonic") + "\"}",
        utf8(array(v, "keys").at(0).toObject(), "wif"),
    };
    int i = 0;
    for (const QByteArray& json : payloads) {
        seed("backup_decode", QStringLiteral("file%1").arg(i), '\0' + sealBackup(json));
        seed("backup_decode", QStringLiteral("plain%1").arg(i), '\1' + json);
        seed("backup_decode", QStringLiteral("import-file%1").arg(i), '\2' + sealBackup(json));
        seed("backup_decode", QStringLiteral("import-plain%1").arg(i++), '\2' + json);
    }
    seed("backup_decode", QStringLiteral("vector-600k"), '\0' + utf8(backup, "encryptedBase64"));
}

void nedbSeeds(const QJsonObject& v)
{
    const QByteArray state =
        "{\"$$indexCreated\":{\"fieldName\":\"host\",\"unique\":true,\"sparse\":false}}\n"
        "{\"host\":\"global\",\"displayName\":\"Fuzz\",\"paymail\":\"f@example.com\",\"bapID\":\"abc\",\"_"
        "id\":\"g1\"}\n"
        "{\"host\":\"a.example\",\"accessToken\":\"6f1c3e0a-1d2b-4c5d-8e9f-0a1b2c3d4e5f\",\"scopes\":["
        "\"sign\"],"
        "\"expireTime\":{\"$$date\":1767225600000},\"icon\":\"https://a.example/i.png\",\"_id\":\"a1\"}\n"
        "{\"host\":\"b.example\",\"accessToken\":\"7f1c3e0a-1d2b-4c5d-8e9f-0a1b2c3d4e5f\",\"scopes\":[],"
        "\"expireTime\":0,\"_id\":\"b1\"}\n"
        "{\"$$deleted\":true,\"_id\":\"b1\"}\n"
        "{\"host\":\"torn.example\",\"accessTo\n";
    const QByteArray keys =
        "{\"path\":\"2-tokenpass-a.example\",\"pub\":\"02aa\",\"address\":\"1A\",\"host\":\"a.example\",\"_"
        "id\":\"k1\"}\n"
        "{\"path\":\"2-sigma "
        "auth-localhost\",\"pub\":\"03bb\",\"address\":\"1B\",\"host\":\"localhost\",\"_id\":\"k2\"}\n"
        "{\"path\":\"m/44'/0'/1'/2/"
        "0\",\"pub\":\"03cc\",\"address\":\"1C\",\"host\":\"old.example\",\"_id\":\"k3\"}\n"
        "not json\n";
    seed("nedb_import", QStringLiteral("parse-state"), '\0' + state);
    seed("nedb_import", QStringLiteral("state"), '\1' + state);
    seed("nedb_import", QStringLiteral("keys"), '\2' + keys);
    const QJsonObject legacy =
        v.value(QLatin1String("tokenpass")).toObject().value(QLatin1String("desktopV003toV005")).toObject();
    const QJsonObject record = legacy.value(QLatin1String("seedDbRecord")).toObject();
    seed("nedb_import", QStringLiteral("seed-vector"),
         '\3' + QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
    QJsonObject sealed{
        {QStringLiteral("encrypted"), QString::fromLatin1(sealBackup(utf8(legacy, "vaultPayloadJson")))},
        {QStringLiteral("_id"), QStringLiteral("s1")}};
    seed("nedb_import", QStringLiteral("seed-sealed"),
         '\3' + QJsonDocument(sealed).toJson(QJsonDocument::Compact) + '\n');
}

void routerSeeds(const QJsonObject& v)
{
    const QJsonObject tp = v.value(QLatin1String("tokenpass")).toObject();
    const QByteArray mnemonic = utf8(array(v, "bip39").at(0).toObject(), "mnemonic");
    const QByteArray friendPub =
        utf8(tp.value(QLatin1String("desktopV003toV005")).toObject(), "friendPubkey_default");
    const QByteArray bep = sealBackup(utf8(tp.value(QLatin1String("backup")).toObject(), "payloadJson"));
    const QByteArray pass = fuzz::kBackupPassphrase;
    // One plausible body (or query) per path; the fuzzer finds the wrong ones itself.
    const auto bodyFor = [&](const QByteArray& method, const QByteArray& path) -> QByteArray {
        if (method == "GET" || method == "HEAD")
            return path == "/auth"
                       ? "host=fuzz.example&scopes=sign&expiry=1h&redirect=https://fuzz.example/cb"
                   : path == "/auth/wait"       ? "id=1"
                   : path == "/api/bap-profile" ? "idKey=abc"
                                                : "";
        if (path == "/api/register")
            return "{\"password\":\"" + pass + "\",\"mnemonic\":\"" + mnemonic + "\"}";
        if (path == "/api/login" || path == "/api/export")
            return "{\"password\":\"" + pass + "\"}";
        if (path == "/api/auth")
            return "{\"host\":\"fuzz.example\",\"scopes\":[\"sign\",\"decrypt\"],\"expiry\":\"1h\","
                   "\"password\":\"" +
                   pass + "\"}";
        if (path == "/api/sign")
            return R"({"message":"hello","encoding":"utf8"})";
        if (path == "/api/sign-aip")
            return R"({"data":["6a","0123456789abcdef"]})";
        if (path == "/api/encrypt")
            return R"({"data":"hello","friendBapId":"abc","theirPublicKey":")" + friendPub + "\"}";
        if (path == "/api/decrypt")
            return R"({"data":"QklFMQ==","friendBapId":"abc"})";
        if (path == "/api/friend-pubkey")
            return R"({"friendBapId":"abc"})";
        if (path == "/api/profile")
            return R"({"displayName":"Fuzz","paymail":"f@example.com","logo":"https://example.com/l.png"})";
        if (path == "/api/identity" || path == "/api/identity/guest")
            return R"({"name":"Second","host":"fuzz.example"})";
        if (path == "/api/settings")
            return R"({"signatureType":"brc77"})";
        if (path == "/api/backups/import" || path == "/api/backups")
            return "{\"content\":\"" + bep + "\",\"password\":\"" + pass +
                   "\",\"label\":\"x\",\"replace\":true}";
        if (path == "/api/backups/switch")
            return R"({"path":"backup.bep"})";
        if (path == "/api/sync/pull")
            return "{\"password\":\"" + pass + "\",\"replace\":false}";
        if (path == "/api/backups/create")
            return "{\"password\":\"" + pass + "\",\"label\":\"new\"}";
        return "{}";
    };
    int i = 0;
    // One seed set per route of the table, its index first (as FuzzRouter reads it).
    for (const server::Route& route : server::routeTable()) {
        const QByteArray body = bodyFor(route.method, route.path.toLatin1());
        for (const char flags : {'\0', '\1', '\3', '\5', '\x08'})
            seed("router", QStringLiteral("e%1-f%2").arg(i).arg(int(flags)),
                 QByteArray(1, char(i)) + flags + body);
        ++i;
    }
}

// request_framing: piece size, body cap selector (0: 1 MiB), then the connection's bytes.
void framingSeeds()
{
    const QByteArray get = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:21000\r\n\r\n";
    const QByteArray post = "POST /api/sign HTTP/1.1\r\nHost: 127.0.0.1:21000\r\n";
    const QList<QByteArray> streams{
        get + get,
        post + "Content-Length: 2\r\n\r\n{}" + get,
        post + "Content-Length: 10000000000\r\n\r\n",
        post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n4;x=y\r\nabcd\r\n0\r\n\r\n" + get,
        post + "Transfer-Encoding: chunked\r\n\r\n100\r\n" + QByteArray(256, 'a') + "\r\n0\r\nT: 1\r\n\r\n",
        post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        post + "Content-Length: 2\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "\r\n" + post + "X: a\r\n b\r\n\r\n",
    };
    int i = 0;
    for (const QByteArray& stream : streams) {
        for (const char* prefix : {"\x00\x00", "\x07\x04"}) {
            seed("request_framing", QStringLiteral("s%1").arg(i++), QByteArray(prefix, 2) + stream);
        }
    }
}

// tx-vectors.json beside vectors.json: every case's unsigned raw/EF and signed EF, every refuse
// request's bytes, each behind the format byte FuzzTxParse reads (0 auto, 1 raw, 2 ef, 3 beef).
void txParseSeeds(const QString& vectorsFile)
{
    QFile file(QFileInfo(vectorsFile).dir().filePath(QStringLiteral("tx-vectors.json")));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject v = QJsonDocument::fromJson(file.readAll()).object();
    int i = 0;
    for (const QJsonValue& c : array(v, "cases")) {
        const QJsonObject o = c.toObject();
        seed("tx_parse", QStringLiteral("case-%1-raw").arg(i), QByteArray(1, '\1') + hex(o, "unsignedTxHex"));
        seed("tx_parse", QStringLiteral("case-%1-ef").arg(i), QByteArray(1, '\2') + hex(o, "unsignedEfHex"));
        seed("tx_parse", QStringLiteral("case-%1-signed").arg(i),
             QByteArray(1, '\0') + hex(o, "signedEfHex"));
        ++i;
    }
    i = 0;
    for (const QJsonValue& c : array(v, "refuse")) {
        const QJsonObject request = c.toObject().value(QStringLiteral("request")).toObject();
        seed("tx_parse", QStringLiteral("refuse-%1").arg(i++), QByteArray(1, '\0') + hex(request, "tx"));
    }
}

// mcp_jsonrpc: what MCP clients send (issue 18), and the mistakes the endpoint must answer.
void mcpSeeds()
{
    const QList<QByteArray> bodies{
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}})",
        R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
        R"({"jsonrpc":"2.0","id":"p","method":"ping"})",
        R"({"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}})",
        R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"sign_message","arguments":{"message":"00ff","encoding":"hex"}}})",
        R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"create_auth_token","arguments":{"request_path":"/a","body":"{}","scheme":"bsm"}}})",
        R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"decrypt","arguments":{"ciphertext":"4249453100","their_pubkey":"02"}}})",
        R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])",
        R"({"jsonrpc":"2.0","id":6,"result":{}})",
        R"({"jsonrpc":"2.0","id":1.5,"method":"ping","params":[1]})",
    };
    int i = 0;
    for (const QByteArray& body : bodies)
        seed("mcp_jsonrpc", QStringLiteral("m%1").arg(i++), body);
}

// oauth_form: token and revocation bodies as clients send them, and the malformed ones the
// strict parser refuses.
void oauthFormSeeds()
{
    const QList<QByteArray> bodies{
        "grant_type=authorization_code&code=abc_DEF-123&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb"
        "&client_id=Zm9v&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&resource=http%3A%2F%2F127."
        "0.0.1%3A3000%2Fmcp",
        "grant_type=refresh_token&refresh_token=r.t&client_id=c&scope=openid+bsv%3Atools",
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=x&client_id=c",
        "token=abc&token_type_hint=refresh_token&client_id=c",
        "a=%C3%A9&b=%7e*~&c=",
        "a=1&a=2",
        "a=1&&b=2",
        "=1",
        "a=%zz",
        "a=%C3",
        "",
    };
    int i = 0;
    for (const QByteArray& body : bodies)
        seed("oauth_form", QStringLiteral("f%1").arg(i++), body);
}

// jwt_verify: tokens signed by the target's ES256 key (mode 0), claims to sign (modes 1 and 3),
// and forgeries (alg none, HS256, an RS256 header over the ES256 kid, a foreign kid).
void jwtSeeds()
{
    const oauth::Es256Key key = fuzz::jwtKey();
    const QJsonObject claims{{QStringLiteral("iss"), QStringLiteral("http://127.0.0.1:21000")},
                             {QStringLiteral("sub"), QStringLiteral("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH")},
                             {QStringLiteral("aud"), QStringLiteral("http://127.0.0.1:3000/mcp")},
                             {QStringLiteral("exp"), 1767229200},
                             {QStringLiteral("scope"), QStringLiteral("openid bsv:tools")}};
    const QByteArray claimsJson = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    auto headerFor = [&key](const char* alg) {
        return oauth::base64Url(QJsonDocument(QJsonObject{{QStringLiteral("alg"), QLatin1String(alg)},
                                                          {QStringLiteral("kid"), key.kid()}})
                                    .toJson(QJsonDocument::Compact));
    };
    const QByteArray payload = oauth::base64Url(claimsJson);
    int i = 0;
    auto add = [&i](char mode, const QByteArray& text) {
        seed("jwt_verify", QStringLiteral("j%1").arg(i++), QByteArray(1, mode) + text);
    };
    add('\0', oauth::Jwt::sign(claims, key, QStringLiteral("at+jwt")).toLatin1());
    add('\0', oauth::Jwt::sign(claims, key).toLatin1());
    for (const char* alg : {"none", "HS256", "RS256", "ES256K"}) {
        const QByteArray input = headerFor(alg) + '.' + payload;
        add('\0', input + '.' + oauth::base64Url(key.sign(input)));
    }
    add('\0', headerFor("ES256") + '.' + payload + '.');
    add('\0', "a.b.c");
    add('\1', claimsJson);
    add('\3', claimsJson);
    add('\1', "{}");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: tokenpass_fuzz_seeds <vectors.json> <output dir>\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    const QJsonObject v = QJsonDocument::fromJson(file.readAll()).object();
    g_out = QString::fromLocal8Bit(argv[2]);
    QDir(g_out).removeRecursively();
    base58Seeds(v);
    bip39Seeds(v);
    eciesSeeds(v);
    sessionSeeds(v);
    brc77Seeds(v);
    bitcoinAuthSeeds(v);
    backupSeeds(v);
    nedbSeeds(v);
    routerSeeds(v);
    framingSeeds();
    txParseSeeds(QString::fromLocal8Bit(argv[1]));
    mcpSeeds();
    oauthFormSeeds();
    jwtSeeds();
    std::printf("tokenpass_fuzz_seeds: %d seeds in %s\n", g_written, argv[2]);
    return 0;
}
