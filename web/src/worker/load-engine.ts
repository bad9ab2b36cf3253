// Loading the engine inside a module worker.
import { fail } from '../i18n/engine';
import type { loadNeuroStep, NeuroStep } from '../engine/neurostep';

/** `wasmBase` is the address of the folder with neurostep.js and neurostep.wasm. */
export async function loadEngine(load: typeof loadNeuroStep, wasmBase: string): Promise<NeuroStep> {
  const [glue, binary] = await Promise.all([fetchOk(wasmBase + 'neurostep.js', 'text'), fetchOk(wasmBase + 'neurostep.wasm', 'arrayBuffer')]);
  // The Emscripten script defines createNeuroStepModule as a classic script would; a module
  // worker has no importScripts, so it is evaluated as a function body.
  const factory = new Function(`${glue as string}\nreturn createNeuroStepModule;`)();
  return load(factory, { wasmBinary: new Uint8Array(binary as ArrayBuffer) });
}

async function fetchOk(url: string, as: 'text' | 'arrayBuffer'): Promise<string | ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) fail('worker.fetchFailed', { url, status: response.status });
  return as === 'text' ? response.text() : response.arrayBuffer();
}
