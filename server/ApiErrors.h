#pragma once

#include "ApiTypes.h"
#include "Result.h"

#include <QString>

#include <optional>

namespace tokenpass::server {

// Every error the API answers with, in one table (STYLE.md habit 10). The strings are the exact
// bytes of API.md (§1.4, §1.6, §2.x and the decision list); do not reword them, clients match them.
enum class ApiError
{
    // Guard (API.md decisions 2–4, §1.2)
    MisdirectedRequest,      // 421 {"error":"Misdirected request"}
    PayloadTooLarge,         // 413
    InvalidJson,             // 400 {"error":"Invalid JSON body","success":false}
    OriginNotAllowed,        // 403, password endpoints from a browser (decision 4)
    HostOriginMismatch,      // 403 {"error":"Host does not match the requesting origin","success":false}
    NotFound,                // 404
    MethodNotAllowed,        // 405
    BetterAuthNotConfigured, // 503, /api/auth/* (§1.2)
    FailedToDecryptBody,     // 400, an undecryptable {"ciphertext"} (§1.5)

    // HTTP framing, refused by the connection guard before Qt reads the body (RFC 9112 §2–§7);
    // each closes the connection. API.md names none of these; the wording is ours.
    MalformedRequest,                  // 400, request line or header field syntax
    InvalidContentLength,              // 400, not 1*DIGIT (negative, text, a list)
    ConflictingContentLength,          // 400, two Content-Length values that differ
    ContentLengthWithTransferEncoding, // 400
    InvalidTransferEncoding,           // 400, empty, repeated chunked, or on HTTP/1.0
    MalformedChunkedBody,              // 400, chunk-size line, chunk end or trailer fields
    RequestHeadTooLarge,               // 431, request line and fields over 16 KiB
    TooManyHeaderFields,               // 431
    UnsupportedTransferCoding,         // 501, any coding but chunked

    // Lock and tokens (§2.7, §2.8)
    LockedPleaseLogin,      // 401 code 1
    LockedPasswordRequired, // 401 code 1, POST /api/auth without password
    NoToken,                // 401 code 2
    InvalidToken,           // 401 code 3
    TokenExpired,           // 401 code 5

    // Consent (decision 5)
    WaitingForApproval, // 401 code 1
    DeniedByUser,       // 403 code 7

    // Wallet
    InvalidPassword,            // 401 {"error":"Invalid password"}
    InvalidPasswordWithSuccess, // 401 {"error":"Invalid password","success":false} (auth, export)
    WalletExists,               // 409 (decision 6)
    PasswordTooShort,           // 400 (decision 6)
    WalletNotUnlocked,          // 401 {"error":"Wallet not unlocked"} (identity, §2.15)
    IdentityNotFound,           // 404 {"error":"Identity not found"}

    // Public BAP profile proxy (§2.17)
    IdKeyRequired,        // 400 {"error":"idKey parameter required"}
    ProfileNotFound,      // 404 {"error":"Profile not found"}
    FailedToFetchProfile, // 500 {"error":"Failed to fetch profile"}

    // Cloud sync (§2.19; the upstream failures are ours, API.md names none)
    SyncLocked,           // 401 {"error":"Wallet is locked. Please login first."} (no code)
    SyncPasswordRequired, // 400, pull with replace needs the password to import
    SyncInvalidPassword,  // 401, the cloud backup does not open with the password
    SyncNoCloudBackup,    // 404
    SyncTimeout,          // 502, the sync server did not answer in time
    SyncUnreachable,      // 502
    SyncBadAnswer,        // 502, the sync server answered without a usable backup

    // Rate limits (§1.4)
    TooManyLogin,
    TooManyRegister,
    TooManyExport,
    TooManyAuth,
};

namespace errors {

// The message text alone.
QString message(ApiError error);
int status(ApiError error);

// The complete response for a table entry.
ApiResponse response(ApiError error);

// 401 {"error":"Missing required scopes: sign, encrypt","code":6,"success":false}
ApiResponse missingScopes(const QStringList& scopes);

// 429 with Retry-After and X-RateLimit-* (§1.4).
ApiResponse tooMany(ApiError error, int retryAfterSeconds);

// Validation failure (§1.6): 400 {"error":msg} or {"error":msg,"success":false}.
ApiResponse validation(const QString& message, bool withSuccess);

// {"error":"<prefix><detail>","success":false} with the given status, e.g. 500 "Failed to encrypt: …".
ApiResponse failed(int status, const QString& prefixedMessage);

// A save that failed in the file or database layer (Failure::DiskFull: 507, Failure::StorageError:
// 500), as {"error":<the message, which says nothing was changed>,"success":false}; nullopt for
// every other failure, which the route answers as API.md says. The one place this is decided.
std::optional<ApiResponse> storageFailure(Failure failure, const QString& message);
template <typename T> std::optional<ApiResponse> storageFailure(const Result<T>& result)
{
    return storageFailure(result.failure(), result.error());
}

// Operation prefixes of §2.9–§2.13.
inline constexpr char kFailedAuthToken[] = "Failed to create auth token: ";
inline constexpr char kFailedSignAip[] = "Failed to sign AIP data: ";
inline constexpr char kFailedEncrypt[] = "Failed to encrypt: ";
inline constexpr char kFailedDecrypt[] = "Failed to decrypt: ";
inline constexpr char kFailedFriendKey[] = "Failed to get friend public key: ";

} // namespace errors

} // namespace tokenpass::server
