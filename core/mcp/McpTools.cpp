#include "mcp/McpTools.h"

#include <QJsonDocument>

#include <initializer_list>

namespace tokenpass::mcp {

namespace {

QJsonObject str(const QString& description, std::initializer_list<const char*> allowed = {})
{
    QJsonObject p{{QStringLiteral("type"), QStringLiteral("string")},
                  {QStringLiteral("description"), description}};
    if (allowed.size() > 0) {
        QJsonArray values;
        for (const char* v : allowed)
            values.append(QString::fromLatin1(v));
        p.insert(QStringLiteral("enum"), values);
    }
    return p;
}

QJsonObject typed(const char* type)
{
    return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)}};
}

QJsonObject boolean()
{
    return typed("boolean");
}

QJsonObject nullableString()
{
    return QJsonObject{
        {QStringLiteral("type"), QJsonArray{QStringLiteral("string"), QStringLiteral("null")}}};
}

QJsonObject nullable(const char* type)
{
    return QJsonObject{
        {QStringLiteral("type"), QJsonArray{QString::fromLatin1(type), QStringLiteral("null")}}};
}

QJsonObject arrayOf(const QJsonObject& items)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), items}};
}

QJsonObject objectSchema(const QJsonObject& properties, const QStringList& required, bool closed = true)
{
    QJsonObject s{{QStringLiteral("type"), QStringLiteral("object")},
                  {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        s.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    if (closed)
        s.insert(QStringLiteral("additionalProperties"), false);
    return s;
}

struct Tool
{
    QString name;
    QString scope;
    QString description;
    QJsonObject input;
    QJsonObject output;
};

// One connected site or app, as list_sites and revoke_site describe it (README "Command line").
QJsonObject siteSchema()
{
    return objectSchema(
        {{QStringLiteral("host"), str(QStringLiteral("the site's host, or oauth:<client_id> for an app"))},
         {QStringLiteral("kind"),
          str(QStringLiteral("a website or native client of /api/auth, or an OAuth app"),
              {"site", "oauth_client"})},
         {QStringLiteral("name"),
          str(QStringLiteral("the host, or the name the app registered (nobody verified it)"))},
         {QStringLiteral("name_verified"), nullable("boolean")},
         {QStringLiteral("client_id"), nullableString()},
         {QStringLiteral("scopes"), arrayOf(typed("string"))},
         {QStringLiteral("identity"), nullableString()},
         {QStringLiteral("policy"), nullableString()},
         {QStringLiteral("expires_ms"), nullable("integer")},
         {QStringLiteral("last_used_ms"), nullable("integer")}},
        {QStringLiteral("host"), QStringLiteral("kind"), QStringLiteral("name"),
         QStringLiteral("name_verified"), QStringLiteral("client_id"), QStringLiteral("scopes"),
         QStringLiteral("identity"), QStringLiteral("policy"), QStringLiteral("expires_ms"),
         QStringLiteral("last_used_ms")});
}

QList<Tool> makeTools()
{
    const QString hexOrKey = QStringLiteral("compressed public key, hex");
    const QJsonObject encoding =
        str(QStringLiteral("how message is encoded (default utf8)"), {"utf8", "hex", "base64"});
    return {
        {QStringLiteral("wallet_status"), QString(),
         QStringLiteral("Whether TokenPass has a wallet and whether it is unlocked."), objectSchema({}, {}),
         objectSchema({{QStringLiteral("has_wallet"), boolean()}, {QStringLiteral("unlocked"), boolean()}},
                      {QStringLiteral("has_wallet"), QStringLiteral("unlocked")})},
        {QStringLiteral("get_identity"), QStringLiteral("read_profile"),
         QStringLiteral(
             "The identity the person chose for this agent: its public key, address, BAP id and name."),
         objectSchema({}, {}),
         objectSchema({{QStringLiteral("pubkey"), str(hexOrKey)},
                       {QStringLiteral("address"), str(QStringLiteral("P2PKH address of pubkey"))},
                       {QStringLiteral("bap_id"), nullableString()},
                       {QStringLiteral("name"), nullableString()}},
                      {QStringLiteral("pubkey"), QStringLiteral("address"), QStringLiteral("bap_id"),
                       QStringLiteral("name")})},
        {QStringLiteral("sign_message"), QStringLiteral("sign"),
         QStringLiteral("Signs a message with the identity's key (Bitcoin Signed Message, base64 compact). "
                        "The person may be asked to approve it in TokenPass."),
         objectSchema({{QStringLiteral("message"), str(QStringLiteral("the message"))},
                       {QStringLiteral("encoding"), encoding}},
                      {QStringLiteral("message")}),
         objectSchema({{QStringLiteral("signature"), str(QStringLiteral("BSM signature, base64"))},
                       {QStringLiteral("address"), str(QStringLiteral("the signing address"))},
                       {QStringLiteral("pubkey"), str(hexOrKey)}},
                      {QStringLiteral("signature"), QStringLiteral("address"), QStringLiteral("pubkey")})},
        {QStringLiteral("create_auth_token"), QStringLiteral("sign"),
         QStringLiteral(
             "Creates a bitcoin-auth X-Auth-Token for an HTTP request, signed by the identity's key."),
         objectSchema(
             {{QStringLiteral("request_path"), str(QStringLiteral("the request path, e.g. /api/items"))},
              {QStringLiteral("body"), str(QStringLiteral("the exact request body"))},
              {QStringLiteral("body_encoding"),
               str(QStringLiteral("how body is encoded (default utf8)"), {"utf8", "hex", "base64"})},
              {QStringLiteral("scheme"),
               str(QStringLiteral("signature scheme (default brc77)"), {"brc77", "bsm"})}},
             {QStringLiteral("request_path")}),
         objectSchema({{QStringLiteral("token"), str(QStringLiteral("the X-Auth-Token header value"))}},
                      {QStringLiteral("token")})},
        {QStringLiteral("encrypt"), QStringLiteral("encrypt"),
         QStringLiteral(
             "Encrypts data (ECIES, BIE1) to their_pubkey, to a friend's key, or, with neither, to "
             "the identity's own key."),
         objectSchema({{QStringLiteral("data"), str(QStringLiteral("UTF-8 text to encrypt"))},
                       {QStringLiteral("their_pubkey"), str(hexOrKey)},
                       {QStringLiteral("friend_bap_id"), str(QStringLiteral("a friend's BAP id"))}},
                      {QStringLiteral("data")}),
         objectSchema({{QStringLiteral("ciphertext"), str(QStringLiteral("hex"))}},
                      {QStringLiteral("ciphertext")})},
        {QStringLiteral("decrypt"), QStringLiteral("decrypt"),
         QStringLiteral(
             "Decrypts ECIES (BIE1) ciphertext from their_pubkey or a friend, or, with neither, sent to "
             "the identity's own key."),
         objectSchema({{QStringLiteral("ciphertext"), str(QStringLiteral("hex"))},
                       {QStringLiteral("their_pubkey"), str(hexOrKey)},
                       {QStringLiteral("friend_bap_id"), str(QStringLiteral("a friend's BAP id"))}},
                      {QStringLiteral("ciphertext")}),
         objectSchema({{QStringLiteral("data"), str(QStringLiteral("the UTF-8 plaintext"))}},
                      {QStringLiteral("data")})},
        {QStringLiteral("sign_transaction"), QStringLiteral("transfer"),
         QStringLiteral("Signs a transaction's inputs that belong to this agent's own key, as POST "
                        "/api/sign/transaction does. The person always approves it in TokenPass; headless "
                        "TokenPass refuses it."),
         objectSchema({{QStringLiteral("tx"),
                        str(QStringLiteral("the transaction, hex (raw, EF, BEEF or Atomic BEEF)"))},
                       {QStringLiteral("format"), str(QStringLiteral("auto (default), raw, ef, beef"))},
                       {QStringLiteral("sourceOutputs"), typed("array")},
                       {QStringLiteral("sighash"), typed("object")},
                       {QStringLiteral("inputs"), typed("array")},
                       {QStringLiteral("description"),
                        str(QStringLiteral("what the transaction is for, shown to the person"))}},
                      {QStringLiteral("tx")}),
         objectSchema({{QStringLiteral("success"), boolean()},
                       {QStringLiteral("txid"), str(QStringLiteral("hex"))},
                       {QStringLiteral("rawtx"), str(QStringLiteral("hex"))},
                       {QStringLiteral("ef"), str(QStringLiteral("hex"))},
                       {QStringLiteral("complete"), boolean()},
                       {QStringLiteral("signedInputs"), typed("array")},
                       {QStringLiteral("untouchedInputs"), typed("array")},
                       {QStringLiteral("fee"), typed("number")}},
                      {QStringLiteral("txid"), QStringLiteral("rawtx")}, false)},
        {QStringLiteral("list_sites"), QStringLiteral("manage_sites"),
         QStringLiteral(
             "The sites and apps connected to TokenPass, as its Connected sites window lists them: "
             "host, scopes, identity, last use. Apps are listed as oauth:<client_id> with the name "
             "they registered, which nobody verified."),
         objectSchema({}, {}),
         objectSchema({{QStringLiteral("sites"), arrayOf(siteSchema())}}, {QStringLiteral("sites")})},
        {QStringLiteral("revoke_site"), QStringLiteral("manage_sites"),
         QStringLiteral("Disconnects one site or app, as Revoke in the Connected sites window: its tokens "
                        "and permissions are gone and it must ask the person again. Recorded in the audit "
                        "log."),
         objectSchema(
             {{QStringLiteral("host"),
               str(QStringLiteral("the host as list_sites names it (oauth:<client_id> for an app)"))}},
             {QStringLiteral("host")}),
         objectSchema({{QStringLiteral("revoked"), siteSchema()},
                       {QStringLiteral("self"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")},
                                    {QStringLiteral("description"),
                                     QStringLiteral("the caller revoked its own grant: its token no longer "
                                                    "works")}}}},
                      {QStringLiteral("revoked"), QStringLiteral("self")})},
    };
}

const QList<Tool>& tools()
{
    static const QList<Tool> list = makeTools();
    return list;
}

const Tool* findTool(const QString& name)
{
    for (const Tool& t : tools())
        if (t.name == name)
            return &t;
    return nullptr;
}

QString typeOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("null");
    }
}

} // namespace

