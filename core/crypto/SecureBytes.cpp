#include "crypto/SecureBytes.h"

#include "crypto/SecureArena.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace tokenpass::crypto {

namespace {
// Locked, dump-excluded pages when there is room (SecureArena), else the heap.
std::uint8_t* allocateZeroed(std::size_t size)
{
    return SecureArena::allocate(size);
}

void wipeAndFree(std::uint8_t* p, std::size_t size)
{
    if (!p)
        return;
    OPENSSL_cleanse(p, size);
    SecureArena::release(p, size);
}
} // namespace

SecureBytes::SecureBytes(std::size_t size) : m_data(allocateZeroed(size)), m_size(size), m_capacity(size) {}

SecureBytes::SecureBytes(QByteArrayView bytes)
    : SecureBytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), std::size_t(bytes.size()))
{}

SecureBytes::SecureBytes(const std::uint8_t* data, std::size_t size) : SecureBytes(size)
{
    if (size)
        std::memcpy(m_data, data, size);
}

SecureBytes::~SecureBytes()
{
    clear();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_capacity(std::exchange(other.m_capacity, 0))
{}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
    }
    return *this;
}

SecureBytes SecureBytes::takeFrom(QByteArray& bytes)
{
    SecureBytes out{QByteArrayView(bytes)};
    if (!bytes.isDetached()) {
        // Another QByteArray still shares these bytes; wiping them would corrupt it.
        bytes.clear();
        return out;
    }
    OPENSSL_cleanse(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
    return out;
}

void SecureBytes::wipeShared(const QByteArray& bytes)
{
    // fromRawData has no header: its bytes belong to someone else, possibly read-only.
    if (bytes.isEmpty() || !const_cast<QByteArray&>(bytes).data_ptr().d_ptr())
        return;
    OPENSSL_cleanse(const_cast<char*>(bytes.constData()), std::size_t(bytes.size()));
}

void SecureBytes::wipe(void* data, std::size_t size)
{
    if (data && size)
        OPENSSL_cleanse(data, size);
}

SecureBytes SecureBytes::clone() const
{
    return SecureBytes(m_data, m_size);
}

QByteArray SecureBytes::toByteArrayUnsafe() const
{
    return QByteArray(reinterpret_cast<const char*>(m_data), qsizetype(m_size));
}

void SecureBytes::resize(std::size_t size)
{
    if (size <= m_capacity) {
        if (size < m_size)
            OPENSSL_cleanse(m_data + size, m_size - size);
        m_size = size;
        return;
    }
    reallocate(size);
    m_size = size;
}

void SecureBytes::reallocate(std::size_t capacity)
{
    std::uint8_t* fresh = allocateZeroed(capacity);
    if (m_size && capacity)
        std::memcpy(fresh, m_data, std::min(capacity, m_size));
    wipeAndFree(m_data, m_capacity);
    m_data = fresh;
    m_capacity = capacity;
}

void SecureBytes::clear()
{
    wipeAndFree(m_data, m_capacity);
    m_data = nullptr;
    m_size = 0;
    m_capacity = 0;
}

void SecureBytes::append(QByteArrayView bytes)
{
    const std::size_t oldSize = m_size;
    const std::size_t newSize = m_size + std::size_t(bytes.size());
    // Grows geometrically, so building a JSON text byte by byte does not copy it each time.
    if (newSize > m_capacity)
        reallocate(std::max(newSize, m_capacity * 2));
    m_size = newSize;
    if (!bytes.isEmpty())
        std::memcpy(m_data + oldSize, bytes.data(), std::size_t(bytes.size()));
}

bool SecureBytes::equals(QByteArrayView other) const
{
    if (std::size_t(other.size()) != m_size)
        return false;
    return m_size == 0 || CRYPTO_memcmp(m_data, other.data(), m_size) == 0;
}

} // namespace tokenpass::crypto
