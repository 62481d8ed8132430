#include "tx/AllowanceFacts.h"

namespace tokenpass::tx {

namespace {
constexpr std::uint32_t kBaseTypeMask = 0x1f;
constexpr std::uint32_t kBaseAll = 0x01;
} // namespace

access::SpendFacts
allowanceFacts(const TransactionView& view,
               const std::function<std::optional<std::uint64_t>(const Outpoint&)>& remembered)
{
    access::SpendFacts facts;
    facts.netSpend = view.totals.walletNetSpend;
    facts.amountsVerified = !view.plan.sign.isEmpty();
    facts.outputsCommitted = !view.plan.sign.isEmpty();
    for (const PlannedInput& planned : view.plan.sign) {
        const TxInput& in = view.plan.tx().inputs.at(planned.inputIndex);
        bool known = in.source && in.source->verified();
        if (!known && in.source && remembered) {
            const auto amount = remembered(in.prevout);
            known = amount && *amount == in.source->satoshis;
        }
        facts.amountsVerified = facts.amountsVerified && known;
        // ALL (with or without ANYONECANPAY) fixes every output, change included.
        facts.outputsCommitted = facts.outputsCommitted && (planned.sighash & kBaseTypeMask) == kBaseAll;
    }
    return facts;
}

} // namespace tokenpass::tx
