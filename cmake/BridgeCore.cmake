# Compile settings shared by every BridgeCore target, and the one-line test helper.

function(bridgecore_settings target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER QT_NO_FOREACH
        QT_NO_URL_CAST_FROM_STRING)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Werror=switch -Werror=return-type)
endfunction()

# Sanitizers for every target, added to (never replacing) CMAKE_CXX_FLAGS and CXXFLAGS:
# -DBRIDGECORE_SANITIZE=address,undefined (the `asan` and `fuzz` presets). Any finding stops
# the process, so a test that triggers one fails.
set(BRIDGECORE_SANITIZE "" CACHE STRING "Sanitizers for -fsanitize= (empty = none)")
if(BRIDGECORE_SANITIZE)
    add_compile_options(-fsanitize=${BRIDGECORE_SANITIZE} -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${BRIDGECORE_SANITIZE})
    if(BRIDGECORE_SANITIZE MATCHES "undefined")
        # Qt's libraries are not instrumented: their type info is invisible to -fsanitize=vptr.
        add_compile_options(-fno-sanitize=vptr)
    endif()
else()
    # Debian's hardening for what we ship: relocations read-only and bound at load time.
    add_link_options(-Wl,-z,relro -Wl,-z,now)
endif()
# libFuzzer targets under tests/fuzz (clang only); everything they link gets coverage hooks.
option(BRIDGECORE_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(BRIDGECORE_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# bridgecore_add_test(<name> LABEL unit|integration|gui|postgres SOURCES ... [LIBS ...] [TIMEOUT s])
# One executable per tested class; runs with the offscreen platform and asserts on.
function(bridgecore_add_test name)
    cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    bridgecore_settings(${name})
    target_compile_options(${name} PRIVATE -UNDEBUG)
    target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${T_LABEL}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BRIDGECORE_BUILD_DIR=${CMAKE_BINARY_DIR};BRIDGECORE_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
    if(T_LABEL STREQUAL "postgres") # a PostgreSQL-only test: on the test cluster
        set_tests_properties(${name} PROPERTIES
            FIXTURES_REQUIRED PostgresCluster
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BRIDGECORE_BUILD_DIR=${CMAKE_BINARY_DIR};BRIDGECORE_SOURCE_DIR=${CMAKE_SOURCE_DIR};BRIDGECORE_TEST_STORE=postgres;BRIDGECORE_PG_URI=${BRIDGECORE_PG_TEST_URI}")
    endif()
endfunction()

# The throw-away PostgreSQL cluster of the `postgres` tests (tests/support/pg-cluster.sh): one per
# build tree, on a Unix socket in a temp dir (kept short: socket paths are limited to 107 bytes).
string(MD5 _bridgecore_build_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_bridgecore_build_hash}" 0 10 _bridgecore_build_hash)
set(BRIDGECORE_PG_TEST_DIR "/tmp/bridgecore-pg-${_bridgecore_build_hash}" CACHE PATH
    "Directory of the test PostgreSQL cluster")
set(BRIDGECORE_PG_TEST_URI "postgresql://bridgecore@/postgres?host=${BRIDGECORE_PG_TEST_DIR}")

# bridgecore_add_postgres_run(<test>): runs the test executable <test> once more, as <test>_pg with
# label `postgres`, on a fresh database of the test cluster (started once by the PostgresCluster
# fixture and stopped after the last test that needs it).
function(bridgecore_add_postgres_run name)
    add_test(NAME ${name}_pg COMMAND ${name})
    get_test_property(${name} TIMEOUT timeout)
    set_tests_properties(${name}_pg PROPERTIES
        LABELS postgres
        TIMEOUT ${timeout}
        FIXTURES_REQUIRED PostgresCluster
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BRIDGECORE_BUILD_DIR=${CMAKE_BINARY_DIR};BRIDGECORE_SOURCE_DIR=${CMAKE_SOURCE_DIR};BRIDGECORE_TEST_STORE=postgres;BRIDGECORE_PG_URI=${BRIDGECORE_PG_TEST_URI}")
endfunction()

# bridgecore_add_odoo_run(<test>): runs the test executable <test> once more, as <test>_odoo
# (label integration), with BRIDGECORE_TEST_ODOO=1: the test attaches its tenant to the Odoo
# emulator (tests/odoo/odoo_emulator.py), so the same cases run with Odoo as the system of record.
function(bridgecore_add_odoo_run name)
    add_test(NAME ${name}_odoo COMMAND ${name})
    get_test_property(${name} TIMEOUT timeout)
    set_tests_properties(${name}_odoo PROPERTIES
        LABELS integration
        TIMEOUT ${timeout}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BRIDGECORE_BUILD_DIR=${CMAKE_BINARY_DIR};BRIDGECORE_SOURCE_DIR=${CMAKE_SOURCE_DIR};BRIDGECORE_TEST_ODOO=1")
endfunction()

# Development aid: -DBRIDGECORE_PARTS="core/protocol;core/storage;core/engine;tests/unit/engine"
# configures only those folders (and their parents). Empty (the default) configures everything.
set(BRIDGECORE_PARTS "" CACHE STRING "Only configure these folders; empty = all")

# bridgecore_subdirs(<dir>...) adds each listed subfolder. Folders are listed by hand, never
# globbed, and a listed folder without a CMakeLists.txt stops the configure: a test folder that
# went missing must not pass silently.
function(bridgecore_subdirs)
    foreach(dir ${ARGN})
        if(NOT EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
            message(FATAL_ERROR "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt is missing")
        endif()
        file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/${dir})
        set(wanted TRUE)
        if(BRIDGECORE_PARTS)
            set(wanted FALSE)
            foreach(part ${BRIDGECORE_PARTS})
                string(FIND "${part}/" "${rel}/" a)
                string(FIND "${rel}/" "${part}/" b)
                if(a EQUAL 0 OR b EQUAL 0)
                    set(wanted TRUE)
                endif()
            endforeach()
        endif()
        if(wanted)
            add_subdirectory(${dir})
        endif()
    endforeach()
endfunction()
