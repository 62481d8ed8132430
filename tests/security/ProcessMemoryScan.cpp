#include "ProcessMemoryScan.h"

#include <QFile>
#include <QMap>
#include <QStringList>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstring>
#include <sstream>

namespace tokenpass::test {

namespace {

// Larger read-write mappings are reservations, not data: ASan's shadow memory is terabytes.
constexpr quint64 kMaxRegionBytes = quint64(1) << 30;
constexpr qsizetype kChunkBytes = 8 << 20;
// How far before a finding the start of a raw HTTP message is looked for.
constexpr qsizetype kHttpContextBytes = 4096;

QByteArray utf16le(const QByteArray& utf8)
{
    const QString text = QString::fromUtf8(utf8);
    return QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
}

struct Region
{
    quint64 start = 0;
    quint64 end = 0;
    QString name;
};

QList<Region> writableRegions(qint64 pid, QString* error)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    if (!maps.open(QIODevice::ReadOnly)) {
        *error = maps.errorString();
        return {};
    }
    QList<Region> regions;
    for (const QByteArray& line : maps.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 5 || !fields[1].startsWith("rw"))
            continue;
        const QList<QByteArray> range = fields[0].split('-');
        Region r;
        r.start = range.value(0).toULongLong(nullptr, 16);
        r.end = range.value(1).toULongLong(nullptr, 16);
        r.name = fields.size() > 5 ? QString::fromLocal8Bit(fields[5]) : QStringLiteral("[anonymous]");
        if (r.name == QLatin1String("[vvar]") || r.name == QLatin1String("[vsyscall]"))
            continue;
        if (r.end - r.start > kMaxRegionBytes)
            continue;
        regions.append(r);
    }
    return regions;
}

} // namespace

void ProcessMemoryScan::addText(const std::string& label, const QByteArray& utf8)
{
    m_needles.append({label + " (UTF-8)", utf8});
    m_needles.append({label + " (UTF-16)", utf16le(utf8)});
}

void ProcessMemoryScan::addBytes(const std::string& label, const QByteArray& raw)
{
    m_needles.append({label, raw});
}

void ProcessMemoryScan::addWordWindows(const std::string& label, const QByteArray& phrase, int window)
{
    const QList<QByteArray> words = phrase.split(' ');
    for (int first = 0; first + window <= words.size(); ++first) {
        const QByteArray run = words.mid(first, window).join(' ');
        addText(label + " " + std::to_string(first + 1) + "-" + std::to_string(first + window), run);
    }
}

QString ProcessMemoryScan::qtInternalCopy(const QByteArray& memory, qsizetype at)
{
    // A raw HTTP message: header lines ending in a blank line, then the body the secret is in.
    // Qt writes and parses them in pieces, so the request or status line may be in another chunk,
    // and a later message on a reused buffer may have overwritten the start.
    const qsizetype from = std::max<qsizetype>(0, at - kHttpContextBytes);
    const QByteArrayView before(memory.constData() + from, at - from);
    const qsizetype blank = before.lastIndexOf(QByteArrayView("\r\n\r\n"));
    if (blank < 0)
        return {};
    const QByteArrayView headers = before.first(blank);
    const QByteArrayView lastHeaders = headers.last(std::min<qsizetype>(headers.size(), 512));
    if (!lastHeaders.contains(QByteArrayView("\r\nContent-Length: ")))
        return {};
    return lastHeaders.contains(QByteArrayView("\r\nHost: "))
               ? QStringLiteral("a raw request in a Qt socket read buffer (QAbstractSocket/QHttpServer)")
               : QStringLiteral("a raw response in a Qt socket write buffer (QAbstractSocket)");
}

QString ProcessMemoryScan::allowedCopy(const QByteArray& memory, qsizetype at, const QByteArray& needle) const
{
    if (const QString raw = qtInternalCopy(memory, at); !raw.isEmpty())
        return raw;
    for (const QByteArray& body : m_allowedBodies) {
        for (qsizetype k = body.indexOf(needle); k >= 0; k = body.indexOf(needle, k + 1)) {
            if (at - k >= 0 && at - k + body.size() <= memory.size() &&
                QByteArrayView(memory).sliced(at - k, body.size()) == QByteArrayView(body))
                return m_allowedName;
        }
    }
    return {};
}

QList<MemoryFinding> ProcessMemoryScan::scan(qint64 pid, QString* error) const
{
    QList<MemoryFinding> findings;
#ifndef __linux__
    Q_UNUSED(pid);
    *error = QStringLiteral("reading another process's memory is implemented for Linux (/proc) only");
    return findings;
#else
    const QList<Region> regions = writableRegions(pid, error);
    if (regions.isEmpty())
        return findings;
    const int fd = ::open(QStringLiteral("/proc/%1/mem").arg(pid).toLocal8Bit().constData(), O_RDONLY);
    if (fd < 0) {
        *error =
            QStringLiteral("/proc/%1/mem: %2").arg(pid).arg(QString::fromLocal8Bit(std::strerror(errno)));
        return findings;
    }
    qsizetype longest = 0;
    for (const Needle& n : m_needles)
        longest = std::max(longest, n.bytes.size());
    QByteArray memory;
    for (const Region& region : regions) {
        // Chunks overlap by the longest needle, so nothing is missed at a seam; what lies wholly
        // in the overlap was counted with the chunk before.
        qsizetype overlap = 0;
        for (quint64 offset = region.start; offset < region.end;) {
            const qsizetype size = qsizetype(std::min<quint64>(region.end - offset, quint64(kChunkBytes)));
            memory.resize(size);
            const ssize_t got = ::pread(fd, memory.data(), std::size_t(size), off_t(offset));
            if (got <= 0)
                break; // unreadable (guard pages, device memory)
            memory.truncate(qsizetype(got));
            for (const Needle& n : m_needles) {
                for (qsizetype at = memory.indexOf(n.bytes); at >= 0; at = memory.indexOf(n.bytes, at + 1)) {
                    if (at + n.bytes.size() > overlap)
                        findings.append(
                            {n.label, region.name, offset + quint64(at), allowedCopy(memory, at, n.bytes)});
                }
            }
            if (offset + quint64(got) >= region.end)
                break;
            overlap = std::min<qsizetype>(longest, qsizetype(got) - 1);
            offset += quint64(qsizetype(got) - overlap);
        }
    }
    ::close(fd);
    return findings;
#endif
}

std::string describe(const QList<MemoryFinding>& findings)
{
    std::ostringstream out;
    for (const MemoryFinding& f : findings) {
        out << "  " << f.label << " at 0x" << std::hex << f.address << std::dec << " in "
            << f.region.toStdString();
        if (!f.qtCopy.isEmpty())
            out << " — " << f.qtCopy.toStdString();
        out << "\n";
    }
    return out.str();
}

int countLabel(const QList<MemoryFinding>& findings, const std::string& label)
{
    int count = 0;
    for (const MemoryFinding& f : findings)
        count += f.label == label ? 1 : 0;
    return count;
}

} // namespace tokenpass::test
