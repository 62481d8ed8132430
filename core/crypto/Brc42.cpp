#include "crypto/Brc42.h"

#include "crypto/Hash.h"

namespace tokenpass::crypto {

namespace {

const std::uint8_t kCurveOrder[32] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
                                      0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};

// The SDK reduces h mod n, while tweak_add rejects h >= n (CRYPTO.md §4). h < 2^256 < 2n, so one
// conditional subtraction is a full reduction. This only happens with probability ~2^-128, so
// the data-dependent branch reveals nothing in practice.
void reduceModN(SecureBytes& h)
{
    bool geN = true;
    for (std::size_t i = 0; i < 32; ++i) {
        if (h[i] != kCurveOrder[i]) {
            geN = h[i] > kCurveOrder[i];
            break;
        }
    }
    if (!geN)
        return;
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        const int d = int(h[std::size_t(i)]) - int(kCurveOrder[i]) - borrow;
        borrow = d < 0 ? 1 : 0;
        h[std::size_t(i)] = std::uint8_t(d + (borrow ? 256 : 0));
    }
}

} // namespace

Result<SecureBytes> Brc42::invoiceTweak(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                        QByteArrayView invoiceUtf8)
{
    auto shared = ownPrivate.sharedPoint(counterparty);
    if (!shared)
        return Result<SecureBytes>::fail(shared.error());
    // The shared point is the HMAC key and the invoice the message (CRYPTO.md §4).
    SecureBytes h = hmacSha256(shared->view(), invoiceUtf8);
    reduceModN(h);
    return Result<SecureBytes>::ok(std::move(h));
}

Result<PrivateKey> Brc42::childPrivateKeyUtf8(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                              QByteArrayView invoiceUtf8)
{
    auto tweak = invoiceTweak(ownPrivate, counterparty, invoiceUtf8);
    if (!tweak)
        return Result<PrivateKey>::fail(tweak.error());
    return ownPrivate.tweakAdd(tweak->view());
}

Result<PrivateKey> Brc42::childPrivateKey(const PrivateKey& ownPrivate, const PublicKey& counterparty,
                                          QStringView invoiceNumber)
{
    return childPrivateKeyUtf8(ownPrivate, counterparty, invoiceNumber.toUtf8());
}

Result<PublicKey> Brc42::childPublicKeyUtf8(const PublicKey& publicKey, const PrivateKey& counterpartyPrivate,
                                            QByteArrayView invoiceUtf8)
{
    auto tweak = invoiceTweak(counterpartyPrivate, publicKey, invoiceUtf8);
    if (!tweak)
        return Result<PublicKey>::fail(tweak.error());
    return publicKey.tweakAdd(tweak->view());
}

Result<PublicKey> Brc42::childPublicKey(const PublicKey& publicKey, const PrivateKey& counterpartyPrivate,
                                        QStringView invoiceNumber)
{
    return childPublicKeyUtf8(publicKey, counterpartyPrivate, invoiceNumber.toUtf8());
}

PrivateKey Brc42::anyonePrivateKey()
{
    static const QByteArray one = QByteArray(31, '\0') + QByteArray(1, '\x01');
    return PrivateKey::fromBytes(one).value();
}

} // namespace tokenpass::crypto
