// crypto::JsonSecret: a password read straight from JSON bytes into SecureBytes.

#include "crypto/JsonSecret.h"
#include "crypto/Random.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using tokenpass::crypto::JsonSecret;
using Status = JsonSecret::Status;

namespace {

JsonSecret::Field pw(QByteArrayView json)
{
    return JsonSecret::stringField(json, "password");
}

QByteArray value(QByteArrayView json)
{
    const auto f = pw(json);
    EXPECT_EQ(f.status, Status::Found) << json.toByteArray().constData();
    return f.value.view().toByteArray();
}

} // namespace

TEST(JsonSecret, PlainValueAndOtherMembers)
{
    EXPECT_EQ(value(R"({"password":"correct horse battery"})"), QByteArray("correct horse battery"));
    EXPECT_EQ(value(R"( { "host" : "a.com", "scopes":["x",{"password":"no"}], "n":-1.5e+3,
                        "password" : "pw" , "t":true,"f":false,"z":null } )"),
              QByteArray("pw"));
    EXPECT_EQ(value(R"({"password":""})"), QByteArray());
}

TEST(JsonSecret, Escapes)
{
    EXPECT_EQ(value(R"({"password":"a\"b\\c\/d\b\f\n\r\t"})"), QByteArray("a\"b\\c/d\b\f\n\r\t"));
    EXPECT_EQ(value(R"({"password":"\u00e9\u20AC"})"), QByteArray("\xc3\xa9\xe2\x82\xac"));
    EXPECT_EQ(value(R"({"password":"\ud83d\ude00"})"), QByteArray("\xf0\x9f\x98\x80"));
    EXPECT_EQ(value("{\"password\":\"\xc3\xa9\xf0\x9f\x98\x80\"}"), QByteArray("\xc3\xa9\xf0\x9f\x98\x80"));
    EXPECT_EQ(value(R"({"pass\u0077ord":"escaped key"})"), QByteArray("escaped key"));
    EXPECT_EQ(value(R"({"password":"\u0000x"})"), QByteArray("\0x", 2));
}

TEST(JsonSecret, MissingNotStringAndDuplicates)
{
    EXPECT_EQ(pw(R"({})").status, Status::Missing);
    EXPECT_EQ(pw(R"({"nested":{"password":"x"}})").status, Status::Missing);
    EXPECT_EQ(pw(R"({"Password":"x"})").status, Status::Missing);
    EXPECT_EQ(pw(R"({"password":12})").status, Status::NotString);
    EXPECT_EQ(pw(R"({"password":null})").status, Status::NotString);
    EXPECT_EQ(pw(R"({"password":["x"]})").status, Status::NotString);
    // The last duplicate wins, as in JSON.parse and QJsonDocument.
    EXPECT_EQ(value(R"({"password":"first","password":"second"})"), QByteArray("second"));
    EXPECT_EQ(pw(R"({"password":"first","password":1})").status, Status::NotString);
}

TEST(JsonSecret, HostileInputIsMalformed)
{
    const char* bad[] = {
        "",
        " ",
        "[]",
        R"("password")",
        R"({"password":"x")",
        R"({"password":"x"}})",
        R"({"password":"x"} x)",
        R"({"password":"x",})",
        R"({"password" "x"})",
        R"({password:"x"})",
        R"({'password':'x'})",
        R"({"password":"x\"})",
        R"({"password":"x\q"})",
        R"({"password":"\u12"})",
        R"({"password":"\u12g4"})",
        R"({"password":"\ud83d"})",
        R"({"password":"\ud83dx"})",
        R"({"password":"\ude00"})",
        R"({"password":"\ud83d\u0041"})",
        "{\"password\":\"a\nb\"}",
        "{\"password\":\"\xff\"}",
        "{\"password\":\"\xc0\xaf\"}",
        "{\"password\":\"\xed\xa0\x80\"}",
        "{\"password\":\"\xf4\x90\x80\x80\"}",
        "{\"password\":\"\xe2\x82\"}",
        R"({"a":01,"password":"x"})",
        R"({"a":1.,"password":"x"})",
        R"({"a":-,"password":"x"})",
        R"({"a":tru,"password":"x"})",
        R"({"a":[1,],"password":"x"})",
        R"({"a":NaN,"password":"x"})",
        "{\"password\":\"x\"\\",
        "{\"password\":\"x\\",
    };
    for (const char* text : bad)
        EXPECT_EQ(pw(QByteArrayView(text)).status, Status::Malformed) << text;
    EXPECT_EQ(pw(QByteArrayView("{\"password\":\"a\0b\"}", 17)).status, Status::Malformed);
}

