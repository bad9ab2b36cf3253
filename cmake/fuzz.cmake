# libFuzzer targets (tests/fuzz/), built with clang when NEUROSTEP_FUZZ is on:
#   CXX=clang++ cmake -S . -B build/fuzz -DNEUROSTEP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
# scripts/fuzz.sh builds and runs them. Each target throws neurostep::Error for bad input and
# catches it; anything else (a sanitizer report, another exception, a hang) stops the fuzzer.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "NEUROSTEP_FUZZ needs clang's libFuzzer: configure with CXX=clang++")
endif()

set(NEUROSTEP_FUZZ_FLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
# Line tables are all a sanitizer's stack trace needs, and build much faster than full -g.
foreach(target fuzz_csv fuzz_model_json fuzz_trainer fuzz_images)
  add_executable(${target} tests/fuzz/${target}.cpp)
  target_link_libraries(${target} PRIVATE neurostep_core neurostep_warnings)
  target_compile_options(${target} PRIVATE ${NEUROSTEP_FUZZ_FLAGS} -fno-omit-frame-pointer -gline-tables-only)
  target_link_options(${target} PRIVATE ${NEUROSTEP_FUZZ_FLAGS})
endforeach()
add_custom_target(fuzz_targets DEPENDS fuzz_csv fuzz_model_json fuzz_trainer fuzz_images)
