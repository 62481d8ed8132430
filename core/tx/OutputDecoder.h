#pragma once

#include "tx/OwnedKeys.h"
#include "tx/Transaction.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace tokenpass::tx {

// One data item shown to the person: printable UTF-8 as text, anything else as hex.
struct DataItem
{
    QByteArray bytes;
    bool isText = false;
    QString text;     // when isText
    QString protocol; // "B" or "MAP" when the text is that protocol's prefix address
    // A bare opcode inside OP_RETURN data (not a push); bytes is empty then.
    std::optional<std::uint8_t> opcode;

    QString hex() const;
    // At most `maxChars` characters of the text, or of the hex, with "…" when cut.
    QString preview(int maxChars = 200) const;
};
DataItem dataItem(QByteArrayView bytes);

enum class ScriptKind
{
    P2pkh,           // "p2pkh"
    OpReturn,        // "op_return"
    OpFalseOpReturn, // "op_false_op_return"
    OrdinalP2pkh,    // "ordinal_p2pkh": 1Sat inscription envelope next to a P2PKH
    Unknown,         // "unknown": shown as hex; includes P2PK, even to a wallet key
};
QString toString(ScriptKind kind); // the vectors' names above

struct DecodedScript
{
    ScriptKind kind = ScriptKind::Unknown;
    QString address;                    // P2pkh, OrdinalP2pkh
    QByteArray pubKeyHash;              // P2pkh, OrdinalP2pkh
    QList<DataItem> pushes;             // OpReturn, OpFalseOpReturn
    bool envelopeFirst = false;         // OrdinalP2pkh: envelope before the P2PKH (js-1sat-ord)
    std::optional<QString> contentType; // OrdinalP2pkh
    std::optional<DataItem> content;    // OrdinalP2pkh
    QByteArray script;
    QString scriptHex;
};
DecodedScript decodeScript(QByteArrayView lockingScript);

struct DecodedOutput
{
    qsizetype index = 0;
    std::uint64_t satoshis = 0;
    DecodedScript script;
    // "change (your wallet)": a P2PKH or inscription+P2PKH to an owned key. P2PK is not change.
    bool isChange = false;
};
QList<DecodedOutput> decodeOutputs(const Transaction& tx, const OwnedKeys& keys);

} // namespace tokenpass::tx
