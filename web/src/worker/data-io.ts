// The worker's side of data: a CSV's target columns, and the row an error names.
import { fail } from '../i18n/engine';
import type { Dataset, FullModelSpec as ModelSpec, NeuroStep, Precision, Trainer } from '../engine/neurostep';

/** parseCsv with the last `targets` columns as targets (the first parse counts the columns). */
export function parseCsv(ns: NeuroStep, text: string, targets: number): Dataset {
  const parsed = ns.parseCsv(text, { header: 'auto' });
  if (targets <= 1) return parsed;
  // The last `targets` columns, by 1-based position.
  const columns = parsed.features + parsed.targets;
  if (targets > columns) fail('worker.csvTargets', { targets, count: columns });
  return ns.parseCsv(text, { header: 'auto', targetColumns: Array.from({ length: targets }, (_, i) => columns - targets + 1 + i) });
}

/** The rows with no test share: in their order (splitDataset would shuffle them). */
export function emptyLike(d: Dataset): Dataset {
  return { ...d, rows: 0, x: new Float64Array(0), y: new Float64Array(0) };
}

/**
 * A value the trainer refused in new data split into training and test rows: the message
 * numbers the row within the shuffled split, which the page never showed. The whole data, in
 * the order of the data table (and of an imported CSV's rows), are checked by a throwaway
 * trainer instead, so that the row named is the one to fix. (A model change refused for the
 * data on screen keeps the split's numbering, which the predictions table shows.)
 */
export function inRowOrder(ns: NeuroStep, err: unknown, data: Dataset, source: ModelSpec | string | null, precision: Precision | undefined): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!/^(training|test) data: row \d+/.test(message)) return err;
  if (!source) return err;
  let probe: Trainer | null = null;
  try {
    probe = ns.createTrainer(source, { precision });
    probe.setData(data);
  } catch (inOrder) {
    const text = inOrder instanceof Error ? inOrder.message : String(inOrder);
    if (/^training data: row \d+/.test(text)) return new Error(text.replace(/^training data: /, ''));
  } finally {
    probe?.dispose();
  }
  return err;
}
