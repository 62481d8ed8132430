#include "crypto/SecureBytes.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace tokenpass::crypto {

namespace {
std::uint8_t* allocateZeroed(std::size_t size)
{
    if (size == 0)
        return nullptr;
    auto* p = new std::uint8_t[size];
    std::memset(p, 0, size);
    return p;
}

void wipeAndFree(std::uint8_t* p, std::size_t size)
{
    if (!p)
        return;
    OPENSSL_cleanse(p, size);
    delete[] p;
}
} // namespace

SecureBytes::SecureBytes(std::size_t size) : m_data(allocateZeroed(size)), m_size(size) {}

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
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
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
    if (size == m_size)
        return;
    std::uint8_t* fresh = allocateZeroed(size);
    if (m_size && size)
        std::memcpy(fresh, m_data, std::min(size, m_size));
    wipeAndFree(m_data, m_size);
    m_data = fresh;
    m_size = size;
}

void SecureBytes::clear()
{
    wipeAndFree(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

void SecureBytes::append(QByteArrayView bytes)
{
    const std::size_t oldSize = m_size;
    resize(m_size + std::size_t(bytes.size()));
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
