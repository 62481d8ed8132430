#include "oauth/ClientRegistry.h"

#include "crypto/Keys.h"
#include "crypto/Random.h"
#include "oauth/Base64Url.h"
#include "oauth/RedirectUris.h"
#include "store/Database.h"
#include "store/PerDatabase.h"
#include "store/SqlQuery.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QVariant>

namespace tokenpass::oauth {

namespace {

const QString kAuthorizationCode = QStringLiteral("authorization_code");
const QString kRefreshToken = QStringLiteral("refresh_token");
const QString kDeviceCode = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

// Members we store as given when they are strings (RFC 7591 §2).
const QStringList& stringMembers()
{
    static const QStringList members{QStringLiteral("client_name"),      QStringLiteral("client_uri"),
                                     QStringLiteral("logo_uri"),         QStringLiteral("tos_uri"),
                                     QStringLiteral("policy_uri"),       QStringLiteral("software_id"),
                                     QStringLiteral("software_version"), QStringLiteral("scope")};
    return members;
}

OAuthResult<QJsonObject> badMetadata(const QString& why)
{
    return OAuthResult<QJsonObject>::fail(QStringLiteral("invalid_client_metadata"), why);
}

// A JSON array of strings, or the default when absent; nullopt when it is something else.
std::optional<QStringList> stringList(const QJsonObject& request, const QString& key,
                                      const QStringList& fallback)
{
    if (!request.contains(key))
        return fallback;
    const QJsonValue value = request.value(key);
    if (!value.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString() || item.toString().size() > ClientRegistry::kMaxTextLength)
            return std::nullopt;
        out << item.toString();
    }
    return out;
}

} // namespace

QStringList Client::redirectUris() const
{
    QStringList out;
    for (const QJsonValue& v : metadata.value(QStringLiteral("redirect_uris")).toArray())
        out << v.toString();
    return out;
}

bool Client::allowsGrant(const QString& grantType) const
{
    for (const QJsonValue& v : metadata.value(QStringLiteral("grant_types")).toArray())
        if (v.toString() == grantType)
            return true;
    return false;
}

QString Client::name() const
{
    const QString name = metadata.value(QStringLiteral("client_name")).toString();
    return name.isEmpty() ? clientId : name;
}

struct ClientRegistry::Cache
{
    QMutex mutex;
    QHash<QString, Client> clients; // found in the table; at most kMaxClients
    QHash<QString, qint64> noted;   // client id -> when noteUse last wrote (or skipped) it
    quint64 generation = 0;         // bumped by registration, whose eviction deletes clients
};

ClientRegistry::ClientRegistry(std::shared_ptr<store::Database> db, const Clock& clock)
    : m_db(std::move(db)), m_clock(clock), m_cache(store::sharedPerDatabase<Cache>(m_db.get()))
{}

OAuthResult<QJsonObject> ClientRegistry::validate(const QJsonObject& request) const
{
    QJsonObject stored;
    const QString method = request.contains(QStringLiteral("token_endpoint_auth_method"))
                               ? request.value(QStringLiteral("token_endpoint_auth_method")).toString()
                               : QStringLiteral("none"); // public clients are all we register
    // bitcoin_auth (OAUTH.md §2.3): an X-Auth-Token signed by the registered member key.
    if (method != QLatin1String("none") && method != QLatin1String("bitcoin_auth"))
        return badMetadata(QStringLiteral("token_endpoint_auth_method must be \"none\" or \"bitcoin_auth\""));
    stored.insert(QStringLiteral("token_endpoint_auth_method"), method);
    if (method == QLatin1String("bitcoin_auth")) {
        const QString member = request.value(QStringLiteral("member_pubkey")).toString().toLower();
        if (member.size() != 66 || !crypto::PublicKey::fromHex(member))
            return badMetadata(
                QStringLiteral("bitcoin_auth needs member_pubkey: a compressed public key in hex"));
        stored.insert(QStringLiteral("member_pubkey"), member);
    }

    const auto grantTypes = stringList(request, QStringLiteral("grant_types"), {kAuthorizationCode});
    if (!grantTypes || grantTypes->isEmpty())
        return badMetadata(QStringLiteral("grant_types must be an array of strings"));
    for (const QString& g : *grantTypes)
        if (g != kAuthorizationCode && g != kRefreshToken && g != kDeviceCode)
            return badMetadata(QStringLiteral("unsupported grant type: %1").arg(g));
    if (!grantTypes->contains(kAuthorizationCode) && !grantTypes->contains(kDeviceCode))
        return badMetadata(QStringLiteral("grant_types must include authorization_code"));
    // OAUTH.md §1.4: a device-only client has no redirect.
    const bool needsRedirect = grantTypes->contains(kAuthorizationCode);
    stored.insert(QStringLiteral("grant_types"), QJsonArray::fromStringList(*grantTypes));

    const auto responseTypes =
        stringList(request, QStringLiteral("response_types"), {QStringLiteral("code")});
    if (!responseTypes || *responseTypes != QStringList{QStringLiteral("code")})
        return badMetadata(QStringLiteral("response_types must be [\"code\"]"));
    stored.insert(QStringLiteral("response_types"), QJsonArray::fromStringList(*responseTypes));

    const auto redirects = stringList(request, QStringLiteral("redirect_uris"), {});
    if (!redirects || (needsRedirect && redirects->isEmpty()))
        return OAuthResult<QJsonObject>::fail(
            QStringLiteral("invalid_redirect_uri"),
            QStringLiteral("redirect_uris must be a non-empty array of strings"));
    for (const QString& uri : *redirects) {
        const QString problem = RedirectUris::registrationProblem(uri);
        if (!problem.isEmpty())
            return OAuthResult<QJsonObject>::fail(QStringLiteral("invalid_redirect_uri"), problem);
    }
    stored.insert(QStringLiteral("redirect_uris"), QJsonArray::fromStringList(*redirects));

    for (const QString& key : stringMembers()) {
        if (!request.contains(key))
            continue;
        const QJsonValue value = request.value(key);
        if (!value.isString() || value.toString().size() > kMaxTextLength)
            return badMetadata(QStringLiteral("%1 must be a string").arg(key));
        stored.insert(key, value);
    }
    if (request.contains(QStringLiteral("contacts"))) {
        const auto contacts = stringList(request, QStringLiteral("contacts"), {});
        if (!contacts)
            return badMetadata(QStringLiteral("contacts must be an array of strings"));
        stored.insert(QStringLiteral("contacts"), QJsonArray::fromStringList(*contacts));
    }
    if (request.contains(QStringLiteral("application_type"))) {
        const QString type = request.value(QStringLiteral("application_type")).toString();
        if (type != QLatin1String("native") && type != QLatin1String("web"))
            return badMetadata(QStringLiteral("application_type must be \"native\" or \"web\""));
        stored.insert(QStringLiteral("application_type"), type);
    }
    if (request.contains(QStringLiteral("id_token_signed_response_alg"))) {
        // OAUTH.md §3.2: ES256 by default, RS256 on request (the RSA key is made for it).
        const QString alg = request.value(QStringLiteral("id_token_signed_response_alg")).toString();
        if (alg != QLatin1String("ES256") && alg != QLatin1String("RS256"))
            return badMetadata(QStringLiteral("id_token_signed_response_alg must be \"ES256\" or \"RS256\""));
        stored.insert(QStringLiteral("id_token_signed_response_alg"), alg);
    }
    return OAuthResult<QJsonObject>::ok(stored);
}

