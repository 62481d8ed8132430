#include "tx/OutputDecoder.h"

#include "crypto/Encoding.h"

#include <QStringDecoder>

namespace tokenpass::tx {

namespace {

const QString kBPrefix = QStringLiteral("19HxigV4QyBv3tHpQVcUEQyq1pzZVdoAut");
const QString kMapPrefix = QStringLiteral("1PuQa7K62MiKCtssSLKy1kh56WWU7MtUR5");
constexpr std::uint8_t kOpFalse = 0x00, kOpPushData1 = 0x4c, kOpPushData2 = 0x4d, kOpPushData4 = 0x4e;
constexpr std::uint8_t kOp1 = 0x51, kOpIf = 0x63, kOpEndIf = 0x68, kOpReturn = 0x6a;

// Text only if it reads the same to everyone: valid UTF-8 without control, format (bidi
// overrides, zero-width), private-use or unassigned characters. Tab and newlines are allowed.
bool showableText(QByteArrayView bytes, QString& text)
{
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    text = decode(bytes);
    if (decode.hasError())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t c = text[i].isHighSurrogate() && i + 1 < text.size()
                               ? QChar::surrogateToUcs4(text[i], text[i + 1])
                               : char32_t(text[i].unicode());
        if (c > 0xffff)
            ++i;
        if (c == u'\t' || c == u'\n' || c == u'\r')
            continue;
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
            return false;
        default:
            break;
        }
    }
    return true;
}

struct Chunk
{
    std::uint8_t op = 0;
    bool isPush = false;
    QByteArrayView data;
};

// Script chunks; false when a push runs past the end.
bool parseChunks(QByteArrayView s, QList<Chunk>& out)
{
    qsizetype i = 0;
    while (i < s.size()) {
        const std::uint8_t op = std::uint8_t(s[i++]);
        qsizetype len = -1;
        if (op < kOpPushData1) {
            len = op;
        } else if (op == kOpPushData1 || op == kOpPushData2 || op == kOpPushData4) {
            const int width = op == kOpPushData1 ? 1 : op == kOpPushData2 ? 2 : 4;
            if (s.size() - i < width)
                return false;
            std::uint64_t n = 0;
            for (int b = width - 1; b >= 0; --b)
                n = (n << 8) | std::uint8_t(s[i + b]);
            i += width;
            if (n > std::uint64_t(s.size() - i))
                return false;
            len = qsizetype(n);
        }
        if (len < 0) {
            out.append(Chunk{op, false, {}});
            continue;
        }
        if (len > s.size() - i)
            return false;
        out.append(Chunk{op, true, s.sliced(i, len)});
        i += len;
    }
    return true;
}

QList<DataItem> dataPushes(QByteArrayView data)
{
    QList<Chunk> chunks;
    if (!parseChunks(data, chunks))
        return {dataItem(data)}; // garbled pushes: the whole rest as one item, shown as hex
    QList<DataItem> items;
    items.reserve(chunks.size());
    for (const Chunk& c : chunks) {
        if (c.isPush) {
            items.append(dataItem(c.data));
        } else {
            DataItem op;
            op.opcode = c.op;
            items.append(op);
        }
    }
    return items;
}

// OP_FALSE OP_IF "ord" OP_1 <content type> OP_0 <content> OP_ENDIF, exactly.
bool readEnvelope(QByteArrayView env, DecodedScript& out)
{
    QList<Chunk> ch;
    if (!parseChunks(env, ch) || ch.size() != 8)
        return false;
    const bool shape = ch[0].op == kOpFalse && ch[1].op == kOpIf && ch[2].isPush && ch[2].data == "ord" &&
                       ch[3].op == kOp1 && ch[4].isPush && ch[5].op == kOpFalse && ch[6].isPush &&
                       ch[7].op == kOpEndIf;
    if (!shape)
        return false;
    const DataItem type = dataItem(ch[4].data);
    out.contentType = type.isText ? type.text : type.hex();
    out.content = dataItem(ch[6].data);
    return true;
}

} // namespace

