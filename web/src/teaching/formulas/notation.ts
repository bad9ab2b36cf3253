// The notation every step's formulas share: what a step's text is, the symbols of the
// derivation (a^{[l]}_j, W^{[l]}_{j,i}, delta, dL/dx) and the TeX layouts of sums and vectors.
import type { Mat } from '../../engine/neurostep';
import { at, idx, N, path } from '../../lib/number-format';
import type { TeachView } from '../../worker/teach-protocol';
import { t } from '../../i18n';
import { LARGEST_KEPT, LONG_SUM } from '../long-sum';

/** Words inside a formula (\\text{...}), in the page's language; TeX's special characters escaped. */
export const words = (key: string, vars?: Record<string, string | number>) => `\\text{${t(key, vars).replace(/[\\{}$&#^_%~]/g, (c) => `\\${c}`)}}`;

export interface FormulaBlock {
  label: string;
  /** Display-mode TeX, one formula per entry. */
  tex: string[];
  /** A sentence under the formulas. */
  note?: string;
}

export interface StepText {
  title: string;
  /** One plain sentence: what happens in this step. */
  lead: string;
  blocks: FormulaBlock[];
}

/** Which neuron, input and sample the numbers are shown for. */
export interface Focus {
  /** Unit of the step's layer (output unit for the loss). */
  j: number;
  /** Input of the step's layer (a unit of the layer below). */
  i: number;
  /** Sample (column) of the batch. */
  s: number;
}

// ---- notation ---------------------------------------------------------------------------------

export const sup = (l: number) => `^{[${l}]}`;
/** The activations of diagram column c (0: the inputs x). */
export const aOf = (c: number) => (c === 0 ? 'x' : `a${sup(c)}`);
/** a^{[2]}_3 as TeX: the superscript and the subscript on one symbol. */
export const comp = (sym: 'a' | 'z' | 'b' | 'x', c: number, k: number) => (sym === 'x' || c === 0 ? `x_{${k + 1}}` : `${sym}${sup(c)}_{${k + 1}}`);
/** W^{[l+1]}_{j+1, i+1}: the weight from input i to neuron j of layer l (0-based). */
export const W = (l: number, j: number, i: number) => `W${sup(l + 1)}_{${j + 1},${i + 1}}`;
/** A partial derivative as ∂L/∂z: as readable as the fraction, half as tall. */
export const dfrac = (num: string, den: string) => `\\partial ${num}/\\partial ${den}`;
export const dL = (den: string) => dfrac('L', den);
export const delta = (l: number, j: number) => `\\delta${sup(l + 1)}_{${j + 1}}`;

// ---- helpers ------------------------------------------------------------------------------------

/**
 * A formula over several lines: lhs = rows[0], then each further row under the "=" (rows
 * that go on a sum start with "+" and are indented).
 */
export function aligned(lhs: string, rows: string[]): string {
  const line = (r: string, k: number) => (k === 0 ? `&= ${r}` : r.startsWith('+') ? `\\\\ &\\quad ${r}` : `\\\\ &${r}`);
  return `\\begin{aligned} ${lhs} ${rows.map(line).join(' ')} \\end{aligned}`;
}


/** Terms joined by +, `perLine` to a line, the first line starting with "="; more than `max` end in "+ ... (n more)". */
export function termLines(terms: string[], perLine = 4, max = LONG_SUM): string[] {
  const shown = terms.slice(0, max);
  const lines: string[] = [];
  for (let k = 0; k < shown.length; k += perLine) {
    const chunk = shown.slice(k, k + perLine).join(' + ');
    lines.push(k === 0 ? `= ${chunk}` : `+ ${chunk}`);
  }
  if (terms.length > max) lines[lines.length - 1] += ` + \\cdots\\ ${words('teach.tex.more', { count: terms.length - max })}`;
  return lines;
}

/**
 * Which terms of a long sum of `count` are written out: the `keep` largest by |size(i)|, in
 * their order (ties: the earlier first). `size` is the engine's term (trainer.forwardTerms).
 */
export function largestTerms(count: number, size: (i: number) => number, keep = LARGEST_KEPT): number[] {
  const all = Array.from({ length: count }, (_, i) => [Math.abs(size(i)), i] as const);
  return all.sort((p, q) => q[0] - p[0] || p[1] - q[1]).slice(0, keep).map(([, i]) => i).sort((p, q) => p - q);
}

/**
 * A long sum (a 784-pixel image's): its largest terms (largestTerms) in their order, then
 * "+ ... (n smaller terms)"; the total beside it is the engine's. A short sum is written whole.
 */
export function largestTermLines(terms: string[], size: (i: number) => number, perLine = 4, max = LONG_SUM, keep = LARGEST_KEPT): string[] {
  if (terms.length <= max) return termLines(terms, perLine, max);
  const order = largestTerms(terms.length, size, keep);
  const lines = termLines(order.map((i) => terms[i]), perLine, max);
  lines[lines.length - 1] += ` + \\cdots\\ ${words('teach.tex.smaller', { count: terms.length - keep })}`;
  return lines;
}

export function rowVector(m: Mat, col: number, base: string, max = 10): string {
  const n = m.rows;
  const items = [];
  for (let k = 0; k < Math.min(n, max); ++k) items.push(N(at(m, k, col), path(base, idx(m, k, col))));
  if (n > max) items.push('\\cdots');
  return `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`;
}

/** Row j of a Mat as a TeX row vector with its sources. */
export function matrixRow(m: Mat, j: number, base: string, max = 10): string {
  const items = [];
  for (let c = 0; c < Math.min(m.cols, max); ++c) items.push(N(at(m, j, c), path(base, idx(m, j, c))));
  if (m.cols > max) items.push('\\cdots');
  return `\\begin{bmatrix} ${items.join(' & ')} \\end{bmatrix}`;
}

export const transposed = (vec: string) => `${vec}^{\\mathsf T}`;

export const isOutputLayer = (v: TeachView, l: number) => l === v.layers.length - 1;

/** A block's label, with "(sample s of the batch's B)" when the batch has more than one row. */
export function numbersLabel(v: TeachView, s: number, key: string, vars: Record<string, number> = {}): string {
  return v.rows.length > 1 ? t(`${key}Sample`, { ...vars, sample: s + 1, count: v.rows.length }) : t(key, vars);
}