bool protocolVersionSupported(const QString& version)
{
    return version == QLatin1String("2025-11-25") || version == QLatin1String("2025-06-18") ||
           version == QLatin1String("2025-03-26");
}

QJsonObject initializeResult(const QJsonObject& params)
{
    const QString asked = params.value(QStringLiteral("protocolVersion")).toString();
    return QJsonObject{
        {QStringLiteral("protocolVersion"),
         protocolVersionSupported(asked) ? asked : QString::fromLatin1(kLatestProtocolVersion)},
        {QStringLiteral("capabilities"),
         QJsonObject{{QStringLiteral("tools"), QJsonObject{{QStringLiteral("listChanged"), false}}}}},
        {QStringLiteral("serverInfo"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("tokenpass")},
                     {QStringLiteral("title"), QStringLiteral("TokenPass")},
                     {QStringLiteral("version"), QString::fromLatin1(TOKENPASS_VERSION)}}},
        {QStringLiteral("instructions"),
         QStringLiteral("TokenPass keeps the keys: every tool acts as the identity the person chose when "
                        "approving this agent, and the person may be asked to approve a call in TokenPass.")},
    };
}

const QJsonArray& toolDefinitions()
{
    static const QJsonArray list = [] {
        QJsonArray out;
        for (const Tool& t : tools())
            out.append(QJsonObject{{QStringLiteral("name"), t.name},
                                   {QStringLiteral("description"), t.description},
                                   {QStringLiteral("inputSchema"), t.input},
                                   {QStringLiteral("outputSchema"), t.output}});
        return out;
    }();
    return list;
}

