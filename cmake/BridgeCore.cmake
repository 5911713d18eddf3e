# Compile settings shared by every BridgeCore target, and the one-line test helper.

function(bridgecore_settings target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER QT_NO_FOREACH
        QT_NO_URL_CAST_FROM_STRING)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Werror=switch -Werror=return-type)
endfunction()

# bridgecore_add_test(<name> LABEL unit|integration|gui SOURCES ... [LIBS ...] [TIMEOUT s])
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
endfunction()
