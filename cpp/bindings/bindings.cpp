// NeuroStep's WebAssembly module: the only C++ that includes Emscripten. Its bindings are split
// by concern:
//   trainer_bindings.cpp   the trainer handle: configuration, stepping, inspection, prediction
//   model_io_bindings.cpp  creating a trainer from a spec or a model file; spec, optimizer and
//                          model file as JSON
//   data_bindings.cpp      generated datasets, CSV, train/test split
//   export_bindings.cpp    the model as a runnable Keras script
// and share js_values.hpp (no exception reaches JavaScript; conversions). JavaScript uses them
// only through web/src/engine/neurostep.js. This file holds what the tests use to watch memory.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include "bindings/js_values.hpp"

namespace neurostep::js {
namespace {

// The wasm heap's size and the bytes malloc has handed out and not taken back; with the stack
// pointer (the runtime's stackSave, exported for this) they show whether anything leaks.
val memory_stats() {
  val out = val::object();
  out.set("heapSize", static_cast<double>(emscripten_get_heap_size()));
  out.set("allocatedBytes", static_cast<double>(mallinfo().uordblks));
  return out;
}

}  // namespace
}  // namespace neurostep::js

EMSCRIPTEN_BINDINGS(neurostep_runtime) {
  emscripten::function("memory_stats", &neurostep::js::memory_stats);
}
