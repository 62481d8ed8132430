# The layer check (docs/ARCHITECTURE.md "Layers"): every #include "…" in core/, server/, ui/ and
# app/ must point to a layer its own layer may use. Run as a test (tests/CMakeLists.txt):
#
#     cmake -DSOURCE_DIR=<tree> -P cmake/CheckLayers.cmake
#
# Fails naming each file and include that breaks a rule. An include is resolved the way the
# compiler does: next to the file first, then in the include roots (the file's own, then core/,
# server/, ui/, app/); what exists in none of them (Qt, generated files) is not ours and is skipped.

cmake_minimum_required(VERSION 3.21)

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<source tree> -P CheckLayers.cmake")
endif()

# Who may include whom. A layer is core/<folder>, or "core" for the files directly in core/
# (Result.h, Clock.h), or server, ui, app. The bottom of the core is listed exactly, so a new
# back-edge fails; a core folder not listed here (a new one) may use all of the core, as migrate
# does. Nothing in the core may reach server, ui or app.
set(core_bottom core core/crypto core/fs core/platform)
set(allowed_core core)
set(allowed_core/crypto core core/crypto core/platform)   # platform: LockedPages under SecureBytes
set(allowed_core/fs core core/fs core/platform)
set(allowed_core/platform ${core_bottom})
set(allowed_core/store ${core_bottom} core/store)
set(allowed_core/wallet ${core_bottom} core/wallet)
set(allowed_core/access ${core_bottom} core/store core/access)
set(allowed_server CORE server)
set(allowed_ui CORE ui)
set(allowed_cli CORE cli)   # the command line and MCP bridge: HTTP client code over the core
set(allowed_app CORE server ui app cli)

function(layer_of relative out)
    if(relative MATCHES "^core/([^/]+)/")
        set(${out} "core/${CMAKE_MATCH_1}" PARENT_SCOPE)
    elseif(relative MATCHES "^core/")
        set(${out} "core" PARENT_SCOPE)
    elseif(relative MATCHES "^(server|ui|app|cli)/")
        set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
    else()
        set(${out} "" PARENT_SCOPE)
    endif()
endfunction()

# The file an include names, relative to SOURCE_DIR, or "" when it is not one of ours.
function(resolve_include from_dir own_root include out)
    foreach(dir IN ITEMS "${from_dir}" "${own_root}" core server ui app cli)
        if(dir STREQUAL "")
            continue()
        endif()
        if(EXISTS "${SOURCE_DIR}/${dir}/${include}" AND NOT IS_DIRECTORY "${SOURCE_DIR}/${dir}/${include}")
            cmake_path(SET found NORMALIZE "${dir}/${include}")
            set(${out} "${found}" PARENT_SCOPE)
            return()
        endif()
    endforeach()
    set(${out} "" PARENT_SCOPE)
endfunction()

function(may_include from to out)
    if(NOT DEFINED allowed_${from})
        # A core folder the table does not list: all of the core, nothing above it.
        set(rule CORE)
    else()
        set(rule ${allowed_${from}})
    endif()
    if(to IN_LIST rule OR (to MATCHES "^core(/|$)" AND "CORE" IN_LIST rule))
        set(${out} TRUE PARENT_SCOPE)
    else()
        set(${out} FALSE PARENT_SCOPE)
    endif()
endfunction()

file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
    "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.mm"
    "${SOURCE_DIR}/server/*.h" "${SOURCE_DIR}/server/*.cpp"
    "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp"
    "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp"
    "${SOURCE_DIR}/cli/*.h" "${SOURCE_DIR}/cli/*.cpp")
list(SORT sources)

set(violations 0)
set(checked 0)
foreach(source IN LISTS sources)
    layer_of("${source}" from)
    if(from STREQUAL "")
        continue()
    endif()
    get_filename_component(from_dir "${source}" DIRECTORY)
    string(REGEX MATCH "^[^/]+" own_root "${source}")
    if(own_root STREQUAL "core")
        set(own_root "")
    endif()
    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*$" "\\1" include "${line}")
        resolve_include("${from_dir}" "${own_root}" "${include}" target)
        if(target STREQUAL "")
            continue()
        endif()
        math(EXPR checked "${checked} + 1")
        layer_of("${target}" to)
        may_include("${from}" "${to}" ok)
        if(NOT ok)
            if(DEFINED allowed_${from})
                string(REPLACE ";" ", " may "${allowed_${from}}")
            else()
                set(may "CORE")
            endif()
            string(REPLACE "CORE" "all of core" may "${may}")
            message("${source}: #include \"${include}\" (${to}): ${from} may include only ${may}")
            math(EXPR violations "${violations} + 1")
        endif()
    endforeach()
endforeach()

if(violations GREATER 0)
    message(FATAL_ERROR "${violations} include(s) break the layer rules (cmake/CheckLayers.cmake, "
                        "docs/ARCHITECTURE.md). Move the code to the layer it belongs to instead of "
                        "widening the rule.")
endif()
message("Layer check: ${checked} includes in ${SOURCE_DIR} follow the layer rules")
