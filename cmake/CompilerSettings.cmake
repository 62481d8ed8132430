# Language level, warnings, sanitizers and compiler cache for every TokenPass target.

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    message(STATUS "Using ccache: ${CCACHE_PROGRAM}")
    set(CMAKE_C_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# tokenpass_warnings: an interface target every layer links PRIVATE, so warning flags never
# leak into consumers' compile lines.
add_library(tokenpass_warnings INTERFACE)
if(MSVC)
    target_compile_options(tokenpass_warnings INTERFACE /W4 /permissive-)
else()
    target_compile_options(tokenpass_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                        -Wnon-virtual-dtor -Wformat=2)
endif()
target_compile_definitions(tokenpass_warnings INTERFACE
    QT_NO_KEYWORDS                # Q_EMIT / Q_SIGNALS / Q_SLOTS only
    QT_NO_CAST_FROM_ASCII         # strings are explicit about their encoding
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

option(TOKENPASS_FUZZ "Clang only: libFuzzer coverage on all code (implies TOKENPASS_SANITIZE) and the tests/fuzz targets" OFF)

# Sanitizers and fuzzing (.ci/hardening builds both in one tree; docs/SECURITY.md "Fuzzing").
if(TOKENPASS_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "TOKENPASS_FUZZ needs Clang (libFuzzer); configure with CC=clang CXX=clang++")
    endif()
    set(TOKENPASS_SANITIZE ON)
endif()

if(TOKENPASS_SANITIZE)
    if(MSVC)
        message(FATAL_ERROR "TOKENPASS_SANITIZE is for GCC and Clang")
    endif()
    message(STATUS "Building with AddressSanitizer + UndefinedBehaviorSanitizer")
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # Reports need file:line only; full debug info makes this (slow) build much slower.
        add_compile_options(-gline-tables-only)
    endif()
    add_link_options(-fsanitize=address,undefined)
endif()

if(TOKENPASS_FUZZ)
    message(STATUS "Building with libFuzzer instrumentation (fuzz targets in tests/fuzz)")
    # Every object carries coverage; only the fuzz targets link libFuzzer's main (-fsanitize=fuzzer).
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
