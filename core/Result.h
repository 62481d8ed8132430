#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tokenpass {

// A value or a human-readable error. Core functions that can fail on outside input return this
// instead of throwing, so a bad request can never take the process down.
template <typename T> class [[nodiscard]] Result
{
public:
    static Result ok(T value) { return Result(OkTag{}, std::move(value)); }
    static Result fail(QString error) { return Result(FailTag{}, std::move(error)); }

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
};

} // namespace tokenpass
