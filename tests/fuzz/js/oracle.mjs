// The fuzzer's oracle: what must hold for every input, whatever its bytes. ns.readModelFiles
// either loads the files, and then the trainer trains one step on data that fit it, saves
// (toJson, which the page keeps) and loads back predicting exactly what it predicts, and its
// .keras and TF.js exports (where the model can be exported) load back predicting the same; or
// it refuses them with a NeuroStepError that carries a message id (so that the page can say it
// in its reader's language). Anything else is a finding: another exception (TypeError,
// RangeError, a wasm trap), an error without an id, a result that breaks those promises. A hang
// and memory growth are caught by the worker and the driver around this.
import { NeuroStepError } from '../../../web/src/engine/arguments.js';

/** @typedef {{name: string, bytes: Uint8Array}} ModelFile */
/** @typedef {{outcome: 'loaded', format: string, readMs: number} | {outcome: 'refused', id: string, readMs: number} | {outcome: 'finding', kind: string, message: string, stack?: string}} Verdict */

class Finding extends Error {
  /** @param {string} kind @param {string} message @param {unknown} [cause] */
  constructor(kind, message, cause) {
    super(message);
    this.kind = kind;
    this.cause = cause;
  }
}

/** Whether an error is a refusal the page can say: the engine's error type with an id. @param {unknown} err */
export const isRefusal = (err) => err instanceof NeuroStepError && typeof err.id === 'string' && err.id.length > 0;

/** @param {unknown} err @param {string} during */
function findingOf(err, during) {
  if (err instanceof Finding) return { outcome: 'finding', kind: err.kind, message: err.message, stack: err.cause instanceof Error ? err.cause.stack : err.stack };
  const e = /** @type {any} */ (err);
  const type = isRefusal(err) ? `refusal ${e.id}` : err instanceof NeuroStepError ? 'NeuroStepError without an id' : err instanceof Error ? e.constructor?.name ?? 'Error' : `thrown ${typeof err}`;
  return { outcome: 'finding', kind: `${type} ${during}`, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
}

/** Data that fit the trainer: its input width, and targets its loss takes. @param {any} t */
function dataFor(t) {
  const spec = t.spec();
  const rows = 4;
  const features = spec.input_dim;
  const x = Float64Array.from({ length: rows * features }, (_, i) => Math.sin(i * 0.7));
  const outputs = t.predict(x, rows).data.length / rows;
  const loss = spec.loss;
  const sparse = loss === 'sparse_categorical_crossentropy';
  const targets = sparse ? 1 : outputs;
  const y = new Float64Array(rows * targets);
  for (let i = 0; i < rows; ++i) {
    if (sparse) y[i] = i % outputs;
    else if (loss === 'categorical_crossentropy') y[i * targets + (i % outputs)] = 1;
    else for (let k = 0; k < targets; ++k) y[i * targets + k] = (i + k) % 2;
  }
  return { x, rows, data: { rows, features, targets, x, y } };
}

/** @param {ArrayLike<number>} a @param {ArrayLike<number>} b */
const sameNumbers = (a, b) => a.length === b.length && Array.prototype.every.call(a, (v, i) => Object.is(v, b[i]));

/**
 * A model file the engine wrote must load back and predict as the trainer does.
 * @param {any} ns @param {ModelFile[]} files @param {string} what @param {{x: Float64Array, rows: number}} probe @param {ArrayLike<number>} expected
 */
async function loadsBack(ns, files, what, probe, expected) {
  let read;
  try {
    read = await ns.readModelFiles(files, { seed: 1 });
  } catch (err) {
    throw new Finding(`${what} does not load back`, err instanceof Error ? err.message : String(err), err);
  }
  try {
    const got = read.trainer.predict(probe.x, probe.rows).data;
    if (!sameNumbers(Float32Array.from(got), Float32Array.from(expected))) throw new Finding(`${what} predicts otherwise`, `${Array.from(got).slice(0, 4)} against ${Array.from(expected).slice(0, 4)}`);
  } finally {
    read.trainer.dispose();
  }
}

// The round trips cost time with the model's size (the engine's JSON, h5wasm): a model of more
// parameters than these is saved but not loaded back, or only trained, so that a mutated size
// (units: 4096) does not pass for a hang.
const ROUND_TRIP_PARAMETERS = 50000;
const SAVE_PARAMETERS = 1000000;

/** What is done with a loaded trainer; every step must succeed. @param {any} ns @param {any} t */
async function exercise(ns, t) {
  const probe = dataFor(t);
  t.setData(probe.data);
  t.setBatchSize(probe.rows);
  t.stepBatch();
  const parameters = t.layers().reduce((n, _, l) => n + Object.values(t.layerWeights(l)).reduce((m, w) => m + w.data.length, 0), 0);
  if (parameters > SAVE_PARAMETERS) return;
  const after = t.predict(probe.x, probe.rows).data;
  // Weights at the edge of float32 (which the readers accept) may overflow in one step: the
  // trainer then says it diverged, and what it saves is its matter, not the readers'.
  if (t.state().diverged || !t.layers().every((_, l) => Object.values(t.layerWeights(l)).every((w) => Array.prototype.every.call(w.data, Number.isFinite)))) return;
  const text = t.toJson();
  if (!Array.isArray(JSON.parse(text).weights)) throw new Finding('saved model without weights', 'toJson() has no weights list (the page reads it, web/src/worker/model-io.ts)');
  if (parameters > ROUND_TRIP_PARAMETERS) return;
  const back = ns.createTrainer(text);
  try {
    if (!sameNumbers(back.predict(probe.x, probe.rows).data, after)) throw new Finding('saved model predicts otherwise', 'a trainer made from toJson() predicts otherwise');
  } finally {
    back.dispose();
  }
  // Exports hold float32 values: they are compared where the trainer computes in float32 and its
  // outputs are finite (a step that overflows is the weights' matter, not the readers').
  if (t.precision === 'float32' && Array.prototype.every.call(after, Number.isFinite)) {
    await loadsBack(ns, [{ name: 'roundtrip.keras', bytes: await t.exportKerasArchive() }], 'its .keras export', probe, after);
    let tfjs = null;
    try {
      tfjs = t.exportTfjs();
    } catch (err) {
      if (!isRefusal(err)) throw err;
    }
    if (tfjs)
      await loadsBack(ns, [{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(tfjs.modelJson)) }, { name: 'weights.bin', bytes: tfjs.weights }], 'its TF.js export', probe, after);
  }
}

/**
 * The verdict on one input.
 * @param {any} ns the engine @param {ModelFile[]} files @returns {Promise<Verdict>}
 */
export async function judge(ns, files) {
  let read;
  const started = performance.now();
  try {
    read = await ns.readModelFiles(files, { seed: 1 });
  } catch (err) {
    if (isRefusal(err)) return { outcome: 'refused', id: /** @type {any} */ (err).id, readMs: performance.now() - started };
    return findingOf(err, 'while reading');
  }
  const readMs = performance.now() - started;
  try {
    if (!read.notes.every((n) => typeof n === 'string')) throw new Finding('notes that are not text', JSON.stringify(read.notes));
    await exercise(ns, read.trainer);
    return { outcome: 'loaded', format: read.format, readMs };
  } catch (err) {
    return findingOf(err, 'after loading');
  } finally {
    read.trainer.dispose();
  }
}
