// The trainer as scripts others run: Keras (cpp/core/keras_export.hpp) and PyTorch
// (cpp/core/pytorch_export.hpp). Both take the same options, read here once: the dataset to
// write into the script (inline up to `inlineLimit` rows, else read from `csvFileName`, which
// writeCsv(dataset) gives), epochs (default 1000), the batch size and shuffle (default the
// trainer's), and whether to set the current weights (default no).
import { boolean, dataset, NeuroStepError, number, object, string, unwrap } from './arguments.js';

/** @typedef {import('./neurostep').Dataset} Dataset */
/** @typedef {import('./neurostep').TrainerState} TrainerState */
/**
 * @typedef {{dataset: Dataset, epochs?: number, batchSize?: number, shuffle?: boolean,
 *   includeWeights?: boolean, csvFileName?: string, inlineLimit?: number}} PyTorchScriptOptions
 * @typedef {PyTorchScriptOptions & {validationSplit?: number}} KerasScriptOptions
 *   validationSplit: the share of the last rows fit holds out (default 0)
 */

/** The options both exports share, checked and with their defaults. @param {unknown} options @param {string} what @param {() => TrainerState} state */
function common(options, what, state) {
  const o = object(options, 'export options');
  if (o.dataset === undefined) throw new NeuroStepError(`${what} needs the dataset to write into the script: {dataset}`);
  const s = o.batchSize === undefined || o.shuffle === undefined ? state() : null;
  return {
    o,
    data: dataset(o.dataset, 'export data'),
    epochs: number(o.epochs ?? 1000, 'epochs'),
    batchSize: number(o.batchSize ?? s?.batchSize, 'batch size'),
    shuffle: boolean(o.shuffle ?? s?.shuffle, 'shuffle'),
    includeWeights: boolean(o.includeWeights ?? false, 'includeWeights'),
    csvFileName: string(o.csvFileName ?? 'data.csv', 'CSV file name'),
    inlineLimit: number(o.inlineLimit ?? 200, 'inline limit'),
  };
}

/**
 * A runnable Keras script: a Sequential of the same layers, compile with the loss and optimizer
 * as they are now, the dataset, fit, and optionally set_weights with the current weights.
 * @param {any} handle @param {() => TrainerState} state @param {KerasScriptOptions} options @returns {string}
 */
export function kerasScript(handle, state, options) {
  const c = common(options, 'exportKeras', state);
  return unwrap(handle.export_keras(c.data, c.epochs, c.batchSize, number(c.o.validationSplit ?? 0, 'validation split'), c.shuffle, c.includeWeights, c.csvFileName, c.inlineLimit));
}

/**
 * A runnable PyTorch script: torch.nn.Sequential of the same layers, the loss as Keras computes
 * it, the optimizer's nearest PyTorch equivalent with a comment where its formula differs, the
 * dataset, a training loop, and optionally the current weights (float32's or float64's digits).
 * @param {any} m @param {any} handle @param {() => TrainerState} state @param {PyTorchScriptOptions} options @returns {string}
 */
export function pytorchScript(m, handle, state, options) {
  const c = common(options, 'exportPyTorch', state);
  return unwrap(m.trainer_export_pytorch(handle, c.data, c.epochs, c.batchSize, c.shuffle, c.includeWeights, c.csvFileName, c.inlineLimit));
}
