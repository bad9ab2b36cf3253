// Where the Teach diagram puts things so that nothing overlaps: the columns (as the Play
// diagram's computeLayout places them), which neurons of a wide layer are drawn (the focused
// one and its neighbours), how much room each gap leaves for the numbers beside the neurons,
// and column names short enough for their column.
import { computeLayout } from '../components/diagram-layout';

/** Room above the columns: the layer's name, its activation, and the caption of its numbers. */
export const HEAD_SPACE = 50;
/** Room on the right for the loss node and its value. */
export const LOSS_SPACE = 110;
/** Room left of the inputs for their values. */
export const INPUT_LABEL_SPACE = 64;
/** Room under the columns for "N hidden". */
const FOOT_SPACE = 36;
/** The smallest distance between two drawn neurons of a column. */
const MIN_PITCH = 19;
/** Width of a character of the diagram's numbers (10.5 px monospace) and names (11 px sans). */
export const DIGIT_WIDTH = 6.4;
const NAME_WIDTH = 6.3;

export interface TeachColumn {
  x: number;
  units: number;
  /** The first unit drawn; units first .. first + shown - 1 are drawn, at ys. */
  first: number;
  shown: number;
  ys: number[];
}

export interface TeachLayout {
  columns: TeachColumn[];
  node: number;
  width: number;
  height: number;
  lossX: number;
  lossY: number;
}

/**
 * The layout for layers of `widths` units, with focus[c] the unit of column c to keep in view
 * (a wide column draws a window of its units around it).
 */
export function teachLayout(widths: number[], width: number, height: number, focus: number[]): TeachLayout {
  const inner = Math.max(80, height - HEAD_SPACE - FOOT_SPACE);
  const slots = Math.max(3, Math.min(16, Math.floor(inner / MIN_PITCH) + 1));
  const capped = widths.map((w) => Math.min(w, slots));
  // A narrow diagram (a phone) gives the inputs' values and the loss node less room, the gaps more.
  const lossSpace = Math.min(LOSS_SPACE, Math.max(52, width * 0.22));
  const inputSpace = Math.min(INPUT_LABEL_SPACE, Math.max(44, width * 0.15));
  const base = computeLayout(capped, Math.max(120, width - lossSpace), inner, inputSpace, 8);
  const columns = base.columns.map((col, c) => {
    const units = widths[c];
    const shown = capped[c];
    const f = Math.min(Math.max(0, focus[c] ?? 0), units - 1);
    const first = units > shown ? Math.min(Math.max(0, f - Math.floor(shown / 2)), units - shown) : 0;
    return { x: col.x, units, first, shown, ys: col.ys.map((y) => y + HEAD_SPACE) };
  });
  const last = columns[columns.length - 1];
  const lossY = (last.ys[0] + last.ys[last.shown - 1]) / 2;
  return { columns, node: base.node, width, height, lossX: width - 22, lossY };
}

/**
 * The width free for numbers beside column c, on its left or right: up to the next column's
 * neurons (or the loss node, or the diagram's edge), less a margin on each side.
 */
export function valueRoom(layout: TeachLayout, c: number, side: 'left' | 'right'): number {
  const cols = layout.columns, half = layout.node / 2;
  if (side === 'left') return c === 0 ? cols[0].x - half - 6 : cols[c].x - half - (cols[c - 1].x + half) - 10;
  const end = c === cols.length - 1 ? layout.lossX - 16 : cols[c + 1].x - half;
  return end - (cols[c].x + half) - 10;
}

/** A text's width in Latin characters: a CJK character is about as wide as two. */
export function textUnits(s: string): number {
  let units = 0;
  for (const ch of s) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return units;
}

/** The names above column c that fit its share of the width: [name, activation], shortened or left out when they do not. */
export function headLines(room: number, full: [string, string], short: [string, string]): [string, string | null] {
  const fits = (s: string) => textUnits(s) * NAME_WIDTH <= room;
  const title = fits(full[0]) ? full[0] : short[0];
  const sub = fits(full[1]) ? full[1] : fits(short[1]) ? short[1] : null;
  return [title, sub];
}

/** The width of column c's share of the top row (half the distance to each neighbour). */
export function headRoom(layout: TeachLayout, c: number): number {
  const cols = layout.columns;
  const left = c === 0 ? cols[0].x * 2 : cols[c].x - cols[c - 1].x;
  // The last column shares the row with "Loss" (about 26 px wide, centred on the loss node).
  const right = c === cols.length - 1 ? (layout.lossX - 20 - cols[c].x) * 2 : cols[c + 1].x - cols[c].x;
  return Math.min(left, right) - 6;
}
