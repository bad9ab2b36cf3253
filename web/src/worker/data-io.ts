// The worker's side of data: a CSV's target columns, empty and split-off datasets.
import { fail } from '../i18n/engine';
import type { Dataset, NeuroStep } from '../engine/neurostep';

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

/** The rows as a dataset of their own: without the source rows a split gives them. */
export function ownRows(d: Dataset): Dataset {
  const { sourceRows: _, ...own } = d;
  return own;
}

/** An image set's rows without their pixels (the page's stand-in; the worker keeps the pixels). */
export function labelsOnly(d: Dataset): Dataset {
  return { ...ownRows(d), x: new Float64Array(0) };
}
