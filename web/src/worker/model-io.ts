// The worker's side of sharing, next to the engine: reading a model text without keeping it, and
// Export to Keras: the script (trainer.exportKeras, core/keras_export.hpp) for the data the page
// trains on, and the CSV it reads when the data are too many to write into it. With a test share
// the rows go in as the training rows, then the test rows, and fit's validation_split holds out
// exactly those last rows, as the playground holds out its test rows.
import { fail } from '../i18n/engine';
import type { Dataset, NeuroStep, Trainer } from '../engine/neurostep';
import { CSV_FILE, INLINE_ROWS, type KerasExport, type KerasExportRequest, type ModelInfo } from './protocol';

/** The worker's side of inspectModel: read the model, keep nothing. */
export function inspectModel(ns: NeuroStep, text: string): ModelInfo {
  const t = ns.createTrainer(text);
  try {
    const state = t.state();
    return { spec: t.spec(), precision: t.precision, seed: state.seed, batchSize: state.batchSize };
  } finally {
    t.dispose();
  }
}

export function exportKeras(ns: NeuroStep, trainer: Trainer, split: { train: Dataset; test: Dataset } | null, r: KerasExportRequest): KerasExport {
  if (!split) fail('worker.noData');
  const data = split.test.rows > 0 ? concatRows(split.train, split.test) : split.train;
  const epochs = r.epochs ?? (trainer.state().epochsTrained || 1000);
  const script = trainer.exportKeras({
    dataset: data,
    epochs,
    batchSize: r.batchSize,
    validationSplit: split.test.rows > 0 ? holdOutLast(data.rows, split.test.rows) : 0,
    includeWeights: r.includeWeights,
    csvFileName: CSV_FILE,
    inlineLimit: INLINE_ROWS,
  });
  return { script, csv: ns.writeCsv(data), epochs, rows: data.rows, testRows: split.test.rows, inline: data.rows <= INLINE_ROWS };
}

/**
 * fit()'s validation_split that holds out exactly the last `held` of `n` rows. Keras trains on
 * the first floor(n * (1 - split)) rows; Python's floats are the same doubles as JavaScript's,
 * so the split is nudged here until that product gives n - held.
 */
export function holdOutLast(n: number, held: number): number {
  let v = held / n;
  for (let i = 0; i < 100; ++i) {
    const kept = Math.floor(n * (1 - v));
    if (kept === n - held) return v;
    v *= kept > n - held ? 1 + 1e-15 : 1 - 1e-15;
  }
  fail('modelLoad.noSplit', { held, rows: n });
}

function concatRows(a: Dataset, b: Dataset): Dataset {
  const x = new Float64Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const y = new Float64Array(a.y.length + b.y.length);
  y.set(a.y);
  y.set(b.y, a.y.length);
  return { ...a, rows: a.rows + b.rows, x, y };
}
