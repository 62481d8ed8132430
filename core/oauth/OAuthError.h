#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tokenpass::oauth {

// An OAuth error as RFC 6749 §5.2 / RFC 7591 §3.2.2 send it: {"error":code,"error_description":…}
// with an HTTP status. `error` is one of the registered codes (invalid_request, invalid_grant,
// invalid_client_metadata, ...); clients decide on it, so it is exact.
struct OAuthError
{
    QString error;
    QString description;
    int status = 400;
};

// A value or an OAuthError.
template <typename T> class [[nodiscard]] OAuthResult
{
public:
    static OAuthResult ok(T value)
    {
        OAuthResult r;
        r.m_value = std::move(value);
        return r;
    }
    static OAuthResult fail(QString error, QString description, int status = 400)
    {
        OAuthResult r;
        r.m_error = OAuthError{std::move(error), std::move(description), status};
        return r;
    }
    static OAuthResult fail(OAuthError error)
    {
        OAuthResult r;
        r.m_error = std::move(error);
        return r;
    }

    explicit operator bool() const { return m_value.has_value(); }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    const OAuthError& error() const { return m_error; }

private:
    std::optional<T> m_value;
    OAuthError m_error;
};

} // namespace tokenpass::oauth
