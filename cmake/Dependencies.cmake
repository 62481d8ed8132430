# Every third-party dependency is found here, once, as an imported target.
# On Debian bookworm these come from: qt6-base-dev
# libsqlite3-dev libsecp256k1-dev qtkeychain-qt6-dev libssl-dev libgtest-dev pkg-config.

set(TOKENPASS_QT_MIN_VERSION 6.4)
find_package(Qt6 ${TOKENPASS_QT_MIN_VERSION} REQUIRED COMPONENTS
    Core Gui Widgets Network Concurrent Test)
qt_standard_project_setup()

# SQLite through its C API (core/store/SqlConnection.h), not Qt SQL and its driver plugin.
find_package(SQLite3 REQUIRED)

find_package(OpenSSL 3.0 REQUIRED)

find_package(PkgConfig REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)

find_package(Qt6Keychain REQUIRED)

if(TOKENPASS_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()

if(TOKENPASS_BUILD_BENCH)
    find_package(benchmark QUIET)
    if(NOT benchmark_FOUND)
        message(STATUS "Google Benchmark not found: benchmarks are skipped")
        set(TOKENPASS_BUILD_BENCH OFF)
    endif()
endif()