std::optional<QString> toolScope(const QString& tool)
{
    const Tool* t = findTool(tool);
    if (!t)
        return std::nullopt;
    return t->scope;
}

QString argumentsError(const QString& tool, const QJsonObject& arguments)
{
    const Tool* t = findTool(tool);
    if (!t)
        return QStringLiteral("Unknown tool: %1").arg(tool.left(64));
    const QJsonObject properties = t->input.value(QStringLiteral("properties")).toObject();
    for (const QJsonValue& name : t->input.value(QStringLiteral("required")).toArray())
        if (!arguments.contains(name.toString()))
            return QStringLiteral("%1 is required").arg(name.toString());
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
        if (!properties.contains(it.key()))
            return QStringLiteral("Unknown argument: %1").arg(it.key().left(64));
        const QJsonObject schema = properties.value(it.key()).toObject();
        const QString expected = schema.value(QStringLiteral("type")).toString();
        if (typeOf(it.value()) != expected)
            return QStringLiteral("%1 must be a %2").arg(it.key(), expected);
        const QJsonArray allowed = schema.value(QStringLiteral("enum")).toArray();
        if (!allowed.isEmpty() && !allowed.contains(it.value())) {
            QStringList names;
            for (const QJsonValue& v : allowed)
                names.append(v.toString());
            return QStringLiteral("%1 must be one of: %2").arg(it.key(), names.join(QStringLiteral(", ")));
        }
    }
    return QString();
}

QJsonObject toolResult(const QJsonObject& structured)
{
    const QString text = QString::fromUtf8(QJsonDocument(structured).toJson(QJsonDocument::Compact));
    return QJsonObject{
        {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                           {QStringLiteral("text"), text}}}},
        {QStringLiteral("structuredContent"), structured},
        {QStringLiteral("isError"), false},
    };
}

QJsonObject toolError(const QString& message)
{
    return QJsonObject{
        {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                           {QStringLiteral("text"), message}}}},
        {QStringLiteral("isError"), true},
    };
}

} // namespace tokenpass::mcp
