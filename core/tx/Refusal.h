#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace tokenpass::tx {

// Why a transaction is not signed (TX.md §5). The names are the wire codes of the refusal body
// {"success":false,"error":"<sentence>","reason":"<CODE>"}.
enum class RefusalCode
{
    MalformedTx,         // MALFORMED_TX
    MissingSourceOutput, // MISSING_SOURCE_OUTPUT
    BadSighash,          // BAD_SIGHASH
    ValueOutOfRange,     // VALUE_OUT_OF_RANGE
    NegativeFee,         // NEGATIVE_FEE
    FeeTooHigh,          // FEE_TOO_HIGH
    NoSignableInput,     // NO_SIGNABLE_INPUT
    InputNotOwned,       // INPUT_NOT_OWNED
    AmountMismatch,      // AMOUNT_MISMATCH
};

// "MALFORMED_TX", "MISSING_SOURCE_OUTPUT", ...
QString toString(RefusalCode code);

struct Refusal
{
    RefusalCode code = RefusalCode::MalformedTx;
    QString sentence; // one plain sentence for the "error" field
};

inline Refusal refuse(RefusalCode code, QString sentence)
{
    return Refusal{code, std::move(sentence)};
}

// A value, or the refusal that stopped it. Outside input never throws: every failure is a Refusal.
template <typename T> class [[nodiscard]] Checked
{
public:
    Checked(T value) : m_v(std::move(value)) {}
    Checked(Refusal refusal) : m_v(std::move(refusal)) {}

    bool isOk() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return isOk(); }

    T& value() & { return std::get<T>(m_v); }
    const T& value() const& { return std::get<T>(m_v); }
    T&& value() && { return std::get<T>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Refusal& refusal() const { return std::get<Refusal>(m_v); }

private:
    std::variant<T, Refusal> m_v;
};

} // namespace tokenpass::tx