QString DataItem::hex() const
{
    return crypto::toHex(bytes);
}

QString DataItem::preview(int maxChars) const
{
    const QString full = isText ? text : hex();
    if (full.size() <= maxChars)
        return full;
    return full.left(maxChars) + QChar(0x2026);
}

DataItem dataItem(QByteArrayView bytes)
{
    DataItem item;
    item.bytes = bytes.toByteArray();
    item.isText = showableText(bytes, item.text);
    if (!item.isText)
        item.text.clear();
    else if (item.text == kBPrefix)
        item.protocol = QStringLiteral("B");
    else if (item.text == kMapPrefix)
        item.protocol = QStringLiteral("MAP");
    return item;
}

QString toString(ScriptKind kind)
{
    switch (kind) {
    case ScriptKind::P2pkh:
        return QStringLiteral("p2pkh");
    case ScriptKind::OpReturn:
        return QStringLiteral("op_return");
    case ScriptKind::OpFalseOpReturn:
        return QStringLiteral("op_false_op_return");
    case ScriptKind::OrdinalP2pkh:
        return QStringLiteral("ordinal_p2pkh");
    case ScriptKind::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

DecodedScript decodeScript(QByteArrayView s)
{
    DecodedScript d;
    d.script = s.toByteArray();
    d.scriptHex = crypto::toHex(s);
    const auto setP2pkh = [&](QByteArrayView pkh) {
        d.pubKeyHash = pkh.toByteArray();
        QByteArray payload(1, '\0');
        payload.append(pkh);
        d.address = crypto::base58CheckEncode(payload);
    };
    if (const QByteArrayView pkh = OwnedKeys::p2pkhHash(s); !pkh.isEmpty()) {
        d.kind = ScriptKind::P2pkh;
        setP2pkh(pkh);
        return d;
    }
    const bool opReturn = !s.isEmpty() && std::uint8_t(s[0]) == kOpReturn;
    const bool safe = s.size() >= 2 && s[0] == 0 && std::uint8_t(s[1]) == kOpReturn;
    if (opReturn || safe) {
        d.kind = safe ? ScriptKind::OpFalseOpReturn : ScriptKind::OpReturn;
        d.pushes = dataPushes(s.sliced(safe ? 2 : 1));
        return d;
    }
    if (s.size() > 25) {
        const QByteArrayView head = s.first(25);
        const QByteArrayView tail = s.last(25);
        DecodedScript ord;
        if (!OwnedKeys::p2pkhHash(tail).isEmpty() && readEnvelope(s.first(s.size() - 25), ord)) {
            ord.envelopeFirst = true;
            setP2pkh(OwnedKeys::p2pkhHash(tail));
        } else if (!OwnedKeys::p2pkhHash(head).isEmpty() && readEnvelope(s.sliced(25), ord)) {
            setP2pkh(OwnedKeys::p2pkhHash(head));
        } else {
            return d;
        }
        d.kind = ScriptKind::OrdinalP2pkh;
        d.envelopeFirst = ord.envelopeFirst;
        d.contentType = ord.contentType;
        d.content = ord.content;
    }
    return d;
}

QList<DecodedOutput> decodeOutputs(const Transaction& tx, const OwnedKeys& keys)
{
    QList<DecodedOutput> out;
    out.reserve(tx.outputs.size());
    for (qsizetype i = 0; i < tx.outputs.size(); ++i) {
        DecodedOutput o;
        o.index = i;
        o.satoshis = tx.outputs[i].satoshis;
        o.script = decodeScript(tx.outputs[i].lockingScript);
        o.isChange = (o.script.kind == ScriptKind::P2pkh || o.script.kind == ScriptKind::OrdinalP2pkh) &&
                     keys.byPubKeyHash(o.script.pubKeyHash) != nullptr;
        out.append(std::move(o));
    }
    return out;
}

} // namespace tokenpass::tx
