#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tokenpass {

// Why an operation failed, for callers that must act on the kind of failure (an HTTP status, a
// rollback, a notice) rather than on its wording. The text in Result::error() stays the message
// shown to people and clients; never compare it to decide anything.
enum class Failure
{
    Other,
    DiskFull,         // ENOSPC/EDQUOT or SQLITE_FULL: nothing was changed
    StorageError,     // any other failed write or read of our files: nothing was changed
    InvalidPassword,  // the password does not open the wallet (or the backup being imported)
    WalletDamaged,    // the wallet file cannot be read, whatever the password
    WalletExists,     // a wallet file is already there; nothing was replaced
    InvalidMnemonic,  // the recovery words are not a valid BIP39 phrase
    NoRecoveryWords,  // the wallet file keeps no recovery words (TokenPass Desktop v0.0.7/v0.0.8)
    PasswordTooShort, // a new password shorter than Wallet::kMinPasswordLength
    WalletLocked,     // the operation needs the unlocked wallet
};

// A value or a human-readable error. Core functions that can fail on outside input return this
// instead of throwing, so a bad request can never take the process down.
template <typename T> class [[nodiscard]] Result
{
public:
    static Result ok(T value) { return Result(OkTag{}, std::move(value)); }
    static Result fail(QString error, Failure why = Failure::Other)
    {
        Result r(FailTag{}, std::move(error));
        r.m_failure = why;
        return r;
    }
    // Passes another result's failure on, message and kind alike.
    template <typename U> static Result failFrom(const Result<U>& other)
    {
        return fail(other.error(), other.failure());
    }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }

    T& value() & { return *m_value; }
    const T& value() const& { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    T& operator*() & { return *m_value; }
    const T& operator*() const& { return *m_value; }

    const QString& error() const { return m_error; }
    Failure failure() const { return m_failure; }

private:
    struct OkTag
    {
    };
    struct FailTag
    {
    };
    Result(OkTag, T value) : m_value(std::move(value)) {}
    Result(FailTag, QString error) : m_error(std::move(error)) {}

    std::optional<T> m_value;
    QString m_error;
    Failure m_failure = Failure::Other;
};

} // namespace tokenpass
