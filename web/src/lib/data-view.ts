// Page-side helpers for datasets: the plotted rectangle, copies with one change, the points of
// a 2-D set. Shapes only; every generated, parsed or split dataset comes from the engine.
import type { Dataset, View1D, View2D } from './types';

export const GRID_CELLS = 100;
/** Cells per side of each neuron's small heatmap (drawn about 24 px wide): the worker's grid. */
export { NEURON_GRID_CELLS } from '../shared/constants';
export const CURVE_POINTS = 200;

export function column(d: Dataset, feature: number): Float64Array {
  const out = new Float64Array(d.rows);
  for (let r = 0; r < d.rows; ++r) out[r] = d.x[r * d.features + feature];
  return out;
}

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; ++i) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  return [lo, hi];
}

/** A square view around the data with a margin, equal scale on both axes. */
export function view2dFor(d: Dataset): View2D | null {
  if (d.features !== 2) return null;
  const [x0, x1] = range(column(d, 0));
  const [y0, y1] = range(column(d, 1));
  const half = 0.55 * Math.max(x1 - x0, y1 - y0);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half, n: GRID_CELLS };
}

export function view1dFor(d: Dataset): View1D | null {
  if (d.features !== 1 || d.targets !== 1) return null;
  const [x0, x1] = range(column(d, 0));
  const pad = 0.05 * (x1 - x0);
  return { xMin: x0 - pad, xMax: x1 + pad, n: CURVE_POINTS };
}

export function withValue(d: Dataset, row: number, col: number, value: number): Dataset {
  const x = Float64Array.from(d.x), y = Float64Array.from(d.y);
  if (col < d.features) x[row * d.features + col] = value;
  else y[row * d.targets + (col - d.features)] = value;
  return { ...d, x, y };
}

export function withRow(d: Dataset, features: number[], targets: number[]): Dataset {
  const x = new Float64Array(d.x.length + d.features);
  x.set(d.x);
  x.set(features, d.x.length);
  const y = new Float64Array(d.y.length + d.targets);
  y.set(d.y);
  y.set(targets, d.y.length);
  return { ...d, rows: d.rows + 1, x, y };
}

export function withoutRow(d: Dataset, row: number): Dataset {
  const x = new Float64Array(d.x.length - d.features);
  x.set(d.x.subarray(0, row * d.features));
  x.set(d.x.subarray((row + 1) * d.features), row * d.features);
  const y = new Float64Array(d.y.length - d.targets);
  y.set(d.y.subarray(0, row * d.targets));
  y.set(d.y.subarray((row + 1) * d.targets), row * d.targets);
  return { ...d, rows: d.rows - 1, x, y };
}

/** The row of a 2-D dataset nearest to (px, py), or -1 for an empty set. */
export function nearestRow(d: Dataset, px: number, py: number): number {
  let best = -1, bestDistance = Infinity;
  for (let r = 0; r < d.rows; ++r) {
    const dx = d.x[r * d.features] - px, dy = d.x[r * d.features + 1] - py;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = r;
    }
  }
  return best;
}

/** Short, stable number formatting for tables and tooltips. */
export function fmt(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace('-', '−');
  const s = Number(v.toFixed(digits)).toString();
  return s.replace('-', '−');
}

/** Full precision without exponent tricks, for values the user edits. */
export function plain(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(7))) : String(v);
}

const integers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12,345 (one formatter for all: creating one per call is slow). */
export function fmtInt(v: number): string {
  return integers.format(Math.round(v));
}