TEST(JsonSecret, DeepNestingIsRefusedWithoutRecursingForever)
{
    QByteArray deep = "{\"a\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + ",\"password\":\"x\"}";
    EXPECT_EQ(pw(deep).status, Status::Malformed);
    QByteArray ok = "{\"a\":" + QByteArray(60, '[') + QByteArray(60, ']') + ",\"password\":\"x\"}";
    EXPECT_EQ(value(ok), QByteArray("x"));
}

// Fuzz-style: random bytes and mutated valid documents never crash, and every Found agrees with
// QJsonDocument on valid text.
TEST(JsonSecret, RandomMutationsAgreeWithQJsonDocument)
{
    const QByteArray seed =
        R"({"host":"a.com","password":"p\u00e9ss\"w\\rd","scopes":["sign",1,true,null,{"x":[]}]})";
    for (int round = 0; round < 20000; ++round) {
        QByteArray text = seed;
        const QByteArray noise = tokenpass::crypto::randomBytes(4);
        const int mutations = 1 + (noise.at(0) & 3);
        for (int m = 0; m < mutations; ++m) {
            const QByteArray r = tokenpass::crypto::randomBytes(3);
            const int at = int(quint8(r.at(0)) | (quint8(r.at(1)) << 8)) % text.size();
            switch (quint8(r.at(2)) % 3) {
            case 0:
                text[at] = r.at(1);
                break;
            case 1:
                text.remove(at, 1);
                break;
            default:
                text.insert(at, r.at(2));
                break;
            }
            if (text.isEmpty())
                text = "{";
        }
        const auto f = pw(text);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (f.status == Status::Found) {
            ASSERT_EQ(error.error, QJsonParseError::NoError) << text.toHex().constData();
            ASSERT_TRUE(doc.isObject());
            EXPECT_EQ(doc.object().value(QStringLiteral("password")).toString().toUtf8(),
                      f.value.view().toByteArray())
                << text.toHex().constData();
        }
    }
    EXPECT_EQ(value(seed), QByteArray("p\xc3\xa9ss\"w\\rd"));
}

// Issue 20: QJsonDocument must only ever see the text without the secrets.
TEST(JsonSecret, RewriteRemovesOrRedactsOnlyTheNamedTopLevelMembers)
{
    using tokenpass::crypto::JsonSecret;
    const QByteArray text =
        R"( {"ids":"abc","rootPk":"L1secret","nested":{"rootPk":"kept"},"mnemonic":"w1 w2","label":"x"} )";
    const QList<QByteArrayView> keys{QByteArrayView("rootPk"), QByteArrayView("mnemonic")};
    EXPECT_EQ(JsonSecret::rewriteMembers(text, keys, JsonSecret::Rewrite::Remove).view(),
              QByteArrayView(R"({"ids":"abc","nested":{"rootPk":"kept"},"label":"x"})"));
    EXPECT_EQ(JsonSecret::rewriteMembers(text, keys, JsonSecret::Rewrite::Redact).view(),
              QByteArrayView(
                  R"({"ids":"abc","rootPk":"*","nested":{"rootPk":"kept"},"mnemonic":"*","label":"x"})"));
    // An empty string stays empty and a non-string is kept as it is, so validation answers as before.
    EXPECT_EQ(JsonSecret::rewriteMembers(R"({"password":"","mnemonic":5})",
                                         {QByteArrayView("password"), QByteArrayView("mnemonic")},
                                         JsonSecret::Rewrite::Redact)
                  .view(),
              QByteArrayView(R"({"password":"","mnemonic":5})"));
    EXPECT_EQ(JsonSecret::rewriteMembers("{}", keys, JsonSecret::Rewrite::Remove).view(),
              QByteArrayView("{}"));
    EXPECT_TRUE(
        JsonSecret::rewriteMembers(R"({"rootPk":"a",})", keys, JsonSecret::Rewrite::Remove).isEmpty());
    EXPECT_TRUE(JsonSecret::rewriteMembers("[1]", keys, JsonSecret::Rewrite::Remove).isEmpty());
}

TEST(JsonSecret, QuoteEscapesLikeJsonStringify)
{
    using tokenpass::crypto::JsonSecret;
    EXPECT_EQ(JsonSecret::quote("a\"b\\c\n").view(), QByteArrayView(R"("a\"b\\c\u000a")"));
    EXPECT_EQ(JsonSecret::quote("").view(), QByteArrayView(R"("")"));
}
