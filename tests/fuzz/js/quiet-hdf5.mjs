// The HDF5 library prints a diagnostic trace to stderr for every error it reports (HDF5-DIAG,
// "#000: ... major: ... minor: ..."), which a fuzzer provokes thousands of times a second. Its
// WebAssembly module binds console.error when it loads, so this module, imported before
// h5wasm, leaves those lines out and passes everything else through.
const print = console.error.bind(console);
const DIAG = /^(HDF5-DIAG|\s+#\d{3}:|\s+(major|minor):)/;
console.error = (...args) => {
  if (typeof args[0] === 'string' && DIAG.test(args[0])) return;
  print(...args);
};
