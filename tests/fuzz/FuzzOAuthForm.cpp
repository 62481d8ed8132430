// The OAuth endpoints' application/x-www-form-urlencoded parser (server/OAuthForm.h), and the
// canonical re-encoding the bitcoin_auth check falls back to (oauth::MemberKeyAuth::canonicalForm).
// Input: the request body.
// Invariants: a body the strict parser accepts has a canonical form, and that form parses to the
// same fields; the canonical form is a fixed point.

#include "FuzzSupport.h"
#include "OAuthForm.h"
#include "oauth/MemberKeyAuth.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tokenpass;
    const QByteArrayView body(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto form = server::parseForm(body);
    const auto canonical = oauth::MemberKeyAuth::canonicalForm(body);
    if (!form)
        return 0;
    if (!canonical)
        fuzz::fail("a body the parser accepts has no canonical form");
    const auto again = server::parseForm(*canonical);
    if (!again || *again != *form)
        fuzz::fail("the canonical form parses to other fields");
    if (oauth::MemberKeyAuth::canonicalForm(*canonical) != canonical)
        fuzz::fail("the canonical form is not a fixed point");
    return 0;
}
