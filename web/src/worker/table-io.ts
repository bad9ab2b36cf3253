// Reading a table as people have them (ns.readTable, cpp/core/csv_table.hpp): the delimiter,
// header, describing lines, text columns, missing values. The page's import dialog shows what
// the engine decided (its notices), the task the target calls for and whether to scale; the
// dataset goes back with them, and nothing is kept here until the page uses it (configure).
import type { NeuroStep } from '../engine/neurostep';
import type { TableRead, TableReadOptions } from './table-protocol';

/** Rows of the table the dialog shows. */
export const PREVIEW_ROWS = 6;

export function readTable(ns: NeuroStep, text: string, o: TableReadOptions): TableRead {
  const target = o.target.trim();
  const read = ns.readTable(text, {
    delimiter: o.delimiter,
    header: o.header,
    skipLines: o.skipLines,
    missing: o.missing,
    // A column by its name or its number (1 is the first); none: the last column.
    targetColumns: target === '' ? [] : [target],
  });
  const d = read.dataset;
  const preview: number[][] = [];
  for (let r = 0; r < Math.min(PREVIEW_ROWS, d.rows); ++r)
    preview.push([...d.x.subarray(r * d.features, (r + 1) * d.features), ...d.y.subarray(r * d.targets, (r + 1) * d.targets)]);
  return { dataset: d, notices: read.notices, delimiter: read.delimiter, header: read.header, task: ns.pickTask(d), advice: ns.adviseScaling(d).recommended, preview };
}
