#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace tokenpass::crypto {

// A move-only byte buffer for secrets: private keys, seeds, passwords, derived keys.
// The memory is wiped with OPENSSL_cleanse when the buffer is destroyed, reassigned or resized,
// and it is never shared copy-on-write the way QByteArray is. It comes from locked pages that
// stay out of swap and core dumps when the OS allows (SecureArena).
class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);     // zero-filled
    explicit SecureBytes(QByteArrayView bytes); // copies; the caller wipes its own copy
    SecureBytes(const std::uint8_t* data, std::size_t size);
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    // Takes a QByteArray's bytes and wipes the QByteArray (when it is not shared).
    static SecureBytes takeFrom(QByteArray& bytes);
    // Overwrites the bytes in place, in the buffer every implicitly shared copy sees, instead of
    // detaching. For a buffer Qt handed us a shared copy of (a request body), where Qt's own
    // copy is the one to reach; only when nobody reads it any more. Raw data is left alone.
    static void wipeShared(const QByteArray& bytes);
    // Overwrites raw memory that held secret bytes (a socket read buffer), so it cannot be optimised away.
    static void wipe(void* data, std::size_t size);

    // An explicit copy, so duplicating a secret is always visible in the code.
    SecureBytes clone() const;

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    std::uint8_t& operator[](std::size_t i) { return m_data[i]; }
    std::uint8_t operator[](std::size_t i) const { return m_data[i]; }

    QByteArrayView view() const { return QByteArrayView(m_data, qsizetype(m_size)); }

    // Copies the secret into an ordinary QByteArray. Use only at the edge where a secret must
    // leave (an export response), and wipe the copy when done.
    QByteArray toByteArrayUnsafe() const;

    void resize(std::size_t size); // keeps the prefix, wipes what is cut off or moved
    void clear();                  // wipes and frees
    void append(QByteArrayView bytes);

    // Constant-time comparison (CRYPTO_memcmp); different sizes compare unequal.
    bool equals(QByteArrayView other) const;

private:
    void reallocate(std::size_t capacity); // moves the bytes, wipes the old allocation

    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0; // bytes allocated; [m_size, m_capacity) is always zero
};

} // namespace tokenpass::crypto
