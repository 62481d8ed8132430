# Proves that cmake/CheckLayers.cmake can fail: it builds a small tree with one back-edge per rule
# the issue named (store -> wallet, fs -> store, core -> server, server -> ui, ui -> server, and
# for the command line cli -> server, server -> cli), runs the check on it, and expects a failure
# that names every file and include. A clean copy of the same tree must pass.
#
#     cmake -DCHECK_SCRIPT=<CheckLayers.cmake> -DWORK_DIR=<scratch dir> -P CheckLayersSelfTest.cmake

cmake_minimum_required(VERSION 3.21)

function(write_tree root)
    file(REMOVE_RECURSE "${root}")
    file(WRITE "${root}/core/Result.h" "#pragma once\n")
    file(WRITE "${root}/core/wallet/Wallet.h" "#pragma once\n#include \"Result.h\"\n")
    file(WRITE "${root}/core/store/Database.h" "#pragma once\n#include <QString>\n")
    file(WRITE "${root}/core/fs/AtomicFile.h" "#pragma once\n#include \"Result.h\"\n")
    file(WRITE "${root}/core/migrate/Import.cpp" "#include \"wallet/Wallet.h\"\n#include \"store/Database.h\"\n")
    file(WRITE "${root}/server/Router.h" "#pragma once\n#include \"store/Database.h\"\n")
    file(WRITE "${root}/ui/Window.h" "#pragma once\n#include \"wallet/Wallet.h\"\n")
    file(WRITE "${root}/cli/HttpClient.h" "#pragma once\n#include \"fs/AtomicFile.h\"\n")
    file(WRITE "${root}/app/main.cpp" "#include \"Router.h\"\n#include \"Window.h\"\n#include \"HttpClient.h\"\n")
endfunction()

function(run_check root out_rc out_text)
    execute_process(COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${root} -P "${CHECK_SCRIPT}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
    set(${out_rc} "${rc}" PARENT_SCOPE)
    set(${out_text} "${text}" PARENT_SCOPE)
endfunction()

set(clean "${WORK_DIR}/clean")
write_tree("${clean}")
run_check("${clean}" rc text)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the check refused a tree without back-edges:\n${text}")
endif()

set(bad "${WORK_DIR}/bad")
write_tree("${bad}")
file(WRITE "${bad}/core/store/Settings.cpp" "#include \"store/Database.h\"\n#include \"wallet/Wallet.h\"\n")
file(WRITE "${bad}/core/fs/AtomicFile.cpp" "#include \"fs/AtomicFile.h\"\n#include \"store/Database.h\"\n")
file(WRITE "${bad}/core/store/Log.cpp" "#  include \"migrate/Import.cpp\"\n")
file(WRITE "${bad}/core/wallet/Wallet.cpp" "#include \"Router.h\"\n")
file(WRITE "${bad}/server/Routes.cpp" "#include \"Router.h\"\n#include \"Window.h\"\n")
file(WRITE "${bad}/ui/Window.cpp" "#include \"Window.h\"\n#include \"Router.h\"\n")
file(WRITE "${bad}/cli/McpBridge.cpp" "#include \"HttpClient.h\"\n#include \"Router.h\"\n")
file(WRITE "${bad}/server/Cli.cpp" "#include \"HttpClient.h\"\n")
run_check("${bad}" rc text)
if(rc EQUAL 0)
    message(FATAL_ERROR "the check passed a tree with back-edges:\n${text}")
endif()
foreach(expected IN ITEMS
        "core/store/Settings.cpp: #include \"wallet/Wallet.h\" (core/wallet)"
        "core/fs/AtomicFile.cpp: #include \"store/Database.h\" (core/store)"
        "core/store/Log.cpp: #include \"migrate/Import.cpp\" (core/migrate)"
        "core/wallet/Wallet.cpp: #include \"Router.h\" (server)"
        "server/Routes.cpp: #include \"Window.h\" (ui)"
        "ui/Window.cpp: #include \"Router.h\" (server)"
        "cli/McpBridge.cpp: #include \"Router.h\" (server)"
        "server/Cli.cpp: #include \"HttpClient.h\" (cli)"
        "8 include(s) break the layer rules")
    string(FIND "${text}" "${expected}" at)
    if(at LESS 0)
        message(FATAL_ERROR "the check's output does not say: ${expected}\n--- output:\n${text}")
    endif()
endforeach()
message("The layer check fails on each back-edge and names it:\n${text}")
