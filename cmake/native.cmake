# Native build: the command-line tool, the Catch2 tests and the benchmark.
option(NEUROSTEP_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(NEUROSTEP_FUZZ "Also build the libFuzzer targets of tests/fuzz (clang only)" OFF)

add_library(neurostep_warnings INTERFACE)
target_compile_options(neurostep_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)

if(NEUROSTEP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

add_executable(neurostep cpp/cli/main.cpp)
target_link_libraries(neurostep PRIVATE neurostep_core neurostep_warnings)
# Where `neurostep train --dataset digits` finds the image sets scripts/build.sh makes
# (NEUROSTEP_DATASETS overrides it).
set(NEUROSTEP_DATASET_DIR ${CMAKE_CURRENT_SOURCE_DIR}/build/datasets)
target_compile_definitions(neurostep PRIVATE NEUROSTEP_DATASET_DIR="${NEUROSTEP_DATASET_DIR}")

# Converts Debian's image files into NeuroStep image sets (scripts/build.sh).
add_executable(neurostep_pack cpp/cli/pack_main.cpp)
target_link_libraries(neurostep_pack PRIVATE neurostep_core neurostep_warnings)

add_executable(neurostep_bench bench/engine_bench.cpp)
target_link_libraries(neurostep_bench PRIVATE neurostep_core neurostep_warnings)

find_package(Catch2 2 REQUIRED)
include(CTest)
include(Catch)
file(GLOB NEUROSTEP_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/cpp/*.cpp)
add_executable(neurostep_tests ${NEUROSTEP_TEST_SOURCES})
target_link_libraries(neurostep_tests PRIVATE neurostep_core neurostep_warnings Catch2::Catch2)
target_compile_definitions(neurostep_tests PRIVATE NEUROSTEP_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
                                                   NEUROSTEP_DATASET_DIR="${NEUROSTEP_DATASET_DIR}")
catch_discover_tests(neurostep_tests)
# Training on the real image sets (scripts/build.sh makes them): hidden from the default run (and
# from the sanitizer run), each its own ctest test with the label "images", so `ctest -j2` runs
# them side by side; `ctest -L images` runs only them.
foreach(set digits fashion_mnist)
  add_test(NAME images_${set} COMMAND neurostep_tests "[${set}]")
  set_tests_properties(images_${set} PROPERTIES LABELS images)
endforeach()
add_test(NAME images_cli_digits
         COMMAND ${CMAKE_COMMAND} -DNEUROSTEP=$<TARGET_FILE:neurostep> -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}
                 -DWORK=${CMAKE_CURRENT_BINARY_DIR}/cli_images -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/cpp/cli_images.cmake)
set_tests_properties(images_cli_digits PROPERTIES LABELS images)

if(NEUROSTEP_FUZZ)
  include(cmake/fuzz.cmake)
endif()
