#include "BapProfileRoutes.h"

#include "ApprovalWaiter.h"
#include "JsonWriter.h"
#include "Router.h"
#include "ServerState.h"
#include "UpstreamClient.h"
#include "store/Settings.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace tokenpass::server {

namespace {

const QString kOrdfs = QStringLiteral("https://ordfs.network/");

QString upstreamBase(const ServerState& state)
{
    if (!state.options.bapProfileUrl.isEmpty())
        return state.options.bapProfileUrl;
    return store::Settings(state.services.database).string(store::Settings::Key::BapProfileUrl);
}

} // namespace

void BapProfileRoutes::fetchProfile(ServerState& state, const ApiRequest& request, const Reply& reply)
{
    UpstreamClient* upstream = state.upstream;
    const QString idKey = request.query.queryItemValue(QStringLiteral("idKey"), QUrl::FullyDecoded);
    if (idKey.isEmpty())
        return reply.send(errors::response(ApiError::IdKeyRequired));

    JsonWriter body;
    body.add(u"idKey", idKey);
    upstream->send("POST", UpstreamClient::join(upstreamBase(state), QStringLiteral("/api/v1/identity/get")),
                   {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                   body.toJson(), state.options.bapProfileTimeoutMs,
                   [reply](const UpstreamClient::Result& result) {
                       if (!reply.connected())
                           return; // the dashboard went away; nothing to answer
                       if (result.outcome != UpstreamClient::Result::Outcome::Answered)
                           return reply.send(errors::response(ApiError::FailedToFetchProfile));
                       const QJsonDocument doc = QJsonDocument::fromJson(result.body);
                       if (!doc.isObject())
                           return reply.send(errors::response(ApiError::FailedToFetchProfile));
                       const QJsonObject answer = doc.object();
                       const QJsonValue profile = answer.value(QStringLiteral("result"));
                       if (answer.value(QStringLiteral("status")).toString() != QLatin1String("OK") ||
                           !profile.isObject())
                           return reply.send(errors::response(ApiError::ProfileNotFound));
                       const QJsonObject shown = BapProfileRoutes::profileFromResult(profile.toObject());
                       reply.send(ApiResponse::json(200, JsonWriter::fromObject(shown).toJson()));
                   });
}

QString BapProfileRoutes::displayableImage(const QString& image)
{
    static const QRegularExpression txPath(QStringLiteral("^/[0-9a-fA-F]{64}"));
    static const QRegularExpression bareTx(QStringLiteral("^[0-9a-fA-F]{64}(_\\d+)?$"));
    if (txPath.match(image).hasMatch())
        return kOrdfs + image.mid(1);
    for (const QLatin1String scheme :
         {QLatin1String("b://"), QLatin1String("ord://"), QLatin1String("bitfs://")}) {
        if (image.startsWith(scheme))
            return kOrdfs + image.mid(scheme.size());
    }
    if (bareTx.match(image).hasMatch())
        return kOrdfs + image;
    return image;
}

QJsonObject BapProfileRoutes::profileFromResult(QJsonObject result)
{
    const auto underscore = result.find(QStringLiteral("_"));
    if (underscore != result.end()) {
        const QJsonValue txHash = underscore.value();
        result.erase(underscore);
        result.insert(QStringLiteral("txHash"), txHash);
    }
    const auto identityIt = result.find(QStringLiteral("identity"));
    if (identityIt != result.end() && identityIt->isObject()) {
        QJsonObject identity = identityIt->toObject();
        for (const QString& key :
             {QStringLiteral("image"), QStringLiteral("logo"), QStringLiteral("banner")}) {
            const QJsonValue value = identity.value(key);
            if (value.isString() && !value.toString().isEmpty())
                identity.insert(key, displayableImage(value.toString()));
        }
        *identityIt = identity;
    }
    return result;
}

} // namespace tokenpass::server
