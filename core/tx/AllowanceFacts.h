#pragma once

#include "access/Gatekeeper.h"
#include "tx/TransactionView.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace tokenpass::tx {

// The facts the Gatekeeper's spending-allowance rule judges (access::SpendFacts), read from the
// plan that is shown and signed: the net spend ("you spend"), whether each signed input's amount
// is proven (a BEEF parent) or equal to what the wallet signed for that outpoint before
// (`remembered`, the outpoint memory), and whether every signature commits to all outputs.
access::SpendFacts
allowanceFacts(const TransactionView& view,
               const std::function<std::optional<std::uint64_t>(const Outpoint&)>& remembered);

} // namespace tokenpass::tx