OAuthResult<QJsonObject> ClientRegistry::registerClient(const QJsonObject& request)
{
    auto valid = validate(request);
    if (!valid)
        return valid;
    const QString clientId = QString::fromLatin1(base64Url(crypto::randomBytes(16)));
    const qint64 now = m_clock.nowMs();
    store::SqlConnection db = m_db->connection();
    store::SqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO oauth_clients (client_id, metadata, created_ms, last_used_ms) "
                                  "VALUES (?, ?, ?, ?)"));
    insert.addBindValue(clientId);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(valid.value()).toJson(QJsonDocument::Compact)));
    insert.addBindValue(now);
    insert.addBindValue(now);
    if (!insert.exec())
        return OAuthResult<QJsonObject>::fail(QStringLiteral("server_error"),
                                              QStringLiteral("cannot store the client"), 500);
    // The cap (OAUTH.md §1.4): the least recently used clients beyond it go.
    store::SqlQuery evict(db);
    evict.prepare(QStringLiteral("DELETE FROM oauth_clients WHERE client_id NOT IN (SELECT client_id FROM "
                                 "oauth_clients ORDER BY last_used_ms DESC, created_ms DESC LIMIT ?)"));
    evict.addBindValue(kMaxClients);
    evict.exec();
    {
        QMutexLocker lock(&m_cache->mutex);
        ++m_cache->generation;
        m_cache->clients.clear();
        m_cache->noted.clear();
    }

    QJsonObject response = valid.value();
    response.insert(QStringLiteral("client_id"), clientId);
    response.insert(QStringLiteral("client_id_issued_at"), double(now / 1000));
    return OAuthResult<QJsonObject>::ok(response);
}

std::optional<Client> ClientRegistry::find(const QString& clientId) const
{
    if (clientId.isEmpty() || clientId.size() > 256)
        return std::nullopt;
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_cache->mutex);
        const auto it = m_cache->clients.constFind(clientId);
        if (it != m_cache->clients.constEnd())
            return it.value();
        generation = m_cache->generation;
    }
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT metadata, created_ms FROM oauth_clients WHERE client_id = ?"));
    q.addBindValue(clientId);
    if (!q.exec() || !q.next())
        return std::nullopt; // unknown ids are not remembered: anyone can send one
    Client client{clientId, QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object(),
                  q.value(1).toLongLong()};
    QMutexLocker lock(&m_cache->mutex);
    if (m_cache->generation == generation && m_cache->clients.size() < kMaxClients)
        m_cache->clients.insert(clientId, client);
    return client;
}

void ClientRegistry::touch(const QString& clientId)
{
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE oauth_clients SET last_used_ms = ? WHERE client_id = ?"));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(clientId);
    q.exec();
}

void ClientRegistry::noteUse(const QString& clientId)
{
    const qint64 now = m_clock.nowMs();
    {
        QMutexLocker lock(&m_cache->mutex);
        const auto it = m_cache->noted.constFind(clientId);
        if (it != m_cache->noted.constEnd() && it.value() > now - kUseResolutionMs && it.value() <= now)
            return; // written (or found recent enough) less than kUseResolutionMs ago
        if (m_cache->noted.size() >= kMaxClients)
            m_cache->noted.clear();
        m_cache->noted.insert(clientId, now);
    }
    store::SqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "UPDATE oauth_clients SET last_used_ms = ? WHERE client_id = ? AND last_used_ms <= ?"));
    q.addBindValue(now);
    q.addBindValue(clientId);
    q.addBindValue(now - kUseResolutionMs);
    q.exec();
}

int ClientRegistry::count() const
{
    store::SqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM oauth_clients")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

} // namespace tokenpass::oauth
