#include "tx/Refusal.h"

namespace tokenpass::tx {

QString toString(RefusalCode code)
{
    switch (code) {
    case RefusalCode::MalformedTx:
        return QStringLiteral("MALFORMED_TX");
    case RefusalCode::MissingSourceOutput:
        return QStringLiteral("MISSING_SOURCE_OUTPUT");
    case RefusalCode::BadSighash:
        return QStringLiteral("BAD_SIGHASH");
    case RefusalCode::ValueOutOfRange:
        return QStringLiteral("VALUE_OUT_OF_RANGE");
    case RefusalCode::NegativeFee:
        return QStringLiteral("NEGATIVE_FEE");
    case RefusalCode::FeeTooHigh:
        return QStringLiteral("FEE_TOO_HIGH");
    case RefusalCode::NoSignableInput:
        return QStringLiteral("NO_SIGNABLE_INPUT");
    case RefusalCode::InputNotOwned:
        return QStringLiteral("INPUT_NOT_OWNED");
    case RefusalCode::AmountMismatch:
        return QStringLiteral("AMOUNT_MISMATCH");
    }
    return QStringLiteral("MALFORMED_TX");
}

} // namespace tokenpass::tx
