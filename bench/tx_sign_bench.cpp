// Transaction signing speed (issue 17, TX.md). Targets on the 2-core reference machine:
// sign 1,000 owned inputs × 1,000 outputs (parse excluded, approval excluded) <= 100 ms; the
// per-input cost stays flat from 10 to 1,000 inputs (linear total, because hashPrevouts,
// hashSequence and hashOutputs are computed once); parse 1 MiB of EF <= 10 ms.
//
//   cmake --build build --target tx_sign_bench && build/bench/tx_sign_bench

#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "tx/Parser.h"
#include "tx/Safety.h"
#include "tx/Signer.h"

#include <benchmark/benchmark.h>

using namespace tokenpass;

namespace {

const crypto::PrivateKey& benchKey()
{
    static const crypto::PrivateKey key =
        crypto::PrivateKey::fromHex(u"83dc279e2e8e1b1c7d83c5bddba2e72498ced3cd499b2b2a3a4065b7ef61f2a4")
            .value();
    return key;
}

QByteArray ownP2pkh()
{
    return QByteArray::fromHex("76a914") + crypto::hash160(benchKey().publicKey().compressed()) +
           QByteArray::fromHex("88ac");
}

// `inputs` owned P2PKH inputs of 10,000 sat each, `outputs` P2PKH outputs, fee 100 sat per input.
tx::Transaction makeTx(int inputs, int outputs)
{
    tx::Transaction t;
    const QByteArray script = ownP2pkh();
    for (int i = 0; i < inputs; ++i) {
        tx::TxInput in;
        in.prevout.txid = crypto::sha256(QByteArray::number(i));
        in.prevout.vout = std::uint32_t(i % 3);
        in.source = tx::SourceOutput{10'000, script, tx::SourceOrigin::Ef};
        t.inputs.append(in);
    }
    const std::uint64_t each = (std::uint64_t(inputs) * 9'900) / std::uint64_t(outputs);
    const QByteArray payee = QByteArray::fromHex("76a914197b73c61c204268aacaff44708c273252d1d5e388ac");
    for (int o = 0; o < outputs; ++o)
        t.outputs.append({each, payee});
    return t;
}

tx::SigningPlan planFor(const tx::Transaction& t)
{
    tx::ParsedTransaction parsed;
    parsed.encoding = tx::Encoding::Ef;
    parsed.tx = t;
    tx::Policy policy;
    policy.feeCapSatoshis = tx::kMaxMoney;
    auto plan = tx::checkSafety(std::move(parsed), tx::OwnedKeys({benchKey().publicKey()}), {}, policy);
    if (!plan)
        qFatal("bench plan refused: %s", qPrintable(plan.refusal().sentence));
    return std::move(plan).value();
}

} // namespace

// Signing only (the plan is made once): inputs × outputs.
static void BM_SignInputs(benchmark::State& state)
{
    const int inputs = int(state.range(0));
    const int outputs = int(state.range(1));
    const tx::SigningPlan plan = planFor(makeTx(inputs, outputs));
    const std::vector<const crypto::PrivateKey*> keys{&benchKey()};
    for (auto _ : state)
        benchmark::DoNotOptimize(tx::sign(plan, keys));
    state.counters["per_input"] = benchmark::Counter(
        double(inputs), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert,
        benchmark::Counter::kIs1000);
}
BENCHMARK(BM_SignInputs)
    ->Args({10, 1000})
    ->Args({100, 1000})
    ->Args({1000, 1000})
    ->Unit(benchmark::kMillisecond);

// Everything after the bytes arrive: parse, safety rules, sign (1,000 × 1,000).
static void BM_ParsePlanSign_1000x1000(benchmark::State& state)
{
    const QByteArray ef = makeTx(1000, 1000).toEf();
    const tx::OwnedKeys owned({benchKey().publicKey()});
    tx::Policy policy;
    policy.feeCapSatoshis = tx::kMaxMoney;
    const std::vector<const crypto::PrivateKey*> keys{&benchKey()};
    for (auto _ : state) {
        auto parsed = tx::parse(ef, tx::InputFormat::Ef);
        auto plan = tx::checkSafety(std::move(parsed).value(), owned, {}, policy);
        benchmark::DoNotOptimize(tx::sign(plan.value(), keys));
    }
    state.counters["ef_bytes"] = double(ef.size());
}
BENCHMARK(BM_ParsePlanSign_1000x1000)->Unit(benchmark::kMillisecond);

// 1 MiB of EF: about 4,700 inputs and as many outputs.
static void BM_ParseEf_1MiB(benchmark::State& state)
{
    int n = 1;
    QByteArray ef;
    while (ef.size() < 1024 * 1024) {
        n *= 2;
        ef = makeTx(n, n).toEf();
    }
    // Trim to just over 1 MiB by halving the step back.
    int lo = n / 2, hi = n;
    while (hi - lo > 16) {
        const int mid = (lo + hi) / 2;
        if (makeTx(mid, mid).toEf().size() >= 1024 * 1024)
            hi = mid;
        else
            lo = mid;
    }
    ef = makeTx(hi, hi).toEf();
    for (auto _ : state)
        benchmark::DoNotOptimize(tx::parse(ef, tx::InputFormat::Ef));
    state.counters["ef_bytes"] = double(ef.size());
    state.counters["inputs"] = double(hi);
}
BENCHMARK(BM_ParseEf_1MiB)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
