# WebAssembly build (emcmake): cpp/bindings/*.cpp -> web/public/wasm/neurostep.js + neurostep.wasm,
# a factory `createNeuroStepModule` that loads in a page, a worker and Node.
# JavaScript reaches it only through web/src/engine/neurostep.js.
# -msimd128: Eigen 3.4 has no wasm SIMD path, but clang's auto-vectorisation makes the article
# network's float32 training (batch 1) ~1.8x as fast: ~450k -> ~820k samples per CPU-second in
# Node 20 (float64: ~460k -> ~640k).
option(NEUROSTEP_WASM_SIMD "Compile with -msimd128 (auto-vectorisation)" ON)

set(NEUROSTEP_WASM_OUTPUT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/web/public/wasm CACHE PATH "Where neurostep.js and .wasm go")

file(GLOB NEUROSTEP_BINDING_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/cpp/bindings/*.cpp)
add_executable(neurostep_wasm ${NEUROSTEP_BINDING_SOURCES})
target_link_libraries(neurostep_wasm PRIVATE neurostep_core)
set_target_properties(neurostep_wasm PROPERTIES
  OUTPUT_NAME neurostep
  SUFFIX .js
  RUNTIME_OUTPUT_DIRECTORY ${NEUROSTEP_WASM_OUTPUT_DIR})

# -fexceptions: the core reports bad input by throwing neurostep::Error, and every binding
# catches it inside wasm (cpp/bindings/js_values.hpp) so that none unwinds into JavaScript.
# (-fwasm-exceptions measured no faster, and needs the wasm exception-handling proposal.)
set(NEUROSTEP_WASM_COMPILE_OPTIONS -O3 -fexceptions -Wall -Wextra -Wpedantic -Wshadow)
if(NEUROSTEP_WASM_SIMD)
  list(APPEND NEUROSTEP_WASM_COMPILE_OPTIONS -msimd128)
endif()
target_compile_options(neurostep_wasm PRIVATE ${NEUROSTEP_WASM_COMPILE_OPTIONS})

target_link_options(neurostep_wasm PRIVATE
  -O3
  -fexceptions
  --bind
  -sMODULARIZE=1
  -sEXPORT_NAME=createNeuroStepModule
  -sENVIRONMENT=web,worker,node
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=32MB
  -sMAXIMUM_MEMORY=2GB
  -sFILESYSTEM=0
  # A library must not take over Node's process-wide handlers (tests, the TF.js oracle).
  -sNODEJS_CATCH_EXIT=0
  -sNODEJS_CATCH_REJECTION=0
  "SHELL:-s EXPORTED_RUNTIME_METHODS=['stackSave']")

# web/package.json makes .js files ES modules for Node; the Emscripten script is a classic
# script (CommonJS in Node), so its folder says so.
file(WRITE ${CMAKE_BINARY_DIR}/wasm-package.json "{\"type\": \"commonjs\"}\n")
add_custom_command(TARGET neurostep_wasm POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_BINARY_DIR}/wasm-package.json
          ${NEUROSTEP_WASM_OUTPUT_DIR}/package.json)

# The benchmark (bench/engine_bench.cpp) as a Node program, compiled as the module is, so that
# bench/wasm_bench.mjs times the same workloads natively and in WebAssembly:
#   node build/wasm/neurostep_bench.js --json
add_executable(neurostep_bench bench/engine_bench.cpp)
target_link_libraries(neurostep_bench PRIVATE neurostep_core)
target_compile_options(neurostep_bench PRIVATE ${NEUROSTEP_WASM_COMPILE_OPTIONS})
set_target_properties(neurostep_bench PROPERTIES SUFFIX .js)
target_link_options(neurostep_bench PRIVATE -O3 -fexceptions -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=32MB -sMAXIMUM_MEMORY=2GB -sFILESYSTEM=0
  # Synchronous instantiation reads the .wasm with fs (3.1.6 would try fetch() on a path in Node).
  -sWASM_ASYNC_COMPILATION=0)
