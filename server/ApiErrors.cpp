#include "ApiErrors.h"

#include "JsonWriter.h"

#include <optional>

namespace tokenpass::server::errors {

namespace {

enum class SuccessField
{
    None,
    False
};

struct Entry
{
    ApiError error;
    int status;
    const char* message;
    int code; // -1: no "code" field
    SuccessField success;
};

// API.md: decision list, §1.4, §1.6, §2.3–§2.19.
constexpr Entry kTable[] = {
    {ApiError::MisdirectedRequest, 421, "Misdirected request", -1, SuccessField::None},
    {ApiError::PayloadTooLarge, 413, "Request body too large", -1, SuccessField::False},
    {ApiError::InvalidJson, 400, "Invalid JSON body", -1, SuccessField::False},
    {ApiError::OriginNotAllowed, 403, "Origin not allowed", -1, SuccessField::False},
    {ApiError::HostOriginMismatch, 403, "Host does not match the requesting origin", -1, SuccessField::False},
    {ApiError::NotFound, 404, "Not found", -1, SuccessField::None},
    {ApiError::MethodNotAllowed, 405, "Method not allowed", -1, SuccessField::None},
    {ApiError::BetterAuthNotConfigured, 503, "Better Auth not configured - DATABASE_URL not set", -1,
     SuccessField::None},
    {ApiError::FailedToDecryptBody, 400, "Failed to decrypt request body", -1, SuccessField::None},
    {ApiError::MalformedRequest, 400, "Malformed request", -1, SuccessField::False},
    {ApiError::InvalidContentLength, 400, "Invalid Content-Length", -1, SuccessField::False},
    {ApiError::ConflictingContentLength, 400, "Conflicting Content-Length values", -1, SuccessField::False},
    {ApiError::ContentLengthWithTransferEncoding, 400, "Content-Length together with Transfer-Encoding", -1,
     SuccessField::False},
    {ApiError::InvalidTransferEncoding, 400, "Invalid Transfer-Encoding", -1, SuccessField::False},
    {ApiError::MalformedChunkedBody, 400, "Malformed chunked body", -1, SuccessField::False},
    {ApiError::RequestHeadTooLarge, 431, "Request header fields too large", -1, SuccessField::False},
    {ApiError::TooManyHeaderFields, 431, "Too many request header fields", -1, SuccessField::False},
    {ApiError::UnsupportedTransferCoding, 501, "Unsupported transfer coding", -1, SuccessField::False},
    {ApiError::LockedPleaseLogin, 401, "Wallet is locked. Please login first.", 1, SuccessField::False},
    {ApiError::LockedPasswordRequired, 401, "Wallet is locked. Password required to unlock.", 1,
     SuccessField::False},
    {ApiError::NoToken, 401, "Please provide an access token in the Authorization header.", 2,
     SuccessField::False},
    {ApiError::InvalidToken, 401, "Invalid access token.", 3, SuccessField::False},
    {ApiError::TokenExpired, 401, "Access token has expired.", 5, SuccessField::False},
    {ApiError::WaitingForApproval, 401, "Waiting for approval in TokenPass", 1, SuccessField::False},
    {ApiError::DeniedByUser, 403, "Request denied by user", 7, SuccessField::False},
    {ApiError::InvalidPassword, 401, "Invalid password", -1, SuccessField::None},
    {ApiError::InvalidPasswordWithSuccess, 401, "Invalid password", -1, SuccessField::False},
    {ApiError::WalletExists, 409, "Wallet already exists", -1, SuccessField::False},
    {ApiError::PasswordTooShort, 400, "Password must be at least 8 characters", -1, SuccessField::False},
    {ApiError::WalletNotUnlocked, 401, "Wallet not unlocked", -1, SuccessField::None},
    {ApiError::IdentityNotFound, 404, "Identity not found", -1, SuccessField::None},
    {ApiError::IdKeyRequired, 400, "idKey parameter required", -1, SuccessField::None},
    {ApiError::ProfileNotFound, 404, "Profile not found", -1, SuccessField::None},
    {ApiError::FailedToFetchProfile, 500, "Failed to fetch profile", -1, SuccessField::None},
    {ApiError::SyncLocked, 401, "Wallet is locked. Please login first.", -1, SuccessField::None},
    {ApiError::SyncPasswordRequired, 400, "Password is required to import the cloud backup", -1,
     SuccessField::False},
    {ApiError::SyncInvalidPassword, 401, "Invalid password", -1, SuccessField::False},
    {ApiError::SyncNoCloudBackup, 404, "No cloud backup found", -1, SuccessField::False},
    {ApiError::SyncTimeout, 502, "Cloud sync server did not answer in time", -1, SuccessField::False},
    {ApiError::SyncUnreachable, 502, "Cloud sync server unreachable", -1, SuccessField::False},
    {ApiError::SyncBadAnswer, 502, "Cloud sync server sent an unusable answer", -1, SuccessField::False},
    {ApiError::TooManyLogin, 429, "Too many login attempts. Please try again later.", -1, SuccessField::None},
    {ApiError::TooManyRegister, 429, "Too many registration attempts. Please try again later.", -1,
     SuccessField::None},
    {ApiError::TooManyExport, 429, "Too many export attempts. Please try again later.", -1,
     SuccessField::False},
    {ApiError::TooManyAuth, 429, "Too many authentication attempts. Please try again later.", -1,
     SuccessField::False},
};

const Entry& entry(ApiError error)
{
    for (const Entry& e : kTable) {
        if (e.error == error)
            return e;
    }
    Q_UNREACHABLE();
}

} // namespace

QString message(ApiError error)
{
    return QString::fromUtf8(entry(error).message);
}

int status(ApiError error)
{
    return entry(error).status;
}

ApiResponse response(ApiError error)
{
    const Entry& e = entry(error);
    JsonWriter body;
    body.add(u"error", QString::fromUtf8(e.message));
    if (e.code >= 0)
        body.add(u"code", e.code);
    if (e.success == SuccessField::False)
        body.add(u"success", false);
    return ApiResponse::json(e.status, body.toJson());
}

std::optional<ApiResponse> storageFailure(Failure failure, const QString& message)
{
    int status = 0;
    if (failure == Failure::DiskFull)
        status = 507; // RFC 4918 Insufficient Storage
    else if (failure == Failure::StorageError)
        status = 500;
    else
        return std::nullopt;
    JsonWriter body;
    body.add(u"error", message).add(u"success", false);
    return ApiResponse::json(status, body.toJson());
}

ApiResponse missingScopes(const QStringList& scopes)
{
    JsonWriter body;
    body.add(u"error", QStringLiteral("Missing required scopes: ") + scopes.join(QStringLiteral(", ")));
    body.add(u"code", 6);
    body.add(u"success", false);
    return ApiResponse::json(401, body.toJson());
}

ApiResponse tooMany(ApiError error, int retryAfterSeconds)
{
    // §1.4: {"error":…,"retryAfter":n}; the export and auth variants add "success":false.
    const Entry& e = entry(error);
    JsonWriter body;
    body.add(u"error", QString::fromUtf8(e.message));
    body.add(u"retryAfter", retryAfterSeconds);
    if (e.success == SuccessField::False)
        body.add(u"success", false);
    ApiResponse r = ApiResponse::json(429, body.toJson());
    r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds)});
    r.headers.append({QByteArrayLiteral("X-RateLimit-Limit"), QByteArrayLiteral("5")});
    r.headers.append({QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("0")});
    return r;
}

ApiResponse validation(const QString& message, bool withSuccess)
{
    JsonWriter body;
    body.add(u"error", message);
    if (withSuccess)
        body.add(u"success", false);
    return ApiResponse::json(400, body.toJson());
}

ApiResponse failed(int status, const QString& prefixedMessage)
{
    JsonWriter body;
    body.add(u"error", prefixedMessage);
    body.add(u"success", false);
    return ApiResponse::json(status, body.toJson());
}

} // namespace tokenpass::server::errors
