// Speed of the operations behind every API call (issue: crypto core). Targets on the 2-core
// reference machine: BSM sign <= 60 us, host-key derivation <= 120 us, backup decrypt within
// 1.2x of one raw PBKDF2-SHA256 600k (compare BM_RawPbkdf2_600k, and `openssl kdf`).
//
//   cmake --build build --target crypto_bench && build/bench/crypto_bench

#include "crypto/Bsm.h"
#include "crypto/Ecies.h"
#include "crypto/Hash.h"
#include "crypto/Keys.h"
#include "wallet/BackupFile.h"
#include "wallet/BitcoinAuth.h"
#include "wallet/HostKeys.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

using namespace tokenpass;
using namespace tokenpass::crypto;

namespace {
const PrivateKey& benchKey()
{
    static const PrivateKey key =
        PrivateKey::fromHex(u"83dc279e2e8e1b1c7d83c5bddba2e72498ced3cd499b2b2a3a4065b7ef61f2a4").value();
    return key;
}
const QByteArray kMessage = QByteArrayLiteral("Sign this message!");
} // namespace

static void BM_BsmSign(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(Bsm::sign(kMessage, benchKey()));
}
BENCHMARK(BM_BsmSign)->Unit(benchmark::kMicrosecond);

static void BM_BsmVerify(benchmark::State& state)
{
    const QString sig = Bsm::sign(kMessage, benchKey());
    const QString address = benchKey().publicKey().address();
    for (auto _ : state)
        benchmark::DoNotOptimize(Bsm::verify(kMessage, sig, address));
}
BENCHMARK(BM_BsmVerify)->Unit(benchmark::kMicrosecond);

static void BM_HostKeyDerivation(benchmark::State& state)
{
    const wallet::HostKeys hostKeys = wallet::HostKeys::forRootPk(benchKey(), true);
    for (auto _ : state)
        benchmark::DoNotOptimize(hostKeys.hostKey(u"example.com"));
}
BENCHMARK(BM_HostKeyDerivation)->Unit(benchmark::kMicrosecond);

static void BM_Bie1Encrypt(benchmark::State& state)
{
    const PublicKey to = benchKey().publicKey();
    for (auto _ : state)
        benchmark::DoNotOptimize(Ecies::electrumEncrypt(kMessage, to));
}
BENCHMARK(BM_Bie1Encrypt)->Unit(benchmark::kMicrosecond);

static void BM_BitcoinAuthTokenBrc77(benchmark::State& state)
{
    const wallet::BitcoinAuth::Request request{QStringLiteral("/api/test"), QByteArrayLiteral("{\"a\":1}"),
                                               wallet::BitcoinAuth::BodyEncoding::Utf8};
    for (auto _ : state)
        benchmark::DoNotOptimize(wallet::BitcoinAuth::createToken(benchKey(), request));
}
BENCHMARK(BM_BitcoinAuthTokenBrc77)->Unit(benchmark::kMicrosecond);

static void BM_RawPbkdf2_600k(benchmark::State& state)
{
    const QByteArray salt(16, '\x01');
    for (auto _ : state)
        benchmark::DoNotOptimize(pbkdf2Sha256("correct horse battery", salt, 600000, 32));
}
BENCHMARK(BM_RawPbkdf2_600k)->Unit(benchmark::kMillisecond)->Iterations(5);

static void BM_BackupDecrypt600k(benchmark::State& state)
{
    const QByteArray payload = QByteArrayLiteral(
        "{\"ids\":\"x\",\"rootPk\":\"L1e2fKrNufGwhqCnMCvmu4tSaNNk64khduNVXRVwba3wSYygGCoV\","
        "\"label\":\"TokenPass\",\"createdAt\":\"2026-01-01T00:00:00.000Z\"}");
    const QString file = *wallet::BackupFile::encrypt(payload, "correct horse battery");
    for (auto _ : state)
        benchmark::DoNotOptimize(wallet::BackupFile::decrypt(file, "correct horse battery"));
}
BENCHMARK(BM_BackupDecrypt600k)->Unit(benchmark::kMillisecond)->Iterations(5);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
