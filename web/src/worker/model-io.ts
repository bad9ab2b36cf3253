// The worker's side of sharing, next to the engine: reading a model text without keeping it, and
// Export to Keras: the script (trainer.exportKeras, core/keras_export.hpp) for the data the page
// trains on, and the CSV it reads when the data are too many to write into it. With a test share
// the rows go in as the training rows, then the test rows, and fit's validation_split holds out
// exactly those last rows, as the playground holds out its test rows.
import { fail } from '../i18n/engine';
import type { Dataset, NeuroStep, Trainer } from '../engine/neurostep';
import { CSV_FILE, INLINE_ROWS } from '../shared/constants';
import type { ExportedFiles, KerasExport, KerasExportRequest, ModelInfo, ReadModelFiles } from './protocol';

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

/**
 * The worker's side of readModelFiles: the files read by the engine (ns.readModelFiles), the
 * trainer dropped again. A NeuroStep model file or spec goes back as its own text; anything else
 * as its Keras architecture, with the weights the files held in the model file's layout (the
 * trainer's toJson(), which the page's loading path reads as it reads a saved model's).
 */
export async function readModelFiles(ns: NeuroStep, files: { name: string; bytes: Uint8Array }[]): Promise<ReadModelFiles> {
  const read = await ns.readModelFiles(files);
  try {
    const name = read.files[0];
    const common = { format: read.format, name, files: read.files, notes: read.notes };
    if (!read.architecture) {
      const file = files.find((f) => f.name === name);
      return { ...common, text: new TextDecoder().decode(file?.bytes), weights: null };
    }
    const weights = read.weighted ? (JSON.parse(read.trainer.toJson()).weights as unknown[]) : null;
    return { ...common, text: JSON.stringify(read.architecture), weights };
  } finally {
    read.trainer.dispose();
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

/** Export to PyTorch: the script (trainer.exportPyTorch) trains on the training rows; the test rows stay out. */
export function exportPyTorch(ns: NeuroStep, trainer: Trainer, split: { train: Dataset; test: Dataset } | null, r: KerasExportRequest): KerasExport {
  if (!split) fail('worker.noData');
  const data = split.train;
  const epochs = r.epochs ?? (trainer.state().epochsTrained || 1000);
  const script = trainer.exportPyTorch({ dataset: data, epochs, batchSize: r.batchSize, includeWeights: r.includeWeights, csvFileName: CSV_FILE, inlineLimit: INLINE_ROWS });
  return { script, csv: ns.writeCsv(data), epochs, rows: data.rows, testRows: 0, inline: data.rows <= INLINE_ROWS };
}

/** The current weights as files another framework loads. */
export async function exportModelFiles(trainer: Trainer, format: 'keras' | 'tfjs'): Promise<ExportedFiles> {
  if (format === 'keras')
    return { files: [{ name: 'neurostep-model.keras', bytes: await trainer.exportKerasArchive(), type: 'application/zip' }], notes: ["The optimizer's state is not in the archive: Keras starts it afresh."] };
  const { modelJson, weights } = trainer.exportTfjs();
  return {
    files: [
      { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)), type: 'application/json' },
      { name: 'weights.bin', bytes: weights, type: 'application/octet-stream' },
    ],
    notes: ['A layers-model holds the layers and weights, not the optimizer: tf.loadLayersModel reads it; compile it before training.'],
  };
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
